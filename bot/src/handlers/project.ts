import type { Project } from "@naravard/api/contracts";
import { projectCard, projectChoiceCard } from "../cards/views.js";
import { fold } from "../domain/text.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal, listEfforts } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** Efforts whose name contains the query, case- and diacritic-insensitively; an exact name wins outright. */
export function matchEfforts(efforts: readonly Project[], query: string): Project[] {
  const q = fold(query);
  if (!q) return [];
  const matches = efforts.filter((e) => fold(e.name).includes(q));
  const exact = matches.filter((e) => fold(e.name) === q);
  return exact.length === 1 ? exact : matches;
}

/** `projekt [del av namn]` / `project <name>`: the effort's card, a choice when several match, or a hint. */
export const project: CommandHandler = async ({ api, locale, env, args }) => {
  const s = strings(locale).project;
  const query = args.trim().replace(/^["”“']+|["”“']+$/g, "").trim();
  if (!query) return { text: s.askName };
  try {
    const [{ items }, ref] = await Promise.all([listEfforts(api), api.reference()]);
    const matches = matchEfforts(items, query);
    const [only] = matches;
    if (!only) return { text: s.none(query) };
    if (matches.length === 1) return { cards: [projectCard(only, ref, locale, env.links)] };
    return { cards: [projectChoiceCard(query, matches, locale)] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

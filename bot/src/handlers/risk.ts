import type { Risk } from "@naravard/api/contracts";
import { riskCard, riskListCard, RISK_LIST_MAX } from "../cards/riskViews.js";
import { fold } from "../domain/text.js";
import { riskStrings } from "../i18n/riskStrings.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CardActionHandler, CommandHandler } from "./types.js";

/** Risks whose title contains the text (case- and diacritic-insensitive); an exact title wins outright. */
export function matchRisks(all: readonly Risk[], query: string): Risk[] {
  const q = fold(query);
  if (!q) return [];
  const hits = all.filter((r) => fold(r.title).includes(q));
  const exact = hits.filter((r) => fold(r.title) === q);
  return exact.length === 1 ? exact : hits;
}

/** `risk <namn>` / `risk <name>`: one risk's card, a choice when several match, or a hint. */
export const risk: CommandHandler = async ({ api, locale, env, args }) => {
  const t = riskStrings(locale);
  const query = args.trim().replace(/^["”“']+|["”“']+$/g, "").trim();
  if (!query) return { text: t.askName };
  try {
    // A program has tens of risks (one page); the API sorts them by value, so the choice lists the highest first.
    const page = await api.listRisks({ pageSize: 200 });
    const matches = matchRisks(page.items, query);
    const [only] = matches;
    if (!only) return { text: t.none(query) };
    if (matches.length === 1) return { cards: [riskCard(await api.getRisk(only.id), locale, env.links)] };
    const shown = matches.slice(0, RISK_LIST_MAX);
    const more = shown.length < matches.length ? strings(locale).project.tooMany(shown.length, matches.length) : "";
    return { cards: [riskListCard(shown, locale, env.links, { title: t.chooseTitle(query), more, action: "show" })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

/** Card verb `showRisk` (from a list or a choice): the risk's card replaces the list. */
export const showRisk: CardActionHandler = async ({ api, locale, env, args }) => {
  const id = typeof args.riskId === "string" ? args.riskId : "";
  if (!id) return { text: strings(locale).errors.notFound };
  try {
    return { updatedCard: riskCard(await api.getRisk(id), locale, env.links) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

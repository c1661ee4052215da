import { ProjectListQuerySchema, type Project } from "@naravard/api/contracts";
import { projectCard, projectChoiceCard } from "../cards/views.js";
import { fold } from "../domain/text.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** How many hits the bot asks the API for: enough to put name matches first and to offer a choice. */
export const PROJECT_SEARCH_PAGE_SIZE = 50;
/** The longest search text the API takes (a longer one would be refused rather than searched). */
const MAX_QUERY_LENGTH = ProjectListQuerySchema.shape.q.unwrap().maxLength ?? 200;

/**
 * What the person most likely means among the API's hits (which match name, description, parties or project leader):
 * the one effort with exactly that name wins outright, then efforts whose name contains the text, else every hit.
 */
export function rankMatches(hits: readonly Project[], query: string): Project[] {
  const q = fold(query);
  if (!q) return [];
  const named = hits.filter((e) => fold(e.name).includes(q));
  const exact = named.filter((e) => fold(e.name) === q);
  if (exact.length === 1) return exact;
  return named.length > 0 ? named : [...hits];
}

/**
 * `projekt [del av namn]` / `project <name>`: the effort's card, a choice when several match, or a hint. The API
 * searches all efforts (case- and diacritic-insensitively), so an effort is found however large the portfolio is.
 */
export const project: CommandHandler = async ({ api, locale, env, args }) => {
  const s = strings(locale).project;
  const query = args
    .trim()
    .replace(/^["”“']+|["”“']+$/g, "")
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
  if (!query) return { text: s.askName };
  try {
    const [page, ref] = await Promise.all([
      api.listProjects({ q: query, sort: "name", pageSize: PROJECT_SEARCH_PAGE_SIZE }),
      api.reference(),
    ]);
    const matches = rankMatches(page.items, query);
    const [only] = matches;
    if (!only) return { text: s.none(query) };
    if (matches.length === 1) return { cards: [projectCard(only, ref, locale, env.links)] };
    // With more hits than one page, how many match in all is unknown; the card says there are more.
    const total = page.continuationToken ? null : matches.length;
    return { cards: [projectChoiceCard(query, matches, locale, { total })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

import { ApiError, type ApiClient, type Locale, type Project } from "@naravard/api/contracts";
import { strings } from "../i18n/strings.js";
import type { BotReply } from "./types.js";

/** How many efforts the bot reads at most for one answer (pages of 100). The tab shows the rest. */
export const PORTFOLIO_READ_CAP = 500;
const PAGE_SIZE = 100;

/** Reads the portfolio page by page (continuation tokens) up to `cap` efforts. */
export async function listEfforts(api: ApiClient, cap = PORTFOLIO_READ_CAP): Promise<{ items: Project[]; capped: boolean }> {
  const items: Project[] = [];
  let token: string | undefined;
  do {
    const page = await api.listProjects({ pageSize: Math.min(PAGE_SIZE, cap), ...(token ? { continuationToken: token } : {}) });
    items.push(...page.items);
    token = page.continuationToken ?? undefined;
  } while (token && items.length < cap);
  return { items: items.slice(0, cap), capped: Boolean(token) || items.length > cap };
}

/** An API refusal the user should hear about in words (403, 404, 401), or null for anything else. */
export function apiRefusal(err: unknown, locale: Locale): BotReply | null {
  if (!(err instanceof ApiError)) return null;
  const e = strings(locale).errors;
  if (err.status === 403) return { text: err.body.message ? `${e.forbidden} (${err.body.message})` : e.forbidden };
  if (err.status === 404) return { text: e.notFound };
  if (err.status === 401) return { text: e.unauthenticated };
  return null;
}

import { ApiError, type Locale } from "@naravard/api/contracts";
import { strings } from "../i18n/strings.js";
import type { BotReply } from "./types.js";

/** An API refusal the user should hear about in words (403, 404, 401), or null for anything else. */
export function apiRefusal(err: unknown, locale: Locale): BotReply | null {
  if (!(err instanceof ApiError)) return null;
  const e = strings(locale).errors;
  if (err.status === 403) return { text: err.body.message ? `${e.forbidden} (${err.body.message})` : e.forbidden };
  if (err.status === 404) return { text: e.notFound };
  if (err.status === 401) return { text: e.unauthenticated };
  return null;
}

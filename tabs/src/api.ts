/**
 * The tabs talk to the API only through the typed client from the shared contracts. This module
 * adds who is asking (Teams SSO token, or the demo user in local mode) and in which language.
 */
import { ApiError, createApiClient, DEV_USER_HEADER, type ApiClient } from "@naravard/api/contracts";
import { API_BASE_URL } from "./env";
import type { Host } from "./teams/host";
import type { AppLocale, Translate } from "./i18n";

export type { ApiClient };
export { ApiError };

export interface Caller {
  host: Host;
  locale: AppLocale;
  /** Local mode only: the demo user the request acts as. */
  devUser: string | null;
}

/** Who is asking and in which language, as request headers (also for downloads the typed client does not make). */
export async function callerHeaders(caller: Caller): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "Accept-Language": caller.locale };
  if (caller.host.inTeams) headers.Authorization = `Bearer ${await caller.host.getToken()}`;
  if (caller.devUser) headers[DEV_USER_HEADER] = caller.devUser;
  return headers;
}

export function makeApiClient(caller: Caller, fetchImpl?: (input: string, init?: RequestInit) => Promise<Response>): ApiClient {
  return createApiClient({
    baseUrl: API_BASE_URL,
    fetch: fetchImpl,
    headers: () => callerHeaders(caller),
  });
}

/** A message a person can act on, for any error the client throws. */
export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return t("app.error.unauthenticated");
    if (err.status === 403) return err.body.message || t("app.error.forbidden");
    if (err.status === 404) return err.body.message || t("app.error.notFound");
    return err.body.message || `${t("app.error.title")} (HTTP ${err.status})`;
  }
  if (err instanceof TypeError) return t("app.error.network");
  return err instanceof Error && err.message ? err.message : t("app.error.title");
}

export const isStale = (err: unknown): boolean => err instanceof ApiError && err.status === 412;

/** A fresh key per form: the API makes a repeated submit with the same key harmless. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

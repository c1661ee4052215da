/**
 * Retry rules for Bot Connector requests. Pure functions; the sender applies them.
 *
 * Teams asks bots to retry 429 after `Retry-After` (else exponential back-off with jitter) and to retry
 * 412, 502, 503 and 504; we also retry 500 and 408 and network errors, which are transient the same way.
 * 403 means the user blocked or uninstalled the bot: recorded, never retried. 404 means the conversation
 * is gone: recorded as `no_conversation`, not retried. Every other 4xx is our fault: `failed`, not retried.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Back-off for attempt n (n ≥ 1 failed attempts so far) is uniform in [0, min(maxDelayMs, baseDelayMs·2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is cut to it. */
  maxRetryAfterMs: number;
  /** Give up when the next wait would end later than this after the first attempt. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  budgetMs: 240_000,
};

export type StatusClass = "success" | "retry" | "forbidden" | "not_found" | "fail";

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return "success";
  if (RETRYABLE.has(status)) return "retry";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  return "fail";
}

/**
 * `Retry-After` as milliseconds from `nowMs`: either delay-seconds (`"2"`, also `"1.5"`) or an HTTP date.
 * Undefined when absent or unreadable; never negative (a date in the past means "now").
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^-/.test(text)) return undefined;
  // HTTP dates name a weekday or month; refuse bare numbers-with-junk that Date.parse would guess at.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Full-jitter exponential back-off after `failures` failed attempts (1 = after the first). */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * exp);
}

/** The wait before the next attempt: the server's `Retry-After` when it gave one, else back-off. */
export function retryDelay(failures: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(failures, policy, random);
}

/**
 * A `failed` send that may succeed later: the connector's retries ran out on a transient answer (429, 5xx, 412,
 * 408) or on the network (no status). Such a notification is recorded `failed` (the program office sees why) but its
 * queue message is kept and comes back later; only a permanent answer ends it.
 */
export function isTransientFailure(lastStatus: number | undefined): boolean {
  return lastStatus === undefined || classifyStatus(lastStatus) === "retry";
}

/**
 * When a kept message comes back after a failure, by how often it was dequeued: 2, 4, 8 … seconds, at most `capSeconds`
 * (an hour by default), so an outage of any length is waited out without hammering the API or Teams.
 */
export function redeliveryDelaySeconds(dequeueCount: number, baseSeconds = 2, capSeconds = 3600): number {
  return Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, Math.min(dequeueCount, 20) - 1));
}

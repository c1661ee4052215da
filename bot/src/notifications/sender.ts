import {
  ReleaseSignal,
  SlidingWindowLimiter,
  TEAMS_PER_CONVERSATION,
  TEAMS_PER_TENANT,
  acquire,
  withMargin,
  type LimitScope,
  type Ticket,
  type WindowRule,
} from "./rateLimiter.js";
import { DEFAULT_RETRY_POLICY, classifyStatus, parseRetryAfter, retryDelay, type RetryPolicy } from "./retryPolicy.js";

/**
 * Sends one activity to one conversation through the Bot Connector REST API
 * (`POST {serviceUrl}/v3/conversations/{conversationId}/activities`), passing every attempt through the
 * rate limiter first and retrying by `retryPolicy.ts`.
 */

export interface SendTarget {
  serviceUrl: string;
  conversationId: string;
  /** Per-tenant limit scope; conversations without one share `default`. */
  tenantId?: string;
  /** Set to update this earlier activity in place (`PUT …/activities/{activityId}`) instead of sending a new one. */
  activityId?: string;
}

export interface ConnectorActivity {
  type: "message";
  /** The activity being updated (with `SendTarget.activityId`). */
  id?: string;
  attachments?: unknown[];
  text?: string;
  summary?: string;
  locale?: string;
}

export type SendResult =
  | { outcome: "sent"; activityId?: string; attempts: number; lastStatus: number }
  | { outcome: "forbidden" | "no_conversation" | "failed"; attempts: number; lastStatus?: number; lastError: string }
  /** `beforeAttempt` said no (e.g. our claim was lost); nothing more was sent. */
  | { outcome: "abandoned"; attempts: number; lastStatus?: number; lastError: string };

export interface SendOptions {
  /** Called before each attempt, before the rate limiter; may wait (e.g. renew a claim). False stops without sending. */
  beforeAttempt?: () => Promise<boolean>;
  /**
   * Checked right after the rate limiter granted a slot, just before the request. False gives the slot back and
   * goes round `beforeAttempt` again (e.g. the claim ran low during a long rate-limit wait).
   */
  stillValid?: () => boolean;
}

export interface ConnectorSender {
  send(target: SendTarget, activity: ConnectorActivity, options?: SendOptions): Promise<SendResult>;
}

export interface ConnectorSenderOptions {
  /** Bearer token for the Bot Connector (audience https://api.botframework.com); undefined sends none (local Playground). */
  tokenProvider: () => Promise<string | undefined>;
  perConversation?: readonly WindowRule[];
  perTenant?: readonly WindowRule[];
  /** Added to every window, see `withMargin`. Default 5 ms. */
  limiterMarginMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout. Default 30 s. */
  requestTimeoutMs?: number;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Monotonic milliseconds. Default `performance.now()`. */
  clock?: () => number;
  /** Wall clock for HTTP-date `Retry-After`. Default `Date.now()`. */
  wallClock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * Treat each tenant as fully used at start-up (default true): after a restart the previous process's sends of
   * the last second still count at Teams, so the first second after start sends nothing rather than risk 429s.
   */
  assumeBusyAtStart?: boolean;
  /** Every HTTP attempt, for logs and the benchmark. */
  onAttempt?: (event: { conversationId: string; status: number | "network"; attempt: number; waitedMs: number; durationMs: number }) => void;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function createConnectorSender(options: ConnectorSenderOptions): ConnectorSender {
  const clock = options.clock ?? (() => performance.now());
  const wallClock = options.wallClock ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const margin = options.limiterMarginMs ?? 5;
  const perConversation = withMargin(options.perConversation ?? TEAMS_PER_CONVERSATION, margin);
  const perTenant = withMargin(options.perTenant ?? TEAMS_PER_TENANT, margin);
  const limiter = new SlidingWindowLimiter(clock);
  const releases = new ReleaseSignal();
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const createdAt = clock();
  const warmTenants = new Set<string>();

  async function send(target: SendTarget, activity: ConnectorActivity, sendOptions: SendOptions = {}): Promise<SendResult> {
    const base = `${target.serviceUrl.replace(/\/+$/, "")}/v3/conversations/${encodeURIComponent(target.conversationId)}/activities`;
    const url = target.activityId ? `${base}/${encodeURIComponent(target.activityId)}` : base;
    const method = target.activityId ? "PUT" : "POST";
    const scopes: LimitScope[] = [
      { key: `conversation:${target.serviceUrl}|${target.conversationId}`, rules: perConversation },
      { key: `tenant:${target.tenantId ?? "default"}`, rules: perTenant },
    ];
    const tenantScope = scopes[1] as LimitScope;
    if (options.assumeBusyAtStart !== false && !warmTenants.has(tenantScope.key)) {
      warmTenants.add(tenantScope.key);
      limiter.assumeFull(tenantScope, createdAt);
    }
    const body = JSON.stringify(activity);
    const started = clock();
    let lastStatus: number | undefined;
    let lastError = "";
    for (let attempt = 1; ; attempt++) {
      let slot: { ticket: Ticket; waitedMs: number };
      for (;;) {
        if (sendOptions.beforeAttempt && !(await sendOptions.beforeAttempt())) {
          return { outcome: "abandoned", attempts: attempt - 1, lastStatus, lastError: lastError || "claim lost before sending" };
        }
        slot = await acquire(limiter, scopes, sleep, clock, releases);
        if (!sendOptions.stillValid || sendOptions.stillValid()) break;
        limiter.cancel(slot.ticket);
      }
      const { ticket, waitedMs } = slot;
      const t0 = clock();
      let retryAfterMs: number | undefined;
      try {
        // Inside the try: a token service hiccup is retried like a network error.
        const token = await options.tokenProvider();
        const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
        if (token) headers.Authorization = `Bearer ${token}`;
        const res = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        lastStatus = res.status;
        options.onAttempt?.({ conversationId: target.conversationId, status: res.status, attempt, waitedMs, durationMs: clock() - t0 });
        const kind = classifyStatus(res.status);
        if (kind === "success") return { outcome: "sent", activityId: activityIdOf(text) ?? target.activityId, attempts: attempt, lastStatus: res.status };
        lastError = `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ""}`;
        if (kind === "forbidden") return { outcome: "forbidden", attempts: attempt, lastStatus: res.status, lastError };
        if (kind === "not_found") return { outcome: "no_conversation", attempts: attempt, lastStatus: res.status, lastError };
        if (kind === "fail") return { outcome: "failed", attempts: attempt, lastStatus: res.status, lastError };
        retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), wallClock());
      } catch (err) {
        // Network error or timeout. The request may have reached Teams (a timeout after acceptance); retrying
        // is at-least-once here, which is the documented choice (README.md).
        lastError = `network: ${err instanceof Error ? err.message : String(err)}`;
        options.onAttempt?.({ conversationId: target.conversationId, status: "network", attempt, waitedMs, durationMs: clock() - t0 });
      } finally {
        limiter.release(ticket);
        releases.notify();
      }
      if (attempt >= policy.maxAttempts) {
        return { outcome: "failed", attempts: attempt, lastStatus, lastError: `${lastError} (gave up after ${attempt} attempts)` };
      }
      const delay = retryDelay(attempt, retryAfterMs, policy, random);
      if (clock() + delay - started > policy.budgetMs) {
        return { outcome: "failed", attempts: attempt, lastStatus, lastError: `${lastError} (retry budget ${policy.budgetMs} ms spent)` };
      }
      await sleep(delay);
    }
  }

  return { send };
}

function activityIdOf(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && "id" in parsed && typeof parsed.id === "string") return parsed.id;
  } catch {
    return undefined; // a 2xx without a JSON body still means the activity was accepted
  }
  return undefined;
}

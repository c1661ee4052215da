import { systemClock, type Clock } from "../domain/clock.js";
import { silentLogger, type Logger } from "../services/log.js";
import { GRAPH_BASE_URL, GRAPH_FOLDERS, GraphError, retryAfterMs, type GraphFolder, type TokenProvider } from "./graphDelta.js";

/**
 * Graph change notifications on the shared mailbox's Inbox and Sent Items (issue 12): they only cut the timer's
 * delay, the delta reader stays the one way mail is read. One subscription per folder (`changeType: created`),
 * created when none is known, renewed on the `mailboxSync` timer well before it expires, created anew when Graph no
 * longer knows it (404). Graph keeps a subscription on messages at most 4230 minutes; we ask for a little less.
 */
export const SUBSCRIPTION_LIFETIME_MINUTES = 4200;
/** Renewed once less than this is left: a day of timer runs (one a minute) to get it done before it lapses. */
export const RENEW_WHEN_LEFT_MS = 24 * 3_600_000;

/** Graph names the well-known folders this way in a subscription's resource. */
const FOLDER_RESOURCE: Record<GraphFolder, string> = { inbox: "Inbox", sentitems: "SentItems" };

export interface SubscriptionRecord {
  id: string;
  expiresAt: string;
}

/** Where each folder's subscription is kept (production: the Meta table; tests: memory). */
export interface SubscriptionStore {
  get(folder: GraphFolder): Promise<SubscriptionRecord | null>;
  set(folder: GraphFolder, record: SubscriptionRecord): Promise<void>;
}

export function memorySubscriptionStore(): SubscriptionStore & { records: Map<GraphFolder, SubscriptionRecord> } {
  const records = new Map<GraphFolder, SubscriptionRecord>();
  return {
    records,
    get: (folder) => Promise.resolve(records.get(folder) ?? null),
    set: (folder, record) => {
      records.set(folder, record);
      return Promise.resolve();
    },
  };
}

export interface SubscriptionOptions {
  mailbox: string;
  baseUrl?: string;
  getToken: TokenProvider;
  store: SubscriptionStore;
  notificationUrl: string;
  clientState: string;
  clock?: Clock;
  maxAttempts?: number;
  maxWaitMs?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

export type SubscriptionOutcome = "created" | "renewed" | "kept";

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function subscriptionResource(mailbox: string, folder: GraphFolder): string {
  return `users/${mailbox}/mailFolders('${FOLDER_RESOURCE[folder]}')/messages`;
}

/** Creates or renews the subscription of each folder as needed; rejects on faults it cannot wait out. */
export async function ensureSubscriptions(options: SubscriptionOptions): Promise<Record<GraphFolder, SubscriptionOutcome>> {
  const clock = options.clock ?? systemClock;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const logger = options.logger ?? silentLogger;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const base = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, "");
  let token: string | null = null;

  /** One request with the token: a 401 refreshes it once, 429/503/504 are waited out as `Retry-After` says. */
  const send = async (method: "POST" | "PATCH", path: string, body: unknown): Promise<Response> => {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      token ??= await options.getToken();
      const response = await fetchFn(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        // Graph validates the notification URL before answering a create; that takes up to 10 s.
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 60_000),
      });
      if (response.status === 401 && !refreshed) {
        await response.body?.cancel();
        refreshed = true;
        token = await options.getToken({ forceRefresh: true });
        continue;
      }
      if ((response.status === 429 || response.status === 503 || response.status === 504) && attempt < maxAttempts) {
        const wait = retryAfterMs(response.headers.get("retry-after"), attempt);
        await response.body?.cancel();
        if (wait > maxWaitMs) throw new GraphError(response.status, "retryTooLate", `Graph ber om ${wait} ms väntan`);
        logger.warn(`Graph svarade ${response.status} på prenumerationen; väntar ${wait} ms som Retry-After säger`);
        await sleep(wait);
        continue;
      }
      return response;
    }
  };

  const fail = async (response: Response): Promise<never> => {
    let code = "unknown";
    let message = response.statusText;
    try {
      const parsed = (await response.json()) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new GraphError(response.status, code, message);
  };

  const expiry = () => new Date(clock().getTime() + SUBSCRIPTION_LIFETIME_MINUTES * 60_000).toISOString();

  const readRecord = async (response: Response, fallbackId: string): Promise<SubscriptionRecord> => {
    const body = (await response.json()) as { id?: string; expirationDateTime?: string };
    return { id: body.id ?? fallbackId, expiresAt: body.expirationDateTime ?? expiry() };
  };

  const create = async (folder: GraphFolder): Promise<SubscriptionRecord> => {
    const response = await send("POST", "/subscriptions", {
      changeType: "created",
      notificationUrl: options.notificationUrl,
      // The same endpoint takes the lifecycle notifications (missed, subscriptionRemoved, reauthorizationRequired).
      lifecycleNotificationUrl: options.notificationUrl,
      resource: subscriptionResource(options.mailbox, folder),
      expirationDateTime: expiry(),
      clientState: options.clientState,
      latestSupportedTlsVersion: "v1_2",
    });
    if (response.status !== 201) return fail(response);
    return readRecord(response, "");
  };

  const result = {} as Record<GraphFolder, SubscriptionOutcome>;
  for (const folder of GRAPH_FOLDERS) {
    const known = await options.store.get(folder);
    const left = known ? Date.parse(known.expiresAt) - clock().getTime() : -1;
    if (known && Number.isFinite(left) && left > RENEW_WHEN_LEFT_MS) {
      result[folder] = "kept";
      continue;
    }
    if (known && known.id !== "" && Number.isFinite(left) && left > 0) {
      const response = await send("PATCH", `/subscriptions/${encodeURIComponent(known.id)}`, { expirationDateTime: expiry() });
      if (response.ok) {
        await options.store.set(folder, await readRecord(response, known.id));
        result[folder] = "renewed";
        continue;
      }
      // Graph removed it (expired, or deleted by an administrator): a new one, below.
      if (response.status !== 404) return fail(response);
      await response.body?.cancel();
      logger.warn(`Graph kände inte igen prenumerationen på ${folder}; skapar en ny`);
    }
    await options.store.set(folder, await create(folder));
    result[folder] = "created";
  }
  return result;
}

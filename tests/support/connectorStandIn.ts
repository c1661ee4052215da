import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Bot Connector's `POST /v3/conversations/{id}/activities`, on 127.0.0.1 (random port),
 * for the notification tests and the benchmark.
 *
 * It enforces Teams' documented proactive limits on its own (independently of the bot's limiter, so the test
 * is not circular): per conversation 7/s, 8 per 2 s, 60 per 30 s, 1800 per hour; per app per tenant 50
 * requests/s. A request over a limit gets 429 with `Retry-After`. By configuration it also injects faults
 * (random 429 with Retry-After, 500/502/503/504, 412, connection resets) and answers 403 for conversations
 * that blocked or uninstalled the bot, 404 for unknown ones. It records every request and every accepted
 * activity, so a test can check that none was lost, none doubled, and how often a blocked user was tried.
 */

export interface LimitRule {
  limit: number;
  windowMs: number;
}

export const STAND_IN_PER_CONVERSATION: readonly LimitRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];
export const STAND_IN_PER_TENANT: readonly LimitRule[] = [{ limit: 50, windowMs: 1_000 }];

export interface FaultOptions {
  /** Probability of a random 429 (with `Retry-After: retryAfterSeconds`). */
  throttle?: number;
  retryAfterSeconds?: number;
  /** Probability of a 500/502/503/504. */
  serverError?: number;
  /** Probability of a 412. */
  precondition?: number;
  /** Probability of a connection reset before anything is accepted. */
  reset?: number;
}

export interface StandInOptions {
  perConversation?: readonly LimitRule[];
  perTenant?: readonly LimitRule[];
  faults?: FaultOptions;
  /** Conversations that answer 403 (bot blocked or uninstalled). */
  forbidden?: Iterable<string>;
  /** Conversations that answer 404. */
  notFound?: Iterable<string>;
  /** If set, requests must carry `Authorization: Bearer <token>` (else 401). */
  requireToken?: string;
  /** Seed of the fault dice, for a reproducible run. */
  seed?: number;
  /** Delay before answering, to look like a network. Default 0. */
  latencyMs?: number;
}

export type RequestVerdict = "accepted" | "limited" | "throttled" | "server_error" | "precondition" | "reset" | "forbidden" | "not_found" | "unauthorized" | "bad_request";

export interface StandInRequest {
  at: number;
  conversationId: string;
  status: number | "reset";
  verdict: RequestVerdict;
}

export interface AcceptedActivity {
  id: string;
  conversationId: string;
  at: number;
  activity: Record<string, unknown>;
}

export interface ConnectorStandIn {
  /** serviceUrl for conversation references, e.g. `http://127.0.0.1:12345/`. */
  serviceUrl: string;
  requests: StandInRequest[];
  accepted: AcceptedActivity[];
  /** Updates of accepted activities in place (`PUT …/activities/{id}`), oldest first; `id` is the activity updated. */
  updated: AcceptedActivity[];
  requestsFor(conversationId: string): StandInRequest[];
  acceptedFor(conversationId: string): AcceptedActivity[];
  /** Counts per verdict. */
  stats(): Record<RequestVerdict, number> & { total: number };
  /** Add or remove a blocked conversation while running. */
  setForbidden(conversationId: string, forbidden: boolean): void;
  /** While on, every send answers 503, as Teams does during an outage. */
  setOutage(on: boolean): void;
  close(): Promise<void>;
}

/** Small seeded PRNG (mulberry32): same seed, same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Windows {
  private readonly logs = new Map<string, number[]>();
  constructor(private readonly rules: readonly LimitRule[]) {}

  /** Milliseconds until the key may send again, 0 if it may now. */
  blockedFor(key: string, now: number): number {
    const log = this.logs.get(key) ?? [];
    let wait = 0;
    for (const rule of this.rules) {
      const inWindow = log.filter((t) => t > now - rule.windowMs);
      if (inWindow.length >= rule.limit) {
        const oldest = inWindow[inWindow.length - rule.limit] as number;
        wait = Math.max(wait, oldest + rule.windowMs - now);
      }
    }
    return wait;
  }

  add(key: string, now: number): void {
    const longest = Math.max(...this.rules.map((r) => r.windowMs));
    const log = (this.logs.get(key) ?? []).filter((t) => t > now - longest);
    log.push(now);
    this.logs.set(key, log);
  }
}

export async function startConnectorStandIn(options: StandInOptions = {}): Promise<ConnectorStandIn> {
  const conversations = new Windows(options.perConversation ?? STAND_IN_PER_CONVERSATION);
  const tenant = new Windows(options.perTenant ?? STAND_IN_PER_TENANT);
  const forbidden = new Set(options.forbidden ?? []);
  const notFound = new Set(options.notFound ?? []);
  const faults = options.faults ?? {};
  let outage = false;
  const random = seededRandom(options.seed ?? 1);
  const requests: StandInRequest[] = [];
  const accepted: AcceptedActivity[] = [];
  const updated: AcceptedActivity[] = [];
  let nextId = 1;
  const now = () => performance.now();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = (conversationId: string, status: number, verdict: RequestVerdict, body?: unknown, headers: Record<string, string> = {}) => {
        requests.push({ at: now(), conversationId, status, verdict });
        const send = () => {
          res.writeHead(status, { "Content-Type": "application/json", ...headers });
          res.end(body === undefined ? "" : JSON.stringify(body));
        };
        if (options.latencyMs) setTimeout(send, options.latencyMs);
        else send();
      };
      // POST sends a new activity; PUT with an activity id updates one sent before (UpdateActivity).
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(req.url ?? "");
      const updateOf = match?.[2] === undefined ? undefined : decodeURIComponent(match[2]);
      if (!match || (req.method === "POST" && updateOf !== undefined) || (req.method === "PUT" && updateOf === undefined) || (req.method !== "POST" && req.method !== "PUT")) {
        answer("", 404, "bad_request", { error: { code: "NotFound", message: "no such route" } });
        return;
      }
      const conversationId = decodeURIComponent(match[1] as string);
      if (options.requireToken && req.headers.authorization !== `Bearer ${options.requireToken}`) {
        answer(conversationId, 401, "unauthorized", { error: { code: "Unauthorized" } });
        return;
      }
      let activity: Record<string, unknown>;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        answer(conversationId, 400, "bad_request", { error: { code: "BadArgument", message: "body is not JSON" } });
        return;
      }
      if (activity.type !== "message") {
        answer(conversationId, 400, "bad_request", { error: { code: "BadArgument", message: "type must be message" } });
        return;
      }

      const t = now();
      const wait = Math.max(conversations.blockedFor(conversationId, t), tenant.blockedFor("tenant", t));
      if (wait > 0) {
        answer(conversationId, 429, "limited", { error: { code: "Throttled" } }, { "Retry-After": String(Math.max(1, Math.ceil(wait / 1000))) });
        return;
      }
      conversations.add(conversationId, t);
      tenant.add("tenant", t);

      if (outage) {
        answer(conversationId, 503, "server_error", { error: { code: "ServiceUnavailable" } });
        return;
      }
      if (forbidden.has(conversationId)) {
        answer(conversationId, 403, "forbidden", { error: { code: "BotDisabledByAdmin", message: "The bot is blocked or uninstalled" } });
        return;
      }
      if (notFound.has(conversationId)) {
        answer(conversationId, 404, "not_found", { error: { code: "ConversationNotFound" } });
        return;
      }
      let r = random();
      if ((r -= faults.throttle ?? 0) < 0) {
        answer(conversationId, 429, "throttled", { error: { code: "Throttled" } }, { "Retry-After": String(faults.retryAfterSeconds ?? 1) });
        return;
      }
      if ((r -= faults.serverError ?? 0) < 0) {
        const status = [500, 502, 503, 504][Math.floor(random() * 4)] as number;
        answer(conversationId, status, "server_error", { error: { code: "ServiceError" } });
        return;
      }
      if ((r -= faults.precondition ?? 0) < 0) {
        answer(conversationId, 412, "precondition", { error: { code: "PreconditionFailed" } });
        return;
      }
      if ((r -= faults.reset ?? 0) < 0) {
        requests.push({ at: now(), conversationId, status: "reset", verdict: "reset" });
        req.socket.destroy();
        return;
      }
      if (updateOf !== undefined) {
        if (!accepted.some((a) => a.id === updateOf && a.conversationId === conversationId)) {
          answer(conversationId, 404, "not_found", { error: { code: "ActivityNotFound" } });
          return;
        }
        updated.push({ id: updateOf, conversationId, at: now(), activity });
        answer(conversationId, 200, "accepted", { id: updateOf });
        return;
      }
      const id = `1:${nextId++}`;
      accepted.push({ id, conversationId, at: now(), activity });
      answer(conversationId, 201, "accepted", { id });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    accepted,
    updated,
    requestsFor: (id) => requests.filter((r) => r.conversationId === id),
    acceptedFor: (id) => accepted.filter((a) => a.conversationId === id),
    stats() {
      const counts = {
        total: requests.length,
        accepted: 0,
        limited: 0,
        throttled: 0,
        server_error: 0,
        precondition: 0,
        reset: 0,
        forbidden: 0,
        not_found: 0,
        unauthorized: 0,
        bad_request: 0,
      };
      for (const r of requests) counts[r.verdict]++;
      return counts;
    },
    setOutage(on) {
      outage = on;
    },
    setForbidden(id, value) {
      if (value) forbidden.add(id);
      else forbidden.delete(id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

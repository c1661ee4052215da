import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEMO_USERS,
  DEV_USER_HEADER,
  DeliveryClaimInputSchema,
  DeliveryResultInputSchema,
  NotificationTargetSchema,
  type ConversationRef,
  type Delivery,
  type NotificationTarget,
} from "@naravard/api/contracts";

/**
 * An in-process fake of ONLY the three API routes the notification worker calls, with the contract's
 * semantics, served over real HTTP so the bot's typed API client is exercised as in production:
 *
 *   POST /api/bot/conversations/resolve         NotificationTarget → ConversationRef, 404 if none
 *   POST /api/bot/deliveries/{id}/claim         200 Delivery (sending, claimedUntil) | 409 {…, delivery} if sent,
 *                                               forbidden, or leased; failed / no_conversation / expired lease: taken over
 *   PUT  /api/bot/deliveries/{id}               records the outcome
 *
 * Only the bot's identity (`x-dev-user: bot@naravard.test`) is accepted. Used by the notification tests and
 * the benchmark so they do not depend on the whole API; the real API implements the same contract.
 */

export interface FakeBotApi {
  /** e.g. `http://127.0.0.1:1234/api`, the ApiClient's baseUrl. */
  baseUrl: string;
  deliveries: Map<string, Delivery>;
  /** Every outcome recorded, in order (a notification recorded twice shows up twice). */
  recorded: Array<{ notificationId: string; outcome: string; attempts: number; activityId?: string }>;
  claims: Array<{ notificationId: string; status: 200 | 409 }>;
  addConversation(ref: ConversationRef, target: NotificationTarget): void;
  /** Make the next calls fail with 503 (an API outage) while `fn` returns true. */
  failWhen(fn: ((route: "claim" | "resolve" | "record", notificationId: string | undefined) => boolean) | undefined): void;
  close(): Promise<void>;
}

export interface FakeBotApiOptions {
  clock?: () => number;
  /** Delay before answering (ms), to look like a network and a table write. Default 0. */
  latencyMs?: number;
}

const targetKey = (t: NotificationTarget) => (t.kind === "user" ? `user:${t.email.toLowerCase()}` : "programOfficeChannel");

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const clock = options.clock ?? Date.now;
  const conversations = new Map<string, ConversationRef>();
  const deliveries = new Map<string, Delivery>();
  const recorded: FakeBotApi["recorded"] = [];
  const claims: FakeBotApi["claims"] = [];
  let claimCounter = 0;
  let failWhen: Parameters<FakeBotApi["failWhen"]>[0];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        const send = () => {
          res.writeHead(status, { "Content-Type": "application/json" });
          res.end(JSON.stringify(body));
        };
        if (options.latencyMs) setTimeout(send, options.latencyMs);
        else send();
      };
      const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
        reply(status, { code, message, details: [], ...extra });
      if (req.headers[DEV_USER_HEADER] !== DEMO_USERS.bot) return error(403, "forbidden", "bot identity required");
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
      } catch {
        return error(400, "bad_request", "body is not JSON");
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      const path = url.pathname;
      const now = clock();

      if (req.method === "POST" && path === "/api/bot/conversations/resolve") {
        const target = NotificationTargetSchema.safeParse(body);
        if (!target.success) return error(400, "validation_failed", "invalid target");
        if (failWhen?.("resolve", undefined)) return error(503, "internal", "outage");
        const ref = conversations.get(targetKey(target.data));
        return ref ? reply(200, ref) : error(404, "not_found", "no conversation for the target");
      }

      const claimMatch = /^\/api\/bot\/deliveries\/([^/]+)\/claim$/.exec(path);
      if (req.method === "POST" && claimMatch) {
        const id = decodeURIComponent(claimMatch[1] as string);
        const input = DeliveryClaimInputSchema.safeParse(body);
        if (!input.success) return error(400, "validation_failed", "invalid claim");
        if (failWhen?.("claim", id)) return error(503, "internal", "outage");
        const existing = deliveries.get(id);
        const leased = existing?.outcome === "sending" && existing.claimedUntil !== undefined && Date.parse(existing.claimedUntil) > now;
        if (existing && (existing.outcome === "sent" || existing.outcome === "forbidden" || leased)) {
          claims.push({ notificationId: id, status: 409 });
          return error(409, "conflict", leased ? "claimed by another worker" : `final outcome: ${existing.outcome}`, { delivery: existing });
        }
        const delivery: Delivery = {
          notificationId: id,
          kind: input.data.kind,
          target: input.data.target,
          outcome: "sending",
          attempts: existing?.attempts ?? 0,
          claimedUntil: new Date(now + input.data.leaseSeconds * 1000).toISOString(),
          claimId: `claim-${++claimCounter}`,
          updatedAt: new Date(now).toISOString(),
        };
        deliveries.set(id, delivery);
        claims.push({ notificationId: id, status: 200 });
        return reply(200, delivery);
      }

      const recordMatch = /^\/api\/bot\/deliveries\/([^/]+)$/.exec(path);
      if (req.method === "PUT" && recordMatch) {
        const id = decodeURIComponent(recordMatch[1] as string);
        const input = DeliveryResultInputSchema.safeParse(body);
        if (!input.success) return error(400, "validation_failed", "invalid result");
        if (failWhen?.("record", id)) return error(503, "internal", "outage");
        const existing = deliveries.get(id);
        if (!existing) return error(404, "not_found", "no claim for this notification");
        // Fenced as the API fences it: only the current claim records, and a sent notification stays sent.
        if (existing.claimId !== input.data.claimId || existing.outcome !== "sending") {
          return error(409, "conflict", "the claim no longer holds", { delivery: existing });
        }
        const delivery: Delivery = {
          ...existing,
          outcome: input.data.outcome,
          attempts: input.data.attempts,
          lastStatus: input.data.lastStatus,
          lastError: input.data.lastError,
          activityId: input.data.activityId,
          claimedUntil: undefined,
          updatedAt: new Date(now).toISOString(),
        };
        deliveries.set(id, delivery);
        recorded.push({ notificationId: id, outcome: delivery.outcome, attempts: delivery.attempts, activityId: delivery.activityId });
        return reply(200, delivery);
      }
      return error(404, "not_found", `no route ${req.method ?? ""} ${path}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    deliveries,
    recorded,
    claims,
    addConversation: (ref, target) => conversations.set(targetKey(target), ref),
    failWhen: (fn) => {
      failWhen = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { QueueClient } from "@azure/storage-queue";
import { startAzurite } from "../scripts/lib/azurite.js";
import { startNotificationWorker, type DeliveryEvent } from "../bot/src/notifications/index.js";
import { startConnectorStandIn, STAND_IN_PER_TENANT } from "../tests/support/connectorStandIn.js";
import { startFakeBotApi } from "../tests/support/fakeBotApi.js";
import { botApiClient, decisionNotification, enqueue, percentile, seedUsers, waitUntil } from "../tests/support/scenario.js";

/**
 * Proactive notification throughput: N notifications to N distinct users through the real queue (Azurite), the
 * bot's worker, and the stand-in Bot Connector enforcing Teams' real 50 requests/s per tenant. Reports ratios
 * measured in this one run; it is not a test and never fails on time.
 */

export interface NotificationsBenchOptions {
  n: number;
  faults: boolean;
  /** Seconds the API answers 503 to everything, starting once a third of the notifications are out (0 = none). */
  outageSeconds?: number;
  verbose: boolean;
}

export interface NotificationsBenchResult {
  n: number;
  delivered: number;
  sustainedPerSecond: number;
  ratioTo50: number;
  ratioToIdeal: number;
}

const TENANT_LIMIT = (STAND_IN_PER_TENANT[0] ?? { limit: 50 }).limit;

export async function runNotificationsBench(options: NotificationsBenchOptions): Promise<NotificationsBenchResult> {
  const { n } = options;
  const azurite = await startAzurite();
  const standIn = await startConnectorStandIn(
    options.faults ? { faults: { throttle: 0.03, retryAfterSeconds: 1, serverError: 0.03, precondition: 0.02, reset: 0.01 }, seed: 1 } : {},
  );
  const api = await startFakeBotApi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "naravard-bench-"));
  try {
    const users = seedUsers(api, standIn.serviceUrl, n);
    const blocked = options.faults ? users.filter((_, i) => i % 100 === 0) : [];
    for (const u of blocked) standIn.setForbidden(u.conversationId, true);
    const queue = new QueueClient(azurite.connectionString, "notifications");
    await queue.createIfNotExists();
    const notifications = users.map((u, i) => decisionNotification(i + 1, u.email));
    const t0 = performance.now();
    await enqueue(queue, notifications, 32);
    const enqueueMs = performance.now() - t0;

    const requestMs: number[] = [];
    const limiterWaitMs: number[] = [];
    const deliveryMs: number[] = [];
    const events: DeliveryEvent[] = [];
    const startedAt = performance.now();
    const worker = startNotificationWorker({
      storageConnectionString: azurite.connectionString,
      api: botApiClient(api.baseUrl),
      tokenProvider: () => Promise.resolve(undefined),
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: "bench-app",
      journalPath: path.join(dir, "journal.jsonl"),
      log: options.verbose ? undefined : () => undefined,
      observe: (e) => {
        events.push(e);
        if (e.elapsedMs !== undefined) deliveryMs.push(e.elapsedMs);
      },
      // A kept message comes back within a minute after an outage (production waits up to an hour between tries).
      redelivery: { baseSeconds: 2, capSeconds: 60 },
      onAttempt: (a) => {
        requestMs.push(a.durationMs);
        limiterWaitMs.push(a.waitedMs);
      },
    });
    await worker.ready;
    const outageMs = (options.outageSeconds ?? 0) * 1000;
    let outage: { from: number; to: number } | undefined;
    if (outageMs > 0) {
      await waitUntil(() => standIn.accepted.length >= n / 3, Math.max(120_000, n * 200), () => "waiting for a third to go out", 50);
      const from = performance.now();
      api.failWhen(() => true);
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      api.failWhen(undefined);
      outage = { from, to: performance.now() };
    }
    const done = () => events.filter((e) => e.outcome === "sent" || e.outcome === "forbidden" || e.outcome === "failed" || e.outcome === "no_conversation").length >= n;
    await waitUntil(done, Math.max(120_000, n * 200) + 180_000, () => `${events.length}/${n} done`, 100);
    await worker.stop();

    const accepted = standIn.accepted.map((a) => a.at).sort((a, b) => a - b);
    const first = accepted[0] ?? startedAt;
    const last = accepted[accepted.length - 1] ?? startedAt;
    const makespanS = (last - first) / 1000;
    // Under a sliding 1 s window the first TENANT_LIMIT go at once and each further second adds TENANT_LIMIT.
    const sustained = accepted.length > TENANT_LIMIT ? (accepted.length - TENANT_LIMIT) / makespanS : Number.NaN;
    const sendsIncludingRetries = standIn.requests.length - standIn.stats().limited;
    const idealMakespanS = Math.floor((sendsIncludingRetries - 1) / TENANT_LIMIT);
    const ratioToIdeal = idealMakespanS > 0 ? idealMakespanS / makespanS : Number.NaN;
    const stats = standIn.stats();
    const outcomes = new Map<string, number>();
    for (const e of events) outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1);
    const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

    console.log(`notifications bench: N=${n} distinct users, faults ${options.faults ? "on" : "off"}, stand-in enforcing ${TENANT_LIMIT} req/s per tenant`);
    console.log(`  enqueue: ${n} messages in ${f(enqueueMs / 1000, 2)} s (not part of the measurement)`);
    console.log(
      `  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}; connector answers: accepted ${stats.accepted}, ` +
        `429 from its own limits ${stats.limited}, injected 429 ${stats.throttled}, 5xx ${stats.server_error}, 412 ${stats.precondition}, resets ${stats.reset}, 403 ${stats.forbidden}`,
    );
    console.log(
      `  sustained rate: ${f(sustained)} msg/s (first→last acceptance, beyond the first second's burst) = ${f(sustained / TENANT_LIMIT, 3)} × ${TENANT_LIMIT}/s`,
    );
    console.log(
      `  makespan: ${f(makespanS, 2)} s for ${sendsIncludingRetries} requests; ideal under a sliding ${TENANT_LIMIT}/s window ${idealMakespanS} s → ${f(ratioToIdeal, 3)} of ideal`,
    );
    console.log(
      `  incl. start-up (worker start → last acceptance, 1 s start-up pause included): ${f((last - startedAt) / 1000, 2)} s → ${f(accepted.length / ((last - startedAt) / 1000))} msg/s`,
    );
    console.log(
      `  latency p50/p95: connector request ${f(percentile(requestMs, 50))}/${f(percentile(requestMs, 95))} ms; ` +
        `rate-limiter wait ${f(percentile(limiterWaitMs, 50), 0)}/${f(percentile(limiterWaitMs, 95), 0)} ms; ` +
        `per notification (claim → recorded) ${f(percentile(deliveryMs, 50), 0)}/${f(percentile(deliveryMs, 95), 0)} ms`,
    );
    const perConversation = new Map<string, number>();
    for (const a of standIn.accepted) perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
    const duplicates = [...perConversation.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0);
    const lost = n - blocked.length - perConversation.size;
    console.log(`  lost ${lost}, duplicates ${duplicates} (blocked users excluded: ${blocked.length})`);
    if (outage) {
      const afterReturn = accepted.filter((t) => t >= outage.to);
      console.log(
        `  API outage: ${f((outage.to - outage.from) / 1000, 0)} s mid-fan-out; ${afterReturn.length} delivered after it returned, the last ` +
          `${f(((afterReturn[afterReturn.length - 1] ?? outage.to) - outage.to) / 1000, 1)} s after (rates above include the outage)`,
      );
    }
    console.log(`  ratio to ${TENANT_LIMIT}/s: ${f(sustained / TENANT_LIMIT, 3)} (aim ≥ 0.97 without an outage)`);
    return {
      n,
      delivered: stats.accepted,
      sustainedPerSecond: sustained,
      ratioTo50: sustained / TENANT_LIMIT,
      ratioToIdeal,
    };
  } finally {
    await standIn.close();
    await api.close();
    await azurite.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { QueueClient } from "@azure/storage-queue";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { Notification } from "@naravard/api/contracts";
import { startNotificationWorker, type NotificationWorker } from "../../src/notifications/index.js";
import { openFileJournal, type DeliveryJournal } from "../../src/notifications/journal.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../../../bench/lib/connectorStandIn.js";
import { startFakeBotApi, type FakeBotApi } from "../../../bench/lib/fakeBotApi.js";
import {
  applicationNotification,
  botApiClient,
  decisionNotification,
  enqueue,
  seedProgramOfficeChannel,
  seedUsers,
  waitUntil,
} from "../../../bench/lib/scenario.js";

/**
 * The notification path against real parts: a real Azurite queue, the stand-in Bot Connector over HTTP (which
 * enforces Teams' limits on its own and injects faults), and the API's three bot routes (a small in-process fake
 * with the contract's claim/lease/409 semantics, over HTTP through the real typed client).
 *
 * Timing: the big run goes at the REAL 50 requests/s tenant limit (1,000+ messages ≈ 21 s), so one run covers
 * both "no loss, no duplicates under faults" and "stays under the real ceiling". Nothing here asserts a duration.
 */

const connectionString = inject("storageConnectionString");
const silent = () => undefined;
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "naravard-e2e-"));

describe("notification delivery end to end", () => {
  let standIn: ConnectorStandIn | undefined;
  let api: FakeBotApi | undefined;
  const workers: NotificationWorker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await standIn?.close();
    await api?.close();
    standIn = api = undefined;
  });

  function startWorker(queueName: string, extra: Partial<Parameters<typeof startNotificationWorker>[0]>): NotificationWorker {
    const w = startNotificationWorker({
      storageConnectionString: connectionString,
      api: botApiClient(api!.baseUrl),
      tokenProvider: () => Promise.resolve("token-1"),
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: "app-id",
      log: silent,
      queueName,
      idlePollMs: { min: 50, max: 250 },
      // Short back-off so 5xx retries do not dominate; Retry-After from the connector is still obeyed as given.
      retry: { baseDelayMs: 100, maxDelayMs: 2000, maxAttempts: 10 },
      ...extra,
    });
    workers.push(w);
    return w;
  }

  it("1,000 users at the real 50/s under faults and a restart: every notification exactly once, 403s tried once", async () => {
    const queueName = `notify-e2e-${Date.now().toString(36)}`;
    const queue = new QueueClient(connectionString, queueName);
    await queue.create();
    const blocked = 20;
    api = await startFakeBotApi();
    standIn = await startConnectorStandIn({
      faults: { throttle: 0.03, retryAfterSeconds: 1, serverError: 0.03, precondition: 0.02, reset: 0.01 },
      requireToken: "token-1",
      seed: 42,
    });
    const users = seedUsers(api, standIn.serviceUrl, 1000);
    const forbiddenUsers = users.slice(0, blocked * 50).filter((_, i) => i % 50 === 0); // 20 spread over the run
    for (const u of forbiddenUsers) standIn.setForbidden(u.conversationId, true);
    const channel = seedProgramOfficeChannel(api, standIn.serviceUrl);

    const notifications: Notification[] = users.map((u, i) => decisionNotification(i + 1, u.email));
    const channelNotifications = Array.from({ length: 12 }, (_, i) => applicationNotification(i + 1));
    // Queue redelivery: the same ids again, some of them for blocked users.
    const duplicates = [...notifications.filter((_, i) => i % 40 === 0), ...channelNotifications.slice(0, 3)];
    const all = [...notifications, ...channelNotifications];
    await enqueue(queue, [...notifications.slice(0, 500), ...channelNotifications, ...duplicates, ...notifications.slice(500)]);

    const journalPath = path.join(tmpDir(), "journal.jsonl");
    const first = startWorker(queueName, { journalPath });
    // Restart mid-run: stop (waits for what is in flight), then a new worker on the same journal.
    await waitUntil(() => standIn!.accepted.length >= 350, 60_000);
    await first.stop();
    const acceptedAtRestart = standIn.accepted.length;
    startWorker(queueName, { journalPath });

    const ids = new Set(all.map((n) => n.id));
    const finished = () => [...ids].every((id) => ["sent", "forbidden"].includes(api!.deliveries.get(id)?.outcome ?? ""));
    await waitUntil(finished, 90_000, () => `recorded ${api!.recorded.length}/${ids.size}`, 200);
    // The duplicates are consumed too: the queue runs empty.
    await waitUntil(async () => (await queue.getProperties()).approximateMessagesCount === 0, 30_000, () => "queue not empty", 200);
    for (const w of workers.splice(0)) await w.stop();

    const stats = standIn.stats();
    expect(acceptedAtRestart).toBeGreaterThan(0);
    expect(acceptedAtRestart).toBeLessThan(all.length - blocked);

    // Exactly once for every reachable user and for the channel; none lost, none doubled.
    const forbiddenSet = new Set(forbiddenUsers.map((u) => u.conversationId));
    for (const u of users) {
      const got = standIn.acceptedFor(u.conversationId).length;
      expect(got, u.conversationId).toBe(forbiddenSet.has(u.conversationId) ? 0 : 1);
    }
    expect(standIn.acceptedFor(channel)).toHaveLength(12);
    expect(standIn.accepted).toHaveLength(1000 - blocked + 12);
    const activityIds = new Set(standIn.accepted.map((a) => a.id));

    // Blocked users: recorded forbidden, and exactly one request each, never retried.
    for (const u of forbiddenUsers) {
      const reqs = standIn.requestsFor(u.conversationId).filter((r) => r.verdict !== "limited");
      expect(reqs.map((r) => r.status), u.conversationId).toEqual([403]);
    }
    const outcomes = new Map<string, number>();
    for (const id of ids) {
      const d = api.deliveries.get(id);
      outcomes.set(d?.outcome ?? "none", (outcomes.get(d?.outcome ?? "none") ?? 0) + 1);
      if (d?.outcome === "sent") expect(activityIds.has(d.activityId ?? "")).toBe(true);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ sent: 1000 - blocked + 12, forbidden: blocked });
    // Each outcome recorded once (duplicates and the restart did not record again).
    const recordsPerId = new Map<string, number>();
    for (const r of api.recorded) recordsPerId.set(r.notificationId, (recordsPerId.get(r.notificationId) ?? 0) + 1);
    expect([...recordsPerId.values()].every((c) => c === 1)).toBe(true);
    expect(recordsPerId.size).toBe(ids.size);

    // The faults really happened, and the queue is empty.
    expect(stats.throttled + stats.server_error + stats.precondition + stats.reset).toBeGreaterThan(20);
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
    // Our limiter kept us under the stand-in's own enforcement of the limits. By construction this is 0 within one
    // process (a send counts until its answer is in); across the restart only a conversation's longer windows
    // (8/2 s, 60/30 s) are unknown to the new process, which could cost a retried 429 or two.
    expect(stats.limited).toBeLessThanOrEqual(5);
  }, 150_000);

  it("a crash between the connector's 201 and the API's write: no resend when the journal has it; one duplicate when it does not", async () => {
    const queueName = `notify-crash-${Date.now().toString(36)}`;
    const queue = new QueueClient(connectionString, queueName);
    await queue.create();
    api = await startFakeBotApi();
    standIn = await startConnectorStandIn({ perTenant: [{ limit: 1000, windowMs: 1000 }] });
    const users = seedUsers(api, standIn.serviceUrl, 30);
    const notifications = users.map((u, i) => decisionNotification(i + 1, u.email));
    const x = notifications[3]!; // crash after the journal write, before the API write
    const y = notifications[7]!; // crash before even the journal write (the remaining window)
    await enqueue(queue, notifications);

    const journalPath = path.join(tmpDir(), "journal.jsonl");
    const file = await openFileJournal(journalPath);
    // Y's journal write is lost in the crash.
    const lossy: DeliveryJournal = { ...file, markDone: (id, result) => (id === y.id ? Promise.resolve() : file.markDone(id, result)) };
    // The API write never happens for X and Y: the process "dies" right there (the message stays on the queue and
    // the claim stays leased, exactly the state a real crash leaves).
    api.failWhen((route, id) => route === "record" && (id === x.id || id === y.id));
    const crashed = startWorker(queueName, { journal: lossy, leaseSeconds: 5, rateLimits: { perTenant: [{ limit: 1000, windowMs: 1000 }] } });
    await waitUntil(() => api!.recorded.length === 28 && standIn!.accepted.length === 30, 20_000);
    await crashed.stop();
    await file.close();
    expect(api.deliveries.get(x.id)?.outcome).toBe("sending");
    expect(api.deliveries.get(y.id)?.outcome).toBe("sending");

    // Restart: the API is back; the journal is read from disk.
    api.failWhen(undefined);
    startWorker(queueName, { journalPath, leaseSeconds: 5, rateLimits: { perTenant: [{ limit: 1000, windowMs: 1000 }] } });
    await waitUntil(() => api!.deliveries.get(x.id)?.outcome === "sent" && api!.deliveries.get(y.id)?.outcome === "sent", 30_000);

    const conversationOf = (n: Notification) => users[notifications.indexOf(n)]!.conversationId;
    // X: recorded from the journal with the first send's activity id; Teams got it once.
    expect(standIn.acceptedFor(conversationOf(x))).toHaveLength(1);
    expect(api.deliveries.get(x.id)?.activityId).toBe(standIn.acceptedFor(conversationOf(x))[0]?.id);
    // Y: the documented consequence of a crash inside the remaining window: sent twice (at-least-once).
    expect(standIn.acceptedFor(conversationOf(y))).toHaveLength(2);
    // Everyone else: once.
    for (const n of notifications) if (n !== y) expect(standIn.acceptedFor(conversationOf(n))).toHaveLength(1);
  }, 60_000);
});

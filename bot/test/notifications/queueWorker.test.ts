import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { QueueClient } from "@azure/storage-queue";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { inject } from "../../../tests/setup/provided.js";
import { encodeNotificationMessage } from "@naravard/api/contracts";
import { decodeMessage } from "../../src/notifications/queueWorker.js";
import { startNotificationWorker, type NotificationWorker } from "../../src/notifications/index.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../../../tests/support/connectorStandIn.js";
import { startFakeBotApi, type FakeBotApi } from "../../../tests/support/fakeBotApi.js";
import { botApiClient, decisionNotification, seedUsers, waitUntil } from "../../../tests/support/scenario.js";

const connectionString = inject("storageConnectionString");
let counter = 0;
const queueName = () => `notify-worker-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const tmpJournal = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "naravard-worker-")), "journal.jsonl");
const silent = () => undefined;

describe("decodeMessage", () => {
  it("reads base64 JSON (as the API enqueues) and plain JSON", () => {
    const n = decisionNotification(1, "a@naravard.test");
    expect(decodeMessage(encodeNotificationMessage(n))).toEqual({ ok: true, notification: n });
    expect(decodeMessage(JSON.stringify(n))).toEqual({ ok: true, notification: n });
  });
  it("says why a message is unreadable", () => {
    expect(decodeMessage("%%%")).toMatchObject({ ok: false, error: expect.stringMatching(/neither JSON/) as unknown });
    const bad = decodeMessage(Buffer.from(JSON.stringify({ id: "x", kind: "decision_made" })).toString("base64"));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/invalid notification/);
  });
});

describe("queue worker against Azurite", () => {
  let standIn: ConnectorStandIn | undefined;
  let api: FakeBotApi | undefined;
  let worker: NotificationWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await standIn?.close();
    await api?.close();
    worker = standIn = api = undefined;
  });

  async function start(queue: string, extra: Partial<Parameters<typeof startNotificationWorker>[0]> = {}) {
    standIn ??= await startConnectorStandIn();
    api ??= await startFakeBotApi();
    worker = startNotificationWorker({
      storageConnectionString: connectionString,
      api: botApiClient(api.baseUrl),
      tokenProvider: () => Promise.resolve(undefined),
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: "app",
      log: silent,
      queueName: queue,
      journalPath: tmpJournal(),
      idlePollMs: { min: 50, max: 200 },
      ...extra,
    });
    await worker.ready;
    return worker;
  }

  it("creates the queue, delivers, and deletes each message only after its outcome is recorded", async () => {
    const name = queueName();
    const queue = new QueueClient(connectionString, name);
    standIn = await startConnectorStandIn();
    api = await startFakeBotApi();
    const users = seedUsers(api, standIn.serviceUrl, 3);
    await start(name);
    for (const [i, u] of users.entries()) await queue.sendMessage(encodeNotificationMessage(decisionNotification(i + 1, u.email)));
    await waitUntil(() => api!.recorded.length === 3, 15_000);
    // Each message is deleted once its outcome is recorded.
    await waitUntil(async () => (await queue.getProperties()).approximateMessagesCount === 0, 10_000);
    for (const u of users) expect(standIn.acceptedFor(u.conversationId)).toHaveLength(1);
  });

  it("drops poison messages without stopping, records what it can identify, and goes on", async () => {
    const name = queueName();
    const queue = new QueueClient(connectionString, name);
    await queue.create();
    standIn = await startConnectorStandIn();
    api = await startFakeBotApi();
    const [u] = seedUsers(api, standIn.serviceUrl, 1);
    await queue.sendMessage("not base64 json at all ✗");
    await queue.sendMessage(Buffer.from("{ broken json").toString("base64"));
    // Identifiable but invalid: recorded as failed so the program office sees it.
    await queue.sendMessage(Buffer.from(JSON.stringify({ id: "decision_made:trasig", kind: "decision_made", target: { kind: "user", email: u!.email } })).toString("base64"));
    await queue.sendMessage(encodeNotificationMessage(decisionNotification(1, u!.email)));
    await start(name);
    await waitUntil(() => api!.recorded.length === 2, 15_000, () => JSON.stringify(api!.recorded));
    // Every message, poison or not, is gone from the queue: nothing is retried forever.
    await waitUntil(async () => (await queue.getProperties()).approximateMessagesCount === 0, 15_000);
    expect(api.deliveries.get("decision_made:trasig")).toMatchObject({ outcome: "failed", lastError: expect.stringMatching(/invalid notification/) as unknown });
    expect(api.deliveries.get("decision_made:beslut-1")?.outcome).toBe("sent");
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
  });

  it("an API outage mid-fan-out loses nothing: messages are kept and each is delivered once when it returns", async () => {
    const name = queueName();
    const queue = new QueueClient(connectionString, name);
    await queue.create();
    standIn = await startConnectorStandIn();
    api = await startFakeBotApi();
    const users = seedUsers(api, standIn.serviceUrl, 12);
    // The API answers 503 to everything (a storage or Functions outage), with shortened back-off timings.
    api.failWhen(() => true);
    await start(name, { redelivery: { baseSeconds: 1, capSeconds: 2 } });
    for (const [i, u] of users.entries()) await queue.sendMessage(encodeNotificationMessage(decisionNotification(i + 1, u.email)));
    // Several rounds of redelivery go by while it is down: nothing is sent, nothing is dropped.
    await waitUntil(async () => (await queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.some((m) => m.dequeueCount >= 3), 30_000);
    expect(standIn.accepted).toHaveLength(0);
    expect(api.recorded).toHaveLength(0);
    api.failWhen(undefined);
    await waitUntil(() => api!.recorded.filter((r) => r.outcome === "sent").length === 12, 30_000, () => JSON.stringify(api!.recorded));
    await waitUntil(async () => (await queue.getProperties()).approximateMessagesCount === 0, 15_000);
    for (const u of users) expect(standIn.acceptedFor(u.conversationId)).toHaveLength(1);
  }, 60_000);

  it("a Teams outage longer than the send retries: recorded failed for the office, kept, and sent once later", async () => {
    const name = queueName();
    const queue = new QueueClient(connectionString, name);
    await queue.create();
    standIn = await startConnectorStandIn();
    api = await startFakeBotApi();
    const [u] = seedUsers(api, standIn.serviceUrl, 1);
    standIn.setOutage(true);
    await start(name, { redelivery: { baseSeconds: 1, capSeconds: 1 }, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, budgetMs: 200 } });
    await queue.sendMessage(encodeNotificationMessage(decisionNotification(9, u!.email)));
    await waitUntil(() => api!.deliveries.get("decision_made:beslut-9")?.outcome === "failed", 15_000);
    expect(api.deliveries.get("decision_made:beslut-9")).toMatchObject({ lastStatus: 503 });
    expect((await queue.getProperties()).approximateMessagesCount).toBe(1);
    standIn.setOutage(false);
    await waitUntil(() => api!.deliveries.get("decision_made:beslut-9")?.outcome === "sent", 15_000);
    expect(standIn.accepted).toHaveLength(1);
    await waitUntil(async () => (await queue.getProperties()).approximateMessagesCount === 0, 15_000);
  }, 40_000);

  it("backs off polling while the queue is empty", async () => {
    // The cadence is the worker's own timing: an always-empty queue and a fake clock make it exact.
    const real = new QueueClient(connectionString, queueName()); // never called: no I/O under the fake clock
    let receives = 0;
    const counting = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === "receiveMessages") {
          return () => {
            receives++;
            return Promise.resolve({ receivedMessageItems: [] });
          };
        }
        if (prop === "createIfNotExists") return () => Promise.resolve({ succeeded: true });
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    jest.useFakeTimers();
    // The worker takes a QueueClient; drive the class directly with the counting one.
    const { QueueWorker } = await import("../../src/notifications/queueWorker.js");
    const w = new QueueWorker({
      queue: counting,
      deliverer: { deliver: () => Promise.resolve({ action: "delete" }), giveUp: () => Promise.resolve({ action: "delete" }) },
      idleMinMs: 100,
      idleMaxMs: 400,
    });
    try {
      w.start();
      await jest.advanceTimersByTimeAsync(2000);
      await w.stop();
    } finally {
      jest.useRealTimers();
    }
    // Polls at 0, 100, 300, 700, 1100, 1500 and 1900 ms; without back-off it would be 21 at 100 ms.
    expect(receives).toBe(7);
  });

  it("stop() waits for messages in flight and leaves nothing half done", async () => {
    const name = queueName();
    const queue = new QueueClient(connectionString, name);
    await queue.create();
    standIn = await startConnectorStandIn();
    api = await startFakeBotApi();
    // All to one conversation: 8 per 2 s makes these slow, so some are in flight when we stop.
    const [u] = seedUsers(api, standIn.serviceUrl, 1);
    for (let i = 1; i <= 12; i++) {
      const n = decisionNotification(i, u!.email);
      await queue.sendMessage(encodeNotificationMessage(n));
    }
    const w = await start(name, { maxInFlight: 4 });
    await waitUntil(() => standIn!.accepted.length >= 3, 10_000);
    await w.stop();
    worker = undefined;
    const recordedAtStop = api.recorded.length;
    const sentAtStop = standIn.accepted.length;
    // Everything the connector accepted is recorded; nothing is left claimed ("sending") by the stopped worker.
    expect(recordedAtStop).toBe(sentAtStop);
    expect([...api.deliveries.values()].filter((d) => d.outcome === "sending")).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(standIn.accepted.length).toBe(sentAtStop);
    expect(sentAtStop).toBeLessThan(12);
    // A new worker finishes the rest, each exactly once.
    await start(name);
    await waitUntil(() => api!.recorded.length === 12, 20_000);
    expect(standIn.accepted).toHaveLength(12);
  }, 40_000);
});

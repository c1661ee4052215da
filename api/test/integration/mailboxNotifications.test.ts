import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { SHARED_MAILBOX } from "../../src/contracts/index.js";
import type { MailCandidate } from "../../src/mailbox/candidate.js";
import type { MailboxConfig } from "../../src/mailbox/config.js";
import { memoryDeltaState } from "../../src/mailbox/graphDelta.js";
import { answerNotification } from "../../src/mailbox/notifications.js";
import { graphMailboxNotifications, type GraphNotifications } from "../../src/mailbox/start.js";
import { ensureSubscriptions, memorySubscriptionStore, SUBSCRIPTION_LIFETIME_MINUTES } from "../../src/mailbox/subscriptions.js";
import { startTestApi } from "../helpers.js";
import { startGraphStandIn, type GraphStandIn } from "../support/graphStandIn.js";

/**
 * Change notifications end to end over real HTTP: the Graph stand-in validates our endpoint before it creates a
 * subscription and posts notifications to it; our endpoint (answerNotification, what the route runs) triggers the
 * delta reader, whose sink here is idempotent per key like the inquiry store.
 */
const SECRET = "en-hemlighet-som-bara-graph-och-vi-vet";
const HOUR = 3_600_000;

let now: number;
const clock = () => new Date(now);
let graph: GraphStandIn;
let endpoint: Server;
let endpointUrl: string;
let stored: Map<string, MailCandidate>;
let notifications: GraphNotifications;
let subscriptions: ReturnType<typeof memorySubscriptionStore>;
let validationAnswer: "echo" | "wrong";

beforeEach(async () => {
  now = Date.parse("2026-06-18T14:00:00Z");
  validationAnswer = "echo";
  graph = await startGraphStandIn({ mailbox: SHARED_MAILBOX, clock });
  stored = new Map();
  subscriptions = memorySubscriptionStore();
  endpoint = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const token = new URL(req.url ?? "/", "http://x").searchParams.get("validationToken");
      const run = async () => {
        const answer = await answerNotification({ validationToken: token, body: Buffer.concat(chunks).toString("utf8") }, notifications.target);
        res.writeHead(answer.status, answer.headers);
        res.end(token !== null && validationAnswer === "wrong" ? "något annat" : answer.body);
      };
      void run();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/api/mailbox/notifications`;
  const config: MailboxConfig = {
    address: SHARED_MAILBOX,
    smtp: null,
    graph: { baseUrl: graph.baseUrl, managedIdentityClientId: null, since: undefined, pageSize: 50, notifications: { url: endpointUrl, clientState: SECRET } },
  };
  const wired = graphMailboxNotifications(config, {
    clock,
    state: memoryDeltaState(),
    subscriptions,
    delayMs: 50,
    getToken: () => Promise.resolve(graph.token),
    sink: (candidate) => {
      if (!stored.has(candidate.key)) stored.set(candidate.key, candidate);
      return Promise.resolve();
    },
  });
  if (!wired) throw new Error("notifications are configured");
  notifications = wired;
});

afterEach(async () => {
  await notifications.sync.idle();
  await new Promise<void>((resolve) => endpoint.close(() => resolve()));
  endpoint.closeAllConnections();
  await graph.close();
});

const deltaReads = (folder: string) => graph.requests.filter((r) => r.path.endsWith(`/mailFolders/${folder}/messages/delta`)).length;

describe("the notification endpoint", () => {
  it("answers Graph's validation handshake with the token as plain text", async () => {
    const answer = await answerNotification({ validationToken: "Validation: Testing client application reachability", body: "" }, null);
    expect(answer).toEqual({ status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "Validation: Testing client application reachability" });
  });

  it("through the route: the handshake, and 202 with no data for anything else", async () => {
    const api = await startTestApi();
    try {
      const token = "Validation: Testing client application reachability for subscription Request-Id: 1";
      const handshake = await fetch(`${api.url}/api/mailbox/notifications?validationToken=${encodeURIComponent(token)}`, { method: "POST", headers: { "content-type": "text/plain" } });
      expect(handshake.status).toBe(200);
      expect(handshake.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await handshake.text()).toBe(token);
      const notification = await api.call("POST", "/api/mailbox/notifications", { user: null, body: { value: [{ subscriptionId: "x", clientState: "gissning" }] } });
      expect(notification.status).toBe(202);
      expect(notification.json).toBeNull();
    } finally {
      await api.close();
    }
  });

  it("subscribing makes Graph validate the endpoint; a notification brings the mail in without waiting for the timer", async () => {
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "created", sentitems: "created" });
    const subs = [...graph.subscriptions.values()];
    expect(subs.map((s) => s.resource).sort()).toEqual([`users/${SHARED_MAILBOX}/mailFolders('Inbox')/messages`, `users/${SHARED_MAILBOX}/mailFolders('SentItems')/messages`]);
    expect(subs.every((s) => s.notificationUrl === endpointUrl && s.clientState === SECRET)).toBe(true);
    expect(Date.parse(subs[0]?.expirationDateTime ?? "")).toBe(now + SUBSCRIPTION_LIFETIME_MINUTES * 60_000);

    const message = graph.put("inbox", { subject: "Fråga om ansökan", receivedDateTime: "2026-06-18T13:59:00Z", from: { emailAddress: { address: "anna@example.se", name: "Anna" } } });
    expect(await graph.notify("inbox", message.id)).toEqual([202]);
    await notifications.sync.idle();
    expect([...stored.values()]).toEqual([expect.objectContaining({ kind: "inquiry", subject: "Fråga om ansökan", messageId: message.internetMessageId })]);
    // Only the folder notified was read.
    expect(deltaReads("inbox")).toBe(1);
    expect(deltaReads("sentitems")).toBe(0);
  });

  it("ignores a notification whose clientState is wrong, still answering 202", async () => {
    await notifications.ensureSubscriptions();
    const message = graph.put("inbox", { subject: "Förfalskad", from: { emailAddress: { address: "x@example.se" } } });
    expect(await graph.notify("inbox", message.id, { clientState: "fel-hemlighet" })).toEqual([202]);
    await notifications.sync.idle();
    expect(stored.size).toBe(0);
    expect(deltaReads("inbox")).toBe(0);
  });

  it("a burst of notifications runs one read, and the same mail notified again is not doubled", async () => {
    await notifications.ensureSubscriptions();
    const messages = [1, 2, 3].map((n) => graph.put("inbox", { subject: `Fråga ${n}`, receivedDateTime: "2026-06-18T13:59:00Z", from: { emailAddress: { address: `p${n}@example.se` } } }));
    await Promise.all(messages.map((m) => graph.notify("inbox", m.id)));
    await notifications.sync.idle();
    expect(stored.size).toBe(3);
    expect(deltaReads("inbox")).toBe(1);
    await graph.notify("inbox", messages[0]?.id ?? "");
    await notifications.sync.idle();
    expect(stored.size).toBe(3);
  });
});

describe("keeping the subscriptions", () => {
  it("keeps them while far from expiry, renews the same subscription a day before it expires", async () => {
    await notifications.ensureSubscriptions();
    const ids = [...graph.subscriptions.keys()].sort();
    now += 40 * HOUR; // 30 h left
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "kept", sentitems: "kept" });
    now += 20 * HOUR; // 10 h left
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "renewed", sentitems: "renewed" });
    expect([...graph.subscriptions.keys()].sort()).toEqual(ids);
    for (const sub of graph.subscriptions.values()) expect(Date.parse(sub.expirationDateTime)).toBe(now + SUBSCRIPTION_LIFETIME_MINUTES * 60_000);
    expect(subscriptions.records.get("inbox")?.expiresAt).toBe(new Date(now + SUBSCRIPTION_LIFETIME_MINUTES * 60_000).toISOString());
  });

  it("creates a subscription anew when Graph answers 404 on renewal", async () => {
    await notifications.ensureSubscriptions();
    const old = subscriptions.records.get("inbox")?.id;
    graph.dropSubscriptions();
    now += 60 * HOUR;
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "created", sentitems: "created" });
    expect(subscriptions.records.get("inbox")?.id).not.toBe(old);
    expect(graph.requests.filter((r) => r.path.includes("/subscriptions/")).map((r) => r.status)).toEqual([404, 404]);
    const message = graph.put("inbox", { subject: "Efter förnyelsen", receivedDateTime: "2026-06-21T01:00:00Z", from: { emailAddress: { address: "b@example.se" } } });
    expect(await graph.notify("inbox", message.id)).toEqual([202]);
    await notifications.sync.idle();
    expect([...stored.values()].map((c) => c.subject)).toContain("Efter förnyelsen");
  });

  it("asks for lifecycle notifications at the same endpoint, which Graph validates too", async () => {
    await notifications.ensureSubscriptions();
    expect([...graph.subscriptions.values()].map((s) => s.lifecycleNotificationUrl)).toEqual([endpointUrl, endpointUrl]);
  });

  it("subscriptionRemoved: the folder is read at once and the next timer run subscribes anew", async () => {
    await notifications.ensureSubscriptions();
    const old = subscriptions.records.get("inbox")?.id;
    graph.put("inbox", { subject: "Medan prenumerationen var borta", receivedDateTime: "2026-06-18T13:59:00Z", from: { emailAddress: { address: "c@example.se" } } });
    expect(await graph.lifecycle("inbox", "subscriptionRemoved")).toEqual([202]);
    await notifications.sync.idle();
    expect([...stored.values()].map((c) => c.subject)).toEqual(["Medan prenumerationen var borta"]);
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "created", sentitems: "kept" });
    expect(subscriptions.records.get("inbox")?.id).not.toBe(old);
    expect(graph.subscriptions.has(subscriptions.records.get("inbox")?.id ?? "")).toBe(true);
  });

  it("reauthorizationRequired: the next timer run renews the same subscription; missed: the folder is read at once", async () => {
    await notifications.ensureSubscriptions();
    const id = subscriptions.records.get("sentitems")?.id;
    expect(await graph.lifecycle("sentitems", "reauthorizationRequired")).toEqual([202]);
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "kept", sentitems: "renewed" });
    expect(subscriptions.records.get("sentitems")?.id).toBe(id);

    const reads = deltaReads("inbox");
    expect(await graph.lifecycle("inbox", "missed")).toEqual([202]);
    await notifications.sync.idle();
    expect(deltaReads("inbox")).toBe(reads + 1);
  });

  it("a lifecycle notification with the wrong clientState changes nothing", async () => {
    await notifications.ensureSubscriptions();
    expect(await graph.lifecycle("inbox", "reauthorizationRequired", { clientState: "gissning" })).toEqual([202]);
    expect(await notifications.ensureSubscriptions()).toEqual({ inbox: "kept", sentitems: "kept" });
  });

  it("fails to subscribe when the endpoint does not echo the token (Graph's 400), subscribing nothing", async () => {
    validationAnswer = "wrong";
    await expect(notifications.ensureSubscriptions()).rejects.toMatchObject({ status: 400, code: "ValidationError" });
    expect(graph.subscriptions.size).toBe(0);
    expect(subscriptions.records.size).toBe(0);
  });

  it("waits out 429 with Retry-After", async () => {
    const waits: number[] = [];
    graph.throttle(1, 3);
    const result = await ensureSubscriptions({
      mailbox: SHARED_MAILBOX,
      baseUrl: graph.baseUrl,
      getToken: () => Promise.resolve(graph.token),
      store: subscriptions,
      notificationUrl: endpointUrl,
      clientState: SECRET,
      clock,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(result).toEqual({ inbox: "created", sentitems: "created" });
    expect(waits).toEqual([3000]);
  });

  it("Graph refuses an expiration beyond its maximum for messages", async () => {
    const response = await fetch(`${graph.baseUrl}/subscriptions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${graph.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        changeType: "created",
        notificationUrl: endpointUrl,
        resource: `users/${SHARED_MAILBOX}/mailFolders('Inbox')/messages`,
        expirationDateTime: new Date(now + 4231 * 60_000).toISOString(),
        clientState: SECRET,
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("ExtensionError");
    expect(graph.subscriptions.size).toBe(0);
  });
});

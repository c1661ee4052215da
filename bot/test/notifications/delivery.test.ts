import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { ApiError, type ConversationRef, type Delivery, type Notification, type NotificationTarget } from "@naravard/api/contracts";
import { claimConflict, createDeliverer, type NotificationApi } from "../../src/notifications/delivery.js";
import { memoryJournal, openFileJournal, type DeliveryJournal } from "../../src/notifications/journal.js";
import { localeOf, renderNotification } from "../../src/notifications/cards.js";
import type { ConnectorSender, SendOptions, SendResult } from "../../src/notifications/sender.js";
import { applicationNotification, conversationRef, decisionNotification } from "../../../tests/support/scenario.js";

const links = { teamsAppId: "app", tabsBaseUrl: "https://tabs.example" };

/** In-memory fake of the three bot routes, with the contract's claim/lease/409 semantics. */
function fakeApi(clock: () => number) {
  const deliveries = new Map<string, Delivery>();
  const refs = new Map<string, ConversationRef>();
  const calls: string[] = [];
  let outage: ((route: string, id?: string) => boolean) | undefined;
  const conflict = (d: Delivery) => new ApiError(409, { code: "conflict", message: "conflict", details: [], delivery: d } as ApiError["body"]);
  const key = (t: NotificationTarget) => (t.kind === "user" ? t.email : "channel");
  const api: NotificationApi = {
    claimDelivery: (id, input) => {
      calls.push(`claim ${id}`);
      if (outage?.("claim", id)) return Promise.reject(new ApiError(503, { code: "internal", message: "down", details: [] }));
      const d = deliveries.get(id);
      const final = d?.outcome === "sent" || d?.outcome === "forbidden";
      if (d && (final || (d.outcome === "sending" && Date.parse(d.claimedUntil ?? "") > clock()))) return Promise.reject(conflict(d));
      const next: Delivery = {
        notificationId: id,
        kind: input.kind,
        target: input.target,
        outcome: "sending",
        attempts: d?.attempts ?? 0,
        claimedUntil: new Date(clock() + (input.leaseSeconds ?? 120) * 1000).toISOString(),
        updatedAt: new Date(clock()).toISOString(),
      };
      deliveries.set(id, next);
      return Promise.resolve(next);
    },
    resolveConversation: (target) => {
      calls.push(`resolve ${key(target)}`);
      const ref = refs.get(key(target));
      return ref ? Promise.resolve(ref) : Promise.reject(new ApiError(404, { code: "not_found", message: "none", details: [] }));
    },
    recordDelivery: (id, input) => {
      calls.push(`record ${id} ${input.outcome}`);
      if (outage?.("record", id)) return Promise.reject(new ApiError(503, { code: "internal", message: "down", details: [] }));
      const d = deliveries.get(id);
      if (!d) return Promise.reject(new ApiError(404, { code: "not_found", message: "no claim", details: [] }));
      const next: Delivery = { ...d, ...input, outcome: input.outcome, attempts: input.attempts, claimedUntil: undefined };
      deliveries.set(id, next);
      return Promise.resolve(next);
    },
  };
  return {
    api,
    deliveries,
    calls,
    addRef: (target: NotificationTarget, ref: ConversationRef) => refs.set(key(target), ref),
    setOutage: (fn: typeof outage) => {
      outage = fn;
    },
  };
}

/** A sender that answers from a script and remembers what it was asked to send. */
function fakeSender(answer: (conversationId: string) => SendResult = () => ({ outcome: "sent", activityId: "act", attempts: 1, lastStatus: 201 })) {
  const sent: Array<{ conversationId: string; activity: unknown }> = [];
  let hook: ((options: SendOptions) => Promise<SendResult | undefined>) | undefined;
  const sender: ConnectorSender = {
    send: async (target, activity, options = {}) => {
      const override = hook ? await hook(options) : undefined;
      if (override) return override;
      sent.push({ conversationId: target.conversationId, activity });
      return answer(target.conversationId);
    },
  };
  return {
    sender,
    sent,
    intercept: (fn: typeof hook) => {
      hook = fn;
    },
  };
}

function setup(options: { journal?: DeliveryJournal; leaseSeconds?: number; answer?: (c: string) => SendResult } = {}) {
  let now = Date.parse("2025-06-15T10:00:00Z");
  const clock = () => now;
  const fake = fakeApi(clock);
  const sender = fakeSender(options.answer);
  const journal = options.journal ?? memoryJournal(clock);
  const deliverer = createDeliverer({
    api: fake.api,
    sender: sender.sender,
    journal,
    render: (n, locale) => renderNotification(n, locale, links),
    localeOf,
    leaseSeconds: options.leaseSeconds ?? 300,
    clock,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  });
  return {
    ...fake,
    ...sender,
    journal,
    deliverer,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const user = "anna@naravard.test";
const n1: Notification = decisionNotification(1, user, "inkluderad");

describe("delivery of one notification", () => {
  it("claims, resolves, sends the card, records `sent` with the activity id, then lets the message go", async () => {
    const t = setup();
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(t.calls).toEqual([`claim ${n1.id}`, `resolve ${user}`, `record ${n1.id} sent`]);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.conversationId).toBe("a:1anna");
    expect(JSON.stringify(t.sent[0]?.activity)).toContain("Beslut om Trygg hemgång 1: Inkluderad");
    expect(t.deliveries.get(n1.id)).toMatchObject({ outcome: "sent", activityId: "act", attempts: 1 });
    expect(t.journal.get(n1.id)?.state).toBe("recorded");
  });

  it("sends English when the conversation's locale is English", async () => {
    const t = setup();
    const ref = conversationRef("https://smba.example/", "a:1anna");
    ref.reference.locale = "en-GB";
    t.addRef({ kind: "user", email: user }, ref);
    await t.deliverer.deliver(n1);
    expect(JSON.stringify(t.sent[0]?.activity)).toContain("Decision on Trygg hemgång 1: Included");
  });

  it("the program office channel gets the application card", async () => {
    const t = setup();
    t.addRef({ kind: "programOfficeChannel" }, conversationRef("https://smba.example/", "19:kanal@thread.tacv2", { kind: "channel" }));
    const n = applicationNotification(3);
    expect(await t.deliverer.deliver(n)).toEqual({ action: "delete" });
    expect(JSON.stringify(t.sent[0]?.activity)).toContain("Ny ansökan att bedöma: Mobil närvård 3");
  });

  it("409 already sent → delete the message without sending", async () => {
    const t = setup();
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    await t.deliverer.deliver(n1);
    const other = setup();
    other.deliveries.set(n1.id, t.deliveries.get(n1.id)!);
    expect(await other.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(other.sent).toHaveLength(0);
    expect(other.calls).toEqual([`claim ${n1.id}`]);
  });

  it("409 live lease elsewhere → leave the message to reappear when the lease ends", async () => {
    const t = setup();
    await t.api.claimDelivery(n1.id, { kind: n1.kind, target: n1.target, leaseSeconds: 120 });
    t.advance(30_000);
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "release", visibleInSeconds: 91 });
    expect(t.sent).toHaveLength(0);
  });

  it("no conversation reference → record no_conversation, no send", async () => {
    const t = setup();
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(t.sent).toHaveLength(0);
    expect(t.deliveries.get(n1.id)).toMatchObject({ outcome: "no_conversation" });
  });

  it.each([
    [{ outcome: "forbidden", attempts: 1, lastStatus: 403, lastError: "HTTP 403" }, "forbidden"],
    [{ outcome: "no_conversation", attempts: 1, lastStatus: 404, lastError: "HTTP 404" }, "no_conversation"],
    [{ outcome: "failed", attempts: 1, lastStatus: 400, lastError: "HTTP 400" }, "failed"],
  ] as const)("connector outcome %o is recorded as %s and ends the notification", async (answer, outcome) => {
    const t = setup({ answer: () => ({ ...answer }) });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(t.deliveries.get(n1.id)).toMatchObject({ outcome, attempts: answer.attempts, lastStatus: answer.lastStatus });
  });

  it("retries spent on a transient answer (503, network): recorded failed, but the message is kept and comes back later", async () => {
    for (const answer of [
      { outcome: "failed" as const, attempts: 8, lastStatus: 503, lastError: "gave up" },
      { outcome: "failed" as const, attempts: 8, lastError: "ECONNRESET" },
    ]) {
      const t = setup({ answer: () => ({ ...answer }) });
      t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
      expect(await t.deliverer.deliver(n1, { dequeueCount: 3 })).toEqual({ action: "release", visibleInSeconds: 8 });
      expect(t.deliveries.get(n1.id)).toMatchObject({ outcome: "failed", attempts: 8 });
    }
  });

  it("a redelivery of a message this bot already recorded is dropped without asking anyone", async () => {
    const t = setup();
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    await t.deliverer.deliver(n1, { messageId: "m1" });
    const calls = t.calls.length;
    expect(await t.deliverer.deliver(n1, { messageId: "m1" })).toEqual({ action: "delete" });
    expect(t.calls.length).toBe(calls);
    expect(t.sent).toHaveLength(1);
  });

  it("another message with the same notification id asks the API: a blocked user is not tried again (409 forbidden)", async () => {
    const t = setup({ answer: () => ({ outcome: "forbidden", attempts: 1, lastStatus: 403, lastError: "HTTP 403" }) });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    await t.deliverer.deliver(n1, { messageId: "m1" });
    expect(await t.deliverer.deliver(n1, { messageId: "m2" })).toEqual({ action: "delete" });
    expect(t.calls.at(-1)).toBe(`claim ${n1.id}`);
    expect(t.sent).toHaveLength(1);
  });

  it("a journal entry about a different queue message is not trusted (e.g. left from another environment)", async () => {
    const journal = memoryJournal();
    await journal.markDone(n1.id, { outcome: "sent", attempts: 1, activityId: "old" }, "message-from-elsewhere");
    const t = setup({ journal });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    expect(await t.deliverer.deliver(n1, { messageId: "m-new" })).toEqual({ action: "delete" });
    expect(t.sent).toHaveLength(1);
    expect(t.deliveries.get(n1.id)?.activityId).toBe("act");
  });

  it("API down when recording: the message stays; after the lease a takeover records from the journal, no second send", async () => {
    const t = setup({ leaseSeconds: 60 });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    t.setOutage((route) => route === "record");
    await expect(t.deliverer.deliver(n1, { messageId: "m1" })).rejects.toThrow(/down/);
    expect(t.journal.get(n1.id)).toMatchObject({ state: "done", messageId: "m1", result: { outcome: "sent", activityId: "act" } });
    t.setOutage(undefined);
    // Still leased: let it come back later.
    expect((await t.deliverer.deliver(n1, { messageId: "m1" })).action).toBe("release");
    t.advance(61_000);
    expect(await t.deliverer.deliver(n1, { messageId: "m1" })).toEqual({ action: "delete" });
    expect(t.sent).toHaveLength(1);
    expect(t.deliveries.get(n1.id)).toMatchObject({ outcome: "sent", activityId: "act" });
  });

  it("the journal survives a restart (file), so a takeover after a crash does not resend", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "naravard-journal-")), "journal.jsonl");
    const first = await openFileJournal(file);
    await first.markSending("x", "m-x");
    await first.markDone("x", { outcome: "sent", attempts: 1, lastStatus: 201, activityId: "a-1" }, "m-x");
    await first.markRecorded("y", { outcome: "forbidden", attempts: 1 });
    await first.close();
    fs.appendFileSync(file, '{"id":"torn","sta'); // a crash mid-write
    const second = await openFileJournal(file);
    expect(second.get("x")).toMatchObject({ state: "done", messageId: "m-x", result: { activityId: "a-1" } });
    expect(second.get("y")?.state).toBe("recorded");
    expect(second.get("torn")).toBeUndefined();
    await second.close();
    const third = await openFileJournal(file, { retentionMs: -1 });
    expect(third.get("x")).toBeUndefined(); // old entries are dropped on open
    await third.close();
  });

  it("a claim running low during long waits is renewed after it lapses; lost to another worker → stop", async () => {
    const t = setup({ leaseSeconds: 10 });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    t.intercept(async (options) => {
      t.advance(9_000); // a long rate-limit wait: 1 s of lease left
      expect(options.stillValid?.()).toBe(false);
      expect(await options.beforeAttempt?.()).toBe(true); // waited for the lease to lapse, claimed again
      expect(options.stillValid?.()).toBe(true);
      return undefined;
    });
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(t.calls.filter((c) => c.startsWith("claim"))).toHaveLength(2);
    expect(t.sent).toHaveLength(1);

    const u = setup({ leaseSeconds: 10 });
    u.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    u.intercept(async (options) => {
      u.advance(9_500);
      // Another worker takes over the moment our lease lapses.
      const steal = u.api.claimDelivery;
      u.api.claimDelivery = (id, input) => {
        u.api.claimDelivery = steal;
        return steal(id, input).then(() => steal(id, input));
      };
      expect(await options.beforeAttempt?.()).toBe(false);
      return { outcome: "abandoned", attempts: 0, lastError: "claim lost" };
    });
    expect((await u.deliverer.deliver(n1)).action).toBe("release");
    expect(u.sent).toHaveLength(0);
  });

  it("a journal that cannot be written does not stop the outcome from reaching the API", async () => {
    const broken: DeliveryJournal = {
      get: () => undefined,
      markSending: () => Promise.reject(new Error("ENOSPC")),
      markDone: () => Promise.reject(new Error("ENOSPC")),
      markRecorded: () => Promise.reject(new Error("ENOSPC")),
      close: () => Promise.resolve(),
    };
    const t = setup({ journal: broken });
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    expect(await t.deliverer.deliver(n1)).toEqual({ action: "delete" });
    expect(t.deliveries.get(n1.id)?.outcome).toBe("sent");
  });

  it("stopping before the claim releases the message at once", async () => {
    const t = setup();
    expect(await t.deliverer.deliver(n1, { stopping: () => true })).toEqual({ action: "release", visibleInSeconds: 0 });
    expect(t.calls).toEqual([]);
  });
});

describe("giving up (dequeue limit, poison)", () => {
  it("records failed when nobody has an outcome", async () => {
    const t = setup();
    expect(await t.deliverer.giveUp(n1, "too many dequeues")).toEqual({ action: "delete" });
    expect(t.deliveries.get(n1.id)).toMatchObject({ outcome: "failed", lastError: "too many dequeues" });
  });

  it("never overwrites a sent delivery", async () => {
    const t = setup();
    t.addRef({ kind: "user", email: user }, conversationRef("https://smba.example/", "a:1anna"));
    await t.deliverer.deliver(n1);
    const other = setup();
    other.deliveries.set(n1.id, t.deliveries.get(n1.id)!);
    expect(await other.deliverer.giveUp(n1, "too many")).toEqual({ action: "delete" });
    expect(other.deliveries.get(n1.id)?.outcome).toBe("sent");
  });

  it("leaves a message whose claim is live elsewhere (the holder may have crashed)", async () => {
    const t = setup();
    await t.api.claimDelivery(n1.id, { kind: n1.kind, target: n1.target, leaseSeconds: 100 });
    expect((await t.deliverer.giveUp(n1, "too many")).action).toBe("release");
  });
});

describe("claimConflict", () => {
  const err = (body: Record<string, unknown>): ApiError => {
    const full: ApiError["body"] = { code: "conflict", message: "", details: [], ...body };
    return new ApiError(409, full);
  };
  it("reads the delivery in the body", () => {
    expect(claimConflict(err({ delivery: { outcome: "sent" } })).reason).toBe("done");
    expect(claimConflict(err({ delivery: { outcome: "forbidden" } }))).toEqual({ reason: "done", outcome: "forbidden" });
    expect(claimConflict(err({ delivery: { outcome: "sending", claimedUntil: "2025-01-01T00:00:00Z" } }))).toEqual({
      reason: "leased",
      outcome: "sending",
      claimedUntil: "2025-01-01T00:00:00Z",
    });
  });
  it("or a detail named outcome, or the message", () => {
    expect(claimConflict(err({ details: [{ field: "outcome", message: "sent" }] })).reason).toBe("done");
    expect(claimConflict(err({ message: "Notification already sent" })).reason).toBe("done");
    expect(claimConflict(err({ message: "claimed by another worker" })).reason).toBe("leased");
    expect(claimConflict(err({ message: "?" })).reason).toBe("unknown");
  });
});

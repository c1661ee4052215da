import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { SHARED_MAILBOX } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { MailCandidate } from "../../src/mailbox/candidate.js";
import {
  GraphError,
  memoryDeltaState,
  retryAfterMs,
  syncFolder,
  syncMailbox,
  type GraphReaderOptions,
} from "../../src/mailbox/graphDelta.js";
import { credentialTokenProvider } from "../../src/mailbox/graphToken.js";
import { startGraphStandIn, type GraphStandIn } from "../support/graphStandIn.js";

/** The production reader against a Graph stand-in over real HTTP, into a sink idempotent per key like the store. */
let graph: GraphStandIn;
let stored: Map<string, MailCandidate>;
let deliveries: number;
let waits: number[];
let state: ReturnType<typeof memoryDeltaState>;

beforeEach(async () => {
  graph = await startGraphStandIn({ mailbox: SHARED_MAILBOX });
  stored = new Map();
  deliveries = 0;
  waits = [];
  state = memoryDeltaState();
});

afterEach(async () => {
  await graph.close();
});

function options(overrides: Partial<GraphReaderOptions> = {}): GraphReaderOptions {
  return {
    mailbox: SHARED_MAILBOX,
    baseUrl: graph.baseUrl,
    getToken: () => Promise.resolve(graph.token),
    state,
    pageSize: 2,
    since: null,
    sink: (candidate) => {
      deliveries += 1;
      if (!stored.has(candidate.key)) stored.set(candidate.key, candidate);
      return Promise.resolve();
    },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
}

function question(n: number, extra: Parameters<GraphStandIn["put"]>[1] | object = {}) {
  return graph.put("inbox", {
    subject: `Fråga ${n}`,
    internetMessageId: `<fraga-${n}@example.se>`,
    from: { emailAddress: { address: `Person${n}@Example.se`, name: `Person ${n}` } },
    receivedDateTime: `2026-06-1${n % 10}T08:00:00Z`,
    bodyPreview: `Hej, detta är fråga ${n}.`,
    internetMessageHeaders: [{ name: "Received", value: "from mx.example.se" }],
    ...extra,
  });
}

const subjects = () => [...stored.values()].map((c) => c.subject).sort();

describe("reading the shared mailbox with Graph delta queries", () => {
  it("lists the Inbox page by page, maps each mail to an inquiry, and keeps the delta link", async () => {
    for (let n = 1; n <= 5; n += 1) question(n);
    const result = await syncFolder("inbox", options());
    expect(result).toEqual({ pages: 3, messages: 5, resets: 0 });
    expect(subjects()).toEqual(["Fråga 1", "Fråga 2", "Fråga 3", "Fråga 4", "Fråga 5"]);
    const first = [...stored.values()].find((c) => c.subject === "Fråga 1");
    expect(first).toMatchObject({
      kind: "inquiry",
      source: "graph",
      messageId: "<fraga-1@example.se>",
      from: "person1@example.se",
      fromName: "Person 1",
      at: "2026-06-11T08:00:00.000Z",
      excerpt: "Hej, detta är fråga 1.",
    });
    expect(first?.conversationId).toMatch(/^AAQk/);
    expect(state.links.get("inbox")).toContain("$deltatoken=");

    const deltaCalls = graph.requests.filter((r) => r.path.endsWith("/messages/delta"));
    expect(deltaCalls[0]?.path).toBe(`/v1.0/users/${encodeURIComponent(SHARED_MAILBOX)}/mailFolders/inbox/messages/delta`);
    expect(deltaCalls[0]?.query.get("$select")).toContain("internetMessageId");
    expect(deltaCalls.every((r) => r.prefer?.includes("odata.maxpagesize=2"))).toBe(true);
    expect(deltaCalls.every((r) => r.authorization === `Bearer ${graph.token}`)).toBe(true);
  });

  it("from the delta link, reads only what changed, and skips deletions", async () => {
    const kept = question(1);
    const gone = question(2);
    await syncFolder("inbox", options());
    deliveries = 0;
    graph.remove("inbox", gone.id);
    question(3);
    const result = await syncFolder("inbox", options());
    expect(result.messages).toBe(1);
    expect(deliveries).toBe(1);
    expect(subjects()).toEqual(["Fråga 1", "Fråga 2", "Fråga 3"]);
    expect(kept.id).toBeTruthy();
  });

  it("reading again with nothing new delivers nothing", async () => {
    question(1);
    await syncFolder("inbox", options());
    deliveries = 0;
    expect((await syncFolder("inbox", options())).messages).toBe(0);
    expect(deliveries).toBe(0);
  });

  it("reads Sent Items as replies, naming the mails they answer from their Internet headers", async () => {
    question(1);
    graph.put("sentitems", {
      subject: "SV: Fråga 1",
      internetMessageId: "<svar-1@rvn.se>",
      from: { emailAddress: { address: SHARED_MAILBOX, name: "Nära vård" } },
      toRecipients: [{ emailAddress: { address: "person1@example.se", name: "Person 1" } }],
      sentDateTime: "2026-06-11T09:30:00Z",
      receivedDateTime: "2026-06-11T09:30:00Z",
      internetMessageHeaders: [
        { name: "In-Reply-To", value: "<fraga-1@example.se>" },
        { name: "References", value: "<aldre@example.se> <fraga-1@example.se>" },
      ],
    });
    const result = await syncMailbox(options());
    expect(result.inbox.messages).toBe(1);
    expect(result.sentitems.messages).toBe(1);
    const reply = [...stored.values()].find((c) => c.kind === "reply");
    expect(reply).toMatchObject({ from: SHARED_MAILBOX, at: "2026-06-11T09:30:00.000Z", inReplyTo: ["<fraga-1@example.se>", "<aldre@example.se>"] });
    // Headers are not part of a delta page; they were fetched per message.
    expect(graph.requests.some((r) => /\/messages\/[^/]+$/.test(r.path) && r.query.get("$select") === "internetMessageHeaders")).toBe(true);
  });

  it("does not make inquiries of automatic replies, bounces or the mailbox's own mail, nor count its own out-of-office as a reply", async () => {
    question(1, { internetMessageHeaders: [{ name: "Auto-Submitted", value: "auto-replied" }] });
    question(2, { from: { emailAddress: { address: "postmaster@example.se", name: "Postmaster" } } });
    question(3, { from: { emailAddress: { address: SHARED_MAILBOX, name: "Nära vård" } } });
    // Internal mail may carry no Internet headers: Exchange's out-of-office subject is the only sign.
    question(4, { subject: "Automatiskt svar: Fråga", internetMessageHeaders: null });
    question(5, { internetMessageHeaders: null, subject: "Vanlig fråga utan rubriker" });
    graph.put("sentitems", {
      subject: "Automatic reply: Fråga",
      from: { emailAddress: { address: SHARED_MAILBOX, name: "Nära vård" } },
      internetMessageHeaders: [{ name: "X-Auto-Response-Suppress", value: "All" }, { name: "In-Reply-To", value: "<fraga-5@example.se>" }],
    });
    await syncMailbox(options());
    const byKind = [...stored.values()].map((c) => [c.subject, c.kind === "ignored" ? c.reason : c.kind]);
    expect(Object.fromEntries(byKind)).toEqual({
      "Fråga 1": "auto_reply",
      "Fråga 2": "bounce",
      "Fråga 3": "own_mail",
      "Automatiskt svar: Fråga": "auto_reply",
      "Vanlig fråga utan rubriker": "inquiry",
      "Automatic reply: Fråga": "auto_reply",
    });
  });

  it("reads only mail received since the given instant on a first sync", async () => {
    question(1, { receivedDateTime: "2026-05-01T08:00:00Z" });
    question(2, { receivedDateTime: "2026-06-12T08:00:00Z" });
    await syncFolder("inbox", options({ since: new Date("2026-06-01T00:00:00Z") }));
    expect(subjects()).toEqual(["Fråga 2"]);
  });

  it("by default reads only the last 14 days on a first sync, so old mail never becomes breached inquiries", async () => {
    question(1, { receivedDateTime: "2026-06-01T08:00:00Z" });
    question(2, { receivedDateTime: "2026-06-12T08:00:00Z" });
    await syncFolder("inbox", options({ since: undefined, clock: fixedClock("2026-06-20T12:00:00Z") }));
    expect(subjects()).toEqual(["Fråga 2"]);
    expect(graph.requests[0]?.query.get("$filter")).toBe("receivedDateTime ge 2026-06-06T12:00:00.000Z");
  });
});

describe("Graph's faults", () => {
  it("waits out 429 Too Many Requests as Retry-After says, then goes on", async () => {
    question(1);
    graph.throttle(2, 7);
    const result = await syncFolder("inbox", options());
    expect(waits).toEqual([7000, 7000]);
    expect(result.messages).toBe(1);
    expect(graph.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it("really waits: a Retry-After of 1 s delays the sync by at least that", async () => {
    question(1);
    graph.throttle(1, 1);
    const started = Date.now();
    await syncFolder("inbox", options({ sleep: undefined }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(stored.size).toBe(1);
  });

  it("gives up after the attempts allowed, keeping the saved link so the next run starts where this one was", async () => {
    question(1);
    await syncFolder("inbox", options());
    const saved = state.links.get("inbox");
    question(2);
    graph.throttle(10, 1);
    await expect(syncFolder("inbox", options({ maxAttempts: 3 }))).rejects.toMatchObject({ status: 429, code: "ApplicationThrottled" });
    expect(state.links.get("inbox")).toBe(saved);
    graph.throttle(0, null);
    await syncFolder("inbox", options());
    expect(subjects()).toEqual(["Fråga 1", "Fråga 2"]);
  });

  it("starts a full sync again when Graph answers 410 SyncStateNotFound; the re-read mail changes nothing", async () => {
    question(1);
    question(2);
    await syncFolder("inbox", options());
    graph.expireSyncState();
    question(3);
    const result = await syncFolder("inbox", options());
    expect(result.resets).toBe(1);
    expect(result.messages).toBe(3);
    expect(stored.size).toBe(3);
    expect(graph.requests.some((r) => r.status === 410)).toBe(true);
    expect(state.links.get("inbox")).toContain("$deltatoken=");
  });

  it("gets a new token once when the old one is refused (401)", async () => {
    question(1);
    let current = graph.token;
    const refreshes: boolean[] = [];
    const getToken: GraphReaderOptions["getToken"] = (opts) => {
      refreshes.push(opts?.forceRefresh ?? false);
      if (opts?.forceRefresh) current = graph.token;
      return Promise.resolve(current);
    };
    await syncFolder("inbox", options({ getToken }));
    graph.rotateToken();
    question(2);
    await syncFolder("inbox", options({ getToken }));
    expect(refreshes).toEqual([false, false, true]);
    expect(subjects()).toEqual(["Fråga 1", "Fråga 2"]);
  });

  it("gives up on a request Graph never answers, so a hung connection cannot hold the timer", async () => {
    question(1);
    graph.stall(1);
    const started = Date.now();
    await expect(syncFolder("inbox", options({ requestTimeoutMs: 300 }))).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(state.links.get("inbox")).toBeUndefined();
    await syncFolder("inbox", options());
    expect(subjects()).toEqual(["Fråga 1"]);
  });

  it("reports 403 ErrorAccessDenied for a mailbox outside the identity's scope", async () => {
    const error = await syncFolder("inbox", options({ mailbox: "annan@rvn.se" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 403, code: "ErrorAccessDenied" });
  });

  it("after a crash in the middle of a sync, the next run resumes from the last whole page and loses nothing", async () => {
    for (let n = 1; n <= 5; n += 1) question(n);
    let calls = 0;
    const crashing = options({
      sink: (candidate) => {
        calls += 1;
        if (calls === 3) return Promise.reject(new Error("processen dog"));
        if (!stored.has(candidate.key)) stored.set(candidate.key, candidate);
        return Promise.resolve();
      },
    });
    await expect(syncFolder("inbox", crashing)).rejects.toThrow("processen dog");
    expect(state.links.get("inbox")).toContain("$skiptoken=");
    await syncFolder("inbox", options());
    expect(subjects()).toEqual(["Fråga 1", "Fråga 2", "Fråga 3", "Fråga 4", "Fråga 5"]);
  });

  it("never follows a saved link to another host, so the token cannot leak", async () => {
    await state.set("inbox", "https://attacker.example/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=x");
    await expect(syncFolder("inbox", options())).rejects.toMatchObject({ code: "unexpectedLink" });
    expect(graph.requests).toHaveLength(0);
  });
});

describe("helpers", () => {
  it("Retry-After as seconds or an HTTP date, or a backoff when absent", () => {
    const now = Date.parse("2026-06-18T14:00:00Z");
    expect(retryAfterMs("30", 1, now)).toBe(30_000);
    expect(retryAfterMs("Thu, 18 Jun 2026 14:00:10 GMT", 1, now)).toBe(10_000);
    expect(retryAfterMs(null, 1, now)).toBe(2000);
    expect(retryAfterMs(null, 10, now)).toBe(60_000);
  });

  it("the token provider reuses a token until shortly before expiry, and refreshes on demand", async () => {
    let issued = 0;
    let now = 0;
    const provider = credentialTokenProvider(
      {
        getToken: () => {
          issued += 1;
          return Promise.resolve({ token: `t${issued}`, expiresOnTimestamp: now + 60 * 60_000 });
        },
      },
      () => now,
    );
    expect(await provider()).toBe("t1");
    now += 30 * 60_000;
    expect(await provider()).toBe("t1");
    now += 26 * 60_000;
    expect(await provider()).toBe("t2");
    expect(await provider({ forceRefresh: true })).toBe("t3");
  });
});

import { afterEach, describe, expect, it } from "@jest/globals";
import { createConnectorSender, type ConnectorSenderOptions } from "../../src/notifications/sender.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../../../tests/support/connectorStandIn.js";

const activity = { type: "message" as const, text: "hej" };

/** A fetch that answers from a script: a status (with optional headers) or an error per call. */
function scriptedFetch(script: Array<number | { status: number; headers?: Record<string, string>; body?: string } | Error>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetch = (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const step = script[Math.min(calls.length - 1, script.length - 1)];
    if (step instanceof Error) return Promise.reject(step);
    const s = typeof step === "number" ? { status: step } : step;
    if (s === undefined) throw new Error("script empty");
    const body = s.body ?? (s.status < 300 ? JSON.stringify({ id: `act-${calls.length}` }) : "");
    return Promise.resolve(new Response(s.status === 204 ? null : body, { status: s.status, headers: s.headers }));
  };
  return { fetch, calls };
}

/** No real waiting: a fake clock that the sleeps move, and a record of them. */
function fakeTime() {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    clock: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

const target = { serviceUrl: "https://smba.example/emea/", conversationId: "a:1abc", tenantId: "t1" };

function sender(fetch: ConnectorSenderOptions["fetch"], extra: Partial<ConnectorSenderOptions> = {}) {
  const { sleep, sleeps, clock } = fakeTime();
  return {
    sleeps,
    sender: createConnectorSender({
      tokenProvider: () => Promise.resolve("tok"),
      fetch,
      sleep,
      clock,
      random: () => 0.5,
      assumeBusyAtStart: false,
      ...extra,
    }),
  };
}

describe("sender against scripted answers", () => {
  it("posts the activity to {serviceUrl}/v3/conversations/{id}/activities with the bearer token", async () => {
    const { fetch, calls } = scriptedFetch([201]);
    const result = await sender(fetch).sender.send({ ...target, conversationId: "19:a b@thread.tacv2" }, activity);
    expect(result).toEqual({ outcome: "sent", activityId: "act-1", attempts: 1, lastStatus: 201 });
    expect(calls[0]?.url).toBe("https://smba.example/emea/v3/conversations/19%3Aa%20b%40thread.tacv2/activities");
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe("Bearer tok");
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual(activity);
  });

  it("sends no Authorization header when the token provider gives none (local Playground)", async () => {
    const { fetch, calls } = scriptedFetch([200]);
    await sender(fetch, { tokenProvider: () => Promise.resolve(undefined) }).sender.send(target, activity);
    expect((calls[0]?.init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it("403 is forbidden after exactly one request, never retried", async () => {
    const { fetch, calls } = scriptedFetch([403, 201]);
    const result = await sender(fetch).sender.send(target, activity);
    expect(result).toMatchObject({ outcome: "forbidden", attempts: 1, lastStatus: 403 });
    expect(calls).toHaveLength(1);
  });

  it("404 is no_conversation, not retried", async () => {
    const { fetch, calls } = scriptedFetch([404, 201]);
    expect(await sender(fetch).sender.send(target, activity)).toMatchObject({ outcome: "no_conversation", attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it.each([400, 401, 405, 413, 501])("%i is failed, not retried", async (status) => {
    const { fetch, calls } = scriptedFetch([status, 201]);
    expect(await sender(fetch).sender.send(target, activity)).toMatchObject({ outcome: "failed", attempts: 1, lastStatus: status });
    expect(calls).toHaveLength(1);
  });

  it("retries 412, 500, 502, 503, 504 and network errors with jittered back-off", async () => {
    const { fetch, calls } = scriptedFetch([412, 500, 502, 503, 504, new TypeError("fetch failed"), 201]);
    const s = sender(fetch);
    const result = await s.sender.send(target, activity);
    expect(result).toMatchObject({ outcome: "sent", attempts: 7 });
    expect(calls).toHaveLength(7);
    // random() = 0.5 → half of min(30 s, 500 ms · 2^(n-1))
    expect(s.sleeps).toEqual([250, 500, 1000, 2000, 4000, 8000]);
  });

  it("waits Retry-After (seconds) on 429", async () => {
    const { fetch } = scriptedFetch([{ status: 429, headers: { "Retry-After": "3" } }, 201]);
    const s = sender(fetch);
    expect(await s.sender.send(target, activity)).toMatchObject({ outcome: "sent", attempts: 2 });
    expect(s.sleeps).toEqual([3000]);
  });

  it("waits Retry-After (HTTP date) on 429", async () => {
    const now = Date.parse("2025-06-15T10:00:00Z");
    const { fetch } = scriptedFetch([{ status: 429, headers: { "Retry-After": new Date(now + 7000).toUTCString() } }, 201]);
    const s = sender(fetch, { wallClock: () => now });
    await s.sender.send(target, activity);
    expect(s.sleeps).toEqual([7000]);
  });

  it("a 429 without Retry-After backs off", async () => {
    const { fetch } = scriptedFetch([429, 429, 201]);
    const s = sender(fetch);
    await s.sender.send(target, activity);
    expect(s.sleeps).toEqual([250, 500]);
  });

  it("gives up as failed after maxAttempts", async () => {
    const { fetch, calls } = scriptedFetch([503]);
    const result = await sender(fetch).sender.send(target, activity);
    expect(result).toMatchObject({ outcome: "failed", attempts: 8, lastStatus: 503 });
    expect(calls).toHaveLength(8);
  });

  it("gives up when the next wait would exceed the retry budget", async () => {
    const { fetch, calls } = scriptedFetch([{ status: 429, headers: { "Retry-After": "50" } }]);
    const result = await sender(fetch, { retry: { budgetMs: 60_000 } }).sender.send(target, activity);
    // The first 50 s wait fits in 60 s; the second would end at 100 s.
    expect(result).toMatchObject({ outcome: "failed", attempts: 2 });
    expect(result.outcome === "failed" && result.lastError).toMatch(/retry budget/);
    expect(calls).toHaveLength(2);
  });

  it("beforeAttempt=false stops without sending", async () => {
    const { fetch, calls } = scriptedFetch([503, 201]);
    let allowed = 1;
    const result = await sender(fetch).sender.send(target, activity, { beforeAttempt: () => Promise.resolve(allowed-- > 0) });
    expect(result).toMatchObject({ outcome: "abandoned", attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it("after start-up each tenant is assumed fully used for one window (a restarted bot cannot know)", async () => {
    const { fetch } = scriptedFetch([201]);
    const s = sender(fetch, { assumeBusyAtStart: true });
    await s.sender.send(target, activity);
    expect(s.sleeps).toEqual([1005]); // 1 s window + 5 ms margin
    await s.sender.send(target, activity);
    expect(s.sleeps).toEqual([1005]);
  });

  it("a 2xx without a JSON body is still sent", async () => {
    const { fetch } = scriptedFetch([{ status: 201, body: "ok" }]);
    expect(await sender(fetch).sender.send(target, activity)).toEqual({ outcome: "sent", activityId: undefined, attempts: 1, lastStatus: 201 });
  });
});

describe("sender against the stand-in connector", () => {
  let standIn: ConnectorStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it("paces a burst to one conversation within 7/s and 8 per 2 s, so the connector never throttles", async () => {
    standIn = await startConnectorStandIn();
    const s = createConnectorSender({ tokenProvider: () => Promise.resolve(undefined) });
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => s.send({ serviceUrl: standIn!.serviceUrl, conversationId: "19:kanal" }, activity)),
    );
    const elapsed = performance.now() - t0;
    expect(results.every((r) => r.outcome === "sent" && r.attempts === 1)).toBe(true);
    expect(standIn.stats().limited).toBe(0);
    expect(standIn.acceptedFor("19:kanal")).toHaveLength(10);
    // 8 per 2 s: the 9th and 10th could not go before 2 s had passed. (A lower bound, never an upper one.)
    expect(elapsed).toBeGreaterThanOrEqual(2000);
  });

  it("keeps sending through throttling and faults; a blocked conversation gets one request", async () => {
    standIn = await startConnectorStandIn({
      faults: { throttle: 0.15, retryAfterSeconds: 1, serverError: 0.1, precondition: 0.05, reset: 0.05 },
      forbidden: ["a:blocked"],
      seed: 7,
      requireToken: "tok",
    });
    const s = createConnectorSender({ tokenProvider: () => Promise.resolve("tok"), retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 12 } });
    const ids = Array.from({ length: 40 }, (_, i) => `a:u${i}`);
    const results = await Promise.all([...ids, "a:blocked"].map((id) => s.send({ serviceUrl: standIn!.serviceUrl, conversationId: id }, activity)));
    expect(results.slice(0, 40).every((r) => r.outcome === "sent")).toBe(true);
    expect(results[40]).toMatchObject({ outcome: "forbidden", attempts: 1 });
    expect(standIn.requestsFor("a:blocked")).toHaveLength(1);
    for (const id of ids) expect(standIn.acceptedFor(id)).toHaveLength(1);
    const stats = standIn.stats();
    expect(stats.throttled + stats.server_error + stats.precondition + stats.reset).toBeGreaterThan(0);
    expect(stats.unauthorized).toBe(0);
  });
});

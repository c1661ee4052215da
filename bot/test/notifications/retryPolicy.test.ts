import { describe, expect, it } from "@jest/globals";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  classifyStatus,
  parseRetryAfter,
  retryDelay,
  type RetryPolicy,
} from "../../src/notifications/retryPolicy.js";

describe("classifyStatus", () => {
  it.each([
    [200, "success"],
    [201, "success"],
    [202, "success"],
    [429, "retry"],
    [412, "retry"],
    [408, "retry"],
    [500, "retry"],
    [502, "retry"],
    [503, "retry"],
    [504, "retry"],
    [403, "forbidden"],
    [404, "not_found"],
    [400, "fail"],
    [401, "fail"],
    [405, "fail"],
    [409, "fail"],
    [413, "fail"],
    [501, "fail"],
    [505, "fail"],
    [302, "fail"],
  ] as const)("%i → %s", (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-06-15T10:00:00Z");
  it.each([
    ["1", 1000],
    ["0", 0],
    ["30", 30_000],
    ["  2  ", 2000],
    ["1.5", 1500],
  ])("delay-seconds %j → %i ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it("reads an HTTP date relative to now", () => {
    expect(parseRetryAfter("Sun, 15 Jun 2025 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it("a date in the past means now", () => {
    expect(parseRetryAfter("Sun, 15 Jun 2025 09:00:00 GMT", now)).toBe(0);
  });

  it.each([[null], [undefined], [""], ["   "], ["-1"], ["soon"], ["1s"], ["12abc"]])("unreadable %j → undefined", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe("backoff with full jitter", () => {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 30_000 };

  it("is uniform in [0, min(cap, base·2^(n-1))]", () => {
    const ceilings = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000];
    ceilings.forEach((ceiling, i) => {
      const n = i + 1;
      expect(backoffDelay(n, policy, () => 0)).toBe(0);
      expect(backoffDelay(n, policy, () => 0.5)).toBe(Math.floor(ceiling / 2));
      expect(backoffDelay(n, policy, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling));
      for (let k = 0; k < 200; k++) {
        const d = backoffDelay(n, policy, Math.random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    });
  });

  it("never overflows for large attempt numbers", () => {
    expect(backoffDelay(500, policy, () => 0.999)).toBe(Math.floor(0.999 * 30_000));
  });

  it("spreads waiters out (not all at the same moment)", () => {
    const samples = Array.from({ length: 500 }, () => backoffDelay(4, policy, Math.random));
    const distinct = new Set(samples.map((s) => Math.floor(s / 100)));
    expect(distinct.size).toBeGreaterThan(20);
  });
});

describe("retryDelay", () => {
  it("follows Retry-After when given, capped", () => {
    expect(retryDelay(1, 1000, DEFAULT_RETRY_POLICY, () => 0.9)).toBe(1000);
    expect(retryDelay(7, 0, DEFAULT_RETRY_POLICY, () => 0.9)).toBe(0);
    expect(retryDelay(1, 10 * 60_000, DEFAULT_RETRY_POLICY, () => 0.9)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });
  it("backs off when not", () => {
    expect(retryDelay(3, undefined, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
  });
});

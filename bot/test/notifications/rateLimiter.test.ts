import { describe, expect, it } from "@jest/globals";
import {
  SlidingWindowLimiter,
  TEAMS_PER_CONVERSATION,
  TEAMS_PER_TENANT,
  acquire,
  withMargin,
  type LimitScope,
  type WindowRule,
} from "../../src/notifications/rateLimiter.js";

function fakeClock(start = 0) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => {
      t = v;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** A send whose answer comes back at once: acquire, then release at the same instant. */
function take(limiter: SlidingWindowLimiter, scopes: LimitScope[]): { ok: true } | { ok: false; waitMs: number } {
  const r = limiter.tryAcquire(scopes);
  if (!r.ok) return { ok: false, waitMs: r.waitMs };
  limiter.release(r.ticket);
  return { ok: true };
}

const conv = (id: string): LimitScope => ({ key: `conversation:${id}`, rules: TEAMS_PER_CONVERSATION });
const tenant = (id = "t"): LimitScope => ({ key: `tenant:${id}`, rules: TEAMS_PER_TENANT });

/** Sends as fast as the limiter allows, stepping the fake clock by the wait it reports, and returns the grant times. */
function greedy(limiter: SlidingWindowLimiter, clock: ReturnType<typeof fakeClock>, scopes: LimitScope[], until: number): number[] {
  const grants: number[] = [];
  while (clock.now() < until) {
    const r = take(limiter, scopes);
    if (r.ok) grants.push(clock.now());
    else {
      expect(r.waitMs).toBeGreaterThan(0);
      clock.advance(r.waitMs);
    }
  }
  return grants;
}

/** The most grants in any window of `windowMs` (checked by brute force at every grant). */
function maxInAnyWindow(grants: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < grants.length; i++) {
    let count = 0;
    for (let j = i; j < grants.length && (grants[j] as number) < (grants[i] as number) + windowMs; j++) count++;
    max = Math.max(max, count);
  }
  return max;
}

describe("SlidingWindowLimiter", () => {
  it("lets `limit` sends through at once and tells the exact wait for the next", () => {
    const clock = fakeClock(1000);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "k", rules: [{ limit: 3, windowMs: 1000 }] };
    for (let i = 0; i < 3; i++) expect(take(limiter, [scope])).toEqual({ ok: true });
    expect(take(limiter, [scope])).toEqual({ ok: false, waitMs: 1000 });
    clock.advance(999);
    expect(take(limiter, [scope])).toEqual({ ok: false, waitMs: 1 });
    clock.advance(1);
    // A send exactly one window ago no longer counts.
    expect(take(limiter, [scope])).toEqual({ ok: true });
  });

  it("is a sliding window, not a fixed one", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "k", rules: [{ limit: 2, windowMs: 1000 }] };
    expect(take(limiter, [scope]).ok).toBe(true); // t=0
    clock.set(900);
    expect(take(limiter, [scope]).ok).toBe(true); // t=900
    clock.set(1100); // a fixed window [1000,2000) would allow two more here
    expect(take(limiter, [scope])).toEqual({ ok: true }); // t=0 has left
    expect(take(limiter, [scope])).toEqual({ ok: false, waitMs: 800 }); // t=900 leaves at 1900
  });

  it("per conversation: 7 in a second, the 8th at 1 s, the 9th only at 2 s (8 per 2 s)", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    for (let i = 0; i < 7; i++) expect(take(limiter, [conv("a")]).ok).toBe(true);
    expect(take(limiter, [conv("a")])).toEqual({ ok: false, waitMs: 1000 });
    clock.set(1000);
    expect(take(limiter, [conv("a")]).ok).toBe(true);
    expect(take(limiter, [conv("a")])).toEqual({ ok: false, waitMs: 1000 });
    clock.set(2000);
    expect(take(limiter, [conv("a")]).ok).toBe(true);
  });

  it("a greedy sender never exceeds any Teams per-conversation window (two simulated hours)", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const grants = greedy(limiter, clock, [conv("a")], 2 * 3_600_000);
    expect(maxInAnyWindow(grants, 1_000)).toBe(7);
    expect(maxInAnyWindow(grants, 2_000)).toBe(8);
    expect(maxInAnyWindow(grants, 30_000)).toBe(60);
    // The hourly limit binds: 1800 in the first hour, then nothing until the first of them ages out.
    const firstHour = grants.filter((t) => t < 3_600_000).length;
    expect(firstHour).toBe(1800);
    let maxHour = 0;
    for (let i = 0, j = 0; i < grants.length; i++) {
      while ((grants[i] as number) - (grants[j] as number) >= 3_600_000) j++;
      maxHour = Math.max(maxHour, i - j + 1);
    }
    expect(maxHour).toBe(1800);
    expect(grants.length).toBe(3600);
  });

  it("the tenant's 50/s is shared by all its conversations", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    let granted = 0;
    for (let i = 0; i < 100; i++) if (take(limiter, [conv(`c${i}`), tenant()]).ok) granted++;
    expect(granted).toBe(50);
    expect(take(limiter, [conv("other"), tenant("t2")]).ok).toBe(true); // another tenant is separate
    const grants = greedy(limiter, clock, [conv("x"), tenant()], 10_000);
    // The conversation's own 7/s binds before the tenant's 50/s for a single conversation.
    expect(maxInAnyWindow(grants, 1000)).toBeLessThanOrEqual(7);
  });

  it("takes a slot in every scope or in none", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const small: LimitScope = { key: "tenant:small", rules: [{ limit: 1, windowMs: 1000 }] };
    expect(take(limiter, [conv("a"), small]).ok).toBe(true);
    // The tenant is full: conversation b must not lose a slot for a send that did not happen.
    for (let i = 0; i < 5; i++) expect(take(limiter, [conv("b"), small]).ok).toBe(false);
    expect(limiter.countInWindow("conversation:b", 1000)).toBe(0);
    // And a full conversation does not use up the tenant.
    for (let i = 0; i < 6; i++) expect(take(limiter, [conv("a")]).ok).toBe(true);
    const big: LimitScope = { key: "tenant:big", rules: [{ limit: 100, windowMs: 1000 }] };
    expect(take(limiter, [conv("a"), big]).ok).toBe(false);
    expect(limiter.countInWindow("tenant:big", 1000)).toBe(0);
  });

  it("reports the longest wait across scopes and rules", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const a: LimitScope = { key: "a", rules: [{ limit: 1, windowMs: 500 }] };
    const b: LimitScope = { key: "b", rules: [{ limit: 1, windowMs: 2000 }] };
    expect(take(limiter, [a, b]).ok).toBe(true);
    expect(take(limiter, [a, b])).toEqual({ ok: false, waitMs: 2000 });
    clock.set(600);
    expect(take(limiter, [a, b])).toEqual({ ok: false, waitMs: 1400 });
    expect(take(limiter, [a]).ok).toBe(true);
  });

  it("survives a clock that steps back (treats time as not moving)", () => {
    const clock = fakeClock(10_000);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "k", rules: [{ limit: 2, windowMs: 1000 }] };
    expect(take(limiter, [scope]).ok).toBe(true);
    clock.set(5_000);
    expect(take(limiter, [scope]).ok).toBe(true);
    expect(take(limiter, [scope])).toEqual({ ok: false, waitMs: 1000 });
    clock.set(11_000);
    expect(take(limiter, [scope]).ok).toBe(true);
  });

  it("forgets idle scopes and old entries", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    for (let i = 0; i < 20; i++) take(limiter, [conv(`c${i}`), tenant()]);
    expect(limiter.size).toBe(21);
    clock.set(2000);
    limiter.sweep();
    expect(limiter.size).toBe(20); // tenant window (1 s) passed; conversations keep an hour
    clock.set(3_600_001);
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });

  it("sweeps by itself every so many acquisitions", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now, { sweepEvery: 10 });
    const scope = (i: number): LimitScope => ({ key: `k${i}`, rules: [{ limit: 1, windowMs: 10 }] });
    for (let i = 0; i < 100; i++) {
      expect(take(limiter, [scope(i)]).ok).toBe(true);
      clock.advance(20);
    }
    expect(limiter.size).toBeLessThanOrEqual(10);
  });

  it("assumeFull: a scope counts as used up at `at` for its tightest limit", () => {
    const clock = fakeClock(500);
    const limiter = new SlidingWindowLimiter(clock.now);
    limiter.assumeFull(tenant(), 0);
    expect(take(limiter, [tenant()])).toEqual({ ok: false, waitMs: 500 });
    clock.set(1000);
    for (let i = 0; i < 50; i++) expect(take(limiter, [tenant()]).ok).toBe(true);
    expect(take(limiter, [tenant()]).ok).toBe(false);
  });

  it("withMargin widens every window", () => {
    const rules: WindowRule[] = [
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
    ];
    expect(withMargin(rules, 25)).toEqual([
      { limit: 7, windowMs: 1025 },
      { limit: 8, windowMs: 2025 },
    ]);
  });
});

describe("sends in flight", () => {
  it("count in every window until their answer is in, then as sent at that moment", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now, { inFlightPollMs: 7 });
    const scope: LimitScope = { key: "k", rules: [{ limit: 1, windowMs: 1000 }] };
    const first = limiter.tryAcquire([scope]);
    if (!first.ok) throw new Error("expected a slot");
    clock.set(5000); // a very slow request: still counts, and when it ends is unknown → poll hint
    expect(limiter.tryAcquire([scope])).toEqual({ ok: false, waitMs: 7, untilRelease: true });
    expect(limiter.countInWindow("k", 1000)).toBe(1);
    limiter.release(first.ticket); // answered at 5000: it may have arrived as late as that
    expect(limiter.tryAcquire([scope])).toEqual({ ok: false, waitMs: 1000, untilRelease: false });
    clock.set(6000);
    expect(take(limiter, [scope])).toEqual({ ok: true });
  });

  it("a slow round trip cannot let the service see more than the limit", () => {
    // Requests take 0–300 ms to arrive (unknown to us); the answer comes at arrival. Check the service's view.
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "t", rules: [{ limit: 5, windowMs: 1000 }] };
    const arrivals: number[] = [];
    const pending: Array<{ at: number; ticket: Parameters<SlidingWindowLimiter["release"]>[0] }> = [];
    let seed = 3;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    while (clock.now() < 20_000) {
      pending.sort((a, b) => a.at - b.at);
      while (pending[0] && pending[0].at <= clock.now()) {
        const p = pending.shift()!;
        limiter.release(p.ticket);
      }
      const r = limiter.tryAcquire([scope]);
      if (r.ok) {
        const at = clock.now() + Math.floor(rnd() * 300);
        arrivals.push(at);
        pending.push({ at, ticket: r.ticket });
      } else clock.advance(Math.min(r.waitMs, Math.max(1, (pending[0]?.at ?? Infinity) - clock.now())));
    }
    arrivals.sort((a, b) => a - b);
    expect(maxInAnyWindow(arrivals, 1000)).toBeLessThanOrEqual(5);
    expect(arrivals.length).toBeGreaterThan(60);
  });

  it("a cancelled slot does not count; settling twice is harmless", () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "k", rules: [{ limit: 1, windowMs: 1000 }] };
    const a = limiter.tryAcquire([scope]);
    if (!a.ok) throw new Error("expected a slot");
    limiter.cancel(a.ticket);
    limiter.release(a.ticket);
    expect(limiter.countInWindow("k", 1000)).toBe(0);
    const b = limiter.tryAcquire([scope]);
    if (!b.ok) throw new Error("expected a slot");
    limiter.release(b.ticket);
    limiter.release(b.ticket);
    expect(limiter.countInWindow("k", 1000)).toBe(1);
  });
});

describe("acquire", () => {
  it("sleeps exactly as long as needed, then takes the slot", async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const sleeps: number[] = [];
    const sleep = (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    };
    const scope: LimitScope = { key: "k", rules: [{ limit: 2, windowMs: 1000 }] };
    const waited = async () => {
      const { ticket, waitedMs } = await acquire(limiter, [scope], sleep, clock.now);
      limiter.release(ticket);
      return waitedMs;
    };
    expect(await waited()).toBe(0);
    clock.advance(100);
    expect(await waited()).toBe(0);
    expect(await waited()).toBe(900);
    expect(sleeps).toEqual([900]);
    expect(await waited()).toBe(100);
  });

  it("many concurrent waiters each get a slot without breaking the window", async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter(clock.now);
    const scope: LimitScope = { key: "tenant", rules: [{ limit: 5, windowMs: 1000 }] };
    // A sleep that resolves in clock order, like timers.
    const timers: Array<{ at: number; resolve: () => void }> = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: clock.now() + ms, resolve }));
    const grants: number[] = [];
    const all = Promise.all(
      Array.from({ length: 23 }, () =>
        acquire(limiter, [scope], sleep, clock.now).then(({ ticket }) => {
          grants.push(clock.now());
          limiter.release(ticket);
        }),
      ),
    );
    for (let guard = 0; guard < 10_000 && grants.length < 23; guard++) {
      await new Promise((r) => setImmediate(r));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) continue;
      clock.set(Math.max(clock.now(), next.at));
      next.resolve();
    }
    await all;
    expect(grants).toHaveLength(23);
    expect(maxInAnyWindow(grants, 1000)).toBe(5);
    expect(Math.max(...grants)).toBe(4000); // 23 sends at 5/s: the last batch starts at 4 s
  });
});

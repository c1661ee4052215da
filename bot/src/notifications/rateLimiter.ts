/**
 * Sliding-window rate limiter for proactive sends. Pure: no timers, no `Date.now()`; time comes from an
 * injected clock, and waiting is done by `acquire` with an injected sleep.
 *
 * Each scope (a conversation, a tenant) has its own log of send times and one or more windows
 * ("at most `limit` sends in any `windowMs`"). A send takes a slot in every scope it belongs to at once,
 * or in none, so a send blocked by its conversation never uses up the tenant's budget. A send counts while
 * it is in flight and then at the moment its answer came (see `SlidingWindowLimiter`), so network latency
 * can never make the service see more than the limit.
 */

export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface LimitScope {
  /** Unique across scopes, e.g. `conversation:<id>` or `tenant:<id>`. */
  key: string;
  rules: readonly WindowRule[];
}

/** Teams: per bot per conversation 7 messages/s, 8 per 2 s, 60 per 30 s, 1800 per hour. */
export const TEAMS_PER_CONVERSATION: readonly WindowRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/** Teams: per app per tenant 50 requests/s. */
export const TEAMS_PER_TENANT: readonly WindowRule[] = [{ limit: 50, windowMs: 1_000 }];

/**
 * Widens every window by `marginMs`, for slack between our clock and the service's (default in the sender: 5 ms;
 * the in-flight accounting below already covers network latency).
 */
export function withMargin(rules: readonly WindowRule[], marginMs: number): WindowRule[] {
  return rules.map((r) => ({ limit: r.limit, windowMs: r.windowMs + marginMs }));
}

/** A granted slot. Give it back with `release` when the request's answer (or failure) is in, or `cancel` if unused. */
export interface Ticket {
  readonly keys: readonly string[];
  settled: boolean;
}

/**
 * `untilRelease`: a scope is full of sends still in flight, whose end is unknown; `waitMs` is then only a
 * fallback poll, and waiting for the next `release` is better (see `ReleaseSignal`).
 */
export type AcquireResult = { ok: true; ticket: Ticket } | { ok: false; waitMs: number; untilRelease: boolean };

/**
 * When does a send "happen"? The service counts it when the request arrives, somewhere between our send and
 * our receiving the answer, and we cannot know where. So a send counts in every window from the moment its slot
 * is granted until its answer is in (in flight), and then as if it had happened when the answer came (the latest
 * it can have arrived). The service can therefore never see more than `limit` in a window, whatever the latency;
 * the price is that each slot is held one round trip longer than strictly needed.
 */
export class SlidingWindowLimiter {
  /** Completion times per scope key, ascending (the clock is non-decreasing, so appending keeps order). */
  private readonly logs = new Map<string, number[]>();
  /** Slots granted and not yet released, per key. */
  private readonly inFlight = new Map<string, number>();
  /** Longest window seen per key, to know what can be forgotten. */
  private readonly horizon = new Map<string, number>();
  private lastNow = Number.NEGATIVE_INFINITY;
  private sinceSweep = 0;

  /**
   * @param clock milliseconds, e.g. `performance.now`
   * @param options.inFlightPollMs fallback wait when a scope is full of sends still in flight (default 250 ms)
   */
  constructor(
    private readonly clock: () => number,
    private readonly options: { sweepEvery?: number; inFlightPollMs?: number } = {},
  ) {}

  /**
   * Takes one slot in every scope if all of them allow it now; otherwise takes nothing and says how long
   * to wait before trying again.
   */
  tryAcquire(scopes: readonly LimitScope[]): AcquireResult {
    const now = this.now();
    let waitMs = 0;
    let untilRelease = false;
    for (const scope of scopes) {
      const log = this.logs.get(scope.key) ?? [];
      const flying = this.inFlight.get(scope.key) ?? 0;
      for (const rule of scope.rules) {
        const first = firstAfter(log, now - rule.windowMs);
        const inWindow = log.length - first;
        const count = inWindow + flying;
        if (count < rule.limit) continue;
        // Entries leave the window oldest first; in-flight ones leave only after they are released.
        const mustLeave = count - rule.limit; // index (among those in the window) of the one that must go
        if (mustLeave < inWindow) {
          waitMs = Math.max(waitMs, (log[first + mustLeave] as number) + rule.windowMs - now);
        } else {
          untilRelease = true;
          waitMs = Math.max(waitMs, this.options.inFlightPollMs ?? 250);
        }
      }
    }
    if (waitMs > 0) return { ok: false, waitMs, untilRelease };
    for (const scope of scopes) {
      const longest = Math.max(0, ...scope.rules.map((r) => r.windowMs));
      this.horizon.set(scope.key, Math.max(this.horizon.get(scope.key) ?? 0, longest));
      this.inFlight.set(scope.key, (this.inFlight.get(scope.key) ?? 0) + 1);
    }
    if (++this.sinceSweep >= (this.options.sweepEvery ?? 1000)) this.sweep();
    return { ok: true, ticket: { keys: scopes.map((s) => s.key), settled: false } };
  }

  /** The request of this slot is over (answered or failed): it counts from now on as a send at this moment. */
  release(ticket: Ticket): void {
    this.settle(ticket, true);
  }

  /** The slot was not used after all: it does not count. */
  cancel(ticket: Ticket): void {
    this.settle(ticket, false);
  }

  /**
   * Marks a scope as full as of `at` (for its tightest limit), as if another process had just used it up: a
   * restarted bot cannot know what its previous process sent in the last second, and the service still counts it.
   */
  assumeFull(scope: LimitScope, at: number): void {
    const limit = Math.min(...scope.rules.map((r) => r.limit));
    const longest = Math.max(0, ...scope.rules.map((r) => r.windowMs));
    this.horizon.set(scope.key, Math.max(this.horizon.get(scope.key) ?? 0, longest));
    const log = this.logs.get(scope.key) ?? [];
    const stamp = Math.min(at, this.now());
    const phantom: number[] = Array.from({ length: limit }, () => stamp);
    this.logs.set(scope.key, [...phantom, ...log].sort((a, b) => a - b));
  }

  /** Sends in the window ending now, in flight included (for tests and diagnostics). */
  countInWindow(key: string, windowMs: number): number {
    const log = this.logs.get(key) ?? [];
    return log.length - firstAfter(log, this.now() - windowMs) + (this.inFlight.get(key) ?? 0);
  }

  /** Number of scopes with history (idle ones are forgotten by `sweep`). */
  get size(): number {
    return new Set([...this.logs.keys(), ...this.inFlight.keys()]).size;
  }

  /** Forgets send times older than each scope's longest window, and scopes with none left. */
  sweep(): void {
    this.sinceSweep = 0;
    const now = this.now();
    for (const [key, log] of this.logs) {
      const keep = firstAfter(log, now - (this.horizon.get(key) ?? 0));
      if (keep >= log.length) this.logs.delete(key);
      else if (keep > 0) log.splice(0, keep);
    }
    for (const key of this.horizon.keys()) if (!this.logs.has(key) && !this.inFlight.has(key)) this.horizon.delete(key);
  }

  private settle(ticket: Ticket, count: boolean): void {
    if (ticket.settled) return;
    ticket.settled = true;
    const now = this.now();
    for (const key of ticket.keys) {
      const flying = (this.inFlight.get(key) ?? 1) - 1;
      if (flying > 0) this.inFlight.set(key, flying);
      else this.inFlight.delete(key);
      if (!count) continue;
      let log = this.logs.get(key);
      if (!log) {
        log = [];
        this.logs.set(key, log);
      }
      // Drop what can never count again so a busy scope's log stays bounded by its largest limit.
      const stale = firstAfter(log, now - (this.horizon.get(key) ?? 0));
      if (stale > 64) log.splice(0, stale);
      log.push(now);
    }
  }

  /** The clock, made non-decreasing (a wall clock may step back; the log must stay sorted). */
  private now(): number {
    const t = this.clock();
    if (t > this.lastNow) this.lastNow = t;
    return this.lastNow;
  }
}

/** Index of the first entry strictly greater than `t` in an ascending array. */
function firstAfter(log: readonly number[], t: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((log[mid] as number) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Lets waiters blocked by sends in flight wake at the next release instead of polling. */
export class ReleaseSignal {
  private readonly waiters = new Set<() => void>();

  /** Resolves at the next `notify()`, or when `fallback` resolves, whichever is first. */
  wait(fallback: Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      void fallback.then(done);
    });
  }

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/**
 * Waits until the limiter grants a slot in all scopes, then takes it. Every proactive send goes through this
 * immediately before its HTTP request, and releases the ticket when the answer is in (then `releases.notify()`).
 */
export async function acquire(
  limiter: SlidingWindowLimiter,
  scopes: readonly LimitScope[],
  sleep: (ms: number) => Promise<void>,
  clock: () => number,
  releases?: ReleaseSignal,
): Promise<{ ticket: Ticket; waitedMs: number }> {
  const start = clock();
  for (;;) {
    const result = limiter.tryAcquire(scopes);
    if (result.ok) return { ticket: result.ticket, waitedMs: clock() - start };
    if (result.untilRelease && releases) await releases.wait(sleep(result.waitMs));
    else await sleep(result.waitMs);
  }
}

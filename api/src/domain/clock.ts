/** Time is injected everywhere so rules and tests never depend on the wall clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock fixed at `iso`, optionally advanced by tests. */
export function fixedClock(iso: string): Clock & { advance(ms: number): void } {
  let now = new Date(iso).getTime();
  const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

/** `YYYY-MM-DD` of an instant in Swedish local time (decision dates are calendar days in Sweden). */
export function swedishDate(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/**
 * A clock that runs `offsetMs()` ahead of `base`; local mode's demo clock (`POST /api/dev/clock`). `onAdvance`
 * lets the local host run its timers' work right after a jump instead of at their next tick.
 */
export type AdjustableClock = Clock & { advance(ms: number): void; offsetMs(): number; onAdvance(listener: () => void): void };

export function adjustableClock(base: Clock): AdjustableClock {
  let offset = 0;
  const listeners: Array<() => void> = [];
  const clock = (() => new Date(base().getTime() + offset)) as AdjustableClock;
  clock.advance = (ms: number) => {
    offset += ms;
    for (const listener of listeners) listener();
  };
  clock.offsetMs = () => offset;
  clock.onAdvance = (listener) => {
    listeners.push(listener);
  };
  return clock;
}

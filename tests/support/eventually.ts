// Captured at load, before a test can install fake timers: the retry loop must keep real time.
const realSetTimeout = globalThis.setTimeout;
const realNow = Date.now.bind(Date);

export interface EventuallyOptions {
  /** How long to keep trying, in ms (default 1000). */
  timeout?: number;
  /** Pause between tries, in ms (default 50). */
  interval?: number;
}

/**
 * Runs `assertion` until it stops throwing, and returns its result; after `timeout` ms it rethrows
 * the last failure. For state that settles on its own (a page, a queue, a worker): the test waits on
 * the state, not on the clock.
 */
export async function eventually<T>(assertion: () => T | Promise<T>, options: number | EventuallyOptions = {}): Promise<T> {
  const { timeout = 1_000, interval = 50 } = typeof options === "number" ? { timeout: options } : options;
  const deadline = realNow() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (realNow() >= deadline) throw error;
    }
    await new Promise((resolve) => realSetTimeout(resolve, interval));
  }
}

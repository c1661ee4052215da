/**
 * Values a global setup hands to the test files: the connection string of the run's Azurite, the
 * addresses of the end-to-end stack.
 *
 * Why the environment: jest runs global setups in its main process and the test files in workers
 * (or, for the end-to-end project, in a fresh module registry). Workers are started after the global
 * setups and inherit `process.env`, so an environment variable is the one channel that reaches them.
 */
export interface Provided {
  storageConnectionString: string;
  /** `smtp`: the shared mailbox's local stand-in, `127.0.0.1:port`. */
  stack: { apiUrl: string; botUrl: string | null; tabsUrl: string | null; playgroundUrl: string | null; storageConnectionString: string; smtp: string };
}

const variable = (key: keyof Provided) => `NARAVARD_TEST_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Called by a global setup (tests/setup/*.global.ts). */
export function provide<K extends keyof Provided>(key: K, value: Provided[K]): void {
  process.env[variable(key)] = JSON.stringify(value);
}

/** Called by a test file: the value its project's global setup provided. */
export function inject<K extends keyof Provided>(key: K): Provided[K] {
  const raw = process.env[variable(key)];
  if (raw === undefined) {
    throw new Error(`${key} is provided by a jest global setup (tests/setup/); run this file with jest, from its project.`);
  }
  return JSON.parse(raw) as Provided[K];
}

type Stop = () => Promise<void>;
const registry = Symbol.for("naravard.test.teardown");
const stops = (): Stop[] => ((globalThis as { [registry]?: Stop[] })[registry] ??= []);

/** A global setup registers how to stop what it started; tests/setup/teardown.global.ts calls these. */
export function onGlobalTeardown(stop: Stop): void {
  stops().push(stop);
}

export async function runGlobalTeardown(): Promise<void> {
  const all = stops().splice(0).reverse();
  const results = await Promise.allSettled(all.map((stop) => stop()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
}

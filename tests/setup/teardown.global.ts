import { require as tsxRequire } from "tsx/cjs/api";
import type * as ProvidedLib from "./provided.js";

/** Stops what the global setups started (each registered its own stop with `onGlobalTeardown`). */
export default async function teardown(): Promise<void> {
  const { runGlobalTeardown } = tsxRequire("./provided.ts", import.meta.url) as typeof ProvidedLib;
  await runGlobalTeardown();
}

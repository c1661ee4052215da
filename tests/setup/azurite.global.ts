import { require as tsxRequire } from "tsx/cjs/api";
import type * as AzuriteLib from "../../scripts/lib/azurite.js";
import type * as ProvidedLib from "./provided.js";

/**
 * One in-memory Azurite for the api and bot projects (jest runs a global setup once however many
 * projects name it); tests read its connection string with `inject("storageConnectionString")` and
 * keep apart by unique table, queue and program names.
 *
 * jest loads this file with Node's own `require`, which does not map the `.js` specifiers of our
 * TypeScript to `.ts`; tsx does, so the modules it needs are loaded through tsx (its CommonJS `require`).
 */
export default async function setup(): Promise<void> {
  const { startAzurite } = tsxRequire("../../scripts/lib/azurite.ts", import.meta.url) as typeof AzuriteLib;
  const { provide, onGlobalTeardown } = tsxRequire("./provided.ts", import.meta.url) as typeof ProvidedLib;
  const azurite = await startAzurite();
  onGlobalTeardown(() => azurite.stop());
  provide("storageConnectionString", azurite.connectionString);
}

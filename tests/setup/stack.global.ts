import { require as tsxRequire } from "tsx/cjs/api";
import type * as StackLib from "../../scripts/lib/stack.js";
import type * as ProvidedLib from "./provided.js";

/**
 * Starts the whole local stack once for the end-to-end suites (free ports, in-memory Azurite).
 * Loaded through tsx for the reason given in azurite.global.ts.
 */
export default async function setup(): Promise<void> {
  const { startStack } = tsxRequire("../../scripts/lib/stack.ts", import.meta.url) as typeof StackLib;
  const { provide, onGlobalTeardown } = tsxRequire("./provided.ts", import.meta.url) as typeof ProvidedLib;
  const stack = await startStack({ mode: "test", echo: process.env.E2E_ECHO === "1" });
  onGlobalTeardown(() => stack.stop());
  provide("stack", {
    apiUrl: stack.apiUrl,
    botUrl: stack.botUrl,
    tabsUrl: stack.tabsUrl,
    playgroundUrl: stack.playgroundUrl,
    storageConnectionString: stack.storageConnectionString,
    smtp: stack.smtp,
  });
}

import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startStack } from "../../scripts/lib/stack.js";

declare module "vitest" {
  export interface ProvidedContext {
    stack: { apiUrl: string; botUrl: string | null; tabsUrl: string | null; playgroundUrl: string | null; storageConnectionString: string; smtp: string };
  }
}

/** Starts the whole local stack once for the end-to-end suites (free ports, in-memory Azurite). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startStack({ mode: "test", echo: process.env.E2E_ECHO === "1" });
  project.provide("stack", {
    apiUrl: stack.apiUrl,
    botUrl: stack.botUrl,
    tabsUrl: stack.tabsUrl,
    playgroundUrl: stack.playgroundUrl,
    storageConnectionString: stack.storageConnectionString,
    smtp: stack.smtp,
  });
  return () => stack.stop();
}

import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startAzurite } from "../../scripts/lib/azurite.js";

declare module "vitest" {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}

/** One in-memory Azurite per test project; tests read its connection string with `inject("storageConnectionString")`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite();
  project.provide("storageConnectionString", azurite.connectionString);
  return () => azurite.stop();
}

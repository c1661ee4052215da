/** @jest-environment node */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "@jest/globals";
import type { BuiltChunk } from "./support/build-chunks.js";

/**
 * The local-mode demo user switcher must not exist in a production build: App.tsx gates its lazy
 * import on `import.meta.env.VITE_LOCAL_MODE === "true"`, which Vite replaces at build time. This
 * builds the tabs in memory the way `npm run build` does (without VITE_LOCAL_MODE) and looks for
 * the switcher's markers in every chunk.
 */
const tabsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MARKERS = ["demo-user-switcher", "Demoanvändare (lokalt läge)"];

async function buildChunks(env: Record<string, string | undefined>): Promise<BuiltChunk[]> {
  const childEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(tabsDir, "test/support/build-chunks.ts")], {
    cwd: tabsDir,
    env: childEnv,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as BuiltChunk[];
}

describe("production bundle", () => {
  it("the switcher's markers are real (they are in its source)", () => {
    const source = fs.readFileSync(path.join(tabsDir, "src/local/DemoUserSwitcher.tsx"), "utf8");
    for (const marker of MARKERS) expect(source).toContain(marker);
  });

  it("has no demo user switcher, and charts and forms are separate lazy chunks", async () => {
    const chunks = await buildChunks({ VITE_LOCAL_MODE: undefined });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      for (const marker of MARKERS) expect(chunk.code).not.toContain(marker);
      expect(chunk.fileName).not.toMatch(/DemoUserSwitcher/);
    }
    const entry = chunks.find((c) => c.isEntry)!;
    expect(entry.code).not.toContain("HorizontalBarChart");
    expect(chunks.some((c) => c.isDynamicEntry && c.name.includes("BalancingViews"))).toBe(true);
    expect(chunks.some((c) => c.isDynamicEntry && c.name.includes("ApplyDrawer"))).toBe(true);
    // zod stays with the forms that validate, out of the first load.
    expect(entry.code).not.toMatch(/ZodError|\$ZodType/);
  }, 240_000);
});

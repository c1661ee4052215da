// @vitest-environment node
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { build, type Rollup } from "vite";

/**
 * The local-mode demo user switcher must not exist in a production build: App.tsx gates its lazy
 * import on `import.meta.env.VITE_LOCAL_MODE === "true"`, which Vite replaces at build time. This
 * builds the tabs in memory the way `npm run build` does (without VITE_LOCAL_MODE) and looks for
 * the switcher's markers in every chunk.
 */
const tabsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MARKERS = ["demo-user-switcher", "Demoanvändare (lokalt läge)"];

async function buildChunks(env: Record<string, string | undefined>): Promise<Rollup.OutputChunk[]> {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const result = await build({
      root: tabsDir,
      configFile: path.join(tabsDir, "vite.config.ts"),
      mode: "production",
      logLevel: "silent",
      build: { write: false, minify: false, reportCompressedSize: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
    return outputs.flatMap((o) => o.output.filter((x): x is Rollup.OutputChunk => x.type === "chunk"));
  } finally {
    process.env = saved;
  }
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
      for (const marker of MARKERS) expect(chunk.code.includes(marker), `${marker} in ${chunk.fileName}`).toBe(false);
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

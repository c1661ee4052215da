/**
 * Builds the tabs in memory the way `npm run build` does and prints the chunks as JSON on stdout.
 * Run in its own Node process (`node --import tsx`) by production-bundle.test.ts: Vite is an ES
 * module package, which jest's CommonJS module registry does not load.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";

export interface BuiltChunk {
  fileName: string;
  name: string;
  code: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
}

const tabsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const result = await build({
  root: tabsDir,
  configFile: path.join(tabsDir, "vite.config.ts"),
  mode: "production",
  logLevel: "silent",
  build: { write: false, minify: false, reportCompressedSize: false },
});
const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
const chunks: BuiltChunk[] = outputs
  .flatMap((o) => o.output.filter((x): x is Rollup.OutputChunk => x.type === "chunk"))
  .map(({ fileName, name, code, isEntry, isDynamicEntry }) => ({ fileName, name, code, isEntry, isDynamicEntry }));
process.stdout.write(JSON.stringify(chunks));

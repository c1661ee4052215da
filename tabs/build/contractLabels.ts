/**
 * The label tables of the shared contracts (statuses), inlined at build time.
 *
 * Why: `projectStatusLabels` sits in `contracts/projects.ts` next to the zod schemas the (lazy)
 * forms use. If the first page imported it directly, Rollup would place that whole module — and
 * zod with it, ~26 kB gzip — in the initial chunk. Reading the table here, in Node, keeps one
 * source of truth and leaves zod to the chunks that validate.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type * as ProjectsContract from "../../api/src/contracts/projects.js";

const contracts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../api/src/contracts/projects.ts");

export async function contractLabelsDefine(): Promise<Record<string, string>> {
  const mod = (await tsImport(pathToFileURL(contracts).href, import.meta.url)) as typeof ProjectsContract;
  return { __PROJECT_STATUS_LABELS__: JSON.stringify(mod.projectStatusLabels) };
}

// `npm run package`: the three deployable folders that `teamsapp deploy` ships (see teamsapp.yml), under
// build/deploy/:
//   tabs/  the static site (Vite's production build; never local mode)
//   api/   an Azure Functions app: host.json, package.json whose `main` is the bundled JavaScript entry, and
//          node_modules with only @azure/functions (the worker's programming model; everything else is bundled)
//   bot/   the bot as one bundled JavaScript file with its start command (`node main.js`, as infra/azure.bicep says)
// Nothing in them is TypeScript: the contracts and every workspace import are compiled into the bundles.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { repoRoot } from "./lib/processes.js";

const DEPLOY_DIR = path.join(repoRoot, "build/deploy");
const out = {
  tabs: path.join(DEPLOY_DIR, "tabs"),
  api: path.join(DEPLOY_DIR, "api"),
  bot: path.join(DEPLOY_DIR, "bot"),
};

/** Packages the Functions worker must find in node_modules: it hands `@azure/functions` its own runtime API. */
const FUNCTIONS_RUNTIME_PACKAGES = ["@azure/functions"];

const common: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  // CommonJS: both hosts load it with plain `require`, and CommonJS dependencies keep their own `require` calls.
  format: "cjs",
  logLevel: "warning",
  legalComments: "external",
  // The production build: no development branches of dependencies.
  define: { "process.env.NODE_ENV": '"production"', "import.meta.url": "__naravardImportMetaUrl" },
  // Dependencies bundled from their ES module builds read `import.meta.url`; in CommonJS that is this file's URL.
  banner: { js: 'const __naravardImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

function step(text: string): void {
  process.stdout.write(`• ${text}\n`);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Finds where Node would resolve `name` from `fromDir` (walking up the node_modules folders). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`Paketet ${name} finns inte installerat (från ${fromDir}). Kör npm install.`);
  }
}

/**
 * Copies `name` and its production dependencies into `target/node_modules`, each at the place Node resolves it
 * from, skipping TypeScript sources and declarations (never loaded at run time).
 */
function copyProductionPackage(name: string, fromDir: string, target: string, seen = new Set<string>()): void {
  const dir = packageDir(name, fromDir);
  if (seen.has(dir)) return;
  seen.add(dir);
  const rel = path.relative(repoRoot, dir);
  const fromModules = rel.slice(rel.indexOf("node_modules"));
  fs.cpSync(dir, path.join(target, fromModules), {
    recursive: true,
    filter: (src) => !/\.(ts|tsx|map)$/.test(src) && path.basename(src) !== "node_modules",
  });
  const manifest = readJson<{ dependencies?: Record<string, string> }>(path.join(dir, "package.json"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) copyProductionPackage(dep, dir, target, seen);
}

function buildTabs(): void {
  step("Flikarna: Vite-bygge för produktion");
  // Fail closed: a production build never carries the demo-user switcher, whatever the shell has set.
  const env = { ...process.env, VITE_LOCAL_MODE: "false" };
  const result = spawnSync("npm", ["run", "build", "-w", "tabs"], { cwd: repoRoot, stdio: "inherit", env });
  if (result.status !== 0) throw new Error("Flikarna kunde inte byggas (se ovan).");
  fs.cpSync(path.join(repoRoot, "tabs/dist"), out.tabs, { recursive: true });
}

async function buildApi(): Promise<void> {
  step("API:t: Azure Functions-app (host.json, package.json, dist/index.js)");
  await build({
    ...common,
    entryPoints: [path.join(repoRoot, "api/src/functions/index.ts")],
    outfile: path.join(out.api, "dist/index.js"),
    // `@azure/functions-core` is the worker's own module, present only inside the Functions host.
    external: [...FUNCTIONS_RUNTIME_PACKAGES, "@azure/functions-core"],
  });
  fs.copyFileSync(path.join(repoRoot, "api/host.json"), path.join(out.api, "host.json"));
  const api = readJson<{ version: string; dependencies: Record<string, string> }>(path.join(repoRoot, "api/package.json"));
  const dependencies: Record<string, string> = {};
  for (const name of FUNCTIONS_RUNTIME_PACKAGES) {
    dependencies[name] = readJson<{ version: string }>(path.join(packageDir(name, path.join(repoRoot, "api")), "package.json")).version;
    copyProductionPackage(name, path.join(repoRoot, "api"), out.api);
  }
  writeJson(path.join(out.api, "package.json"), {
    name: "naravard-api",
    version: api.version,
    private: true,
    description: "Nära vård i Teams: API (Azure Functions, byggt av npm run package)",
    main: "dist/index.js",
    engines: { node: ">=20" },
    dependencies,
  });
}

async function buildBot(): Promise<void> {
  step("Boten: main.js med startkommandot node main.js");
  await build({
    ...common,
    entryPoints: [path.join(repoRoot, "bot/src/main.ts")],
    outfile: path.join(out.bot, "main.js"),
    // restify's optional DTrace probes load a native addon inside try/catch; without it restify uses no-op probes.
    external: ["dtrace-provider"],
  });
  const bot = readJson<{ version: string }>(path.join(repoRoot, "bot/package.json"));
  writeJson(path.join(out.bot, "package.json"), {
    name: "naravard-bot",
    version: bot.version,
    private: true,
    description: "Nära vård i Teams: boten (byggd av npm run package)",
    main: "main.js",
    engines: { node: ">=20" },
    scripts: { start: "node main.js" },
  });
}

/** Every file under `dir` whose name says TypeScript. */
function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => path.join(dir, f));
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.rmSync(DEPLOY_DIR, { recursive: true, force: true });
  buildTabs();
  await buildApi();
  await buildBot();
  for (const dir of Object.values(out).filter((d) => fs.existsSync(d))) {
    const ts = typeScriptFiles(dir);
    if (ts.length > 0) throw new Error(`TypeScript i ett driftpaket: ${ts.slice(0, 5).join(", ")}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`✔ Driftpaketen finns i ${path.relative(repoRoot, DEPLOY_DIR)}/{tabs,api,bot} (${seconds} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`✖ npm run package misslyckades: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

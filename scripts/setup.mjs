#!/usr/bin/env node
// Sets the project up on a fresh machine before `npm start` and `npm test`: installs npm packages (npm ci) when
// the lockfile or a package.json changed since the last install, and (with --browser) Debian's Chromium for the
// browser tests.
// Plain Node with no dependencies: it runs before anything is installed.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const wantBrowser = process.argv.includes("--browser");

function fail(message) {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

/**
 * `npm ci` in a process group of its own, stopped at once with this process. On Ctrl+C npm would otherwise go on
 * for a minute or two rolling the half-done install back, after `npm start` has already returned — still writing in
 * node_modules while the next `npm start` clears it. What it leaves is cleared before the next install.
 */
function npmCi() {
  const child = spawn("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const killGroup = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const stop = () => {
    killGroup();
    process.stderr.write("\n✖ Installationen avbröts; nästa npm start installerar om.\n");
    process.exit(130);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
  process.on("exit", killGroup);
  return new Promise((resolve) => {
    child.once("error", () => resolve(1));
    child.once("exit", (code) => {
      for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(signal, stop);
      process.off("exit", killGroup);
      resolve(code ?? 1);
    });
  });
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} är för gammal: projektet kräver Node 20.19 eller senare.`);

const lockfile = path.join(root, "package-lock.json");
const stampFile = path.join(root, "node_modules", ".naravard-install-stamp");
const manifests = ["package.json", "api/package.json", "bot/package.json", "tabs/package.json"].map((f) => path.join(root, f));
// What an install depends on: the lockfile, and each manifest's dependency fields (a changed script is no reason
// to reinstall).
const installFields = ["name", "version", "workspaces", "dependencies", "devDependencies", "optionalDependencies", "peerDependencies", "overrides"];
const hash = createHash("sha256");
if (fs.existsSync(lockfile)) hash.update(fs.readFileSync(lockfile));
for (const file of manifests) {
  if (!fs.existsSync(file)) continue;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  hash.update(JSON.stringify(installFields.map((field) => manifest[field] ?? null)));
}
const wanted = hash.digest("hex");
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";

if (current !== wanted) {
  // `npm ci`: exactly the lockfile's versions, and it never rewrites package-lock.json. The lockfile holds every
  // platform's optional packages (rollup's and esbuild's builds), so it installs the same on any machine.
  process.stdout.write("• Installerar npm-paket (npm ci) …\n");
  // What an install stopped half-way (Ctrl+C) left behind goes first, with retries: npm ci's own removal of a
  // half-extracted tree can fail with ENOTEMPTY, and then the next `npm start` would never get going again.
  for (const dir of ["", "api", "bot", "tabs"]) {
    fs.rmSync(path.join(root, dir, "node_modules"), { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
  const status = await npmCi();
  if (status !== 0) {
    fail(
      "npm ci kunde inte installera paketen (se ovan). Har du ändrat en package.json? Kör då `npm install` så att " +
        "package-lock.json följer med, och checka in den.",
    );
  }
  fs.writeFileSync(stampFile, wanted);
}

if (wantBrowser) {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const apt = spawnSync("which", ["apt-get"]).status === 0;
    if (!apt) fail(`Chromium saknas (${chromium}). Installera Chromium och ange CHROMIUM_PATH.`);
    const sudo = isRoot ? [] : ["sudo"];
    process.stdout.write("• Installerar Debians chromium för webbläsartesterna …\n");
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      execFileSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(isRoot ? [] : ["apt-get"]), "update", "-qq"], { stdio: "inherit", env });
      execFileSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(isRoot ? [] : ["apt-get"]), "install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    } catch {
      fail("Kunde inte installera chromium med apt-get. Installera paketet chromium och kör igen.");
    }
    if (!fs.existsSync(chromium)) fail(`Chromium installerades men finns inte på ${chromium}.`);
  }
}

#!/usr/bin/env node
// Sets the project up on a fresh machine before `npm start` and `npm test`: installs npm packages when the
// lockfile changed since the last install, and (with --browser) Debian's Chromium for the browser tests.
// Plain Node with no dependencies: it runs before anything is installed.
import { execFileSync, spawnSync } from "node:child_process";
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

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} är för gammal: projektet kräver Node 20.19 eller senare.`);

const lockfile = path.join(root, "package-lock.json");
const stampFile = path.join(root, "node_modules", ".naravard-install-stamp");
const manifests = ["package.json", "api/package.json", "bot/package.json", "tabs/package.json"].map((f) => path.join(root, f));
const hash = createHash("sha256");
for (const file of [lockfile, ...manifests]) if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
const wanted = hash.digest("hex");
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";

if (current !== wanted) {
  // `npm install`, not `npm ci`: it installs the lockfile's versions just the same, but where a registry does not
  // serve some platform's optional package (rollup's per-platform builds are missing on some mirrors), npm leaves
  // it out of the lockfile and `npm ci` then refuses the whole install.
  process.stdout.write("• Installerar npm-paket (npm install) …\n");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) fail("npm kunde inte installera paketen (se ovan).");
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

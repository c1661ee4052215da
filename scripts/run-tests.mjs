#!/usr/bin/env node
// `npm test`: type checks, lint, then every jest project (unit, integration against Azurite, repo checks,
// end-to-end in Chromium, last). Runs all steps even when one fails, so one run shows every problem.
// Extra arguments go to jest: `npm test -- api/test/unit`, `npm test -- --selectProjects bot`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const extra = process.argv.slice(2);

const steps = [
  ["Typkontroll (api)", bin("tsc"), ["-p", "api", "--noEmit"]],
  ["Typkontroll (bot)", bin("tsc"), ["-p", "bot", "--noEmit"]],
  ["Typkontroll (tabs)", bin("tsc"), ["-p", "tabs", "--noEmit"]],
  ["Typkontroll (scripts, bench)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]],
  ["Typkontroll (tests)", bin("tsc"), ["-p", "tests", "--noEmit"]],
  ["Lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["Tester", bin("jest"), [...extra]],
];

const failed = [];
for (const [name, command, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) process.stdout.write(`✔ ${name} (${seconds} s)\n`);
  else {
    process.stdout.write(`✖ ${name} misslyckades (${seconds} s)\n`);
    failed.push(name);
  }
}
if (failed.length > 0) {
  process.stdout.write(`\nMisslyckades: ${failed.join(", ")}\n`);
  process.exit(1);
}

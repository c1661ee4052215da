/**
 * Regenerates the Teams manifest's command menu (appPackage/manifest.json `bots[0].commandLists`, and its English
 * texts in appPackage/en.json) from the bot's command registry: `npm run manifest:commands -w bot`.
 * With `--check` it writes nothing and fails, listing the differences, when the files are not what the registry gives.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { manifestCommandLists, manifestCommandLocalization } from "../src/commands/manifest.js";
import { COMMANDS } from "../src/commands/registry.js";
import { replaceCommandLists, replaceCommandLocalization } from "./manifestFile.js";

const appPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../appPackage");
const check = process.argv.includes("--check");

const files = [
  { file: path.join(appPackage, "manifest.json"), update: (text: string) => replaceCommandLists(text, manifestCommandLists(COMMANDS)) },
  { file: path.join(appPackage, "en.json"), update: (text: string) => replaceCommandLocalization(text, manifestCommandLocalization(COMMANDS)) },
];

let stale = 0;
for (const { file, update } of files) {
  const before = fs.readFileSync(file, "utf8");
  const after = update(before);
  const name = path.relative(process.cwd(), file);
  if (after === before) {
    console.log(`${name}: stämmer med kommandoregistret`);
    continue;
  }
  if (check) {
    stale++;
    console.error(`${name}: stämmer inte med kommandoregistret (bot/src/commands/registry.ts):`);
    const was = new Set(before.split("\n"));
    const now = new Set(after.split("\n"));
    for (const line of before.split("\n")) if (!now.has(line)) console.error(`  - ${line.trim()}`);
    for (const line of after.split("\n")) if (!was.has(line)) console.error(`  + ${line.trim()}`);
  } else {
    fs.writeFileSync(file, after);
    console.log(`${name}: uppdaterad från kommandoregistret`);
  }
}
if (stale > 0) {
  console.error("Kör `npm run manifest:commands -w bot` och checka in resultatet.");
  process.exitCode = 1;
}

import { COMMAND_LOCALIZATION_PREFIX, type ManifestCommandList } from "../src/commands/manifest.js";

/**
 * Rewrites only the `"commandLists": [...]` value in the manifest's text, in the file's own layout (one command per
 * line), so the rest of the hand-written manifest keeps its formatting and other changes to it merge cleanly.
 */
export function replaceCommandLists(manifestText: string, lists: readonly ManifestCommandList[]): string {
  const key = '"commandLists"';
  const at = manifestText.indexOf(key);
  if (at < 0 || manifestText.indexOf(key, at + key.length) >= 0) throw new Error('manifest.json ska ha exakt en "commandLists"');
  const open = /^\s*:\s*\[/.exec(manifestText.slice(at + key.length));
  if (!open) throw new Error('"commandLists" i manifest.json är ingen lista');
  const start = at + key.length + open[0].length - 1;
  const end = matchingBracket(manifestText, start);
  const lineStart = manifestText.lastIndexOf("\n", at) + 1;
  const indent = /^[ \t]*/.exec(manifestText.slice(lineStart))?.[0] ?? "";
  return manifestText.slice(0, start) + formatLists(lists, indent) + manifestText.slice(end + 1);
}

/** Index of the `]` that closes the `[` at `start`, skipping brackets inside JSON strings. */
function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error('"commandLists" i manifest.json stängs aldrig');
}

function formatLists(lists: readonly ManifestCommandList[], indent: string): string {
  const i1 = `${indent}  `;
  const i2 = `${indent}    `;
  const i3 = `${indent}      `;
  const s = (v: string) => JSON.stringify(v);
  const blocks = lists.map((list) => {
    const commands = list.commands.map((c) => `${i3}{ "title": ${s(c.title)}, "description": ${s(c.description)} }`).join(",\n");
    return `${i1}{\n${i2}"scopes": [${list.scopes.map(s).join(", ")}],\n${i2}"commands": [\n${commands}\n${i2}]\n${i1}}`;
  });
  return `[\n${blocks.join(",\n")}\n${indent}]`;
}

/**
 * A localization file (`en.json`, flat keys) with its command-menu keys replaced by `entries`, where the old ones
 * were (or at the end); every other key stays, in its order.
 */
export function replaceCommandLocalization(localizationText: string, entries: Readonly<Record<string, string>>): string {
  const current = JSON.parse(localizationText) as Record<string, unknown>;
  const next: Record<string, unknown> = {};
  let inserted = false;
  for (const [k, v] of Object.entries(current)) {
    if (k.startsWith(COMMAND_LOCALIZATION_PREFIX)) {
      if (!inserted) Object.assign(next, entries);
      inserted = true;
    } else {
      next[k] = v;
    }
  }
  if (!inserted) Object.assign(next, entries);
  return `${JSON.stringify(next, null, 2)}\n`;
}

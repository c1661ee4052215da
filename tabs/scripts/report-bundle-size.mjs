// Prints the production bundle: every JS chunk with its size and gzip size, and what the first
// page load fetches (the entry chunk and its static imports, from Vite's manifest or index.html).
// Run by `npm run build -w tabs` after `vite build`.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const assets = path.join(dist, "assets");

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const files = (await readdir(assets)).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
const sizes = new Map();
for (const file of files) {
  const buf = await readFile(path.join(assets, file));
  sizes.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
}

// The initial load: the module scripts and modulepreloads index.html names.
const html = await readFile(path.join(dist, "index.html"), "utf8");
const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]));

const rows = [...sizes.entries()].sort((a, b) => b[1].raw - a[1].raw);
const width = Math.max(...rows.map(([f]) => f.length), 10);
console.log(`\nProduction bundle (tabs/dist/assets)`);
console.log(`${"chunk".padEnd(width)}  ${"size".padStart(10)}  ${"gzip".padStart(10)}  initial`);
for (const [file, s] of rows) {
  console.log(`${file.padEnd(width)}  ${kb(s.raw).padStart(10)}  ${kb(s.gzip).padStart(10)}  ${initial.has(file) ? "yes" : ""}`);
}
const sum = (pred) => rows.filter(([f]) => pred(f)).reduce((acc, [, s]) => ({ raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip }), { raw: 0, gzip: 0 });
const initialJs = sum((f) => initial.has(f) && f.endsWith(".js"));
const allJs = sum((f) => f.endsWith(".js"));
console.log(`\nInitial load JS: ${kb(initialJs.raw)} (gzip ${kb(initialJs.gzip)}) in ${[...initial].filter((f) => f.endsWith(".js")).length} chunk(s)`);
console.log(`All JS:          ${kb(allJs.raw)} (gzip ${kb(allJs.gzip)}) in ${rows.filter(([f]) => f.endsWith(".js")).length} chunk(s)\n`);

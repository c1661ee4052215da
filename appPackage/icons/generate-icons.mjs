// Renders the app icons from SVG in headless Chromium (Debian's /usr/bin/chromium, no download) and
// writes appPackage/color.png (192×192, full colour) and appPackage/outline.png (32×32, white on
// transparent). Run: `node appPackage/icons/generate-icons.mjs`. The PNGs are committed.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "..");

/** Brand blue, the same as `accentColor` in manifest.json. */
const BRAND = "#0F6CBD";

// A house (care close to home) with a heart in it, on a 192-unit grid; the symbol keeps inside
// the central safe area Teams asks for.
const house = "M50 94 L96 54 L142 94 V142 a8 8 0 0 1 -8 8 H58 a8 8 0 0 1 -8 -8 Z";
const heart =
  "M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z";

const colorSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" fill="${BRAND}"/>
  <path d="${house}" fill="none" stroke="#FFFFFF" stroke-width="10" stroke-linejoin="round" stroke-linecap="round"/>
  <path d="${heart}" fill="#FFFFFF" transform="translate(75.6 93) scale(1.7)"/>
</svg>`;

const outlineSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="38 42 116 116">
  <path d="${house}" fill="none" stroke="#FFFFFF" stroke-width="11" stroke-linejoin="round" stroke-linecap="round"/>
  <path d="${heart}" fill="#FFFFFF" transform="translate(73.2 90) scale(1.9)"/>
</svg>`;

async function render(page, svg, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await writeFile(path.join(out, file), png);
  console.log(`wrote ${file} (${size}×${size}, ${png.length} bytes)`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  await render(page, colorSvg, 192, "color.png");
  await render(page, outlineSvg, 32, "outline.png");
} finally {
  await browser.close();
}

import type { Cell } from "./xlsx.js";

function csvCell(value: Cell): string {
  if (value === null) return "";
  // Swedish Excel reads a decimal comma.
  const s = typeof value === "number" ? String(value).replace(".", ",") : value;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV as Swedish Excel opens it: semicolons, CRLF, UTF-8 with BOM, decimal comma. */
export function swedishCsv(rows: ReadonlyArray<readonly Cell[]>): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

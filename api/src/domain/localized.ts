import type { Locale } from "../contracts/index.js";

/** A user-facing text in both languages the app speaks. Swedish first (SPEC 4). */
export type Localized = { sv: string; en: string };

/** A rule violation or validation problem tied to a field (dotted path). */
export type FieldProblem = { field: string; message: Localized };

export function pick(text: Localized, locale: Locale): string {
  return locale === "en" ? text.en : text.sv;
}

/** Swedish list: "a, b och c" / English: "a, b and c". */
export function joinList(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join("");
  const last = items[items.length - 1] ?? "";
  return `${items.slice(0, -1).join(", ")} ${locale === "en" ? "and" : "och"} ${last}`;
}

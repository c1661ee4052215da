import type { z } from "zod";
import { CONTRACT_MESSAGES_EN, type Locale } from "../contracts/index.js";
import type { FieldProblem, Localized } from "../domain/localized.js";

/** sv unless the caller's Accept-Language ranks English above Swedish (q-values honoured). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return "sv";
  let best: { locale: Locale; q: number; index: number } | null = null;
  acceptLanguage.split(",").forEach((part, index) => {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    const locale: Locale | null = primary === "sv" ? "sv" : primary === "en" ? "en" : null;
    if (!locale) return;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split("=");
      if (k === "q" && v !== undefined) {
        const n = Number(v);
        q = Number.isFinite(n) ? n : 0;
      }
    }
    if (q <= 0) return;
    if (!best || q > best.q || (q === best.q && index < best.index)) best = { locale, q, index };
  });
  return (best as { locale: Locale } | null)?.locale ?? "sv";
}

const TYPE_NAMES: Record<string, Localized> = {
  string: { sv: "text", en: "a string" },
  number: { sv: "ett tal", en: "a number" },
  int: { sv: "ett heltal", en: "an integer" },
  boolean: { sv: "sant eller falskt", en: "true or false" },
  array: { sv: "en lista", en: "an array" },
  object: { sv: "ett objekt", en: "an object" },
};

/** Custom Swedish messages used in the contracts, with their English counterparts. */
const KNOWN_MESSAGES: Record<string, string> = {
  ...CONTRACT_MESSAGES_EN,
  "ogiltigt id": "invalid id (lowercase a–z, 0–9, - and _)",
  "datum ska skrivas ÅÅÅÅ-MM-DD": "dates are written YYYY-MM-DD",
  "rollen bot kan inte tilldelas (den är botens egen identitet).": "the role bot cannot be assigned (it is the bot's own identity).",
};

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): Localized {
  switch (issue.code) {
    case "invalid_type": {
      if (valueAt(input, issue.path) === undefined) return { sv: "Fältet är obligatoriskt.", en: "This field is required." };
      const t = TYPE_NAMES[issue.expected] ?? { sv: issue.expected, en: issue.expected };
      return { sv: `Fel typ: ska vara ${t.sv}.`, en: `Wrong type: expected ${t.en}.` };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return min <= 1
          ? { sv: "Får inte vara tomt.", en: "Must not be empty." }
          : { sv: `Måste vara minst ${min} tecken.`, en: `Must be at least ${min} characters.` };
      }
      if (issue.origin === "array") return { sv: `Måste innehålla minst ${min} värden.`, en: `Must contain at least ${min} items.` };
      return { sv: `Måste vara minst ${min}.`, en: `Must be at least ${min}.` };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { sv: `Får vara högst ${max} tecken.`, en: `Must be at most ${max} characters.` };
      if (issue.origin === "array") return { sv: `Får innehålla högst ${max} värden.`, en: `Must contain at most ${max} items.` };
      return { sv: `Får vara högst ${max}.`, en: `Must be at most ${max}.` };
    }
    case "invalid_format": {
      if (issue.format === "email") return { sv: "Ogiltig e-postadress.", en: "Invalid email address." };
      if (issue.format === "url") return { sv: "Ogiltig webbadress.", en: "Invalid URL." };
      if (issue.format === "datetime") return { sv: "Ogiltig tidpunkt (ISO 8601 med tidszon).", en: "Invalid date-time (ISO 8601 with offset)." };
      const known = KNOWN_MESSAGES[issue.message];
      if (known) return { sv: `${capitalise(issue.message)}.`, en: `${capitalise(known)}.` };
      return { sv: "Ogiltigt format.", en: "Invalid format." };
    }
    case "invalid_value": {
      const values = issue.values.map((v) => String(v)).join(", ");
      return { sv: `Ogiltigt värde. Tillåtna värden: ${values}.`, en: `Invalid value. Allowed values: ${values}.` };
    }
    case "unrecognized_keys":
      return { sv: "Okänt fält.", en: "Unknown field." };
    case "invalid_union":
      return { sv: "Ogiltigt värde.", en: "Invalid value." };
    default: {
      const known = KNOWN_MESSAGES[issue.message];
      return known ? { sv: capitalise(issue.message), en: capitalise(known) } : { sv: "Ogiltigt värde.", en: "Invalid value." };
    }
  }
}

/** zod issues → field problems; one per field and message, `unrecognized_keys` → one per unknown key. */
export function zodProblems(error: z.ZodError, input: unknown, pathPrefix: string[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const base = [...pathPrefix, ...issue.path.map((p) => String(p))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.push({ field: [...base, key].join("."), message: issueMessage(issue, input) });
      continue;
    }
    problems.push({ field: base.join("."), message: issueMessage(issue, input) });
  }
  return problems;
}

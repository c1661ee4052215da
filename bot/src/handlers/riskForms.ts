import { NOT_ASSESSED } from "../cards/riskViews.js";
import type { ErrorDetail } from "@naravard/api/contracts";

/** Spreads the API's problems over a card's inputs (by field name) and a summary naming each input by its label. */
export function spreadErrors<F extends string>(
  details: readonly ErrorDetail[],
  fields: readonly F[],
  labels: Partial<Record<F, string>>,
  fallback: string,
): { fieldErrors: Partial<Record<F, string>>; errorList: string[] } {
  const fieldErrors: Partial<Record<F, string>> = {};
  const errorList: string[] = [];
  for (const d of details) {
    const head = d.field.split(".")[0] ?? "";
    const field = (fields as readonly string[]).includes(head) ? (head as F) : null;
    if (field) {
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${d.message}` : d.message;
      errorList.push(labels[field] ? `${labels[field]}: ${d.message}` : d.message);
    } else {
      errorList.push(d.message);
    }
  }
  if (errorList.length === 0) errorList.push(fallback);
  return { fieldErrors, errorList };
}

/** The card's inputs as strings, whatever the client sent. */
export function readInputs<F extends string>(data: Record<string, unknown>, fields: readonly F[], defaults: Record<F, string>): Record<F, string> {
  const values = { ...defaults };
  for (const f of fields) {
    const raw = data[f];
    if (typeof raw === "string") values[f] = raw;
    else if (typeof raw === "number") values[f] = String(raw);
  }
  return values;
}

/** A score input: "" or "none" (not assessed) → null; digits → the number (the API checks the range and names the field). */
export function score(value: string): number | null {
  const v = value.trim();
  return v === "" || v === NOT_ASSESSED ? null : Number(v);
}

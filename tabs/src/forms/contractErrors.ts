/**
 * From failures to messages at form fields, with no React: zod issues of the contract schema
 * (checked in the browser as the user types) and the API's 400 `details[]` (its own checks and
 * rules, already in the user's language) both name a dotted path of the API input; a form maps
 * that path to one of its fields.
 */
import type { z } from "zod";
import type { ErrorDetail } from "@naravard/api/contracts";
import type { MessageKey, Translate } from "../i18n";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** One entry of the error summary; `field` when the error belongs to a field (the summary links to it). */
export interface FormProblem<F extends string = string> {
  field?: F;
  message: string;
}

export type ZodIssue = z.core.$ZodIssue;

/** Normalises a path as zod and the API write it: `criteria[0].comment`, `body.criteria.0.comment` → `criteria.0.comment`. */
export function normalisePath(path: string | ReadonlyArray<PropertyKey>): string {
  const text = typeof path === "string" ? path : path.map(String).join(".");
  return text.replace(/^(body|input)\./, "").replace(/\[(\d+)\]/g, ".$1");
}

/**
 * The default path → field mapping: the longest leading part of the path that is a field name.
 * (`projectLeader.email` → `projectLeader` when the form has that field.)
 */
export function fieldByPrefix<F extends string>(fields: readonly F[]): (path: string) => F | undefined {
  const known = new Set<string>(fields);
  return (path) => {
    const parts = normalisePath(path).split(".");
    for (let n = parts.length; n > 0; n--) {
      const prefix = parts.slice(0, n).join(".");
      if (known.has(prefix)) return prefix as F;
    }
    return undefined;
  };
}

/** A message for a zod issue that fits most fields; forms override it where they can say more. */
export function defaultIssueMessage(issue: ZodIssue, t: Translate): string {
  const key: MessageKey =
    issue.code === "too_big"
      ? "form.err.tooLong"
      : issue.code === "invalid_format" && issue.format === "email"
        ? "form.err.email"
        : issue.code === "invalid_format" && issue.format === "url"
          ? "form.err.url"
          : issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) > 1
            ? "form.err.tooShort"
            : "form.err.required";
  return t(key, issue.code === "too_small" ? { min: String(issue.minimum) } : undefined);
}

/** The first error per field of a failed parse, in the form's own words. */
export function issuesToErrors<F extends string>(
  issues: readonly ZodIssue[],
  fieldForPath: (path: string) => F | undefined,
  message: (field: F, issue: ZodIssue) => string,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const field = fieldForPath(normalisePath(issue.path));
    if (!field || errors[field]) continue;
    errors[field] = message(field, issue);
  }
  return errors;
}

/** The API's 400 details: the first message per field at the field; every detail in the summary. */
export function detailsToErrors<F extends string>(
  details: readonly ErrorDetail[],
  fieldForPath: (path: string) => F | undefined,
): { atFields: FieldErrors<F>; problems: Array<FormProblem<F>> } {
  const atFields: FieldErrors<F> = {};
  const problems: Array<FormProblem<F>> = [];
  for (const d of details) {
    const field = fieldForPath(normalisePath(d.field));
    if (field && !atFields[field]) atFields[field] = d.message;
    problems.push(field ? { field, message: d.message } : { message: d.message });
  }
  return { atFields, problems };
}

/** The summary of client-side errors, in the order the fields are on screen. */
export function summaryOf<F extends string>(errors: FieldErrors<F>, order: readonly F[]): Array<FormProblem<F>> {
  return order.filter((f) => errors[f]).map((f) => ({ field: f, message: errors[f]! }));
}

import { z } from "zod";

/** Identifiers we mint or seed: lowercase slugs or UUIDs. Kept to characters Table Storage keys accept. */
export const IdSchema = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9_-]*$/, "ogiltigt id");

/**
 * Dates the program can mean: a plan, a decision or a report falls within these years. A year outside them is a
 * typing slip (`0225`, `20255`), and an impossible day (`2025-13-45`) would otherwise become a nonsense sort key.
 */
export const DATE_RANGE = { min: "2000-01-01", max: "2100-12-31" } as const;

/** The contracts' own Swedish messages (the key) and their English text; the API's i18n renders them. */
export const CONTRACT_MESSAGES_EN: Readonly<Record<string, string>> = {
  "datum ska skrivas ÅÅÅÅ-MM-DD": "dates are written YYYY-MM-DD",
  "datumet finns inte i kalendern (kontrollera månad och dag)": "the date does not exist in the calendar (check month and day)",
  [`datumet ska ligga mellan ${DATE_RANGE.min} och ${DATE_RANGE.max}`]: `the date must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
  [`tidpunkten ska ligga mellan ${DATE_RANGE.min} och ${DATE_RANGE.max}`]: `the time must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
};

/** Why `value` is not a calendar date `ÅÅÅÅ-MM-DD` within DATE_RANGE, or null when it is one. */
export function isoDateProblem(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return "datum ska skrivas ÅÅÅÅ-MM-DD";
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip unchanged.
  const at = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    return "datumet finns inte i kalendern (kontrollera månad och dag)";
  }
  if (value < DATE_RANGE.min || value > DATE_RANGE.max) return `datumet ska ligga mellan ${DATE_RANGE.min} och ${DATE_RANGE.max}`;
  return null;
}

/** A calendar date `ÅÅÅÅ-MM-DD` (Swedish civil date, no time zone) between DATE_RANGE.min and .max. */
export const IsoDateSchema = z.string().check((ctx) => {
  const problem = isoDateProblem(ctx.value);
  if (problem) ctx.issues.push({ code: "invalid_format", format: "date", message: problem, input: ctx.value });
});

/** An ISO 8601 instant with offset (zod checks the calendar) whose UTC date lies within DATE_RANGE. */
export const IsoDateTimeSchema = z
  .string()
  .datetime({ offset: true })
  .check((ctx) => {
    const at = new Date(ctx.value);
    if (Number.isNaN(at.getTime())) return; // zod's own datetime issue already names the format
    const day = at.toISOString().slice(0, 10);
    if (day < DATE_RANGE.min || day > DATE_RANGE.max) {
      ctx.issues.push({
        code: "invalid_format",
        format: "date",
        message: `tidpunkten ska ligga mellan ${DATE_RANGE.min} och ${DATE_RANGE.max}`,
        input: ctx.value,
      });
    }
  });
export const EmailSchema = z.string().trim().toLowerCase().email().max(254);

export const LocaleSchema = z.enum(["sv", "en"]);
export type Locale = z.infer<typeof LocaleSchema>;

/** A page of a list. `continuationToken` is opaque; pass it back to get the next page. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().nullable() });
export type Page<T> = { items: T[]; continuationToken: string | null };

export const PageQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});

/** The one error shape every route answers with. */
export const ErrorCodeSchema = z.enum([
  "bad_request",
  "validation_failed",
  "rule_violation",
  "unauthenticated",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "precondition_failed",
  "precondition_required",
  "payload_too_large",
  "unsupported_media_type",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorDetailSchema = z.object({
  /** Dotted path of the field, e.g. `criteriaIds` or `projectLeader.email`. */
  field: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.array(ErrorDetailSchema).default([]),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Every stored thing a client may update comes back with its ETag; updates send it as `If-Match`. */
export const VersionedSchema = z.object({ etag: z.string() });

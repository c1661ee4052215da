import { z } from "zod";

/** Identifiers we mint or seed: lowercase slugs or UUIDs. Kept to characters Table Storage keys accept. */
export const IdSchema = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9_-]*$/, "ogiltigt id");
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "datum ska skrivas ÅÅÅÅ-MM-DD");
export const IsoDateTimeSchema = z.string().datetime({ offset: true });
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

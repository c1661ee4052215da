import type { HttpRequest } from "@azure/functions";
import type { z } from "zod";
import { IDEMPOTENCY_KEY_HEADER } from "../contracts/index.js";
import { ApiError, ApiErrors, httpValidation } from "./errors.js";
import { zodProblems } from "./i18n.js";

/**
 * Reads a JSON body: 400 if empty, 415 if not JSON, 413 above `maxBytes`, 400 if malformed, 400 validation_failed
 * with per-field details if it does not match `schema`.
 */
export async function readJson<S extends z.ZodType>(req: HttpRequest, schema: S, maxBytes: number): Promise<{ value: z.output<S>; raw: unknown }> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw ApiErrors.payloadTooLarge(maxBytes);
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw ApiErrors.payloadTooLarge(maxBytes);
  const text = new TextDecoder("utf-8").decode(bytes);
  if (text.trim().length === 0) throw ApiErrors.emptyBody();
  const contentType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (contentType !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(contentType)) {
    throw ApiErrors.unsupportedMediaType();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw ApiErrors.malformedJson();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpValidation(zodProblems(parsed.error, raw));
  return { value: parsed.data, raw };
}

/** Query string → schema (400 validation_failed naming the parameter). */
export function readQuery<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of req.query.entries()) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpValidation(zodProblems(parsed.error, raw));
  return parsed.data;
}

/** The `If-Match` header, required on every update (428 when missing). */
export function requireIfMatch(req: HttpRequest): string {
  const value = req.headers.get("if-match")?.trim();
  if (!value) throw ApiErrors.preconditionRequired();
  if (value === "*") {
    throw ApiErrors.badRequest(
      { sv: "If-Match: * stöds inte; skicka den ETag du utgick från.", en: "If-Match: * is not supported; send the ETag you started from." },
      [{ field: "If-Match", message: { sv: "Ange en ETag.", en: "Give an ETag." } }],
    );
  }
  return value;
}

/**
 * A create-or-replace (`PUT`) precondition: `If-None-Match: *` = only create (the thing must not exist),
 * `If-Match: <etag>` = only replace that version. Neither → 428; both, or another If-None-Match → 400.
 */
export type WritePrecondition = { kind: "create" } | { kind: "update"; etag: string };

export function requireWritePrecondition(req: HttpRequest): WritePrecondition {
  const ifNoneMatch = req.headers.get("if-none-match")?.trim();
  const ifMatch = req.headers.get("if-match")?.trim();
  if (ifNoneMatch && ifMatch) {
    throw ApiErrors.badRequest(
      { sv: "Skicka antingen If-None-Match: * (lägga till) eller If-Match (ändra), inte båda.", en: "Send either If-None-Match: * (create) or If-Match (change), not both." },
      [{ field: "If-None-Match", message: { sv: "Skicka inte tillsammans med If-Match.", en: "Do not send together with If-Match." } }],
    );
  }
  if (ifNoneMatch) {
    if (ifNoneMatch !== "*") {
      throw ApiErrors.badRequest(
        { sv: "If-None-Match stöder bara * (lägg till om det inte finns).", en: "If-None-Match supports only * (create if absent)." },
        [{ field: "If-None-Match", message: { sv: "Ska vara *.", en: "Must be *." } }],
      );
    }
    return { kind: "create" };
  }
  if (ifMatch) return { kind: "update", etag: requireIfMatch(req) };
  throw new ApiError(
    428,
    "precondition_required",
    {
      sv: "Ange If-None-Match: * för att lägga till, eller If-Match med den version (ETag) du utgick från för att ändra.",
      en: "Send If-None-Match: * to create, or If-Match with the version (ETag) you started from to change.",
    },
    [
      { field: "If-None-Match", message: { sv: "Rubriken saknas (lägga till).", en: "The header is missing (create)." } },
      { field: "If-Match", message: { sv: "Rubriken saknas (ändra).", en: "The header is missing (change)." } },
    ],
  );
}

/** `Idempotency-Key`: absent, or 1–200 characters (400 naming the header otherwise). */
export function readIdempotencyKey(req: HttpRequest): string | undefined {
  const key = req.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw ApiErrors.badRequest(
      { sv: "Idempotency-Key ska vara 1–200 tecken.", en: "Idempotency-Key must be 1–200 characters." },
      [{ field: "Idempotency-Key", message: { sv: "Ogiltig nyckel.", en: "Invalid key." } }],
    );
  }
  return key;
}

/** The raw JSON value's top-level keys (for PATCH: only fields actually sent change). */
export function sentKeys(raw: unknown): Set<string> {
  return new Set(raw !== null && typeof raw === "object" && !Array.isArray(raw) ? Object.keys(raw) : []);
}

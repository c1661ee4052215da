import type { ErrorCode } from "../contracts/index.js";
import { DomainErrors, type DomainError, type DomainErrorKind } from "../domain/errors.js";
import type { FieldProblem, Localized } from "../domain/localized.js";

/** Every failure a handler reports. Rendered as `{code, message, details}` in the caller's language. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    public readonly text: Localized,
    public readonly details: FieldProblem[] = [],
    /** Extra top-level properties of the body (e.g. the delivery on a claim conflict). */
    public readonly extra: Record<string, unknown> = {},
    public readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
    this.name = "ApiError";
  }
}

export const ApiErrors = {
  badRequest: (text: Localized, details: FieldProblem[] = []) => new ApiError(400, "bad_request", text, details),
  malformedJson: () =>
    new ApiError(400, "bad_request", {
      sv: "Begärans innehåll är inte giltig JSON.",
      en: "The request body is not valid JSON.",
    }),
  emptyBody: () =>
    new ApiError(400, "bad_request", {
      sv: "Begäran saknar innehåll (JSON förväntas).",
      en: "The request has no body (JSON expected).",
    }),
  validation: (details: FieldProblem[]) =>
    new ApiError(
      400,
      "validation_failed",
      { sv: "Begäran innehåller ogiltiga uppgifter.", en: "The request contains invalid data." },
      details,
    ),
  rule: (details: FieldProblem[]) => {
    const first = details[0]?.message;
    return new ApiError(
      400,
      "rule_violation",
      first ?? { sv: "Begäran bryter mot en regel.", en: "The request breaks a rule." },
      details,
    );
  },
  unauthenticated: (text?: Localized) =>
    new ApiError(
      401,
      "unauthenticated",
      text ?? { sv: "Du behöver logga in.", en: "You need to sign in." },
    ),
  forbidden: (text?: Localized) =>
    new ApiError(
      403,
      "forbidden",
      text ?? { sv: "Du har inte behörighet att göra detta.", en: "You are not allowed to do this." },
    ),
  notFound: (text?: Localized) =>
    new ApiError(404, "not_found", text ?? { sv: "Det efterfrågade finns inte.", en: "The requested resource does not exist." }),
  methodNotAllowed: (allowed: string[]) =>
    new ApiError(
      405,
      "method_not_allowed",
      { sv: `Metoden stöds inte här. Tillåtna: ${allowed.join(", ")}.`, en: `Method not allowed here. Allowed: ${allowed.join(", ")}.` },
      [],
      {},
      { Allow: allowed.join(", ") },
    ),
  conflict: (text: Localized, extra: Record<string, unknown> = {}) => new ApiError(409, "conflict", text, [], extra),
  preconditionFailed: () =>
    new ApiError(412, "precondition_failed", {
      sv: "Någon annan har ändrat detta under tiden. Ladda om och försök igen.",
      en: "Someone else changed this in the meantime. Reload and try again.",
    }),
  preconditionRequired: () =>
    new ApiError(
      428,
      "precondition_required",
      {
        sv: "Ändringar kräver rubriken If-Match med den version (ETag) du utgick från.",
        en: "Changes require an If-Match header with the version (ETag) you started from.",
      },
      [{ field: "If-Match", message: { sv: "Rubriken saknas.", en: "The header is missing." } }],
    ),
  payloadTooLarge: (limit: number) =>
    new ApiError(413, "payload_too_large", {
      sv: `Begäran är för stor (högst ${Math.floor(limit / 1024)} kB).`,
      en: `The request is too large (at most ${Math.floor(limit / 1024)} KB).`,
    }),
  unsupportedMediaType: () =>
    new ApiError(415, "unsupported_media_type", {
      sv: "Innehållet måste skickas som application/json.",
      en: "The body must be sent as application/json.",
    }),
  internal: () =>
    new ApiError(500, "internal", {
      sv: "Ett oväntat fel inträffade. Försök igen om en stund.",
      en: "An unexpected error occurred. Please try again shortly.",
    }),
  badContinuationToken: () =>
    new ApiError(400, "bad_request", { sv: "Ogiltig fortsättningstoken.", en: "Invalid continuation token." }, [
      { field: "continuationToken", message: { sv: "Ogiltig fortsättningstoken.", en: "Invalid continuation token." } },
    ]),
};

const STATUS_OF: Record<DomainErrorKind, { status: number; code: ErrorCode }> = {
  bad_request: { status: 400, code: "bad_request" },
  validation: { status: 400, code: "validation_failed" },
  rule: { status: 400, code: "rule_violation" },
  unauthenticated: { status: 401, code: "unauthenticated" },
  forbidden: { status: 403, code: "forbidden" },
  not_found: { status: 404, code: "not_found" },
  conflict: { status: 409, code: "conflict" },
  stale: { status: 412, code: "precondition_failed" },
  internal: { status: 500, code: "internal" },
};

/** The one place a domain failure becomes an HTTP answer. An internal failure never shows its text to a user. */
export function fromDomain(error: DomainError): ApiError {
  const { status, code } = STATUS_OF[error.kind];
  if (error.kind === "internal") return ApiErrors.internal();
  return new ApiError(status, code, error.text, error.details, error.extra);
}

/** Domain failures the HTTP layer raises itself (reading bodies, parameters, headers) use the same texts. */
export const httpValidation = (details: FieldProblem[]): ApiError => fromDomain(DomainErrors.validation(details));

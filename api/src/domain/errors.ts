import type { FieldProblem, Localized } from "./localized.js";

/**
 * What can go wrong in a use case, independent of transport. Services and domain rules throw these; the HTTP layer
 * (http/errors.ts `fromDomain`) is the one place that maps a kind to a status code and error code.
 */
export type DomainErrorKind =
  | "bad_request"
  | "validation"
  | "rule"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "stale"
  | "internal";

export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    public readonly text: Localized,
    public readonly details: FieldProblem[] = [],
    /** Extra top-level properties of the answer (e.g. the delivery on a claim conflict). */
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(text.en);
    this.name = "DomainError";
  }
}

export const DomainErrors = {
  badRequest: (text: Localized, details: FieldProblem[] = []) => new DomainError("bad_request", text, details),
  validation: (details: FieldProblem[]) =>
    new DomainError("validation", { sv: "Begäran innehåller ogiltiga uppgifter.", en: "The request contains invalid data." }, details),
  rule: (details: FieldProblem[]) =>
    new DomainError("rule", details[0]?.message ?? { sv: "Begäran bryter mot en regel.", en: "The request breaks a rule." }, details),
  unauthenticated: (text?: Localized) => new DomainError("unauthenticated", text ?? { sv: "Du behöver logga in.", en: "You need to sign in." }),
  forbidden: (text?: Localized) =>
    new DomainError("forbidden", text ?? { sv: "Du har inte behörighet att göra detta.", en: "You are not allowed to do this." }),
  notFound: (text?: Localized) =>
    new DomainError("not_found", text ?? { sv: "Det efterfrågade finns inte.", en: "The requested resource does not exist." }),
  conflict: (text: Localized, extra: Record<string, unknown> = {}) => new DomainError("conflict", text, [], extra),
  /** The version the caller started from is no longer current (HTTP 412). */
  stale: (text?: Localized) =>
    new DomainError(
      "stale",
      text ?? { sv: "Någon annan har ändrat detta under tiden. Ladda om och försök igen.", en: "Someone else changed this in the meantime. Reload and try again." },
    ),
  /** A broken invariant the caller cannot fix; logged, answered without details. */
  internal: (what: string) => new DomainError("internal", { sv: what, en: what }),
};

/** Storage outcomes the layers above act on. A 412 is never retried silently: the user must reload (ARCHITECTURE). */
export class ConcurrencyError extends Error {
  constructor(what = "entity") {
    super(`ETag mismatch on ${what}`);
    this.name = "ConcurrencyError";
  }
}

export class AlreadyExistsError extends Error {
  constructor(what = "entity") {
    super(`${what} already exists`);
    this.name = "AlreadyExistsError";
  }
}

export class NotFoundError extends Error {
  constructor(what = "entity") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class InvalidContinuationTokenError extends Error {
  constructor() {
    super("invalid continuation token");
    this.name = "InvalidContinuationTokenError";
  }
}

/** A stored row that does not match its schema: a bug or a hand edit, never shown to a user. */
export class CorruptRowError extends Error {
  constructor(what: string, problem: string) {
    super(`${what} does not match its schema: ${problem}`);
    this.name = "CorruptRowError";
  }
}

/** HTTP status of an Azure SDK RestError, if it is one. */
export function restStatus(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "statusCode" in error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

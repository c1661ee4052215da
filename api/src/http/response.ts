import type { HttpResponseInit } from "@azure/functions";
import type { ErrorBody, Locale } from "../contracts/index.js";
import { pick } from "../domain/localized.js";
import type { ApiError } from "./errors.js";

const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store", ...headers } };
}

/** A single versioned thing: the body plus its storage ETag in the `ETag` header. */
export function jsonWithEtag(status: number, body: { etag: string }, headers: Record<string, string> = {}): HttpResponseInit {
  return json(status, body, { ETag: body.etag, ...headers });
}

export function errorBody(error: ApiError, locale: Locale): ErrorBody & Record<string, unknown> {
  return {
    ...error.extra,
    code: error.code,
    message: pick(error.text, locale),
    details: error.details.map((d) => ({ field: d.field, message: pick(d.message, locale) })),
  };
}

export function errorResponse(error: ApiError, locale: Locale): HttpResponseInit {
  return json(error.status, errorBody(error, locale), { "Content-Language": locale, ...error.headers });
}

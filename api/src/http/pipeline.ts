import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Locale } from "../contracts/index.js";
import type { Services } from "../app.js";
import { AlreadyExistsError, ConcurrencyError, InvalidContinuationTokenError, NotFoundError } from "../store/errors.js";
import { ApiError, ApiErrors } from "./errors.js";
import { negotiateLocale } from "./i18n.js";
import { errorResponse } from "./response.js";

/** A handler of the route table. Both hosts (Azure Functions and the local host) call it through `runRoute`. */
export type ApiHandler = (req: HttpRequest, ctx: InvocationContext, services: Services) => Promise<HttpResponseInit>;

export interface RouteDef {
  /** Function name in Azure Functions (unique). */
  name: string;
  methods: HttpMethod[];
  /** Functions-style route below the `api` prefix, e.g. `projects/{id}`. */
  route: string;
  handler: ApiHandler;
}

export function localeOf(req: HttpRequest): Locale {
  return negotiateLocale(req.headers.get("accept-language"));
}

/** Maps anything thrown to the one error shape; unexpected errors are logged and answered with a bare 500. */
export function toApiError(error: unknown, log: (message: string, error: unknown) => void): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ConcurrencyError) return ApiErrors.preconditionFailed();
  if (error instanceof InvalidContinuationTokenError) return ApiErrors.badContinuationToken();
  if (error instanceof NotFoundError) return ApiErrors.notFound();
  if (error instanceof AlreadyExistsError) {
    return ApiErrors.conflict({ sv: "Det finns redan.", en: "It already exists." });
  }
  log("Oväntat fel i API:t", error);
  return ApiErrors.internal();
}

/** Runs one route: the handler, with every failure turned into `{code, message, details}` in the caller's language. */
export async function runRoute(def: RouteDef, req: HttpRequest, ctx: InvocationContext, services: Services): Promise<HttpResponseInit> {
  const locale = localeOf(req);
  try {
    const response = await def.handler(req, ctx, services);
    return { ...response, headers: { "Content-Language": locale, ...(response.headers as Record<string, string> | undefined) } };
  } catch (error) {
    const apiError = toApiError(error, (message, e) => ctx.error(`${message} (${def.name})`, e));
    return errorResponse(apiError, locale);
  }
}

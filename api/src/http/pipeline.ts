import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { z } from "zod";
import { apiRoutes, type ApiRouteName, type Locale, type Permission } from "../contracts/index.js";
import type { Services } from "../app.js";
import { DomainError, DomainErrors } from "../domain/errors.js";
import { requireBot, requireMember, requirePermission, type Identity } from "../domain/identity.js";
import { AlreadyExistsError, ConcurrencyError, CorruptRowError, InvalidContinuationTokenError, NotFoundError } from "../store/errors.js";
import { ApiError, ApiErrors, fromDomain, httpValidation } from "./errors.js";
import { negotiateLocale, zodProblems } from "./i18n.js";
import { readIdempotencyKey, readJson, readQuery, requireIfMatch, requireWritePrecondition, type WritePrecondition } from "./request.js";
import { errorResponse } from "./response.js";

/**
 * Who may call a route. `public`: no identity (health). `signedIn`: any authenticated person, member or not (GET me;
 * resources whose permission is being a recipient decide in the service). `member`: any program role.
 * `bot`: the bot itself. `{ permission }`: a member whose roles give it. `{ botActingWith }`: the bot acting for a
 * member who has that permission.
 */
export type Access = "public" | "signedIn" | "member" | "bot" | { permission: Permission } | { botActingWith: Permission };

/** What a handler receives: everything checked and parsed, typed by the route's schemas. */
export interface RouteRequest<P, Q, B> {
  identity: Identity;
  params: P;
  query: Q;
  body: B;
  /** The JSON body as sent (for PATCH: only the keys sent change). */
  rawBody: unknown;
  /** The `If-Match` ETag when the route requires it, else "". */
  ifMatch: string;
  /** `If-None-Match: *` (create) or `If-Match` (replace), when the route is create-or-replace. */
  write: WritePrecondition | null;
  /** The `Idempotency-Key` header when the route accepts one. */
  idempotencyKey: string | undefined;
  locale: Locale;
  http: HttpRequest;
  ctx: InvocationContext;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  access: Access;
  /** Path parameters. A value that cannot be valid cannot exist: 404 (or 400 naming it with `paramsInvalid`). */
  params?: P;
  paramsInvalid?: "not_found" | "validation";
  query?: Q;
  body?: B;
  /** `ifMatch`: updates (428 missing, stale → 412 in the service); `createOrReplace`: PUT with If-None-Match/If-Match. */
  precondition?: "ifMatch" | "createOrReplace";
  /** Accepts `Idempotency-Key` (1–200 characters) to make a create safe to retry. */
  idempotent?: boolean;
  /** Exists only in the local host (never registered with Azure Functions, refused outside local mode). */
  localOnly?: boolean;
  handler: (req: RouteRequest<z.output<P>, z.output<Q>, z.output<B>>, services: Services) => Promise<HttpResponseInit>;
}

/** A route of the table: its name, method and path come from the contract (`apiRoutes`), declared once. */
export interface RouteDef {
  name: ApiRouteName;
  methods: HttpMethod[];
  /** Functions-style route below the `api` prefix, e.g. `projects/{id}`. */
  route: string;
  access: Access;
  localOnly: boolean;
  handler: (req: HttpRequest, ctx: InvocationContext, services: Services) => Promise<HttpResponseInit>;
}

const ANONYMOUS: Identity = { email: "", displayName: "", roles: [], permissions: [], member: null, callerIsBot: false, viaBot: false };

export function localeOf(req: HttpRequest): Locale {
  return negotiateLocale(req.headers.get("accept-language"));
}

function authorize(access: Access, identity: Identity): void {
  if (access === "public" || access === "signedIn") return;
  if (access === "member") return requireMember(identity);
  if (access === "bot") return requireBot(identity);
  if ("permission" in access) return requirePermission(identity, access.permission);
  requireBot(identity);
  if (!identity.viaBot) throw DomainErrors.forbidden({ sv: "Boten måste ange vem den agerar för.", en: "The bot must say whom it acts for." });
  requirePermission(identity, access.botActingWith);
}

function parseParams<S extends z.ZodType>(req: HttpRequest, schema: S, invalid: "not_found" | "validation"): z.output<S> {
  const raw: Record<string, string> = { ...req.params };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (invalid === "validation") throw httpValidation(zodProblems(parsed.error, raw));
  throw ApiErrors.notFound();
}

/** Declares a route of the table: one pipeline authenticates, authorises, checks preconditions and parses input. */
export function defineRoute<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  name: ApiRouteName,
  spec: RouteSpec<P, Q, B>,
): RouteDef {
  const [method, path] = apiRoutes[name].split(" ") as [HttpMethod, string];
  return {
    name,
    methods: [method],
    route: path.replace(/^\/api\//, ""),
    access: spec.access,
    localOnly: spec.localOnly ?? false,
    handler: async (http, ctx, services) => {
      if (spec.localOnly && services.config.mode !== "local") throw ApiErrors.notFound();
      const identity = spec.access === "public" ? ANONYMOUS : await services.auth.authenticate(http);
      authorize(spec.access, identity);
      const params = (spec.params ? parseParams(http, spec.params, spec.paramsInvalid ?? "not_found") : {}) as z.output<P>;
      const ifMatch = spec.precondition === "ifMatch" ? requireIfMatch(http) : "";
      const write = spec.precondition === "createOrReplace" ? requireWritePrecondition(http) : null;
      const idempotencyKey = spec.idempotent ? readIdempotencyKey(http) : undefined;
      const query = (spec.query ? readQuery(http, spec.query) : {}) as z.output<Q>;
      let body = undefined as z.output<B>;
      let rawBody: unknown = undefined;
      if (spec.body) ({ value: body, raw: rawBody } = await readJson(http, spec.body, services.config.maxBodyBytes));
      return spec.handler({ identity, params, query, body, rawBody, ifMatch, write, idempotencyKey, locale: localeOf(http), http, ctx }, services);
    },
  };
}

/** Maps anything thrown to the one error shape; unexpected errors are logged and answered with a bare 500. */
export function toApiError(error: unknown, log: (message: string, error: unknown) => void): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) {
    if (error.kind === "internal") log("Internt fel i API:t", error);
    return fromDomain(error);
  }
  if (error instanceof ConcurrencyError) return ApiErrors.preconditionFailed();
  if (error instanceof InvalidContinuationTokenError) return ApiErrors.badContinuationToken();
  if (error instanceof NotFoundError) return ApiErrors.notFound();
  if (error instanceof AlreadyExistsError) return ApiErrors.conflict({ sv: "Det finns redan.", en: "It already exists." });
  if (error instanceof CorruptRowError) log("En lagrad rad följer inte sitt schema", error);
  else log("Oväntat fel i API:t", error);
  return ApiErrors.internal();
}

/** Runs one route: the pipeline and handler, with every failure turned into `{code, message, details}` in the caller's language. */
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

import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { HttpResponseInit } from "@azure/functions";
import type { Services } from "../app.js";
import { isLoopbackHost } from "../config.js";
import { ApiErrors, type ApiError } from "../http/errors.js";
import { negotiateLocale } from "../http/i18n.js";
import { runRoute, type RouteDef } from "../http/pipeline.js";
import { HttpRequest, InvocationContext } from "../http/runtime.js";
import { errorBody } from "../http/response.js";
import { matchRoute } from "../routes.js";

/**
 * A small node:http host for local mode and tests. It reads the SAME route table as Azure Functions, builds an
 * `HttpRequest` and an `InvocationContext` from `@azure/functions`, calls the handler through `runRoute`, and writes
 * the `HttpResponseInit`. Unknown route → 404, wrong method → 405, both in the error shape.
 */
export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PREFIX = "/api";

function headerRecord(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Reads the body up to `limit` bytes; beyond that stops reading and reports `tooLarge`. */
function readBody(req: http.IncomingMessage, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve({ bytes: Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

function headersOf(init: HttpResponseInit): Array<[string, string]> {
  const h = init.headers;
  if (!h) return [];
  if (h instanceof Headers) return [...h.entries()];
  if (Array.isArray(h)) return h.map(([k, v]) => [String(k), String(v)]);
  return Object.entries(h).map(([k, v]) => [k, String(v)]);
}

async function writeResponse(res: http.ServerResponse, init: HttpResponseInit): Promise<void> {
  const status = init.status ?? 200;
  let payload: Buffer | null = null;
  const headers = headersOf(init);
  if (init.jsonBody !== undefined) {
    payload = Buffer.from(JSON.stringify(init.jsonBody), "utf8");
    if (!headers.some(([k]) => k.toLowerCase() === "content-type")) headers.push(["Content-Type", "application/json; charset=utf-8"]);
  } else if (typeof init.body === "string") {
    payload = Buffer.from(init.body, "utf8");
  } else if (init.body instanceof Uint8Array) {
    payload = Buffer.from(init.body);
  } else if (init.body instanceof ArrayBuffer) {
    payload = Buffer.from(new Uint8Array(init.body));
  } else if (init.body !== undefined && init.body !== null) {
    payload = Buffer.from(await new Response(init.body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
  }
  for (const [k, v] of headers) res.setHeader(k, v);
  if (payload) res.setHeader("Content-Length", payload.length);
  res.writeHead(status);
  res.end(payload ?? undefined);
}

function errorInit(error: ApiError, acceptLanguage: string | undefined): HttpResponseInit {
  const locale = negotiateLocale(acceptLanguage);
  return {
    status: error.status,
    jsonBody: errorBody(error, locale),
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Language": locale, ...error.headers },
  };
}

export interface LocalServerOptions {
  host?: string;
  port?: number;
  table: readonly RouteDef[];
  /** Where handler logs go (InvocationContext.log/error). */
  logHandler?: (level: string, ...args: unknown[]) => void;
}

export async function startLocalServer(services: Services, options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? services.config.apiHost;
  const port = options.port ?? services.config.apiPort;
  if (services.config.mode === "local" && !isLoopbackHost(host)) {
    throw new Error(`Local-läget lyssnar bara på loopback (127.0.0.1, ::1, localhost), inte ${host}.`);
  }
  const limit = services.config.maxBodyBytes;
  const logHandler =
    options.logHandler ??
    ((level: string, ...args: unknown[]) => {
      if (level === "error" || level === "critical") services.log.error(String(args[0]), ...args.slice(1));
      else if (level === "warning") services.log.warn(String(args[0]), ...args.slice(1));
    });

  const server = http.createServer((req, res) => {
    void (async () => {
      const acceptLanguage = req.headers["accept-language"];
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        const path = url.pathname;
        if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) {
          await writeResponse(res, errorInit(ApiErrors.notFound(), acceptLanguage));
          return;
        }
        const match = matchRoute(options.table, req.method ?? "GET", path.slice(PREFIX.length));
        if (match === null) {
          req.resume();
          await writeResponse(res, errorInit(ApiErrors.notFound(), acceptLanguage));
          return;
        }
        if ("methodNotAllowed" in match) {
          req.resume();
          await writeResponse(res, errorInit(ApiErrors.methodNotAllowed(match.methodNotAllowed), acceptLanguage));
          return;
        }
        const method = (req.method ?? "GET").toUpperCase();
        const hasBody = !["GET", "HEAD"].includes(method);
        const body = hasBody ? await readBody(req, limit) : { bytes: Buffer.alloc(0), tooLarge: false };
        if (body.tooLarge) {
          await writeResponse(res, errorInit(ApiErrors.payloadTooLarge(limit), acceptLanguage));
          return;
        }
        const query: Record<string, string> = {};
        for (const [k, v] of url.searchParams) query[k] = v;
        const request = new HttpRequest({
          method,
          url: `http://${req.headers.host ?? `${host}:${port}`}${req.url ?? "/"}`,
          headers: headerRecord(req),
          query,
          params: match.params,
          ...(body.bytes.length > 0 ? { body: { bytes: new Uint8Array(body.bytes) } } : {}),
        });
        const context = new InvocationContext({
          invocationId: randomUUID(),
          functionName: match.route.name,
          logHandler: (level, ...args) => logHandler(level, ...args),
        });
        const init = await runRoute(match.route, request, context, services);
        await writeResponse(res, init);
      } catch (error) {
        services.log.error("Lokala värden: oväntat fel", error);
        if (!res.headersSent) await writeResponse(res, errorInit(ApiErrors.internal(), acceptLanguage));
        else res.end();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

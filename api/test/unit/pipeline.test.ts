import { HttpRequest, InvocationContext } from "@azure/functions";
import { describe, expect, it } from "@jest/globals";
import { z } from "zod";
import type { Services } from "../../src/app.js";
import { identityOf } from "../../src/domain/identity.js";
import { DomainErrors } from "../../src/domain/errors.js";
import { defineRoute, runRoute, type RouteRequest } from "../../src/http/pipeline.js";
import { json } from "../../src/http/response.js";
import { ApiErrors } from "../../src/http/errors.js";

/** Only what the pipeline touches: who calls (by the x-test-user header), the mode and the body limit. */
function services(mode: "local" | "production" = "local"): Services {
  const members: Record<string, Parameters<typeof identityOf>[1]> = {
    "kontor@x.se": { email: "kontor@x.se", displayName: "Kontor", roles: ["koordinator"] },
    "deltagare@x.se": { email: "deltagare@x.se", displayName: "Deltagare", roles: ["deltagare"] },
  };
  return {
    config: { mode, maxBodyBytes: 1024 },
    auth: {
      authenticate: (req: HttpRequest) => {
        const email = req.headers.get("x-test-user");
        if (!email) return Promise.reject(ApiErrors.unauthenticated());
        return Promise.resolve(identityOf(email, members[email] ?? null, false, false));
      },
    },
  } as unknown as Services; // the pipeline reads config and auth only
}

function request(init: { method?: string; user?: string; body?: unknown; headers?: Record<string, string>; params?: Record<string, string> }) {
  return new HttpRequest({
    method: init.method ?? "POST",
    url: "http://127.0.0.1/api/x",
    headers: { ...(init.user ? { "x-test-user": init.user } : {}), ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    params: init.params ?? {},
    ...(init.body !== undefined ? { body: { string: JSON.stringify(init.body) } } : {}),
  });
}

const ctx = () => new InvocationContext({ functionName: "t", logHandler: () => undefined });
const Body = z.object({ title: z.string().min(3) });
let seen: RouteRequest<{ id: string }, unknown, z.output<typeof Body>> | undefined;

// A route declared the way every resource declares its routes: no authentication or validation code in the handler.
const route = defineRoute("projectsAssess", {
  access: { permission: "portfolio.assess" },
  params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
  precondition: "ifMatch",
  body: Body,
  handler: (req) => {
    seen = req;
    return Promise.resolve(json(200, { ok: true }));
  },
});

const lastSeen = () => seen;
const status = async (init: Parameters<typeof request>[0], s = services()) => (await runRoute(route, request(init), ctx(), s)).status;

describe("the route pipeline", () => {
  it("takes method and path from the contract", () => {
    expect(route.methods).toEqual(["POST"]);
    expect(route.route).toBe("projects/{id}/assessment");
  });

  it("authenticates, authorises, checks the path, If-Match and the body before the handler runs", async () => {
    seen = undefined;
    const ok = { user: "kontor@x.se", params: { id: "abc" }, headers: { "if-match": 'W/"1"' }, body: { title: "Titel" } };
    expect(await status({ ...ok, user: undefined })).toBe(401);
    expect(await status({ ...ok, user: "deltagare@x.se" })).toBe(403);
    expect(await status({ ...ok, user: "okand@x.se" })).toBe(403);
    expect(await status({ ...ok, params: { id: "ABC!" } })).toBe(404);
    expect(await status({ ...ok, headers: {} })).toBe(428);
    expect(await status({ ...ok, body: { title: "x" } })).toBe(400);
    expect(seen).toBeUndefined();
    expect(await status(ok)).toBe(200);
    const handled = lastSeen();
    expect(handled?.params.id).toBe("abc");
    expect(handled?.ifMatch).toBe('W/"1"');
    expect(handled?.body.title).toBe("Titel");
  });

  it("maps domain errors to HTTP in one place, and never shows an internal one", async () => {
    const failing = (error: Error) =>
      defineRoute("health", { access: "public", handler: () => Promise.reject(error) });
    const run = async (error: Error) => {
      const res = await runRoute(failing(error), request({ method: "GET" }), ctx(), services());
      return { status: res.status, body: res.jsonBody as { code: string; message: string } };
    };
    expect((await run(DomainErrors.stale())).status).toBe(412);
    expect((await run(DomainErrors.conflict({ sv: "Redan beslutad.", en: "Already decided." }))).body).toMatchObject({ code: "conflict", message: "Redan beslutad." });
    expect((await run(DomainErrors.rule([{ field: "rationale", message: { sv: "Motivering saknas.", en: "No rationale." } }]))).status).toBe(400);
    const internal = await run(DomainErrors.internal("invariant broken: secret detail"));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.body)).not.toContain("secret");
  });

  it("refuses a local-only route outside local mode", async () => {
    const local = defineRoute("health", { access: "public", localOnly: true, handler: () => Promise.resolve(json(200, {})) });
    expect((await runRoute(local, request({ method: "GET" }), ctx(), services("local"))).status).toBe(200);
    expect((await runRoute(local, request({ method: "GET" }), ctx(), services("production"))).status).toBe(404);
  });
});

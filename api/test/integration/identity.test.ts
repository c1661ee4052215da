import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("identity in local mode", () => {
  it("health needs no identity", async () => {
    const r = await api.call("GET", "/api/health", { user: null });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "ok", mode: "local" });
  });

  it("401 without x-dev-user, in the error shape", async () => {
    const r = await api.call("GET", "/api/projects", { user: null });
    expect(r.status).toBe(401);
    expect(r.err()).toEqual({ code: "unauthenticated", message: expect.stringContaining("x-dev-user"), details: [] });
  });

  it("401 for an unknown demo user, and for a user named only in the query string", async () => {
    expect((await api.call("GET", "/api/me", { user: "nobody@naravard.test" })).status).toBe(401);
    expect((await api.call("GET", "/api/me", { user: "not an email" })).status).toBe(401);
    expect((await api.call("GET", `/api/me?x-dev-user=${USERS.programledare}`, { user: null })).status).toBe(401);
  });

  it("GET /api/me: roles, permissions and the demo users (without the bot)", async () => {
    const r = await api.call("GET", "/api/me", { user: USERS.ordforande });
    expect(r.status).toBe(200);
    const me = r.as(R.me);
    expect(me.email).toBe(USERS.ordforande);
    expect(me.roles).toEqual(["styrgrupp_ordforande"]);
    // The chair decides on applications; applying is for project leaders and owners and the program office (SPEC 1).
    expect(me.permissions).toEqual(["portfolio.read", "portfolio.decide", "escalations.read", "escalations.raise", "risks.read", "surveys.read"]);
    const emails = me.demoUsers.map((u) => u.email);
    expect(emails).toContain(USERS.deltagare);
    expect(emails).toContain(USERS.bestallare);
    expect(emails).toContain(USERS.vice);
    expect(emails).not.toContain(USERS.bot);
    expect(me.displayName).toBeTruthy();
  });

  it("x-acting-user from anyone but the bot → 403", async () => {
    const r = await api.call("GET", "/api/me", { user: USERS.programledare, headers: { "x-acting-user": USERS.deltagare } });
    expect(r.status).toBe(403);
    expect(r.err().code).toBe("forbidden");
  });

  it("the bot acts as the named member", async () => {
    const r = await api.call("GET", "/api/me", { user: USERS.bot, headers: { "x-acting-user": USERS.koordinator } });
    expect(r.status).toBe(200);
    expect(r.as(R.me)).toMatchObject({ email: USERS.koordinator, roles: ["koordinator"] });
    const bare = await api.call("GET", "/api/me", { user: USERS.bot });
    expect(bare.as(R.me).roles).toEqual(["bot"]);
  });

  it("the bot acting as someone who is not a member gets no roles: /me answers, the rest is 403", async () => {
    const headers = { "x-acting-user": "stranger@example.org" };
    const me = await api.call("GET", "/api/me", { user: USERS.bot, headers });
    expect(me.status).toBe(200);
    expect(me.as(R.me)).toMatchObject({ roles: [], permissions: [] });
    expect((await api.call("GET", "/api/projects", { user: USERS.bot, headers })).status).toBe(403);
    expect((await api.call("GET", "/api/reference", { user: USERS.bot, headers })).status).toBe(403);
  });
});

import { describe, expect, it } from "@jest/globals";
import { apiRoutes } from "../../src/contracts/index.js";
import { registerFunctions, type FunctionsApp } from "../../src/functions/register.js";
import { matchRoute, routes } from "../../src/routes.js";

describe("the route table", () => {
  it("implements exactly the contract's routes", () => {
    const fromTable = routes.flatMap((r) => r.methods.map((m) => `${m} /api/${r.route}`)).sort();
    expect(fromTable).toEqual(Object.values(apiRoutes).sort());
    for (const r of routes) expect(apiRoutes[r.name]).toBe(`${r.methods[0]} /api/${r.route}`);
  });

  it("includes the members routes, with the email decoded from the path", () => {
    expect(apiRoutes).toMatchObject({
      membersList: "GET /api/members",
      membersPut: "PUT /api/members/{email}",
      membersDelete: "DELETE /api/members/{email}",
    });
    const put = matchRoute(routes, "PUT", `/members/${encodeURIComponent("Anna.Chef+x@rvn.se")}`);
    expect(put && "route" in put && put.route.name).toBe("membersPut");
    expect(put && "route" in put && put.params).toEqual({ email: "Anna.Chef+x@rvn.se" });
    const del = matchRoute(routes, "DELETE", "/members/anna@rvn.se");
    expect(del && "route" in del && del.route.name).toBe("membersDelete");
    expect(matchRoute(routes, "POST", "/members/anna@rvn.se")).toEqual({ methodNotAllowed: ["PUT", "DELETE"] });
    expect(matchRoute(routes, "DELETE", "/members")).toEqual({ methodNotAllowed: ["GET"] });
  });

  it("matches literal segments before parameters", () => {
    const m = matchRoute(routes, "POST", "/projects/similar");
    expect(m && "route" in m && m.route.name).toBe("projectsSimilar");
    const g = matchRoute(routes, "GET", "/projects/abc");
    expect(g && "route" in g && g.params).toEqual({ id: "abc" });
  });

  it("decodes parameters", () => {
    const m = matchRoute(routes, "POST", `/bot/deliveries/${encodeURIComponent("decision_made:beslut-1")}/claim`);
    expect(m && "route" in m && m.params["notificationId"]).toBe("decision_made:beslut-1");
    // A parameter that is not valid percent-encoding matches nothing (404), never a crash.
    expect(matchRoute(routes, "GET", "/projects/%E0%A4%A")).toBeNull();
  });

  it("reports wrong methods and unknown paths", () => {
    expect(matchRoute(routes, "DELETE", "/projects/abc")).toEqual({ methodNotAllowed: ["GET", "PATCH"] });
    expect(matchRoute(routes, "GET", "/nothing/here")).toBeNull();
  });

  it("registers every route with Azure Functions, anonymous, plus the outbox, escalation reminder, risk review reminder, survey, inquiry and mailbox timers", () => {
    const http: Array<{ name: string; route: string; authLevel: string }> = [];
    const timers: string[] = [];
    const fake: FunctionsApp = {
      http: (name, options) => http.push({ name, route: options.route, authLevel: options.authLevel }),
      timer: (name) => timers.push(name),
    };
    registerFunctions(fake, routes, () => Promise.reject(new Error("not used")));
    expect(http.map((h) => h.name)).toEqual(routes.filter((r) => !r.localOnly).map((r) => r.name));
    expect(http.map((h) => h.name)).not.toContain("devClockAdvance");
    expect(new Set(http.map((h) => h.authLevel))).toEqual(new Set(["anonymous"]));
    expect(timers).toEqual(["outboxSweep", "escalationReminders", "riskReviewReminders", "surveySweep", "inquirySweep", "mailboxSync"]);
  });
});

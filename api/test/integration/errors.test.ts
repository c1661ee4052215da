import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ErrorBodySchema } from "../../src/contracts/index.js";
import { application, R, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ MAX_BODY_BYTES: String(64 * 1024) });
});
afterAll(async () => {
  await api.close();
});

function expectErrorShape(json: unknown) {
  expect(ErrorBodySchema.strict().safeParse(json).success).toBe(true);
}

describe("one error shape for every failure", () => {
  it("malformed JSON → 400 bad_request", async () => {
    const r = await api.call("POST", "/api/projects", { rawBody: '{"name": "x",', headers: { "content-type": "application/json" } });
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("bad_request");
    expect(r.err().message).toBe("Begärans innehåll är inte giltig JSON.");
    expectErrorShape(r.json);
  });

  it("wrong content type → 415; empty body → 400", async () => {
    const r = await api.call("POST", "/api/projects", { rawBody: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.status).toBe(415);
    expect(r.err().code).toBe("unsupported_media_type");
    const empty = await api.call("POST", "/api/projects", { rawBody: "", headers: { "content-type": "application/json" } });
    expect(empty.status).toBe(400);
    expectErrorShape(empty.json);
  });

  it("oversized body → 413 (and nothing is created)", async () => {
    const before = await api.call("GET", "/api/projects?pageSize=100");
    const huge = JSON.stringify(application({ description: "x".repeat(70 * 1024) }));
    const r = await api.call("POST", "/api/projects", { rawBody: huge, headers: { "content-type": "application/json" } });
    expect(r.status).toBe(413);
    expect(r.err().code).toBe("payload_too_large");
    expectErrorShape(r.json);
    const after = await api.call("GET", "/api/projects?pageSize=100");
    expect(after.as(R.projects).items.length).toBe(before.as(R.projects).items.length);
  });

  it("unknown route → 404; wrong method → 405 with Allow", async () => {
    const r = await api.call("GET", "/api/finns-inte");
    expect(r.status).toBe(404);
    expectErrorShape(r.json);
    expect((await api.call("GET", "/inte-api")).status).toBe(404);
    const m = await api.call("DELETE", "/api/projects/sip-pa-distans");
    expect(m.status).toBe(405);
    expect(m.err().code).toBe("method_not_allowed");
    expect(m.headers.get("allow")).toBe("GET, PATCH");
    expectErrorShape(m.json);
  });

  it("English messages when asked", async () => {
    const r = await api.call("GET", "/api/finns-inte", { headers: { "accept-language": "en-US" } });
    expect(r.err().message).toBe("The requested resource does not exist.");
  });

  it("never 500 for bad input (a small fuzz)", async () => {
    const bodies: unknown[] = [
      null,
      [],
      "text",
      123,
      true,
      { name: {} },
      { criteriaIds: "samverkan-region-kommun" },
      { ...application(), criteriaIds: [null, 1, {}] },
      { ...application(), partnerOrganisationIds: ["../../etc", "a/b", "x#y"] },
      { ...application(), projectLeader: "Anna" },
      { ...application(), financing: { secured: "ja" } },
      { ...application(), startDate: "2023-13-45T" },
      { ...application(), links: { finalReport: "javascript:alert(1)" } },
      { ...application(), name: "\u0000\u0001" },
      { ...application(), targetGroupIds: Array.from({ length: 60 }, (_, i) => `tg${i}`) },
      { a: { b: { c: { d: { e: { f: [[[[[]]]]] } } } } } },
      { __proto__: { polluted: true }, constructor: { prototype: {} } },
    ];
    const targets: Array<[string, string]> = [
      ["POST", "/api/projects"],
      ["POST", "/api/projects/similar"],
      ["PATCH", "/api/projects/sip-pa-distans"],
      ["POST", "/api/projects/sip-pa-distans/status"],
      ["POST", "/api/projects/sip-pa-distans/assessment"],
      ["POST", "/api/projects/sip-pa-distans/decision"],
      ["POST", "/api/reference/parties"],
      ["PUT", "/api/reference/parties/rvn"],
    ];
    for (const [method, path] of targets) {
      for (const body of bodies) {
        const r = await api.call(method, path, { user: USERS.programledare, body, headers: { "if-match": 'W/"datetime\'2020-01-01T00%3A00%3A00Z\'"' } });
        const what = `${method} ${path} ${JSON.stringify(body)}`;
        // Labelled, so a failure names the request.
        expect([what, r.status < 500]).toEqual([what, true]);
        // The similarity query ignores unknown fields (a lenient search); everything else must refuse junk.
        if (path !== "/api/projects/similar") expect([what, r.status >= 400]).toEqual([what, true]);
        if (r.status >= 400) expectErrorShape(r.json);
      }
    }
    const paths = [
      "/api/projects/%2e%2e%2fx",
      "/api/projects/a%2Fb",
      `/api/projects/${"a".repeat(300)}`,
      "/api/projects/%F0%9F%92%A9",
      "/api/projects/x'or'1'eq'1",
      "/api/decisions?projectId=x%27%20or%20true",
      "/api/decisions?continuationToken=eyJ4IjoxfQ%3D%3D",
      "/api/projects?pageSize=-1",
      "/api/projects?pageSize=abc",
      "/api/deliveries?outcome=lost",
    ];
    for (const path of paths) {
      const r = await api.call("GET", path);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expectErrorShape(r.json);
    }
  });

  it("an unexpected failure → 500 internal, generic message, no stack", async () => {
    const original = api.services.projects.list.bind(api.services.projects);
    api.services.projects.list = () => Promise.reject(new Error("secret internal detail at /srv/app.js:1:2"));
    try {
      const r = await api.call("GET", "/api/projects");
      expect(r.status).toBe(500);
      expect(r.err()).toEqual({ code: "internal", message: "Ett oväntat fel inträffade. Försök igen om en stund.", details: [] });
      expect(JSON.stringify(r.json)).not.toContain("secret");
    } finally {
      api.services.projects.list = original;
    }
  });
});

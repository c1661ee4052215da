import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project } from "../../src/contracts/index.js";
import { application, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function apply(overrides: Record<string, unknown> = {}, user: string = USERS.projektledare): Promise<Project> {
  const r = await api.call("POST", "/api/projects", { user, body: application(overrides) });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as Project;
}

const assessment = {
  criteria: [
    { criterionId: "samverkan-region-kommun", met: true },
    { criterionId: "tillganglighet", met: true, comment: "Digital tillgänglighet i hemmet" },
  ],
  summary: "Uppfyller kriterierna.",
  recommendation: "inkludera",
};

async function assess(p: Project, user: string = USERS.koordinator) {
  return api.call("POST", `/api/projects/${p.id}/assessment`, { user, body: assessment, headers: { "if-match": p.etag } });
}

describe("applying (PP 6.3.1)", () => {
  it("without the collaboration criterion → 400 rule_violation naming it (Swedish)", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ criteriaIds: ["tillganglighet"] }) });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("rule_violation");
    expect(r.json.message).toBe("Kriteriet ”Samverkan mellan region och kommun/kommuner” är obligatoriskt.");
    expect(r.json.details).toContainEqual({ field: "criteriaIds", message: "Kriteriet ”Samverkan mellan region och kommun/kommuner” är obligatoriskt." });
  });

  it("…and in English when Accept-Language prefers English", async () => {
    const r = await api.call("POST", "/api/projects", {
      user: USERS.projektledare,
      body: application({ criteriaIds: ["tillganglighet"] }),
      headers: { "accept-language": "en-GB,en;q=0.9,sv;q=0.5" },
    });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe("The criterion “Samverkan mellan region och kommun/kommuner” is mandatory.");
    expect(r.headers.get("content-language")).toBe("en");
  });

  it("only the collaboration criterion → 400 asking for one more", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ criteriaIds: ["samverkan-region-kommun"] }) });
    expect(r.status).toBe(400);
    expect(r.json.details[0].field).toBe("criteriaIds");
  });

  it("unknown references → 400 naming each field", async () => {
    const r = await api.call("POST", "/api/projects", {
      user: USERS.projektledare,
      body: application({ ownerOrganisationId: "stockholm", criteriaIds: ["samverkan-region-kommun", "okand"], targetGroupIds: ["katter"] }),
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("validation_failed");
    expect(r.json.details.map((d: { field: string }) => d.field)).toEqual(["ownerOrganisationId", "criteriaIds", "targetGroupIds"]);
  });

  it("wrong types → 400 validation_failed with a detail per field", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: { name: 42, description: "" } });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("validation_failed");
    const fields = r.json.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "description", "ownerOrganisationId", "projectLeader"]));
    expect(r.json.details.find((d: { field: string }) => d.field === "name").message).toBe("Fel typ: ska vara text.");
  });

  it("a valid application → 201, listed, notified to the program office channel", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application() });
    expect(r.status).toBe(201);
    const p = r.json as Project;
    expect(p.status).toBe("ansokan_inlamnad");
    expect(p.createdBy).toBe(USERS.projektledare);
    expect(p.id).toMatch(/^hemmonitorering-i-kramfors-[0-9a-f]{6}$/);
    expect(r.headers.get("etag")).toBe(p.etag);
    expect(r.headers.get("location")).toBe(`/api/projects/${p.id}`);
    expect(p.allowedActions).toEqual(["edit", "changeStatus"]);
    expect(p.allowedTransitions).toEqual(["ide"]);

    const list = await api.call("GET", "/api/projects?status=ansokan_inlamnad&party=kramfors", { user: USERS.deltagare });
    expect((list.json.items as Project[]).map((x) => x.id)).toContain(p.id);

    const notes = await api.notifications();
    const note = notes.find((n) => n.id === `application_submitted:${p.id}`);
    expect(note).toMatchObject({ kind: "application_submitted", target: { kind: "programOfficeChannel" }, project: { id: p.id, applicantEmail: USERS.projektledare, ownerOrganisationName: "Kramfors kommun" } });

    const detail = await api.call("GET", `/api/projects/${p.id}`, { user: USERS.koordinator });
    expect(detail.json.history[0]).toMatchObject({ action: "created", by: USERS.projektledare });
    expect(detail.json.allowedActions).toEqual(["edit", "assess", "changeStatus"]);
  });

  it("a retry with the same Idempotency-Key returns the same application with 200", async () => {
    const headers = { "idempotency-key": "form-7f3a" };
    const first = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ name: "Idempotent ansökan" }), headers });
    const second = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ name: "Idempotent ansökan" }), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    const other = await api.call("POST", "/api/projects", { user: USERS.forandringsledare, body: application({ name: "Idempotent ansökan" }), headers });
    expect(other.status).toBe(201);
    expect(other.json.id).not.toBe(first.json.id);
  });
});

describe("assessment and decision", () => {
  it("403 matrix: who may assess and decide", async () => {
    const p = await apply();
    expect((await assess(p, USERS.deltagare)).status).toBe(403);
    expect((await assess(p, USERS.projektledare)).status).toBe(403);
    expect((await assess(p, USERS.ordforande)).status).toBe(403);
    const assessed = await assess(p, USERS.forandringsledare);
    expect(assessed.status).toBe(200);
    const q = assessed.json as Project;
    const decide = (user: string) =>
      api.call("POST", `/api/projects/${q.id}/decision`, { user, body: { outcome: "inkluderad", rationale: "Uppfyller kriterierna" }, headers: { "if-match": q.etag } });
    for (const user of [USERS.projektledare, USERS.koordinator, USERS.programledare, USERS.deltagare]) {
      const r = await decide(user);
      expect(r.status, user).toBe(403);
      expect(r.json.code).toBe("forbidden");
    }
    expect((await decide(USERS.ledamot)).status).toBe(200);
  });

  it("application → assessment → decision by the chair → in the decision log, applicant notified", async () => {
    const p = await apply({ name: "Trygg hemgång Sollefteå", ownerOrganisationId: "solleftea" });
    const a = await assess(p);
    expect(a.status).toBe(200);
    expect(a.json.status).toBe("bedomd");
    expect(a.json.assessment).toMatchObject({ recommendation: "inkludera", assessedBy: USERS.koordinator });
    expect(a.json.allowedActions).toEqual(["edit"]);

    const body = { outcome: "inkluderad", rationale: "Stärker samverkan vid utskrivning.", decisionDate: "2024-06-12" };
    const d = await api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body, headers: { "if-match": a.json.etag as string } });
    expect(d.status).toBe(200);
    expect(d.json.status).toBe("inkluderad");
    expect(d.json.decision).toMatchObject({ outcome: "inkluderad", date: "2024-06-12" });

    const log = await api.call("GET", `/api/decisions?projectId=${p.id}`, { user: USERS.deltagare });
    expect(log.json.items).toHaveLength(1);
    expect(log.json.items[0]).toMatchObject({
      id: d.json.decision.decisionId,
      bodyId: "styrgrupp",
      bodyName: "Programstyrgrupp",
      outcome: "inkluderad",
      rationale: "Stärker samverkan vid utskrivning.",
      decidedBy: USERS.ordforande,
      concerns: { kind: "project", id: p.id, title: "Trygg hemgång Sollefteå" },
    });
    const all = await api.call("GET", "/api/decisions?pageSize=100", { user: USERS.deltagare });
    const dates = (all.json.items as Array<{ date: string }>).map((x) => x.date);
    expect([...dates].sort().reverse()).toEqual(dates); // newest first
    const mine = (all.json.items as Array<{ id: string; date: string }>).findIndex((x) => x.id === d.json.decision.decisionId);
    expect(dates.filter((x) => x > "2024-06-12")).toHaveLength(mine);

    const notes = await api.notifications();
    expect(notes.find((n) => n.id === `decision_made:${d.json.decision.decisionId as string}`)).toMatchObject({
      kind: "decision_made",
      target: { kind: "user", email: USERS.projektledare },
      decision: { outcome: "inkluderad", bodyName: "Programstyrgrupp" },
    });

    // Double click: the same decision again carries a stale ETag → 412, and the log still has one entry.
    const again = await api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body, headers: { "if-match": a.json.etag as string } });
    expect(again.status).toBe(412);
    expect((await api.call("GET", `/api/decisions?projectId=${p.id}`, { user: USERS.deltagare })).json.items).toHaveLength(1);

    const detail = await api.call("GET", `/api/projects/${p.id}`, { user: USERS.koordinator });
    expect(detail.json.decisions).toHaveLength(1);
    expect(detail.json.history.map((h: { action: string }) => h.action)).toEqual(["decided", "assessed", "created"]);
    expect(detail.json.allowedTransitions).toEqual(["pagaende"]);
  });

  it("including without secured financing → 400 naming financing.secured; rejecting is fine", async () => {
    const p = await apply({ financing: { secured: false } });
    const a = await assess(p);
    const decide = (outcome: string, etag: string) =>
      api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body: { outcome, rationale: "Finansiering saknas" }, headers: { "if-match": etag } });
    const r = await decide("inkluderad", a.json.etag as string);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("rule_violation");
    expect(r.json.details).toEqual([{ field: "financing.secured", message: "Finansieringen måste vara säkrad innan styrgruppen kan besluta om inkludering." }]);
    const rejected = await decide("avslagen", a.json.etag as string);
    expect(rejected.status).toBe(200);
    expect(rejected.json.status).toBe("avslagen");
    expect(rejected.json.decision.rationale).toBe("Finansiering saknas");
    // Rejected ideas stay visible with the reason.
    const list = await api.call("GET", "/api/projects?status=avslagen", { user: USERS.deltagare });
    expect((list.json.items as Project[]).map((x) => x.id)).toContain(p.id);
  });

  it("decision before assessment → 400; assessment of an effort in progress → 400", async () => {
    const p = await apply();
    const r = await api.call("POST", `/api/projects/${p.id}/decision`, {
      user: USERS.ordforande,
      body: { outcome: "inkluderad", rationale: "För tidigt" },
      headers: { "if-match": p.etag },
    });
    expect(r.status).toBe(400);
    expect(r.json.details[0].field).toBe("status");
    const seeded = await api.call("GET", "/api/projects/sip-pa-distans", { user: USERS.koordinator });
    const s = await assess(seeded.json as Project);
    expect(s.status).toBe(400);
  });
});

describe("versions: If-Match", () => {
  it("missing If-Match → 428; stale → 412 and the stored effort is unchanged", async () => {
    const p = await apply({ name: "Versionstest" });
    const noHeader = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "Utan version" } });
    expect(noHeader.status).toBe(428);
    expect(noHeader.json.code).toBe("precondition_required");

    const first = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "Första ändringen" }, headers: { "if-match": p.etag } });
    expect(first.status).toBe(200);
    expect(first.json.etag).not.toBe(p.etag);
    const stale = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "Andra ändringen" }, headers: { "if-match": p.etag } });
    expect(stale.status).toBe(412);
    expect(stale.json).toEqual({ code: "precondition_failed", message: "Någon annan har ändrat detta under tiden. Ladda om och försök igen.", details: [] });
    const now = await api.call("GET", `/api/projects/${p.id}`, { user: USERS.koordinator });
    expect(now.json.name).toBe("Första ändringen");
    expect(now.json.etag).toBe(first.json.etag);
    expect((await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "x" }, headers: { "if-match": "*" } })).status).toBe(400);
  });
});

describe("editing", () => {
  it("the applicant edits only what was sent; others cannot; the rule still applies", async () => {
    const p = await apply({ name: "Redigeringstest", benefitObjectIds: ["innovation"] });
    const r = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { description: "Ny och bättre beskrivning av idén." }, headers: { "if-match": p.etag } });
    expect(r.status).toBe(200);
    expect(r.json.description).toBe("Ny och bättre beskrivning av idén.");
    expect(r.json.benefitObjectIds).toEqual(["innovation"]);
    expect(r.json.criteriaIds).toEqual(["samverkan-region-kommun", "tillganglighet"]);

    expect((await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.deltagare, body: { name: "Kapad" }, headers: { "if-match": r.json.etag as string } })).status).toBe(403);
    const rule = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { criteriaIds: ["tillganglighet"] }, headers: { "if-match": r.json.etag as string } });
    expect(rule.status).toBe(400);
    expect(rule.json.code).toBe("rule_violation");
    const unknown = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { status: "pagaende" }, headers: { "if-match": r.json.etag as string } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.details).toEqual([{ field: "status", message: "Okänt fält." }]);

    const history = (await api.call("GET", `/api/projects/${p.id}`, { user: USERS.projektledare })).json.history;
    expect(history[0]).toMatchObject({ action: "updated", changedFields: ["description"], summary: "Ändrade beskrivning." });

    // After assessment the applicant can no longer edit.
    const a = await assess(r.json as Project);
    expect((await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { name: "Sent" }, headers: { "if-match": a.json.etag as string } })).status).toBe(403);
  });
});

describe("lifecycle moves (POST …/status)", () => {
  it("included → ongoing → closed needs the final report; closed cannot reopen", async () => {
    const p = await apply({ name: "Livscykeltest" });
    const a = await assess(p);
    const d = await api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body: { outcome: "inkluderad", rationale: "Bra idé" }, headers: { "if-match": a.json.etag as string } });
    const move = (status: string, etag: string, extra: Record<string, unknown> = {}, user: string = USERS.koordinator) =>
      api.call("POST", `/api/projects/${p.id}/status`, { user, body: { status, ...extra }, headers: { "if-match": etag } });

    expect((await move("pagaende", d.json.etag as string, {}, USERS.projektledare)).status).toBe(403);
    const ongoing = await move("pagaende", d.json.etag as string);
    expect(ongoing.status).toBe(200);
    expect(ongoing.json.status).toBe("pagaende");
    expect(ongoing.json.allowedTransitions).toEqual(["vilande", "avslutad"]);

    const noReport = await move("avslutad", ongoing.json.etag as string);
    expect(noReport.status).toBe(400);
    expect(noReport.json.details[0].field).toBe("finalReportUrl");

    const closed = await move("avslutad", ongoing.json.etag as string, { finalReportUrl: "https://rvn.se/slutrapport.pdf", comment: "Klart" });
    expect(closed.status).toBe(200);
    expect(closed.json.links.finalReport).toBe("https://rvn.se/slutrapport.pdf");

    const reopen = await move("pagaende", closed.json.etag as string);
    expect(reopen.status).toBe(400);
    expect(reopen.json.code).toBe("rule_violation");
    expect(reopen.json.message).toBe("Ett utvecklingsarbete med status Avslutad kan inte ändras till Pågående.");

    const history = (await api.call("GET", `/api/projects/${p.id}`, { user: USERS.deltagare })).json.history;
    expect(history[0].summary).toBe("Status: Pågående → Avslutad. Klart");
  });

  it("moves that belong to assessment or decision point to that endpoint", async () => {
    const p = await apply();
    const r = await api.call("POST", `/api/projects/${p.id}/status`, { user: USERS.koordinator, body: { status: "bedomd" }, headers: { "if-match": p.etag } });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("/assessment");
    const i = await api.call("POST", `/api/projects/${p.id}/status`, { user: USERS.koordinator, body: { status: "inkluderad" }, headers: { "if-match": p.etag } });
    expect(i.status).toBe(400);
  });

  it("the applicant withdraws and resubmits; resubmission applies the inclusion rule and notifies again", async () => {
    const p = await apply({ name: "Tillbakadragen ansökan" });
    const withdrawn = await api.call("POST", `/api/projects/${p.id}/status`, { user: USERS.projektledare, body: { status: "ide" }, headers: { "if-match": p.etag } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.status).toBe("ide");
    // In `ide` the criteria may be incomplete …
    const edited = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { criteriaIds: ["tillganglighet"] }, headers: { "if-match": withdrawn.json.etag as string } });
    expect(edited.status).toBe(200);
    // … but not when submitting again.
    const resubmit = await api.call("POST", `/api/projects/${p.id}/status`, { user: USERS.projektledare, body: { status: "ansokan_inlamnad" }, headers: { "if-match": edited.json.etag as string } });
    expect(resubmit.status).toBe(400);
    expect(resubmit.json.details[0].field).toBe("criteriaIds");
    const fixed = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.projektledare, body: { criteriaIds: ["samverkan-region-kommun", "tillganglighet"] }, headers: { "if-match": edited.json.etag as string } });
    const ok = await api.call("POST", `/api/projects/${p.id}/status`, { user: USERS.projektledare, body: { status: "ansokan_inlamnad" }, headers: { "if-match": fixed.json.etag as string } });
    expect(ok.status).toBe(200);
    const notes = (await api.notifications()).filter((n) => n.kind === "application_submitted" && n.project.id === p.id);
    expect(notes.length).toBe(2);
  });
});

describe("similar projects", () => {
  it("finds a seeded effort for a similar text, with Swedish reasons", async () => {
    const r = await api.call("POST", "/api/projects/similar", {
      user: USERS.deltagare,
      body: {
        name: "Minska påverkbar slutenvård",
        description: "Teamsamverkan mellan huvudmän för personcentrerade vårdlösningar och stärkt primärvård.",
        targetGroupIds: ["aldre"],
      },
    });
    expect(r.status).toBe(200);
    const top = r.json.items[0];
    expect(top.id).toBe("paverkbar-slutenvard");
    expect(top.score).toBeGreaterThan(0.3);
    expect(top.score).toBeLessThanOrEqual(1);
    expect(top.reasons[0]).toMatch(/^Liknande ord: /);
    expect(top.reasons).toContain("Samma målgrupp: Äldre / mest sjuka äldre");
    expect(top.sharedTargetGroupIds).toEqual(["aldre"]);
    expect(r.json.items.length).toBeLessThanOrEqual(5);

    const en = await api.call("POST", "/api/projects/similar", {
      user: USERS.deltagare,
      body: { name: "Påverkbar slutenvård", excludeId: "paverkbar-slutenvard" },
      headers: { "accept-language": "en" },
    });
    expect(en.json.items.map((i: { id: string }) => i.id)).not.toContain("paverkbar-slutenvard");
    for (const item of en.json.items as Array<{ reasons: string[] }>) expect(item.reasons[0]).toMatch(/^Similar words: /);
  });

  it("finds a new application, and nothing for unrelated text", async () => {
    const p = await apply({ name: "Rörelseglädje på fritidsgården", description: "Fysisk aktivitet och rörelseglädje för ungdomar på fritidsgården i samverkan med hälsocentralen.", targetGroupIds: ["barn-och-unga"] });
    const r = await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: { description: "Rörelseglädje och fysisk aktivitet på fritidsgården" } });
    expect(r.json.items[0].id).toBe(p.id);
    const none = await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: { name: "Xylofon kvantdator", description: "" } });
    expect(none.json.items).toEqual([]);
    expect((await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: {} })).json.items).toEqual([]);
  });
});

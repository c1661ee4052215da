import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Project } from "../../src/contracts/index.js";
import { application, R, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function apply(overrides: Record<string, unknown> = {}, user: string = USERS.projektledare): Promise<Project> {
  const r = await api.call("POST", "/api/projects", { user, body: application(overrides) });
  expect(r.status).toBe(201);
  return r.as(R.project);
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

async function assessed(p: Project): Promise<Project> {
  const r = await assess(p);
  expect(r.status).toBe(200);
  return r.as(R.project);
}

async function decide(p: Project, outcome: string, user: string = USERS.ordforande, rationale = "Uppfyller kriterierna", etag = p.etag) {
  return api.call("POST", `/api/projects/${p.id}/decision`, { user, body: { outcome, rationale }, headers: { "if-match": etag } });
}

async function move(p: Project, status: string, extra: Record<string, unknown> = {}, user: string = USERS.koordinator) {
  return api.call("POST", `/api/projects/${p.id}/status`, { user, body: { status, ...extra }, headers: { "if-match": p.etag } });
}

async function patch(p: Project, body: Record<string, unknown>, user: string = USERS.projektledare) {
  return api.call("PATCH", `/api/projects/${p.id}`, { user, body, headers: { "if-match": p.etag } });
}

const detail = async (id: string, user: string = USERS.koordinator) => (await api.call("GET", `/api/projects/${id}`, { user })).as(R.detail);

describe("applying (PP 6.3.1)", () => {
  it("without the collaboration criterion → 400 rule_violation naming it (Swedish)", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ criteriaIds: ["tillganglighet"] }) });
    expect(r.status).toBe(400);
    const e = r.err();
    expect(e.code).toBe("rule_violation");
    expect(e.message).toBe("Kriteriet ”Samverkan mellan region och kommun/kommuner” är obligatoriskt.");
    expect(e.details).toContainEqual({ field: "criteriaIds", message: "Kriteriet ”Samverkan mellan region och kommun/kommuner” är obligatoriskt." });
  });

  it("…and in English when Accept-Language prefers English", async () => {
    const r = await api.call("POST", "/api/projects", {
      user: USERS.projektledare,
      body: application({ criteriaIds: ["tillganglighet"] }),
      headers: { "accept-language": "en-GB,en;q=0.9,sv;q=0.5" },
    });
    expect(r.status).toBe(400);
    expect(r.err().message).toBe("The criterion “Samverkan mellan region och kommun/kommuner” is mandatory.");
    expect(r.headers.get("content-language")).toBe("en");
  });

  it("only the collaboration criterion → 400 asking for one more", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ criteriaIds: ["samverkan-region-kommun"] }) });
    expect(r.status).toBe(400);
    expect(r.err().details[0]?.field).toBe("criteriaIds");
  });

  it("unknown references → 400 naming each field", async () => {
    const r = await api.call("POST", "/api/projects", {
      user: USERS.projektledare,
      body: application({ ownerOrganisationId: "stockholm", criteriaIds: ["samverkan-region-kommun", "okand"], targetGroupIds: ["katter"] }),
    });
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("validation_failed");
    expect(r.err().details.map((d) => d.field)).toEqual(["ownerOrganisationId", "criteriaIds", "targetGroupIds"]);
  });

  it("wrong types → 400 validation_failed with a detail per field", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: { name: 42, description: "" } });
    expect(r.status).toBe(400);
    const e = r.err();
    expect(e.code).toBe("validation_failed");
    expect(e.details.map((d) => d.field)).toEqual(expect.arrayContaining(["name", "description", "ownerOrganisationId", "projectLeader"]));
    expect(e.details.find((d) => d.field === "name")?.message).toBe("Fel typ: ska vara text.");
  });

  it("a valid application → 201, listed, notified to the program office channel", async () => {
    const r = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application() });
    expect(r.status).toBe(201);
    const p = r.as(R.project);
    expect(p.status).toBe("ansokan_inlamnad");
    expect(p.createdBy).toBe(USERS.projektledare);
    expect(p.id).toMatch(/^hemmonitorering-i-kramfors-[0-9a-f]{6}$/);
    expect(r.headers.get("etag")).toBe(p.etag);
    expect(r.headers.get("location")).toBe(`/api/projects/${p.id}`);
    expect(p.allowedActions).toEqual(["edit", "changeStatus"]);
    expect(p.allowedTransitions).toEqual(["ide"]);

    const list = await api.call("GET", "/api/projects?status=ansokan_inlamnad&party=kramfors", { user: USERS.deltagare });
    expect(list.as(R.projects).items.map((x) => x.id)).toContain(p.id);

    const notes = await api.notifications();
    expect(notes.find((n) => n.id === `application_submitted:${p.id}`)).toMatchObject({
      kind: "application_submitted",
      target: { kind: "programOfficeChannel" },
      project: { id: p.id, applicantEmail: USERS.projektledare, ownerOrganisationName: "Kramfors kommun" },
    });

    const d = await detail(p.id);
    expect(d.history[0]).toMatchObject({ action: "created", by: USERS.projektledare });
    expect(d.allowedActions).toEqual(["edit", "assess", "changeStatus"]);
  });

  it("a retry with the same Idempotency-Key returns the same application with 200", async () => {
    const headers = { "idempotency-key": "form-7f3a" };
    const body = application({ name: "Idempotent ansökan" });
    const first = await api.call("POST", "/api/projects", { user: USERS.projektledare, body, headers });
    const second = await api.call("POST", "/api/projects", { user: USERS.projektledare, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.as(R.project).id).toBe(first.as(R.project).id);
    const other = await api.call("POST", "/api/projects", { user: USERS.forandringsledare, body, headers });
    expect(other.status).toBe(201);
    expect(other.as(R.project).id).not.toBe(first.as(R.project).id);
  });
});

describe("assessment and decision", () => {
  it("403 matrix: who may assess and decide", async () => {
    const p = await apply();
    expect((await assess(p, USERS.deltagare)).status).toBe(403);
    expect((await assess(p, USERS.projektledare)).status).toBe(403);
    expect((await assess(p, USERS.ordforande)).status).toBe(403);
    const a = await assess(p, USERS.forandringsledare);
    expect(a.status).toBe(200);
    const q = a.as(R.project);
    for (const user of [USERS.projektledare, USERS.koordinator, USERS.programledare, USERS.deltagare]) {
      const r = await decide(q, "inkluderad", user);
      expect(r.status).toBe(403);
      expect(r.err().code).toBe("forbidden");
    }
    // Any steering-group member decides, not only the chair.
    expect((await decide(q, "inkluderad", USERS.ledamot)).status).toBe(200);
  });

  it("application → assessment → decision by the chair → in the decision log, applicant notified", async () => {
    const p = await apply({ name: "Trygg hemgång Sollefteå", ownerOrganisationId: "solleftea" });
    const a = await assess(p);
    expect(a.status).toBe(200);
    const q = a.as(R.project);
    expect(q.status).toBe("bedomd");
    expect(q.assessment).toMatchObject({ recommendation: "inkludera", assessedBy: USERS.koordinator });
    expect(q.allowedActions).toEqual(["edit"]);

    const body = { outcome: "inkluderad", rationale: "Stärker samverkan vid utskrivning.", decisionDate: "2024-06-12" };
    const d = await api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body, headers: { "if-match": q.etag } });
    expect(d.status).toBe(200);
    const decided = d.as(R.project);
    expect(decided.status).toBe("inkluderad");
    expect(decided.decision).toMatchObject({ outcome: "inkluderad", date: "2024-06-12" });
    const decisionId = decided.decision?.decisionId ?? "";

    const log = (await api.call("GET", `/api/decisions?projectId=${p.id}`, { user: USERS.deltagare })).as(R.decisions);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      id: decisionId,
      bodyId: "styrgrupp",
      bodyName: "Programstyrgrupp",
      outcome: "inkluderad",
      rationale: "Stärker samverkan vid utskrivning.",
      decidedBy: USERS.ordforande,
      concerns: { kind: "project", id: p.id, title: "Trygg hemgång Sollefteå" },
    });
    const all = (await api.call("GET", "/api/decisions?pageSize=100", { user: USERS.deltagare })).as(R.decisions).items;
    const dates = all.map((x) => x.date);
    expect([...dates].sort().reverse()).toEqual(dates); // newest first
    expect(dates.filter((x) => x > "2024-06-12")).toHaveLength(all.findIndex((x) => x.id === decisionId));

    const notes = await api.notifications();
    expect(notes.find((n) => n.id === `decision_made:${decisionId}`)).toMatchObject({
      kind: "decision_made",
      target: { kind: "user", email: USERS.projektledare },
      decision: { outcome: "inkluderad", bodyName: "Programstyrgrupp" },
    });

    // Double click: the same decision again carries a stale ETag → 412, and the log still has one entry.
    const again = await api.call("POST", `/api/projects/${p.id}/decision`, { user: USERS.ordforande, body, headers: { "if-match": q.etag } });
    expect(again.status).toBe(412);
    expect((await api.call("GET", `/api/decisions?projectId=${p.id}`, { user: USERS.deltagare })).as(R.decisions).items).toHaveLength(1);

    const dd = await detail(p.id);
    expect(dd.decisions).toHaveLength(1);
    expect(dd.history.map((h) => h.action)).toEqual(["decided", "assessed", "created"]);
    expect(dd.allowedTransitions).toEqual(["pagaende"]);
  });

  it("including without secured financing → 400 naming financing.secured; rejecting is fine", async () => {
    const q = await assessed(await apply({ financing: { secured: false } }));
    const r = await decide(q, "inkluderad", USERS.ordforande, "Finansiering saknas");
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("rule_violation");
    expect(r.err().details).toEqual([{ field: "financing.secured", message: "Finansieringen måste vara säkrad innan styrgruppen kan besluta om inkludering." }]);
    const rejected = await decide(q, "avslagen", USERS.ordforande, "Finansiering saknas");
    expect(rejected.status).toBe(200);
    expect(rejected.as(R.project)).toMatchObject({ status: "avslagen", decision: { rationale: "Finansiering saknas" } });
    // Rejected ideas stay visible with the reason (PP 6.3).
    const list = await api.call("GET", "/api/projects?status=avslagen", { user: USERS.deltagare });
    expect(list.as(R.projects).items.map((x) => x.id)).toContain(q.id);
  });

  it("decision before assessment → 400; assessment of an effort in progress → 400", async () => {
    const p = await apply();
    const r = await decide(p, "inkluderad", USERS.ordforande, "För tidigt");
    expect(r.status).toBe(400);
    expect(r.err().details[0]?.field).toBe("status");
    const seeded = (await api.call("GET", "/api/projects/sip-pa-distans", { user: USERS.koordinator })).as(R.project);
    expect((await assess(seeded)).status).toBe(400);
  });
});

describe("versions: If-Match", () => {
  it("missing If-Match → 428; stale → 412 and the stored effort is unchanged", async () => {
    const p = await apply({ name: "Versionstest" });
    const noHeader = await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "Utan version" } });
    expect(noHeader.status).toBe(428);
    expect(noHeader.err().code).toBe("precondition_required");

    const first = await patch(p, { name: "Första ändringen" }, USERS.koordinator);
    expect(first.status).toBe(200);
    const firstEtag = first.as(R.project).etag;
    expect(firstEtag).not.toBe(p.etag);
    const stale = await patch(p, { name: "Andra ändringen" }, USERS.koordinator);
    expect(stale.status).toBe(412);
    expect(stale.err()).toEqual({ code: "precondition_failed", message: "Någon annan har ändrat detta under tiden. Ladda om och försök igen.", details: [] });
    const now = await detail(p.id);
    expect(now.name).toBe("Första ändringen");
    expect(now.etag).toBe(firstEtag);
    expect((await api.call("PATCH", `/api/projects/${p.id}`, { user: USERS.koordinator, body: { name: "x" }, headers: { "if-match": "*" } })).status).toBe(400);
  });
});

describe("editing", () => {
  it("the applicant edits only what was sent; others cannot; the rule still applies", async () => {
    const p = await apply({ name: "Redigeringstest", benefitObjectIds: ["innovation"] });
    const r = await patch(p, { description: "Ny och bättre beskrivning av idén." });
    expect(r.status).toBe(200);
    const q = r.as(R.project);
    expect(q.description).toBe("Ny och bättre beskrivning av idén.");
    expect(q.benefitObjectIds).toEqual(["innovation"]);
    expect(q.criteriaIds).toEqual(["samverkan-region-kommun", "tillganglighet"]);

    expect((await patch(q, { name: "Kapad" }, USERS.deltagare)).status).toBe(403);
    const rule = await patch(q, { criteriaIds: ["tillganglighet"] });
    expect(rule.status).toBe(400);
    expect(rule.err().code).toBe("rule_violation");
    const unknown = await patch(q, { status: "pagaende" });
    expect(unknown.status).toBe(400);
    expect(unknown.err().details).toEqual([{ field: "status", message: "Okänt fält." }]);
    const badLink = await patch(q, { links: { web: "javascript:alert(1)" } });
    expect(badLink.status).toBe(400);
    expect(badLink.err().details[0]?.field).toBe("links.web");

    const history = (await detail(p.id, USERS.projektledare)).history;
    expect(history[0]).toMatchObject({ action: "updated", changedFields: ["description"], summary: "Ändrade beskrivning." });

    // After assessment the applicant can no longer edit.
    const a = await assessed(q);
    expect((await patch(a, { name: "Sent" })).status).toBe(403);
  });
});

describe("lifecycle moves (POST …/status)", () => {
  it("included → ongoing → closed needs the final report; closed cannot reopen", async () => {
    const q = await assessed(await apply({ name: "Livscykeltest" }));
    const included = (await decide(q, "inkluderad")).as(R.project);

    expect((await move(included, "pagaende", {}, USERS.projektledare)).status).toBe(403);
    const r1 = await move(included, "pagaende");
    expect(r1.status).toBe(200);
    const ongoing = r1.as(R.project);
    expect(ongoing.status).toBe("pagaende");
    expect(ongoing.allowedTransitions).toEqual(["vilande", "avslutad"]);

    const noReport = await move(ongoing, "avslutad");
    expect(noReport.status).toBe(400);
    expect(noReport.err().details[0]?.field).toBe("finalReportUrl");
    expect((await move(ongoing, "avslutad", { finalReportUrl: "javascript:alert(1)" })).status).toBe(400);

    const r2 = await move(ongoing, "avslutad", { finalReportUrl: "https://rvn.se/slutrapport.pdf", comment: "Klart" });
    expect(r2.status).toBe(200);
    const closed = r2.as(R.project);
    expect(closed.links.finalReport).toBe("https://rvn.se/slutrapport.pdf");

    const reopen = await move(closed, "pagaende");
    expect(reopen.status).toBe(400);
    expect(reopen.err().code).toBe("rule_violation");
    expect(reopen.err().message).toBe("Ett utvecklingsarbete med status Avslutad kan inte ändras till Pågående.");

    expect((await detail(q.id, USERS.deltagare)).history[0]?.summary).toBe("Status: Pågående → Avslutad. Klart");
  });

  it("moves that belong to assessment or decision point to that endpoint", async () => {
    const p = await apply();
    const r = await move(p, "bedomd");
    expect(r.status).toBe(400);
    expect(r.err().message).toContain("/assessment");
    expect((await move(p, "inkluderad")).status).toBe(400);
  });

  it("the applicant withdraws and resubmits; resubmission applies the inclusion rule and is the same channel notification", async () => {
    const p = await apply({ name: "Tillbakadragen ansökan" });
    const r1 = await move(p, "ide", {}, USERS.projektledare);
    expect(r1.status).toBe(200);
    const withdrawn = r1.as(R.project);
    expect(withdrawn.status).toBe("ide");
    // In `ide` the criteria may be incomplete …
    const r2 = await patch(withdrawn, { criteriaIds: ["tillganglighet"] });
    expect(r2.status).toBe(200);
    const edited = r2.as(R.project);
    // … but not when submitting again.
    const resubmit = await move(edited, "ansokan_inlamnad", {}, USERS.projektledare);
    expect(resubmit.status).toBe(400);
    expect(resubmit.err().details[0]?.field).toBe("criteriaIds");
    const fixed = (await patch(edited, { criteriaIds: ["samverkan-region-kommun", "tillganglighet"] })).as(R.project);
    expect((await move(fixed, "ansokan_inlamnad", {}, USERS.projektledare)).status).toBe(200);
    const notes = (await api.notifications()).filter((n) => n.kind === "application_submitted" && n.project.id === p.id);
    // Enqueued again, but under the application's one id: the bot's claim sends it to the channel once.
    expect(new Set(notes.map((n) => n.id))).toEqual(new Set([`application_submitted:${p.id}`]));
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
    const items = r.as(R.similar).items;
    const top = items[0];
    expect(top?.id).toBe("paverkbar-slutenvard");
    expect(top?.score).toBeGreaterThan(0.3);
    expect(top?.score).toBeLessThanOrEqual(1);
    expect(top?.reasons[0]).toMatch(/^Liknande ord: /);
    expect(top?.reasons).toContain("Samma målgrupp: Äldre / mest sjuka äldre");
    expect(top?.sharedTargetGroupIds).toEqual(["aldre"]);
    expect(items.length).toBeLessThanOrEqual(5);

    const en = await api.call("POST", "/api/projects/similar", {
      user: USERS.deltagare,
      body: { name: "Påverkbar slutenvård", excludeId: "paverkbar-slutenvard" },
      headers: { "accept-language": "en" },
    });
    const enItems = en.as(R.similar).items;
    expect(enItems.map((i) => i.id)).not.toContain("paverkbar-slutenvard");
    for (const item of enItems) expect(item.reasons[0]).toMatch(/^Similar words: /);
  });

  it("finds a new application, and nothing for unrelated text", async () => {
    const p = await apply({
      name: "Rörelseglädje på fritidsgården",
      description: "Fysisk aktivitet och rörelseglädje för ungdomar på fritidsgården i samverkan med hälsocentralen.",
      targetGroupIds: ["barn-och-unga"],
    });
    const r = await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: { description: "Rörelseglädje och fysisk aktivitet på fritidsgården" } });
    expect(r.as(R.similar).items[0]?.id).toBe(p.id);
    const none = await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: { name: "Xylofon kvantdator", description: "" } });
    expect(none.as(R.similar).items).toEqual([]);
    expect((await api.call("POST", "/api/projects/similar", { user: USERS.deltagare, body: {} })).as(R.similar).items).toEqual([]);
  });
});

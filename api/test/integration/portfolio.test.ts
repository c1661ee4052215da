import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { R, startTestApi, USERS, type CallResult, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const ids = (r: CallResult) => r.as(R.projects).items.map((p) => p.id).sort();

describe("the seeded portfolio (annual report 2023, table 2)", () => {
  it("has eight efforts with the report's statuses", async () => {
    const r = await api.call("GET", "/api/projects?pageSize=100", { user: USERS.deltagare });
    expect(r.status).toBe(200);
    const page = r.as(R.projects);
    expect(page.continuationToken).toBeNull();
    const byId = Object.fromEntries(page.items.map((p) => [p.id, p]));
    expect(Object.keys(byId)).toHaveLength(8);
    expect(byId["trygg-nara-vard-lss-boende"]?.status).toBe("avslutad");
    expect(byId["proaktiv-digifysisk-seniorvard"]?.status).toBe("avslutad");
    expect(byId["barn-som-lever-med-foraldrar-som-dor"]?.status).toBe("vilande");
    for (const id of ["sip-pa-distans", "barnsakert-barn-0-6-ar", "paverkbar-slutenvard", "multidisciplinart-demensarbete", "barn-och-unga-i-ange"]) {
      expect([id, byId[id]?.status]).toEqual([id, "pagaende"]);
    }
    expect(byId["paverkbar-slutenvard"]?.name).toBe("Påverkbar slutenvård");
    for (const p of Object.values(byId)) {
      expect(p.criteriaIds).toContain("samverkan-region-kommun");
      expect(p.criteriaIds.length).toBeGreaterThanOrEqual(2);
      expect(p.financing.secured).toBe(true);
      expect(p.etag).toBeTruthy();
      expect(p.decision?.outcome).toBe("inkluderad");
      expect(p.latestStatus?.colour).toMatch(/^(gron|gul|rod)$/);
    }
    expect(byId["barn-som-lever-med-foraldrar-som-dor"]?.partnersText).toBe("Sundsvall RVN Mellannorrlands Hospice");
    expect(byId["barn-som-lever-med-foraldrar-som-dor"]?.projectLeader.name).toBe("Vakant");
  });

  it("lists in key order and pages with opaque continuation tokens", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const qs: string = token ? `&continuationToken=${encodeURIComponent(token)}` : "";
      const r = await api.call("GET", `/api/projects?pageSize=3${qs}`, { user: USERS.deltagare });
      expect(r.status).toBe(200);
      const page = r.as(R.projects);
      seen.push(...page.items.map((p) => p.id));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect([...seen].sort()).toEqual(seen);
  });

  it("filters on the server by party (owner or partner), status, area, criterion, sub-goal, target group", async () => {
    const q = (qs: string) => api.call("GET", `/api/projects?${qs}`, { user: USERS.deltagare });
    expect(ids(await q("party=kramfors"))).toEqual(["multidisciplinart-demensarbete", "sip-pa-distans"]);
    expect(ids(await q("party=timra"))).toEqual(["multidisciplinart-demensarbete", "proaktiv-digifysisk-seniorvard", "sip-pa-distans"]);
    expect(ids(await q("party=mellannorrlands-hospice"))).toEqual(["barn-som-lever-med-foraldrar-som-dor"]);
    expect(ids(await q("status=avslutad"))).toEqual(["proaktiv-digifysisk-seniorvard", "trygg-nara-vard-lss-boende"]);
    expect(ids(await q("targetGroup=barn-och-unga"))).toEqual(["barn-och-unga-i-ange", "barn-som-lever-med-foraldrar-som-dor", "barnsakert-barn-0-6-ar"]);
    expect(ids(await q("targetGroup=barn-och-unga&status=pagaende"))).toEqual(["barn-och-unga-i-ange", "barnsakert-barn-0-6-ar"]);
    expect(ids(await q("criterion=halsoframjande&programArea=halsoframjande"))).toEqual(["barn-och-unga-i-ange", "barnsakert-barn-0-6-ar"]);
    expect(ids(await q("subGoal=tillganglig-vard&party=sundsvall"))).toEqual(["paverkbar-slutenvard", "sip-pa-distans"]);
    expect(ids(await q("party=nowhere"))).toEqual([]);
  });

  it("rejects bad list queries with 400, never 500", async () => {
    const a = await api.call("GET", "/api/projects?status=klar", { user: USERS.deltagare });
    expect(a.status).toBe(400);
    expect(a.err().code).toBe("validation_failed");
    expect(a.err().details[0]?.field).toBe("status");
    expect((await api.call("GET", "/api/projects?pageSize=1000", { user: USERS.deltagare })).status).toBe(400);
    const c = await api.call("GET", "/api/projects?continuationToken=not-a-token", { user: USERS.deltagare });
    expect(c.status).toBe(400);
    expect(c.err().details[0]?.field).toBe("continuationToken");
    expect((await api.call("GET", "/api/projects?party=Bad%20Id", { user: USERS.deltagare })).status).toBe(400);
  });

  it("detail: the effort with its decisions and history; ETag header", async () => {
    const r = await api.call("GET", "/api/projects/paverkbar-slutenvard", { user: USERS.deltagare });
    expect(r.status).toBe(200);
    const d = r.as(R.detail);
    expect(r.headers.get("etag")).toBe(d.etag);
    expect(d.history).toHaveLength(1);
    expect(d.history[0]?.action).toBe("seeded");
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]?.rationale).toContain("Inkluderad i portföljen enligt styrgruppens beslut");
    expect(d.decisions[0]?.bodyName).toBe("Programstyrgrupp");
    expect(d.allowedActions).toEqual([]);
    expect((await api.call("GET", "/api/projects/finns-inte", { user: USERS.deltagare })).status).toBe(404);
    expect((await api.call("GET", "/api/projects/FINNS..INTE", { user: USERS.deltagare })).status).toBe(404);
  });

  it("program office sees its actions and moves on a seeded effort", async () => {
    const d = (await api.call("GET", "/api/projects/barn-som-lever-med-foraldrar-som-dor", { user: USERS.koordinator })).as(R.detail);
    expect(d.allowedActions).toEqual(["edit", "changeStatus"]);
    expect(d.allowedTransitions).toEqual(["pagaende", "avslutad"]);
  });

  it("the decision log: newest first, with filters", async () => {
    const log = (qs = "") => api.call("GET", `/api/decisions${qs}`, { user: USERS.deltagare }).then((r) => r.as(R.decisions).items);
    const dates = (await log()).map((d) => d.date);
    // The eight inclusion decisions of 2023 and the demo escalation's decision (local mode).
    expect(dates).toHaveLength(9);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await log("?concernsKind=project")).toHaveLength(8);
    expect(await log("?projectId=sip-pa-distans")).toHaveLength(1);
    expect(await log("?body=programledningsgrupp")).toHaveLength(1);
    expect(await log("?body=styrgrupp")).toHaveLength(8);
    expect(await log("?concernsKind=project&body=styrgrupp&pageSize=5")).toHaveLength(5);
  });

  it("reference data for any member; edits need reference.edit and If-Match", async () => {
    const ref = (await api.call("GET", "/api/reference", { user: USERS.deltagare })).as(R.reference);
    expect(ref.parties.filter((p) => p.kind === "party")).toHaveLength(8);
    expect(ref.criteria.find((c) => c.mandatory)?.id).toBe("samverkan-region-kommun");
    expect(ref.programAreas).toHaveLength(6);
    expect(ref.subGoals).toHaveLength(4);
    expect(ref.benefitObjects).toHaveLength(6);
    expect(ref.milestones.filter((m) => m.code === "B5")).toHaveLength(9);
    expect(ref.milestones.map((m) => m.date)).toEqual(expect.arrayContaining(["2021-12-15", "2025-12-15", "2026-06-30", "2026-12-15"]));
    expect(ref.bodies.map((b) => b.name)).toContain("Länsledning HälSam");

    const item = { id: "mangbesokare-unga", name: "Unga mångbesökare", nameEn: "Young frequent attenders" };
    expect((await api.call("POST", "/api/reference/targetGroups", { user: USERS.deltagare, body: item })).status).toBe(403);
    const created = await api.call("POST", "/api/reference/targetGroups", { user: USERS.koordinator, body: item });
    expect(created.status).toBe(201);
    const createdItem = created.as(R.reference.shape.targetGroups.element);
    expect(createdItem).toMatchObject({ ...item, active: true, sortOrder: 0 });
    expect((await api.call("POST", "/api/reference/targetGroups", { user: USERS.koordinator, body: item })).status).toBe(409);
    expect((await api.call("POST", "/api/reference/nonsense", { user: USERS.koordinator, body: item })).status).toBe(404);

    const put = (etag: string | undefined, body: unknown) =>
      api.call("PUT", "/api/reference/targetGroups/mangbesokare-unga", { user: USERS.koordinator, body, headers: etag ? { "if-match": etag } : {} });
    expect((await put(undefined, { name: "X" })).status).toBe(428);
    const updated = await put(createdItem.etag, { name: "Unga mångbesökare (16–25 år)", sortOrder: 5 });
    expect(updated.status).toBe(200);
    const updatedItem = updated.as(R.reference.shape.targetGroups.element);
    expect(updatedItem.name).toBe("Unga mångbesökare (16–25 år)");
    const stale = await put(createdItem.etag, { name: "Gammal" });
    expect(stale.status).toBe(412);
    expect(stale.err().message).toBe("Någon annan har ändrat detta under tiden. Ladda om och försök igen.");
    expect((await put(updatedItem.etag, { id: "annat-id", name: "X" })).status).toBe(400);
    const after = (await api.call("GET", "/api/reference", { user: USERS.deltagare })).as(R.reference);
    expect(after.targetGroups.find((t) => t.id === "mangbesokare-unga")?.name).toBe("Unga mångbesökare (16–25 år)");
  });
});

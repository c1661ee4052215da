import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { pageOf, RiskDetailSchema, RiskEscalationResultSchema, RiskSchema, RiskSettingsSchema, XLSX_CONTENT_TYPE, type Risk } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

const RiskPage = pageOf(RiskSchema);
let api: TestApi;
const clock = fixedClock("2026-03-10T09:00:00.000Z");

beforeAll(async () => {
  api = await startTestApi({}, { clock });
});
afterAll(async () => {
  await api.close();
});

async function create(body: Record<string, unknown>, user: string = USERS.koordinator): Promise<Risk> {
  const r = await api.call("POST", "/api/risks", { user, body: { title: "Testrisk", description: "", category: "program", ...body } });
  expect([JSON.stringify(r.json), r.status]).toEqual([JSON.stringify(r.json), 201]);
  return r.as(RiskSchema);
}

async function allRisks(query = "", user: string = USERS.programledare): Promise<Risk[]> {
  const r = await api.call("GET", `/api/risks?pageSize=200${query}`, { user });
  expect([JSON.stringify(r.json), r.status]).toEqual([JSON.stringify(r.json), 200]);
  return r.as(RiskPage).items;
}

describe("the seeded risk list", () => {
  it("lists the nine PP 10 risks and the directive's risks to the programledare, unassessed except the labelled examples", async () => {
    const risks = await allRisks();
    const program = risks.filter((r) => r.category === "program");
    expect(program.map((r) => r.id).sort()).toEqual(["pp10-1", "pp10-2", "pp10-3", "pp10-4", "pp10-5", "pp10-6", "pp10-7", "pp10-8", "pp10-9"]);
    expect(program.map((r) => r.title)).toContain("Nedprioritering av utvecklingsresurser");
    expect(risks.filter((r) => r.category === "directive")).toHaveLength(13);
    for (const r of risks) {
      if (r.example) {
        expect(r.description).toContain("Exempelbedömning");
        expect(r.value).toBe((r.probability ?? 0) * (r.consequence ?? 0));
      } else {
        expect([r.probability, r.consequence, r.value, r.level]).toEqual([null, null, null, null]);
      }
    }
    expect(risks.some((r) => r.example)).toBe(true);
  });

  it("is sorted by value, highest first, unassessed last", async () => {
    const values = (await allRisks()).map((r) => r.value);
    const assessed = values.filter((v): v is number => v !== null);
    expect(assessed).toEqual([...assessed].sort((a, b) => b - a));
    expect(values.slice(assessed.length).every((v) => v === null)).toBe(true);
  });

  it("everyone in the program reads it; a non-member does not", async () => {
    expect((await api.call("GET", "/api/risks", { user: USERS.deltagare })).status).toBe(200);
    expect((await api.call("GET", "/api/risks", { user: "okand@naravard.test" })).status).toBe(401);
  });

  it("pages with a continuation token bound to its query", async () => {
    const first = (await api.call("GET", "/api/risks?pageSize=5")).as(RiskPage);
    expect(first.items).toHaveLength(5);
    expect(first.continuationToken).not.toBeNull();
    const second = (await api.call("GET", `/api/risks?pageSize=5&continuationToken=${first.continuationToken ?? ""}`)).as(RiskPage);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const other = await api.call("GET", `/api/risks?pageSize=5&category=program&continuationToken=${first.continuationToken ?? ""}`);
    expect(other.status).toBe(400);
  });
});

describe("assessing", () => {
  it("value = probability × consequence and the level follows the 4×4 thresholds", async () => {
    const cases: Array<[number, number, string]> = [
      [1, 3, "low"],
      [2, 2, "medium"],
      [2, 4, "medium"],
      [3, 3, "high"],
      [4, 4, "high"],
    ];
    for (const [p, c, level] of cases) {
      const r = await create({ title: `Risk ${p}x${c}`, probability: p, consequence: c });
      expect([r.value, r.level]).toEqual([p * c, level]);
    }
  });

  it("probability 5 on the 4×4 scale → 400 naming sannolikhet and the range", async () => {
    const r = await api.call("POST", "/api/risks", { user: USERS.koordinator, body: { title: "För hög", description: "", category: "program", probability: 5, consequence: 2 } });
    expect(r.status).toBe(400);
    const detail = r.err().details.find((d) => d.field === "probability");
    expect(detail?.message).toMatch(/^Sannolikhet ska vara ett heltal från 1 till 4/);
    const en = await api.call("POST", "/api/risks", {
      user: USERS.koordinator,
      body: { title: "För hög", description: "", category: "program", probability: 2, consequence: 0 },
      headers: { "accept-language": "en" },
    });
    expect(en.err().details.find((d) => d.field === "consequence")?.message).toMatch(/^Consequence must be a whole number from 1 to 4/);
  });

  it("only one of the two scores → 400 naming the missing one", async () => {
    const r = await api.call("POST", "/api/risks", { user: USERS.koordinator, body: { title: "Halv", description: "", category: "program", probability: 2 } });
    expect(r.status).toBe(400);
    expect(r.err().details.map((d) => d.field)).toEqual(["consequence"]);
  });

  it("an owner outside the program → 400 naming owner", async () => {
    const r = await api.call("POST", "/api/risks", { user: USERS.koordinator, body: { title: "X", description: "", category: "program", owner: "okand@naravard.test" } });
    expect(r.status).toBe(400);
    expect(r.err().details[0]?.field).toBe("owner");
  });
});

describe("editing with If-Match", () => {
  it("records history (who, what, from → to) and answers with the new ETag", async () => {
    const risk = await create({ title: "Historik", probability: 1, consequence: 2 });
    const r = await api.call("PATCH", `/api/risks/${risk.id}`, { user: USERS.programledare, body: { probability: 3 }, headers: { "if-match": risk.etag } });
    expect([JSON.stringify(r.json), r.status]).toEqual([JSON.stringify(r.json), 200]);
    const updated = r.as(RiskSchema);
    expect(r.headers.get("etag")).toBe(updated.etag);
    expect([updated.value, updated.level]).toEqual([6, "medium"]);
    const detail = (await api.call("GET", `/api/risks/${risk.id}`)).as(RiskDetailSchema);
    expect(detail.history[0]).toMatchObject({ by: USERS.programledare, action: "updated", changes: [{ field: "probability", from: "1", to: "3" }] });
    expect(detail.history[0]?.summary).toBe("Sannolikhet: 1 → 3");
    expect(detail.history).toHaveLength(2);
  });

  it("a stale PATCH gets 412 and changes nothing; no If-Match gets 428", async () => {
    const risk = await create({ title: "Samtidig ändring", probability: 2, consequence: 2 });
    const first = await api.call("PATCH", `/api/risks/${risk.id}`, { body: { consequence: 3 }, headers: { "if-match": risk.etag } });
    expect(first.status).toBe(200);
    const stale = await api.call("PATCH", `/api/risks/${risk.id}`, { body: { title: "Skrivs inte" }, headers: { "if-match": risk.etag } });
    expect(stale.status).toBe(412);
    const now = (await api.call("GET", `/api/risks/${risk.id}`)).as(RiskDetailSchema);
    expect(now.title).toBe("Samtidig ändring");
    expect(now.consequence).toBe(3);
    expect(now.history).toHaveLength(2);
    expect((await api.call("PATCH", `/api/risks/${risk.id}`, { body: { title: "Y" } })).status).toBe(428);
  });

  it("the owner may edit their own risk; another member may not; only the office adds risks", async () => {
    const risk = await create({ title: "Ägarens risk", owner: USERS.forandringsledare });
    expect(risk.allowedActions).toEqual(["edit", "review"]);
    const own = await api.call("PATCH", `/api/risks/${risk.id}`, { user: USERS.forandringsledare, body: { actions: "Dialog med styrgruppen" }, headers: { "if-match": risk.etag } });
    expect(own.status).toBe(200);
    const other = await api.call("PATCH", `/api/risks/${risk.id}`, { user: USERS.projektledare, body: { actions: "Nej" }, headers: { "if-match": own.as(RiskSchema).etag } });
    expect(other.status).toBe(403);
    const add = await api.call("POST", "/api/risks", { user: USERS.forandringsledare, body: { title: "Z", description: "", category: "program" } });
    expect(add.status).toBe(403);
  });
});

describe("reviewing", () => {
  it("unchanged or reassessed, a note, and the next review date one interval ahead", async () => {
    const risk = await create({ title: "Granskas", probability: 2, consequence: 2, nextReviewDate: "2026-03-01" });
    expect(risk.reviewOverdue).toBe(true);
    const unchanged = await api.call("POST", `/api/risks/${risk.id}/review`, { body: { outcome: "unchanged", note: "Inget nytt" }, headers: { "if-match": risk.etag } });
    expect([JSON.stringify(unchanged.json), unchanged.status]).toEqual([JSON.stringify(unchanged.json), 200]);
    const u = unchanged.as(RiskSchema);
    expect([u.nextReviewDate, u.reviewOverdue, u.value]).toEqual(["2026-04-10", false, 4]);
    const missing = await api.call("POST", `/api/risks/${risk.id}/review`, { body: { outcome: "reassessed" }, headers: { "if-match": u.etag } });
    expect(missing.status).toBe(400);
    expect(missing.err().details.map((d) => d.field)).toEqual(["probability", "consequence"]);
    const re = await api.call("POST", `/api/risks/${risk.id}/review`, {
      body: { outcome: "reassessed", probability: 3, consequence: 2, nextReviewDate: "2026-06-01" },
      headers: { "if-match": u.etag },
    });
    expect(re.as(RiskSchema)).toMatchObject({ value: 6, nextReviewDate: "2026-06-01" });
    const history = (await api.call("GET", `/api/risks/${risk.id}`)).as(RiskDetailSchema).history;
    expect(history.map((h) => h.action)).toEqual(["reviewed", "reviewed", "created"]);
    expect(history[1]?.note).toBe("Inget nytt");
  });
});

/** The escalations raised for a risk, as `GET /api/escalations` lists them. */
async function escalationsOf(riskId: string) {
  const r = await api.call("GET", "/api/escalations?sourceKind=risk&pageSize=100");
  expect(r.status).toBe(200);
  return r.as(R.escalations).items.filter((e) => e.source.id === riskId);
}

describe("escalation of a high risk", () => {
  it("reaching high offers escalation; escalating twice gives one escalation in GET /api/escalations", async () => {
    const risk = await create({ title: "Stiger", probability: 2, consequence: 2 });
    expect(risk.escalation).toEqual({ offered: false });
    const high = (await api.call("PATCH", `/api/risks/${risk.id}`, { body: { probability: 4, consequence: 3 }, headers: { "if-match": risk.etag } })).as(RiskSchema);
    expect(high.level).toBe("high");
    expect(high.escalation).toEqual({ offered: true });
    expect(high.allowedActions).toContain("escalate");
    const first = await api.call("POST", `/api/risks/${risk.id}/escalate`);
    expect([JSON.stringify(first.json), first.status]).toEqual([JSON.stringify(first.json), 200]);
    const second = await api.call("POST", `/api/risks/${risk.id}/escalate`);
    const a = first.as(RiskEscalationResultSchema);
    const b = second.as(RiskEscalationResultSchema);
    expect(b.escalationId).toBe(a.escalationId);
    expect(b.risk.escalation).toEqual({ offered: false, escalationId: a.escalationId });

    const listed = await escalationsOf(risk.id);
    expect(listed.map((e) => e.id)).toEqual([a.escalationId]);
    expect(listed[0]).toMatchObject({ source: { kind: "risk", id: risk.id }, status: "open", urgency: "normal", title: "Hög risk: Stiger" });
    expect(listed[0]?.description).toContain("Riskvärde 12 (sannolikhet 4 × konsekvens 3)");
    const history = (await api.call("GET", `/api/risks/${risk.id}`)).as(RiskDetailSchema).history;
    expect(history[0]?.action).toBe("escalated");
  });

  it("two people escalating at once raise one escalation", async () => {
    const risk = await create({ title: "Samtidigt", probability: 4, consequence: 4 });
    const [x, y] = await Promise.all([
      api.call("POST", `/api/risks/${risk.id}/escalate`, { user: USERS.programledare }),
      api.call("POST", `/api/risks/${risk.id}/escalate`, { user: USERS.koordinator }),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.as(RiskEscalationResultSchema).escalationId).toBe(y.as(RiskEscalationResultSchema).escalationId);
    expect(await escalationsOf(risk.id)).toHaveLength(1);
  });

  it("falling below high and rising again offers it again, and the still open escalation answers (no second one)", async () => {
    const risk = await create({ title: "Pendlar", probability: 4, consequence: 3 });
    const first = (await api.call("POST", `/api/risks/${risk.id}/escalate`)).as(RiskEscalationResultSchema);
    const lower = (await api.call("PATCH", `/api/risks/${risk.id}`, { body: { probability: 2 }, headers: { "if-match": first.risk.etag } })).as(RiskSchema);
    expect([lower.level, lower.escalation]).toEqual(["medium", { offered: false }]);
    const again = (await api.call("PATCH", `/api/risks/${risk.id}`, { body: { probability: 4 }, headers: { "if-match": lower.etag } })).as(RiskSchema);
    expect(again.escalation).toEqual({ offered: true });
    const second = (await api.call("POST", `/api/risks/${risk.id}/escalate`)).as(RiskEscalationResultSchema);
    expect(second.escalationId).toBe(first.escalationId);
    expect(await escalationsOf(risk.id)).toHaveLength(1);
  });

  it("a risk below high is not escalated", async () => {
    const risk = await create({ title: "Låg", probability: 1, consequence: 1 });
    const r = await api.call("POST", `/api/risks/${risk.id}/escalate`);
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("rule_violation");
  });
});

describe("filters", () => {
  it("by level, category, owner and a heat-map cell", async () => {
    for (const r of await allRisks("&level=high")) expect(r.level).toBe("high");
    for (const r of await allRisks("&category=directive")) expect(r.category).toBe("directive");
    const owned = await allRisks(`&owner=${encodeURIComponent(USERS.forandringsledare)}`);
    expect(owned.length).toBeGreaterThan(0);
    for (const r of owned) expect(r.owner).toBe(USERS.forandringsledare);
    const cell = await allRisks("&probability=3&consequence=3");
    expect(cell.length).toBeGreaterThan(0);
    for (const r of cell) expect([r.probability, r.consequence]).toEqual([3, 3]);
  });
});

describe("export", () => {
  it("the Excel export opens with the same rows as the list", async () => {
    const list = await allRisks();
    const r = await fetch(`${api.url}/api/risks/export.xlsx`, { headers: { "x-dev-user": USERS.ledamot } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(XLSX_CONTENT_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.getWorksheet("Risklista");
    expect(ws).toBeDefined();
    const rows: Array<[string, unknown]> = [];
    ws?.eachRow((row, n) => {
      if (n > 1) rows.push([row.getCell(1).text, row.getCell(6).value]);
    });
    expect(rows).toEqual(list.map((x) => [x.title, x.value ?? null]));
    expect(ws?.getRow(1).getCell(6).value).toBe("Riskvärde");
  });
});

describe("settings", () => {
  it("the program office changes the scale with If-Match; risks assessed on 4×4 then need reassessment", async () => {
    const s = (await api.call("GET", "/api/risks/settings", { user: USERS.deltagare })).as(RiskSettingsSchema);
    expect(s).toMatchObject({ scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1 });
    const risk = await create({ title: "Före skalbyte", probability: 4, consequence: 4 });
    const denied = await api.call("PUT", "/api/risks/settings", { user: USERS.deltagare, body: { ...s, scale: 5 }, headers: { "if-match": s.etag } });
    expect(denied.status).toBe(403);
    const bad = await api.call("PUT", "/api/risks/settings", { body: { scale: 4, mediumFrom: 4, highFrom: 20, reviewIntervalMonths: 1 }, headers: { "if-match": s.etag } });
    expect(bad.status).toBe(400);
    expect(bad.err().details[0]?.field).toBe("highFrom");
    const put = await api.call("PUT", "/api/risks/settings", { body: { scale: 5, mediumFrom: 5, highFrom: 13, reviewIntervalMonths: 3 }, headers: { "if-match": s.etag } });
    expect([JSON.stringify(put.json), put.status]).toEqual([JSON.stringify(put.json), 200]);
    const stale = await api.call("PUT", "/api/risks/settings", { body: { scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1 }, headers: { "if-match": s.etag } });
    expect(stale.status).toBe(412);
    const after = (await api.call("GET", `/api/risks/${risk.id}`)).as(RiskDetailSchema);
    expect([after.probability, after.consequence, after.value, after.needsReassessment]).toEqual([4, 4, 16, true]);
    const five = await api.call("POST", "/api/risks", { user: USERS.koordinator, body: { title: "Fem", description: "", category: "program", probability: 5, consequence: 5 } });
    expect(five.as(RiskSchema)).toMatchObject({ value: 25, level: "high", needsReassessment: false });
    const reassessed = await api.call("POST", `/api/risks/${risk.id}/review`, { body: { outcome: "reassessed", probability: 5, consequence: 4 }, headers: { "if-match": after.etag } });
    expect(reassessed.as(RiskSchema).needsReassessment).toBe(false);
    // back to the default for the other tests
    const back = (await api.call("GET", "/api/risks/settings")).as(RiskSettingsSchema);
    expect((await api.call("PUT", "/api/risks/settings", { body: { scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1 }, headers: { "if-match": back.etag } })).status).toBe(200);
  });
});

describe("review reminders", () => {
  it("one notification per owner per round, never twice, listing the owner's due risks", async () => {
    const first = await api.services.risks.remindDue();
    expect(first.reminded).toBeGreaterThan(0);
    const again = await api.services.risks.remindDue();
    expect(again.reminded).toBe(0);
    const notes = (await api.notifications()).filter((n) => n.kind === "risk_review_due");
    const ids = notes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = notes.find((n) => n.id === `risk_review_due:2026-03:${USERS.programledare}`);
    expect(mine?.kind === "risk_review_due" && mine.risks.length).toBeGreaterThan(0);
    expect(mine?.target).toEqual({ kind: "user", email: USERS.programledare });
    // A service restarted on the same store does not remind again in the same round.
    const restarted = await startTestApi(
      { TABLE_PREFIX: api.services.config.tablePrefix, PROGRAM_ID: api.services.config.programId, NOTIFICATIONS_QUEUE: api.queueName },
      { clock },
    );
    try {
      expect((await restarted.services.risks.remindDue()).reminded).toBe(0);
    } finally {
      await restarted.close();
    }
    // The next month is a new round.
    clock.advance(31 * 24 * 3600 * 1000);
    expect((await api.services.risks.remindDue()).reminded).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { application, R, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe("a date that does not exist is a 400 naming the field, never a stored nonsense key", () => {
  it("decision date 2025-13-45 → 400 on decisionDate, in Swedish; the decision log stays empty", async () => {
    const created = await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ name: "Datumkontroll Ånge" }) });
    expect(created.status).toBe(201);
    const project = created.as(R.project);
    const assessment = {
      criteria: [
        { criterionId: "samverkan-region-kommun", met: true },
        { criterionId: "tillganglighet", met: true },
      ],
      summary: "Uppfyller kriterierna.",
      recommendation: "inkludera",
    };
    const assessed = await api.call("POST", `/api/projects/${project.id}/assessment`, {
      user: USERS.koordinator,
      body: assessment,
      headers: { "if-match": project.etag },
    });
    expect(assessed.status).toBe(200);
    const etag = assessed.as(R.project).etag;

    const body = { outcome: "inkluderad", rationale: "Stärker samverkan.", decisionDate: "2025-13-45" };
    const r = await api.call("POST", `/api/projects/${project.id}/decision`, { user: USERS.ordforande, body, headers: { "if-match": etag } });
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("validation_failed");
    expect(r.err().details).toEqual([{ field: "decisionDate", message: "Datumet finns inte i kalendern (kontrollera månad och dag)." }]);

    const en = await api.call("POST", `/api/projects/${project.id}/decision`, {
      user: USERS.ordforande,
      body: { ...body, decisionDate: "1999-12-31" },
      headers: { "if-match": etag, "accept-language": "en" },
    });
    expect(en.status).toBe(400);
    expect(en.err().details).toEqual([{ field: "decisionDate", message: "The date must be between 2000-01-01 and 2100-12-31." }]);

    const log = (await api.call("GET", `/api/decisions?projectId=${project.id}`, { user: USERS.deltagare })).as(R.decisions);
    expect(log.items).toEqual([]);
  });

  it("an application's start date 2025-02-30 → 400 on startDate; nothing is created", async () => {
    const r = await api.call("POST", "/api/projects", {
      user: USERS.projektledare,
      body: application({ name: "Datumkontroll Timrå", startDate: "2025-02-30", endDate: "2026-01-31" }),
    });
    expect(r.status).toBe(400);
    expect(r.err().details).toEqual([{ field: "startDate", message: "Datumet finns inte i kalendern (kontrollera månad och dag)." }]);
    const list = (await api.call("GET", "/api/projects?pageSize=100", { user: USERS.koordinator })).as(R.projects);
    expect(list.items.map((p) => p.name)).not.toContain("Datumkontroll Timrå");
  });
});

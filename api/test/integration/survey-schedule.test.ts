import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { z } from "zod";
import { pageOf, SurveyRoundSchema, SurveySettingsSchema } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { application, R, startTestApi, USERS, type TestApi } from "../helpers.js";

/**
 * Issue 11: status requests open by themselves three weeks before each reporting milestone (B5–B7 in reference
 * data; the seeded B6 is 2026-06-30), once, to the leaders of the included efforts.
 */
const clock = fixedClock("2026-06-05T08:00:00.000Z");
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { clock });
});
afterAll(async () => {
  await api.close();
});

/** Status requests only (local mode also seeds the 2023 activity rounds). */
const rounds = async () => (await api.call("GET", "/api/surveys?pageSize=100")).as(pageOf(SurveyRoundSchema)).items.filter((r) => r.kind === "status");

describe("the status request before a reporting milestone", () => {
  it("is not opened before its window, nor while no ongoing effort has a leader to ask (no failure either)", async () => {
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await rounds()).toEqual([]);
    clock.advance(5 * 86_400_000);
    // 2026-06-10, inside the window: the seeded efforts have no leader's e-mail, so nobody is asked yet.
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await rounds()).toEqual([]);
  });

  it("opens once three weeks before B6 for the leaders of ongoing efforts, however many sweeps run", async () => {
    const applied = (await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ name: "Trygg hemgång i Härnösand" }) })).as(R.project);
    const assessed = (
      await api.call("POST", `/api/projects/${applied.id}/assessment`, {
        user: USERS.koordinator,
        headers: { "if-match": applied.etag },
        body: { criteria: [{ criterionId: "samverkan-region-kommun", met: true }, { criterionId: "tillganglighet", met: true }], summary: "Ok", recommendation: "inkludera" },
      })
    ).as(R.project);
    const included = (
      await api.call("POST", `/api/projects/${assessed.id}/decision`, { user: USERS.ordforande, headers: { "if-match": assessed.etag }, body: { outcome: "inkluderad", rationale: "Uppfyller kriterierna" } })
    ).as(R.project);
    expect((await api.call("POST", `/api/projects/${included.id}/status`, { user: USERS.koordinator, headers: { "if-match": included.etag }, body: { status: "pagaende" } })).status).toBe(200);

    // Switched off in the survey settings: nobody is asked; switched on again: the request opens.
    const settings = (await api.call("GET", "/api/surveys/settings")).as(SurveySettingsSchema);
    const off = await api.call("PUT", "/api/surveys/settings", { headers: { "if-match": settings.etag }, body: { effectFollowUp: settings.effectFollowUp, statusRequests: { enabled: false } } });
    expect(off.status).toBe(200);
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await rounds()).toEqual([]);
    const on = await api.call("PUT", "/api/surveys/settings", { headers: { "if-match": off.as(SurveySettingsSchema).etag }, body: { effectFollowUp: settings.effectFollowUp, statusRequests: { enabled: true } } });
    expect(on.status).toBe(200);

    await Promise.all([api.services.surveys.sweep(), api.services.surveys.sweep()]);
    await api.services.surveys.sweep();
    const opened = await rounds();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ kind: "status", createdBy: "system", status: "open", recipientCount: 1, deadline: "2026-06-23T15:00:00.000Z", reminders: ["2026-06-20T15:00:00.000Z"] });
    expect(opened[0]?.title).toContain("B6");
    const cards = (await api.notifications()).filter((n) => n.kind === "survey_request" && n.survey.id === opened[0]?.id);
    expect(new Set(cards.map((n) => n.id)).size).toBe(1);
    expect(cards[0]?.target).toEqual({ kind: "user", email: USERS.projektledare });
    expect(z.string().parse(cards[0]?.kind === "survey_request" ? cards[0].survey.projectName : undefined)).toBe("Trygg hemgång i Härnösand");
  });
});

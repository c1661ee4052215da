import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { z } from "zod";
import {
  ApiError,
  createApiClient,
  DEV_USER_HEADER,
  pageOf,
  SurveyRoundSchema,
  SurveySettingsSchema,
  type SurveySettingsInput,
} from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { startTestApi, USERS, type TestApi } from "../helpers.js";

/**
 * Issue 11 / PP 9.2.1: the yearly effect follow-up opens by itself on the day the survey settings name (default
 * 1 October, 08:00 Swedish time), once, to the change owners (role `forandringsagare`); the settings are program data
 * the program office edits with If-Match.
 */
const MINUTE = 60_000;
const CREATE = { "If-None-Match": "*" };
const OWNERS = ["agare.timra@naravard.test", "agare.kramfors@naravard.test"];
const DEFAULTS: SurveySettingsInput = {
  effectFollowUp: { enabled: true, month: 10, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 },
  statusRequests: { enabled: true },
};

const effectRounds = async (api: TestApi) =>
  (await api.call("GET", "/api/surveys?kind=effect&pageSize=100")).as(pageOf(SurveyRoundSchema)).items;

async function addChangeOwner(api: TestApi, email: string): Promise<void> {
  const put = await api.call("PUT", `/api/members/${email}`, { headers: CREATE, body: { displayName: `Förändringsägare ${email}`, roles: ["forandringsagare"] } });
  expect(put.status).toBe(201);
}

async function putSettings(api: TestApi, body: unknown, etag: string, extra: Record<string, string> = {}) {
  return api.call("PUT", "/api/surveys/settings", { body, headers: { "if-match": etag, ...extra } });
}

describe("the yearly effect follow-up opened by the sweep", () => {
  // 30 September 23:59 in Stockholm (CEST): the minute before the default day.
  const clock = fixedClock("2026-09-30T21:59:00.000Z");
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, { clock });
  });
  afterAll(async () => {
    await api.close();
  });

  it("is not opened the day before, even with change owners to ask", async () => {
    for (const owner of OWNERS) await addChangeOwner(api, owner);
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await effectRounds(api)).toEqual([]);
  });

  it("is not opened on the day while the program office has switched it off", async () => {
    const current = (await api.call("GET", "/api/surveys/settings")).as(SurveySettingsSchema);
    const off = await putSettings(api, { ...DEFAULTS, effectFollowUp: { ...DEFAULTS.effectFollowUp, enabled: false } }, current.etag);
    expect(off.status).toBe(200);
    clock.advance(8 * 60 * MINUTE + MINUTE); // 2026-10-01T06:00Z: 1 October 08:00 in Stockholm
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await effectRounds(api)).toEqual([]);
    const back = await putSettings(api, DEFAULTS, off.as(SurveySettingsSchema).etag);
    expect(back.status).toBe(200);
  });

  it("opens exactly one round on the day to the change owners, however many sweeps overlap", async () => {
    await Promise.all([api.services.surveys.sweep(), api.services.surveys.sweep()]);
    clock.advance(MINUTE);
    await api.services.surveys.sweep();
    const rounds = await effectRounds(api);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({
      kind: "effect",
      title: "Effektuppföljning 2026",
      createdBy: "system",
      status: "open",
      recipientCount: 2,
      deadline: "2026-10-22T14:00:00.000Z",
      reminders: ["2026-10-17T07:00:00.000Z"],
    });
    const cards = (await api.notifications()).filter((n) => n.kind === "survey_request" && n.survey.id === rounds[0]?.id);
    expect(cards.map((n) => (n.target.kind === "user" ? n.target.email : "")).sort()).toEqual([...OWNERS].sort());
    // A change owner reads the round as theirs to answer.
    const mine = (await api.call("GET", "/api/surveys/mine", { user: OWNERS[0] })).as(z.object({ items: z.array(SurveyRoundSchema) }));
    expect(mine.items.map((r) => [r.id, r.mine])).toEqual([[rounds[0]?.id, [{ answered: false }]]]);
  });
});

describe("GET/PUT /api/surveys/settings, and a day with nobody to ask", () => {
  const clock = fixedClock("2026-10-01T06:00:00.000Z");
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, { clock });
  });
  afterAll(async () => {
    await api.close();
  });

  it("on the day with no change owner among the members: no round and no failure; the next sweep asks the one added", async () => {
    expect(await api.services.surveys.sweep()).toMatchObject({ failed: 0 });
    expect(await effectRounds(api)).toEqual([]);
    await addChangeOwner(api, OWNERS[0] ?? "");
    clock.advance(MINUTE);
    await api.services.surveys.sweep();
    const rounds = await effectRounds(api);
    expect(rounds.map((r) => [r.title, r.recipientCount])).toEqual([["Effektuppföljning 2026", 1]]);
  });

  it("answers the defaults with ETag `defaults`; the steering group reads but may not change them", async () => {
    const got = await api.call("GET", "/api/surveys/settings", { user: USERS.ordforande });
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe("defaults");
    expect(got.as(SurveySettingsSchema)).toEqual({ ...DEFAULTS, etag: "defaults" });
    expect((await api.call("PUT", "/api/surveys/settings", { user: USERS.ordforande, body: DEFAULTS, headers: { "if-match": "defaults" } })).status).toBe(403);
    expect((await api.call("GET", "/api/surveys/settings", { user: USERS.deltagare })).status).toBe(403);
  });

  it("refuses month 13 and 31 February with 400 naming the field, in Swedish or English, and stores nothing", async () => {
    const month13 = await putSettings(api, { ...DEFAULTS, effectFollowUp: { ...DEFAULTS.effectFollowUp, month: 13 } }, "defaults");
    expect(month13.status).toBe(400);
    expect(month13.err().details.map((d) => d.field)).toEqual(["effectFollowUp.month"]);

    const feb31 = await putSettings(api, { ...DEFAULTS, effectFollowUp: { ...DEFAULTS.effectFollowUp, month: 2, day: 31 } }, "defaults");
    expect(feb31.status).toBe(400);
    expect(feb31.err().details).toEqual([{ field: "effectFollowUp.day", message: "Dagen finns inte varje år i februari: ange högst 28." }]);
    const english = await putSettings(api, { ...DEFAULTS, effectFollowUp: { ...DEFAULTS.effectFollowUp, month: 2, day: 31 } }, "defaults", { "accept-language": "en" });
    expect(english.err().details[0]?.message).toBe("That day does not exist every year in February: give at most 28.");

    expect((await api.call("GET", "/api/surveys/settings")).headers.get("etag")).toBe("defaults");
  });

  it("changes with If-Match: 428 without, 412 on a stale version, 200 and a new ETag on the current one", async () => {
    const changed = { effectFollowUp: { enabled: true, month: 9, day: 15, openDays: 14, reminderDaysBeforeDeadline: 3 }, statusRequests: { enabled: false } };
    expect((await api.call("PUT", "/api/surveys/settings", { body: changed })).status).toBe(428);
    expect((await putSettings(api, changed, "W/\"datetime'2020-01-01T00%3A00%3A00.000Z'\"")).status).toBe(412);
    const first = await putSettings(api, changed, "defaults");
    expect(first.status).toBe(200);
    const saved = first.as(SurveySettingsSchema);
    expect(saved).toMatchObject({ ...changed, updatedBy: USERS.programledare });
    expect(saved.etag).not.toBe("defaults");
    expect(first.headers.get("etag")).toBe(saved.etag);
    // Someone who read the defaults earlier no longer overwrites the change.
    expect((await putSettings(api, DEFAULTS, "defaults")).status).toBe(412);
    expect((await api.call("GET", "/api/surveys/settings")).as(SurveySettingsSchema)).toMatchObject(changed);
    const again = await putSettings(api, DEFAULTS, saved.etag);
    expect(again.status).toBe(200);
    expect((await putSettings(api, changed, saved.etag)).status).toBe(412);
  });

  it("the typed client (bot, tabs) reads and changes them, a stale version rejected as 412", async () => {
    const office = createApiClient({ baseUrl: `${api.url}/api`, headers: () => ({ [DEV_USER_HEADER]: USERS.koordinator }) });
    const current = await office.surveySettings();
    const later = await office.updateSurveySettings({ ...DEFAULTS, effectFollowUp: { enabled: true, month: 11, day: 3 } }, current.etag);
    expect(later.effectFollowUp).toEqual({ enabled: true, month: 11, day: 3, openDays: 21, reminderDaysBeforeDeadline: 5 });
    const stale = await office.updateSurveySettings(DEFAULTS, current.etag).catch((error: unknown) => error);
    expect(stale instanceof ApiError ? stale.status : stale).toBe(412);
  });
});

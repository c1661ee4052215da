import { describe, expect, it } from "@jest/globals";
import { SurveySettingsInputSchema, type SurveySettingsData } from "../../src/contracts/index.js";
import { checkSurveySettings, DEFAULT_SURVEY_SETTINGS, dueEffectFollowUp } from "../../src/domain/surveys.js";

type Effect = SurveySettingsData["effectFollowUp"];
const defaults: Effect = DEFAULT_SURVEY_SETTINGS.effectFollowUp;
const at = (iso: string) => new Date(iso);

describe("the yearly effect follow-up (PP 9.2.1): when the sweep opens it", () => {
  it("by default from 1 October 08:00 Swedish summer time, due 22 October 16:00, reminded 17 October 09:00", () => {
    expect(defaults).toEqual({ enabled: true, month: 10, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 });
    // 2026-10-01 08:00 CEST is 06:00 UTC.
    expect(dueEffectFollowUp(defaults, at("2026-10-01T05:59:59Z"))).toBeNull();
    expect(dueEffectFollowUp(defaults, at("2026-10-01T06:00:00Z"))).toEqual({
      year: 2026,
      title: "Effektuppföljning 2026",
      deadline: "2026-10-22T14:00:00.000Z",
      reminders: ["2026-10-17T07:00:00.000Z"],
    });
  });

  it("keeps answering for the same year until a day before the deadline; past the reminder time, without a reminder", () => {
    expect(dueEffectFollowUp(defaults, at("2026-10-18T08:00:00Z"))).toMatchObject({ year: 2026, reminders: [] });
    // The deadline crosses the end of summer time (25 October 2026): still 16:00 on the wall clock.
    const late = { ...defaults, day: 15 };
    expect(dueEffectFollowUp(late, at("2026-10-20T08:00:00Z"))).toMatchObject({ deadline: "2026-11-05T15:00:00.000Z" });
    expect(dueEffectFollowUp(defaults, at("2026-10-21T13:59:59Z"))).toMatchObject({ year: 2026 });
    expect(dueEffectFollowUp(defaults, at("2026-10-21T14:00:00Z"))).toBeNull();
    expect(dueEffectFollowUp(defaults, at("2026-12-31T12:00:00Z"))).toBeNull();
    // Earlier in the year: not yet.
    expect(dueEffectFollowUp(defaults, at("2026-09-30T21:59:00Z"))).toBeNull();
  });

  it("counts the day and the year in Swedish time, across the year boundary (on New Year's night Stockholm is an hour ahead of UTC)", () => {
    const newYearsEve: Effect = { enabled: true, month: 12, day: 31, openDays: 14, reminderDaysBeforeDeadline: 3 };
    // 31 December 08:00 CET = 07:00 UTC; the deadline falls in the next year.
    expect(dueEffectFollowUp(newYearsEve, at("2026-12-31T06:59:00Z"))).toBeNull();
    expect(dueEffectFollowUp(newYearsEve, at("2026-12-31T07:00:00Z"))).toEqual({
      year: 2026,
      title: "Effektuppföljning 2026",
      deadline: "2027-01-14T15:00:00.000Z",
      reminders: ["2027-01-11T08:00:00.000Z"],
    });
    // 23:30 UTC on 31 December is already 1 January 2027 in Stockholm: that year's day has not come, and 2026's
    // round is not reopened under the new year's name.
    expect(dueEffectFollowUp(newYearsEve, at("2026-12-31T23:30:00Z"))).toBeNull();
    expect(dueEffectFollowUp(newYearsEve, at("2026-12-31T22:59:00Z"))).toMatchObject({ year: 2026 });

    const january: Effect = { enabled: true, month: 1, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 };
    // 1 January 08:00 CET = 07:00 UTC; at 23:30 UTC on 31 December it is 00:30 in Stockholm: not 08:00 yet.
    expect(dueEffectFollowUp(january, at("2026-12-31T23:30:00Z"))).toBeNull();
    expect(dueEffectFollowUp(january, at("2027-01-01T07:00:00Z"))).toMatchObject({ year: 2027, title: "Effektuppföljning 2027", deadline: "2027-01-22T15:00:00.000Z" });
  });

  it("opens nothing when switched off, or for a day the month lacks, and no reminder when set to 0", () => {
    expect(dueEffectFollowUp({ ...defaults, enabled: false }, at("2026-10-05T08:00:00Z"))).toBeNull();
    expect(dueEffectFollowUp({ ...defaults, month: 2, day: 31 }, at("2026-03-03T08:00:00Z"))).toBeNull();
    expect(dueEffectFollowUp({ ...defaults, reminderDaysBeforeDeadline: 0 }, at("2026-10-01T06:00:00Z"))?.reminders).toEqual([]);
  });
});

describe("checking the survey settings", () => {
  const settings = (effect: Partial<Effect>): SurveySettingsData => ({ ...DEFAULT_SURVEY_SETTINGS, effectFollowUp: { ...defaults, ...effect } });

  it("refuses a day the month does not have every year, naming effectFollowUp.day in Swedish and English", () => {
    const feb31 = checkSurveySettings(settings({ month: 2, day: 31 }));
    expect(feb31).toEqual([
      { field: "effectFollowUp.day", message: { sv: "Dagen finns inte varje år i februari: ange högst 28.", en: "That day does not exist every year in February: give at most 28." } },
    ]);
    expect(checkSurveySettings(settings({ month: 2, day: 29 })).map((p) => p.field)).toEqual(["effectFollowUp.day"]);
    expect(checkSurveySettings(settings({ month: 4, day: 31 })).map((p) => p.field)).toEqual(["effectFollowUp.day"]);
    expect(checkSurveySettings(settings({ month: 2, day: 28 }))).toEqual([]);
    expect(checkSurveySettings(settings({ month: 12, day: 31 }))).toEqual([]);
  });

  it("refuses a reminder that would come before the opening", () => {
    expect(checkSurveySettings(settings({ openDays: 5, reminderDaysBeforeDeadline: 5 })).map((p) => p.field)).toEqual(["effectFollowUp.reminderDaysBeforeDeadline"]);
    expect(checkSurveySettings(settings({ openDays: 6, reminderDaysBeforeDeadline: 5 }))).toEqual([]);
  });

  it("the contract: month 1–12, the answering time and reminder default to 21 and 5 days, statusRequests on/off", () => {
    const parsed = SurveySettingsInputSchema.parse({ effectFollowUp: { enabled: true, month: 10, day: 1 }, statusRequests: { enabled: false } });
    expect(parsed.effectFollowUp).toEqual({ enabled: true, month: 10, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 });
    const bad = SurveySettingsInputSchema.safeParse({ effectFollowUp: { enabled: true, month: 13, day: 1 }, statusRequests: { enabled: true } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["effectFollowUp.month"]);
  });
});

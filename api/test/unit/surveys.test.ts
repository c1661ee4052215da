import { describe, expect, it } from "@jest/globals";
import { aggregate, checkAnswers, checkRoundTimes, dueStatusRequests, freeTexts, periodRange, SURVEY_QUESTIONS } from "../../src/domain/surveys.js";

const activity = SURVEY_QUESTIONS.activity;

describe("survey questions (PP 9.2.1)", () => {
  it("activity: eight 1–5 items and free text; effect: the four themes; status: colour, progress, deviations, support, lessons", () => {
    expect(activity.filter((q) => q.kind === "rating")).toHaveLength(8);
    expect(SURVEY_QUESTIONS.effect.filter((q) => q.kind === "rating").map((q) => q.text)).toEqual([
      "Verksamhetens förändring",
      "Verksamhetens förutsättningar att genomföra förändringen",
      "Verksamhetens delaktighet och engagemang i förändringen",
      "Konkreta resultat i verksamheten",
    ]);
    expect(SURVEY_QUESTIONS.status.map((q) => q.id)).toEqual(["overall", "progress", "deviations", "support", "lessons"]);
  });
});

describe("checking an answer", () => {
  it("names each bad field: rating outside 1–5, a fraction, an unknown question, a choice not offered, a missing required one", () => {
    const fields = (answers: Record<string, number | string>, qs = activity) => checkAnswers(qs, answers).map((p) => p.field);
    expect(fields({ innehall: 0 })).toEqual(["answers.innehall"]);
    expect(fields({ innehall: 6 })).toEqual(["answers.innehall"]);
    expect(fields({ innehall: 2.5 })).toEqual(["answers.innehall"]);
    expect(fields({ innehall: "4" })).toEqual(["answers.innehall"]);
    expect(fields({ okand: 3 })).toEqual(["answers.okand"]);
    expect(fields({ innehall: 5, fritext: "Bra" })).toEqual([]);
    expect(fields({}, SURVEY_QUESTIONS.status)).toEqual(["answers.overall"]);
    expect(fields({ overall: "blå" }, SURVEY_QUESTIONS.status)).toEqual(["answers.overall"]);
    expect(fields({ overall: "rod" }, SURVEY_QUESTIONS.status)).toEqual([]);
    expect(fields({ fritext: "" })).toEqual(["answers"]);
  });
});

describe("aggregates protect respondents", () => {
  it("below three responses: counts only, no mean, distribution or free text", () => {
    const two: Array<Record<string, number | string>> = [{ innehall: 5, fritext: "a" }, { innehall: 3 }];
    expect(aggregate(activity, two).find((i) => i.questionId === "innehall")).toEqual({ questionId: "innehall", count: 2 });
    expect(freeTexts(activity, two)).toEqual([]);
  });

  it("from three: mean (two decimals) and distribution over 1–5; unanswered items are not counted", () => {
    const three: Array<Record<string, number | string>> = [{ innehall: 5 }, { innehall: 4 }, { innehall: 4, nytta: 1 }];
    expect(aggregate(activity, three).find((i) => i.questionId === "innehall")).toEqual({
      questionId: "innehall",
      count: 3,
      mean: 4.33,
      distribution: { "1": 0, "2": 0, "3": 0, "4": 2, "5": 1 },
    });
    expect(aggregate(activity, three).find((i) => i.questionId === "nytta")).toMatchObject({ count: 1, mean: 1 });
  });
});

describe("periods and times", () => {
  it("quarters and half-years as calendar days", () => {
    expect(periodRange("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodRange("2024-Q1")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(periodRange("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(periodRange("2026-H1")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(periodRange("2026-H2")).toEqual({ from: "2026-07-01", to: "2026-12-31" });
  });

  it("deadline after opening and now; reminders in between", () => {
    const now = new Date("2026-02-02T08:00:00Z");
    const times = { opensAt: "2026-02-02T08:00:00Z", deadline: "2026-02-09T16:00:00Z", reminders: ["2026-02-06T08:00:00Z"] };
    expect(checkRoundTimes(times, now)).toEqual([]);
    expect(checkRoundTimes({ ...times, deadline: "2026-02-01T00:00:00Z" }, now).map((p) => p.field)).toContain("deadline");
    expect(checkRoundTimes({ ...times, reminders: ["2026-02-10T08:00:00Z"] }, now).map((p) => p.field)).toEqual(["reminders.0"]);
  });
});

describe("status requests before the reporting milestones", () => {
  const milestones = [
    { id: "b4-2026-03-01", code: "B4", date: "2026-03-01", name: "B4", active: true },
    { id: "b6-2026-06-30", code: "B6", date: "2026-06-30", name: "B6 Beslut att godkänna nyttorealiseringen", active: true },
    { id: "b7-2026-12-15", code: "B7", date: "2026-12-15", name: "B7", active: false },
  ];
  it("open from three weeks before a B5–B7 milestone until a day before the deadline a week before it", () => {
    expect(dueStatusRequests(milestones, new Date("2026-06-09T14:59:00Z"))).toEqual([]);
    expect(dueStatusRequests(milestones, new Date("2026-06-09T15:00:00Z"))).toEqual([
      {
        milestoneId: "b6-2026-06-30",
        title: "Statusbegäran inför B6 Beslut att godkänna nyttorealiseringen (2026-06-30)",
        deadline: "2026-06-23T15:00:00.000Z",
        reminders: ["2026-06-20T15:00:00.000Z"],
      },
    ]);
    // Past the reminder time: no reminder; within a day of the deadline: not opened at all.
    expect(dueStatusRequests(milestones, new Date("2026-06-21T08:00:00Z"))[0]?.reminders).toEqual([]);
    expect(dueStatusRequests(milestones, new Date("2026-06-22T15:00:00Z"))).toEqual([]);
  });
  it("other milestones and inactive ones open nothing", () => {
    expect(dueStatusRequests(milestones, new Date("2026-02-20T08:00:00Z"))).toEqual([]);
    expect(dueStatusRequests(milestones, new Date("2026-12-01T08:00:00Z"))).toEqual([]);
  });
});

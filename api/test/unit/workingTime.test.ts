import { describe, expect, it } from "@jest/globals";
import { DEFAULT_WORKING_TIME, WorkingTimeSettingsSchema, type WorkingTimeSettings } from "../../src/contracts/index.js";
import {
  addWorkingDays,
  addWorkingDuration,
  holidayName,
  isWorkingDay,
  subtractWorkingDuration,
  swedishHolidays,
  workingHoursBetween,
} from "../../src/domain/workingTime.js";

const working: WorkingTimeSettings = { ...DEFAULT_WORKING_TIME, mode: "working" };
const calendar: WorkingTimeSettings = DEFAULT_WORKING_TIME;

/** An instant given as Stockholm wall-clock time with its offset spelled out, so each test shows both. */
const at = (iso: string) => new Date(iso);

describe("the Swedish holiday calendar", () => {
  it("treats midsommarafton, julafton and nyårsafton like holidays, and keeps ordinary eves as working days", () => {
    const days2026 = swedishHolidays(2026);
    expect(days2026.get("2026-06-19")).toBe("midsommarafton");
    expect(days2026.get("2026-12-24")).toBe("julafton");
    expect(days2026.get("2026-12-31")).toBe("nyårsafton");
    expect(holidayName("2026-06-06")).toBe("nationaldagen");
    expect(isWorkingDay("2026-06-19")).toBe(false);
    expect(isWorkingDay("2026-04-03")).toBe(false); // långfredagen
    expect(isWorkingDay("2026-05-14")).toBe(false); // Kristi himmelsfärdsdag
    // Not holidays since 2005 or only half days by custom: they stay working days.
    expect(isWorkingDay("2026-05-25")).toBe(true); // annandag pingst
    expect(isWorkingDay("2026-01-05")).toBe(true); // trettondagsafton
    expect(isWorkingDay("2026-04-30")).toBe(true); // valborgsmässoafton
    expect(isWorkingDay("2026-06-18")).toBe(true);
  });

  it("moves midsommarafton with the calendar: the Friday between 19 and 25 June", () => {
    expect(holidayName("2027-06-25")).toBe("midsommarafton");
    expect(isWorkingDay("2027-06-18")).toBe(true);
    expect(holidayName("2028-06-23")).toBe("midsommarafton");
  });

  it("counts weekends as non-working days", () => {
    expect(isWorkingDay("2026-06-13")).toBe(false);
    expect(isWorkingDay("2026-06-14")).toBe(false);
    expect(isWorkingDay("2026-06-15")).toBe(true);
  });
});

describe("the 36-hour rule", () => {
  it("in calendar mode (the default) is received + 36 real hours", () => {
    const received = at("2026-06-18T16:00:00+02:00");
    expect(addWorkingDuration(received, 36, calendar).toISOString()).toBe("2026-06-20T02:00:00.000Z");
  });

  it("in working mode, a mail at 16:00 on the Thursday before midsommarafton is due the next Thursday at 16:00", () => {
    // Thu 16–17 (1 h), Fri midsommarafton and the weekend skipped, Mon–Wed 9 h each (28 h), Thu 08–16 (8 h).
    const received = at("2026-06-18T16:00:00+02:00");
    const due = addWorkingDuration(received, 36, working);
    expect(due.toISOString()).toBe(new Date("2026-06-25T16:00:00+02:00").toISOString());
    expect(workingHoursBetween(received, due, working)).toBe(36);
  });

  it("counts from the next opening when a mail arrives outside working time", () => {
    expect(addWorkingDuration(at("2026-06-17T18:30:00+02:00"), 1, working).toISOString()).toBe(
      new Date("2026-06-18T09:00:00+02:00").toISOString(),
    );
    expect(addWorkingDuration(at("2026-06-20T11:00:00+02:00"), 1, working).toISOString()).toBe(
      new Date("2026-06-22T09:00:00+02:00").toISOString(),
    );
  });

  it("is due at closing time, not the next morning, when the hours end exactly at the close", () => {
    expect(addWorkingDuration(at("2026-06-15T08:00:00+02:00"), 9, working).toISOString()).toBe(
      new Date("2026-06-15T17:00:00+02:00").toISOString(),
    );
  });

  it("skips Christmas and New Year: julafton, juldagen, annandag jul, nyårsafton, nyårsdagen and the weekends", () => {
    // Wed 23 Dec 2026 at 12:00: 5 h that day; Mon 28, Tue 29, Wed 30 Dec give 27 h (32); Thu 31 Dec is nyårsafton
    // and Fri 1 Jan nyårsdagen; the last 4 h fall on Monday 4 January 2027.
    const due = addWorkingDuration(at("2026-12-23T12:00:00+01:00"), 36, working);
    expect(due.toISOString()).toBe(new Date("2027-01-04T12:00:00+01:00").toISOString());
  });
});

describe("daylight-saving changes", () => {
  it("working hours are whole working days across the spring change (29 March 2026)", () => {
    const start = at("2026-03-27T16:00:00+01:00"); // Friday, CET
    const due = addWorkingDuration(start, 10, working);
    expect(due.toISOString()).toBe(new Date("2026-03-30T17:00:00+02:00").toISOString()); // Monday, CEST
    expect(workingHoursBetween(start, due, working)).toBe(10);
  });

  it("working hours are whole working days across the autumn change (25 October 2026)", () => {
    const start = at("2026-10-23T16:00:00+02:00"); // Friday, CEST
    const due = addWorkingDuration(start, 10, working);
    expect(due.toISOString()).toBe(new Date("2026-10-26T17:00:00+01:00").toISOString()); // Monday, CET
    expect(workingHoursBetween(start, due, working)).toBe(10);
  });

  it("calendar hours are real hours: 36 h from Saturday noon before the spring change ends at 01:00 wall-clock Monday", () => {
    const due = addWorkingDuration(at("2026-03-28T12:00:00+01:00"), 36, calendar);
    expect(due.toISOString()).toBe(new Date("2026-03-30T01:00:00+02:00").toISOString());
    expect(workingHoursBetween(at("2026-03-28T12:00:00+01:00"), due, calendar)).toBe(36);
  });

  it("keeps 08:00–17:00 local on both sides of the change, seen in UTC as a shifted window", () => {
    const fridayBefore = addWorkingDuration(at("2026-03-27T07:00:00+01:00"), 0.5, working);
    const mondayAfter = addWorkingDuration(at("2026-03-30T07:00:00+02:00"), 0.5, working);
    expect(fridayBefore.toISOString()).toBe("2026-03-27T07:30:00.000Z");
    expect(mondayAfter.toISOString()).toBe("2026-03-30T06:30:00.000Z");
  });
});

describe("working days (escalation reminders)", () => {
  it("two working days from Friday 10:00 is Tuesday 10:00", () => {
    expect(addWorkingDays(at("2026-06-12T10:00:00+02:00"), 2, working).toISOString()).toBe(
      new Date("2026-06-16T10:00:00+02:00").toISOString(),
    );
  });

  it("counts working days even when the 36-hour rule uses calendar hours", () => {
    expect(addWorkingDays(at("2026-06-12T10:00:00+02:00"), 2, calendar).toISOString()).toBe(
      new Date("2026-06-16T10:00:00+02:00").toISOString(),
    );
  });

  it("skips midsommarafton and the weekend after it", () => {
    expect(addWorkingDays(at("2026-06-18T10:00:00+02:00"), 2, working).toISOString()).toBe(
      new Date("2026-06-23T10:00:00+02:00").toISOString(),
    );
  });

  it("skips Christmas", () => {
    expect(addWorkingDays(at("2026-12-23T09:00:00+01:00"), 2, working).toISOString()).toBe(
      new Date("2026-12-29T09:00:00+01:00").toISOString(),
    );
  });

  it("raised on a Saturday, counts from Monday's opening", () => {
    expect(addWorkingDays(at("2026-06-13T12:00:00+02:00"), 2, working).toISOString()).toBe(
      new Date("2026-06-16T17:00:00+02:00").toISOString(),
    );
  });
});

describe("working hours between two instants", () => {
  it("is the inverse of adding them, for starts inside working time", () => {
    const starts = ["2026-01-02T08:00:00+01:00", "2026-03-26T15:15:00+01:00", "2026-06-17T11:45:00+02:00", "2026-12-22T16:59:00+01:00"];
    for (const start of starts) {
      for (const hours of [0.25, 1, 8.5, 9, 36, 100]) {
        const end = addWorkingDuration(at(start), hours, working);
        expect(workingHoursBetween(at(start), end, working)).toBeCloseTo(hours, 9);
      }
    }
  });

  it("is negative when the second instant comes first (time left after the due time)", () => {
    expect(workingHoursBetween(at("2026-06-16T10:00:00+02:00"), at("2026-06-15T10:00:00+02:00"), working)).toBe(-9);
    expect(workingHoursBetween(at("2026-06-16T10:00:00+02:00"), at("2026-06-15T10:00:00+02:00"), calendar)).toBe(-24);
  });

  it("counts nothing over a weekend or a holiday", () => {
    expect(workingHoursBetween(at("2026-06-19T08:00:00+02:00"), at("2026-06-21T20:00:00+02:00"), working)).toBe(0);
  });
});

describe("counting back from the due time (reminders)", () => {
  it("12 working hours before Thursday 16:00 is Wednesday 13:00", () => {
    // Thursday 08–16 gives 8 h, the other 4 h are Wednesday 13–17.
    expect(subtractWorkingDuration(at("2026-06-25T16:00:00+02:00"), 12, working).toISOString()).toBe(
      new Date("2026-06-24T13:00:00+02:00").toISOString(),
    );
  });

  it("skips midsommarafton and the weekend going back too", () => {
    expect(subtractWorkingDuration(at("2026-06-22T10:00:00+02:00"), 3, working).toISOString()).toBe(
      new Date("2026-06-18T16:00:00+02:00").toISOString(),
    );
  });

  it("12 calendar hours before is 12 real hours before, also across a daylight-saving change", () => {
    expect(subtractWorkingDuration(at("2026-03-29T12:00:00+02:00"), 12, calendar).toISOString()).toBe("2026-03-28T22:00:00.000Z");
  });

  it("undoes adding, for ends inside working time", () => {
    for (const end of ["2026-01-07T09:00:00+01:00", "2026-03-30T16:30:00+02:00", "2026-06-25T16:00:00+02:00", "2027-01-04T12:00:00+01:00"]) {
      for (const hours of [0.5, 9, 12, 36]) {
        const start = subtractWorkingDuration(at(end), hours, working);
        expect(workingHoursBetween(start, at(end), working)).toBeCloseTo(hours, 9);
      }
    }
  });
});

describe("settings", () => {
  it("a custom working day in another zone is honoured", () => {
    const settings: WorkingTimeSettings = { mode: "working", dayStart: "09:30", dayEnd: "15:00", timeZone: "Europe/Helsinki" };
    // Monday 15 June 2026 14:00 Helsinki (EEST): 1 h left that day, then 2 h into Tuesday from 09:30.
    expect(addWorkingDuration(at("2026-06-15T14:00:00+03:00"), 3, settings).toISOString()).toBe(
      new Date("2026-06-16T11:30:00+03:00").toISOString(),
    );
  });

  it("the schema fills the defaults and names bad fields", () => {
    expect(WorkingTimeSettingsSchema.parse({})).toEqual(DEFAULT_WORKING_TIME);
    const bad = WorkingTimeSettingsSchema.safeParse({ mode: "working", dayStart: "17:00", dayEnd: "08:00", timeZone: "Mars/Olympus" });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toContain("timeZone");
    const reversed = WorkingTimeSettingsSchema.safeParse({ mode: "working", dayStart: "17:00", dayEnd: "08:00" });
    expect(reversed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["dayEnd"]);
    expect(WorkingTimeSettingsSchema.safeParse({ dayStart: "8" }).error?.issues[0]?.path).toEqual(["dayStart"]);
  });

  it("refuses durations that make no sense instead of looping", () => {
    expect(() => addWorkingDuration(at("2026-06-15T10:00:00+02:00"), -1, working)).toThrow(RangeError);
    expect(() => addWorkingDuration(at("2026-06-15T10:00:00+02:00"), Number.NaN, working)).toThrow(RangeError);
    expect(() => addWorkingDuration(at("2026-06-15T10:00:00+02:00"), 1e9, working)).toThrow(RangeError);
    expect(() => addWorkingDays(at("2026-06-15T10:00:00+02:00"), 1.5, working)).toThrow(RangeError);
  });
});

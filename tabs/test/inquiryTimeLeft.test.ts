import { describe, expect, it } from "@jest/globals";
import { timeLeft } from "../src/pages/inquiries/timeLeft";

describe("time left to an inquiry's due time (from the API's now)", () => {
  const due = "2026-06-20T02:00:00.000Z";
  it("counts hours and minutes left, calm while more than 12 hours remain", () => {
    expect(timeLeft(due, "2026-06-18T14:00:00.000Z", false)).toEqual({ tone: "ok", hours: 36, minutes: 0 });
  });
  it("warns within the last 12 hours", () => {
    expect(timeLeft(due, "2026-06-19T14:30:00.000Z", false)).toEqual({ tone: "soon", hours: 11, minutes: 30 });
  });
  it("shows how late once the due time has passed, under the moved dev clock too", () => {
    expect(timeLeft(due, "2026-06-20T03:00:00.000Z", false)).toEqual({ tone: "overdue", hours: 1, minutes: 0 });
  });
  it("an answered inquiry is done whatever the clock says", () => {
    expect(timeLeft(due, "2026-06-21T03:00:00.000Z", true).tone).toBe("done");
  });
});

import { describe, expect, it } from "@jest/globals";
import { DecisionInputSchema, IsoDateSchema, IsoDateTimeSchema, isoDateProblem } from "../../src/contracts/index.js";
import { zodProblems } from "../../src/http/i18n.js";

/** The Swedish and English text a client would be shown for `value` in `field`. */
function problemsOf(body: Record<string, unknown>) {
  const parsed = DecisionInputSchema.safeParse(body);
  if (parsed.success) return [];
  return zodProblems(parsed.error, body);
}

describe("dates are calendar dates", () => {
  it("accepts real dates in the program's range, leap days included", () => {
    for (const d of ["2000-01-01", "2024-02-29", "2025-12-31", "2100-12-31"]) expect([d, IsoDateSchema.safeParse(d).success]).toEqual([d, true]);
  });

  it("refuses dates that do not exist", () => {
    for (const d of ["2025-13-45", "2025-02-29", "2025-04-31", "2025-00-10", "2025-01-00", "2100-02-29"]) {
      expect([d, isoDateProblem(d)]).toEqual([d, "datumet finns inte i kalendern (kontrollera månad och dag)"]);
      expect([d, IsoDateSchema.safeParse(d).success]).toEqual([d, false]);
    }
  });

  it("refuses years outside 2000–2100, and other shapes", () => {
    expect(isoDateProblem("1999-12-31")).toBe("datumet ska ligga mellan 2000-01-01 och 2100-12-31");
    expect(isoDateProblem("2101-01-01")).toBe("datumet ska ligga mellan 2000-01-01 och 2100-12-31");
    for (const d of ["2025-1-5", "20250105", "2025-01-05T00:00:00Z", " 2025-01-05", ""]) expect([d, isoDateProblem(d)]).toEqual([d, "datum ska skrivas ÅÅÅÅ-MM-DD"]);
  });

  it("names the field with a clear Swedish message, and English on request", () => {
    const [problem] = problemsOf({ outcome: "inkluderad", rationale: "Bra", decisionDate: "2025-13-45" });
    expect(problem?.field).toBe("decisionDate");
    expect(problem?.message).toEqual({
      sv: "Datumet finns inte i kalendern (kontrollera månad och dag).",
      en: "The date does not exist in the calendar (check month and day).",
    });
    const [range] = problemsOf({ outcome: "inkluderad", rationale: "Bra", decisionDate: "1899-06-01" });
    expect(range?.message.sv).toBe("Datumet ska ligga mellan 2000-01-01 och 2100-12-31.");
  });

  it("instants: a real date-time with offset, within the range", () => {
    expect(IsoDateTimeSchema.safeParse("2025-06-12T08:30:00.000Z").success).toBe(true);
    expect(IsoDateTimeSchema.safeParse("2025-06-12T10:30:00+02:00").success).toBe(true);
    expect(IsoDateTimeSchema.safeParse("2025-02-30T08:30:00Z").success).toBe(false);
    const old = IsoDateTimeSchema.safeParse("1970-01-01T00:00:00Z");
    expect(old.success).toBe(false);
    expect(old.error?.issues[0]?.message).toBe("tidpunkten ska ligga mellan 2000-01-01 och 2100-12-31");
  });
});

import { describe, expect, it } from "@jest/globals";
import { addMonths, checkScores, checkSettings, compareRisks, DEFAULT_RISK_SETTINGS, reviewRound, riskLevel, riskValue } from "../../src/domain/risks.js";

describe("risk value and level (SPEC 3.2)", () => {
  it("value = probability × consequence; null while unassessed", () => {
    expect(riskValue(3, 4)).toBe(12);
    expect(riskValue(null, 4)).toBeNull();
  });

  it("4×4 defaults: 1–3 low, 4–8 medium, 9–16 high", () => {
    const levels = Array.from({ length: 16 }, (_, i) => riskLevel(i + 1, DEFAULT_RISK_SETTINGS));
    expect(levels.slice(0, 3).every((l) => l === "low")).toBe(true);
    expect(levels.slice(3, 8).every((l) => l === "medium")).toBe(true);
    expect(levels.slice(8).every((l) => l === "high")).toBe(true);
    expect(riskLevel(null, DEFAULT_RISK_SETTINGS)).toBeNull();
  });

  it("a score outside the scale names the field and the range", () => {
    const problems = checkScores({ probability: 5, consequence: 4 }, 4);
    expect(problems.map((p) => p.field)).toEqual(["probability"]);
    expect(problems[0]?.message.sv).toMatch(/^Sannolikhet ska vara ett heltal från 1 till 4/);
    expect(checkScores({ probability: 5, consequence: 5 }, 5)).toEqual([]);
    expect(checkScores({ consequence: 0 }, 5)[0]?.field).toBe("consequence");
  });

  it("thresholds must leave three bands inside the scale", () => {
    expect(checkSettings({ scale: 4, mediumFrom: 9, highFrom: 9, reviewIntervalMonths: 1 })[0]?.field).toBe("mediumFrom");
    expect(checkSettings({ scale: 4, mediumFrom: 4, highFrom: 17, reviewIntervalMonths: 1 })[0]?.field).toBe("highFrom");
    expect(checkSettings({ scale: 5, mediumFrom: 5, highFrom: 13, reviewIntervalMonths: 1 })).toEqual([]);
  });

  it("sorts highest value first, unassessed last, ties by title", () => {
    const sorted = [
      { value: null, title: "A" },
      { value: 4, title: "Ö" },
      { value: 12, title: "B" },
      { value: 4, title: "Ä" },
    ].sort(compareRisks);
    expect(sorted.map((r) => r.title)).toEqual(["B", "Ä", "Ö", "A"]);
  });
});

describe("review dates and rounds", () => {
  it("adds months, clamping to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });

  it("a round is the interval's first month", () => {
    expect(reviewRound("2026-11-30", 1)).toBe("2026-11");
    expect(reviewRound("2026-11-30", 3)).toBe("2026-10");
    expect(reviewRound("2027-01-02", 12)).toBe("2027-01");
  });
});

import { describe, expect, it } from "@jest/globals";
import { DevClockInputSchema, isoDurationMs, msToIsoDuration } from "../../src/contracts/index.js";
import { adjustableClock, fixedClock } from "../../src/domain/clock.js";

describe("the dev clock's durations", () => {
  it("reads ISO 8601 durations in days, hours, minutes and seconds", () => {
    expect(isoDurationMs("PT37H")).toBe(37 * 3_600_000);
    expect(isoDurationMs("P1DT30M")).toBe(24 * 3_600_000 + 30 * 60_000);
    expect(isoDurationMs("PT90S")).toBe(90_000);
    expect(msToIsoDuration(37 * 3_600_000 + 61_000)).toBe("PT37H1M1S");
  });

  it("refuses what is not a duration", () => {
    const accepted = ["37h", "P", "PT", "-PT1H", "PT1.5H"].filter((advance) => DevClockInputSchema.safeParse({ advance }).success);
    expect(accepted).toEqual([]);
  });

  it("an adjustable clock runs ahead of its base by the sum of the advances", () => {
    const base = fixedClock("2026-06-18T14:00:00Z");
    const clock = adjustableClock(base);
    clock.advance(isoDurationMs("PT37H"));
    base.advance(60_000);
    expect(clock().toISOString()).toBe("2026-06-20T03:01:00.000Z");
    expect(clock.offsetMs()).toBe(37 * 3_600_000);
  });
});

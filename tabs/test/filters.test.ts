import { describe, expect, it } from "@jest/globals";
import { DEFAULT_FILTERS, clearedFilters, hasActiveFilters, matchesText, readFilters, toListQuery, writeFilters } from "../src/pages/portfolio/filters";
import { project } from "./fixtures";

describe("portfolio filters ↔ URL", () => {
  it("reads filters from the query string and ignores what is not valid", () => {
    const f = readFilters(new URLSearchParams("status=pagaende&part=timra&omrade=samverkan&kriterium=Bad%20Id&delmal=kontinuitet&malgrupp=barn-och-unga&q=demens&sort=leader&ordning=fallande"));
    expect(f).toEqual({
      q: "demens",
      status: "pagaende",
      party: "timra",
      programArea: "samverkan",
      criterion: null,
      subGoal: "kontinuitet",
      targetGroup: "barn-och-unga",
      sort: "leader",
      dir: "descending",
    });
    expect(readFilters(new URLSearchParams("status=nonsense&sort=x"))).toEqual(DEFAULT_FILTERS);
  });

  it("writes changes back, keeping other parameters and leaving defaults out", () => {
    const start = new URLSearchParams("as=styrgrupp.ordforande%40naravard.test&theme=dark&effort=x&status=pagaende");
    const next = writeFilters(start, { status: null, party: "rvn", sort: "name", dir: "descending" });
    expect(next.get("as")).toBe("styrgrupp.ordforande@naravard.test");
    expect(next.get("theme")).toBe("dark");
    expect(next.get("effort")).toBe("x");
    expect(next.has("status")).toBe(false);
    expect(next.get("part")).toBe("rvn");
    expect(next.has("sort")).toBe(false);
    expect(next.get("ordning")).toBe("fallande");
    // Round trip.
    expect(readFilters(next)).toMatchObject({ party: "rvn", status: null, dir: "descending" });
  });

  it("clears the facets and the search but not the sort order", () => {
    const f = readFilters(new URLSearchParams("status=vilande&q=x&sort=status"));
    expect(hasActiveFilters(f)).toBe(true);
    const cleared = readFilters(writeFilters(new URLSearchParams("status=vilande&q=x&sort=status"), clearedFilters()));
    expect(hasActiveFilters(cleared)).toBe(false);
    expect(cleared.sort).toBe("status");
  });

  it("sends only the facet filters to the API", () => {
    expect(toListQuery(readFilters(new URLSearchParams("status=bedomd&part=rvn&q=text&sort=name")))).toEqual({ status: "bedomd", party: "rvn" });
  });

  it("searches name, idea, people and extra names, all words, case-insensitively", () => {
    const p = project();
    expect(matchesText(p, "BARN ånge")).toBe(true);
    expect(matchesText(p, "jennie")).toBe(true);
    expect(matchesText(p, "region", () => ["Region Västernorrland"])).toBe(true);
    expect(matchesText(p, "barn demens")).toBe(false);
    expect(matchesText(p, "  ")).toBe(true);
  });
});

import { describe, expect, it } from "@jest/globals";
import { DEFAULT_FILTERS, clearedFilters, hasActiveFilters, readFilters, toListQuery, writeFilters } from "../src/pages/portfolio/filters";
import { createApiClient } from "@naravard/api/contracts";

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

  it("sends facets, search text, sort key and direction to the API", () => {
    expect(toListQuery(readFilters(new URLSearchParams("status=bedomd&part=rvn&q=%20text%20&sort=leader&ordning=fallande")))).toEqual({
      status: "bedomd",
      party: "rvn",
      q: "text",
      sort: "leader",
      dir: "desc",
    });
    // Defaults are sent too: the order is the API's to apply, never the tab's.
    expect(toListQuery(readFilters(new URLSearchParams("")))).toEqual({ sort: "name", dir: "asc" });
    // Blank search text is no search.
    expect(toListQuery(readFilters(new URLSearchParams("q=%20%20")))).not.toHaveProperty("q");
  });

  it("becomes the query string of GET /api/projects, with the page size and continuation token", async () => {
    const urls: string[] = [];
    const client = createApiClient({
      baseUrl: "/api",
      headers: () => ({}),
      fetch: (input) => {
        urls.push(input);
        return Promise.resolve(new Response(JSON.stringify({ items: [], continuationToken: null }), { status: 200 }));
      },
    });
    const query = toListQuery(readFilters(new URLSearchParams("q=Lasttest%20999&sort=criteria&ordning=fallande&malgrupp=barn-och-unga")));
    await client.listProjects({ ...query, pageSize: 25, continuationToken: "abc" });
    const url = new URL(urls[0]!, "http://localhost");
    expect(url.pathname).toBe("/api/projects");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: "Lasttest 999",
      targetGroup: "barn-och-unga",
      sort: "criteria",
      dir: "desc",
      pageSize: "25",
      continuationToken: "abc",
    });
  });
});

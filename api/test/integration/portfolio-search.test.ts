import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mapLimit } from "../../src/store/table.js";
import type { StoredProject } from "../../src/store/projects.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";
import { PortfolioSummarySchema } from "../../src/contracts/index.js";

let api: TestApi;
const LOAD = 1000;

/** A generated effort written straight to the table (the API's own writes would take minutes for a thousand). */
function loadTestEffort(i: number): StoredProject {
  const n = String(i).padStart(4, "0");
  return {
    id: `lasttest-${n}`,
    name: `Lasttest ${i}`,
    description: `Genererat utvecklingsarbete nummer ${i} för lasttest.`,
    type: "projekt",
    ownerOrganisationId: i % 2 === 0 ? "sundsvall" : "kramfors",
    partnerOrganisationIds: ["rvn"],
    projectLeader: { name: `Ledare ${i}` },
    programAreaIds: [],
    criteriaIds: ["samverkan-region-kommun"],
    subGoalIds: [],
    targetGroupIds: [],
    benefitObjectIds: [],
    financing: { secured: false },
    links: {},
    status: "pagaende",
    createdAt: "2026-01-01T00:00:00.000Z",
    createdBy: USERS.programledare,
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...(i % 3 === 0 ? { latestStatus: { colour: "rod" as const, reportedAt: "2026-06-01T00:00:00.000Z" } } : {}),
  };
}

beforeAll(async () => {
  api = await startTestApi();
  await mapLimit(
    Array.from({ length: LOAD }, (_, i) => i + 1),
    20,
    (i) => api.services.repos.projects.create(loadTestEffort(i), `op-${i}`, []),
  );
}, 120_000);
afterAll(async () => {
  await api.close();
});

const names = (path: string) => api.call("GET", path, { user: USERS.deltagare }).then((r) => r.as(R.projects));

describe("portfolio search and sort on the server (1,000+ efforts)", () => {
  it("finds an effort that is far beyond the first page, case- and diacritics-insensitively", async () => {
    const page = await names(`/api/projects?q=${encodeURIComponent("LASTTEST 999")}`);
    expect(page.items.map((p) => p.name)).toEqual(["Lasttest 999"]);
    const seeded = await names(`/api/projects?q=${encodeURIComponent("paverkbar")}`);
    expect(seeded.items.map((p) => p.name)).toContain("Påverkbar slutenvård");
  });

  it("searches parties by their names and ids: “ange” finds the effort in Ånge", async () => {
    const page = await names("/api/projects?q=ange");
    expect(page.items.map((p) => p.id)).toContain("barn-och-unga-i-ange");
  });

  it("searches the project leader and combines with facet filters", async () => {
    const even = await names(`/api/projects?q=${encodeURIComponent("ledare 128")}&party=sundsvall`);
    expect(even.items.map((p) => p.name)).toEqual(["Lasttest 128"]);
    const odd = await names(`/api/projects?q=${encodeURIComponent("ledare 128")}&party=kramfors`);
    expect(odd.items).toEqual([]);
  });

  it("sorts on the server and pages the sorted result with tokens bound to the query", async () => {
    const first = await names("/api/projects?sort=latestStatus&dir=desc&pageSize=50");
    expect(first.items).toHaveLength(50);
    expect(first.items.every((p) => p.latestStatus?.colour === "rod")).toBe(true);
    expect(first.continuationToken).toBeTruthy();
    const second = await names(`/api/projects?sort=latestStatus&dir=desc&pageSize=50&continuationToken=${encodeURIComponent(first.continuationToken ?? "")}`);
    expect(second.items.map((p) => p.id).filter((id) => first.items.some((f) => f.id === id))).toEqual([]);
    const misused = await api.call("GET", `/api/projects?sort=name&dir=desc&continuationToken=${encodeURIComponent(first.continuationToken ?? "")}`, { user: USERS.deltagare });
    expect(misused.status).toBe(400);
    expect(misused.err().details.map((d) => d.field)).toEqual(["continuationToken"]);
  });

  it("summarises the whole portfolio in one call", async () => {
    const r = await api.call("GET", "/api/projects/summary", { user: USERS.deltagare });
    expect(r.status).toBe(200);
    const summary = PortfolioSummarySchema.parse(r.json);
    expect(summary.total).toBe(LOAD + 8);
    expect(summary.byStatus.reduce((n, s) => n + s.count, 0)).toBe(LOAD + 8);
    expect(summary.byColour.rod).toBeGreaterThanOrEqual(333);
    expect(summary.efforts).toHaveLength(30);
    expect(summary.efforts[0]?.name).toBe("Barn och unga i Ånge");
  });

  it("rejects a query longer than 200 characters, naming q", async () => {
    const r = await api.call("GET", `/api/projects?q=${"x".repeat(201)}`, { user: USERS.deltagare });
    expect(r.status).toBe(400);
    expect(r.err().details.map((d) => d.field)).toEqual(["q"]);
  });
});

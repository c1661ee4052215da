import { startAzurite } from "../scripts/lib/azurite.js";
import { createServices } from "../api/src/app.js";
import { loadConfig } from "../api/src/config.js";
import { DEV_USER_HEADER } from "../api/src/contracts/index.js";
import { startLocalServer } from "../api/src/local/server.js";
import { routes } from "../api/src/routes.js";
import { silentLogger } from "../api/src/services/log.js";
import type { StoredProject } from "../api/src/store/projects.js";
import { createTableClient, mapLimit, TABLE_NAMES } from "../api/src/store/table.js";
import { percentile } from "../tests/support/scenario.js";

/**
 * The portfolio list (`GET /api/projects`, a 50-row page of 1,000+ efforts) through the API — HTTP, identity,
 * permission, query parsing, the page and its JSON — as a ratio to a raw Table query of the same rows in the same
 * run, both against one Azurite. Also the searched list (`q`), whose work is the lean index scan.
 */

export interface PortfolioListBenchOptions {
  efforts: number;
  rounds: number;
}

function effort(i: number): StoredProject {
  return {
    id: `bench-${String(i).padStart(5, "0")}`,
    name: `Bench ${i}`,
    description: `Utvecklingsarbete ${i} för mätning av portföljlistan. `.repeat(8),
    type: "projekt",
    ownerOrganisationId: "sundsvall",
    partnerOrganisationIds: ["rvn", "timra"],
    projectLeader: { name: `Ledare ${i}`, email: `ledare${i}@naravard.test` },
    programAreaIds: ["samverkan"],
    criteriaIds: ["samverkan-region-kommun", "tillganglighet"],
    subGoalIds: [],
    targetGroupIds: ["aldre"],
    benefitObjectIds: [],
    financing: { secured: true },
    links: {},
    status: "pagaende",
    createdAt: "2026-01-01T00:00:00.000Z",
    createdBy: "programledare@naravard.test",
    updatedAt: "2026-01-01T00:00:00.000Z",
    latestStatus: { colour: "gron", reportedAt: "2026-06-01T00:00:00.000Z" },
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runPortfolioListBench(options: PortfolioListBenchOptions): Promise<{ listRatio: number; searchRatio: number }> {
  const azurite = await startAzurite();
  try {
    const config = loadConfig({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: "bench" });
    const services = await createServices(config, { log: silentLogger });
    await mapLimit(
      Array.from({ length: options.efforts }, (_, i) => i),
      20,
      (i) => services.repos.projects.create(effort(i), `op-${i}`, []),
    );
    const server = await startLocalServer(services, { table: routes, port: 0, host: "127.0.0.1", logHandler: () => undefined });
    const headers = { [DEV_USER_HEADER]: "styrgrupp.ordforande@naravard.test" };
    const client = createTableClient(azurite.connectionString, `bench${TABLE_NAMES.projects}`);
    const filter = services.repos.projects.filterFor({});
    const raw = async () => {
      const page = await client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: 50 }).next();
      if (page.done || page.value.length !== 50) throw new Error("raw query did not return 50 rows");
    };
    const api = (path: string) => async () => {
      const res = await fetch(`${server.url}${path}`, { headers });
      const body = (await res.json()) as { items: unknown[] };
      if (res.status !== 200 || body.items.length === 0) throw new Error(`${path} answered ${res.status}`);
    };
    const list = api("/api/projects?pageSize=50");
    const search = api(`/api/projects?pageSize=50&q=${encodeURIComponent("ledare 99")}`);
    // Warm up connections, JIT and the reference cache, then alternate so both see the same machine load.
    for (let i = 0; i < 10; i++) {
      await raw();
      await list();
      await search();
    }
    const t = { raw: [] as number[], list: [] as number[], search: [] as number[] };
    for (let i = 0; i < options.rounds; i++) {
      t.raw.push(await timed(raw));
      t.list.push(await timed(list));
      t.search.push(await timed(search));
    }
    const p95 = (xs: number[]) => percentile(xs, 95);
    const listRatio = p95(t.list) / p95(t.raw);
    const searchRatio = p95(t.search) / p95(t.raw);
    console.log(`portfolio list: ${options.efforts} efforts, ${options.rounds} rounds each, 50-row pages`);
    console.log(`  raw Table query p95 ${p95(t.raw).toFixed(1)} ms`);
    console.log(`  GET /api/projects p95 ${p95(t.list).toFixed(1)} ms — ratio to raw: ${listRatio.toFixed(2)} (aim ≤ 1.3)`);
    console.log(`  GET /api/projects?q=… p95 ${p95(t.search).toFixed(1)} ms — ratio to raw: ${searchRatio.toFixed(2)} (the index scan of every effort)`);
    await server.close();
    return { listRatio, searchRatio };
  } finally {
    await azurite.stop();
  }
}

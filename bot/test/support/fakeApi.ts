import { PORTFOLIO_SUMMARY_MAX_EFFORTS, type ApiClient, type Page, type PortfolioSummary, type Project } from "@naravard/api/contracts";
import { fold } from "../../src/domain/text.js";
import { sampleReference } from "./sample.js";

export interface FakeCall {
  method: keyof ApiClient;
  args: unknown[];
}

/**
 * A fake of our typed API client: the methods a test gives, recorded; any other method throws, so a handler that
 * calls something unexpected fails loudly. Typed as the real client.
 */
export function fakeApi(methods: Partial<ApiClient> = {}): ApiClient & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const defaults: Partial<ApiClient> = {
    reference: () => Promise.resolve(sampleReference()),
  };
  const impl: Partial<ApiClient> = { ...defaults, ...methods };
  return new Proxy({ calls } as ApiClient & { calls: FakeCall[] }, {
    get(target, prop: string) {
      if (prop === "calls") return target.calls;
      const fn = impl[prop as keyof ApiClient] as ((...args: unknown[]) => unknown) | undefined;
      if (!fn) {
        return (...args: unknown[]) => {
          calls.push({ method: prop as keyof ApiClient, args });
          return Promise.reject(new Error(`fakeApi: ${prop} was not expected`));
        };
      }
      return (...args: unknown[]) => {
        calls.push({ method: prop as keyof ApiClient, args });
        return fn(...args);
      };
    },
  });
}

/** `listProjects` over a fixed list, in pages of `pageSize` with numeric continuation tokens. */
function pagedProjects(all: Project[], pageSize = 3): ApiClient["listProjects"] {
  return (query = {}) => {
    const start = query.continuationToken ? Number(query.continuationToken) : 0;
    const size = Math.min(pageSize, query.pageSize ?? pageSize);
    const items = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : null;
    const page: Page<Project> = { items, continuationToken: next };
    return Promise.resolve(page);
  };
}

/**
 * `listProjects` as the API documents its search: `q` matches name, description, parties (ids here) and project
 * leader, case- and diacritic-insensitively; sorted by name; paged by `pageSize` with numeric continuation tokens.
 */
export function searchedProjects(all: Project[]): ApiClient["listProjects"] {
  return (query = {}) => {
    const q = fold(query.q ?? "");
    const hay = (p: Project) => fold([p.name, p.description, p.ownerOrganisationId, ...p.partnerOrganisationIds, p.projectLeader.name].join(" "));
    const hits = all.filter((p) => !q || hay(p).includes(q)).sort((a, b) => a.name.localeCompare(b.name, "sv"));
    return pagedProjects(hits, query.pageSize ?? 50)(query.continuationToken ? { continuationToken: query.continuationToken } : {});
  };
}

/** `GET /api/projects/summary` computed the way the API documents it, over a fixed list. */
export function summaryOf(all: Project[]): PortfolioSummary {
  const byStatus = new Map<Project["status"], number>();
  const byColour = { gron: 0, gul: 0, rod: 0, none: 0 };
  for (const p of all) {
    byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    byColour[p.latestStatus?.colour ?? "none"] += 1;
  }
  const efforts = [...all]
    .sort((a, b) => a.name.localeCompare(b.name, "sv"))
    .slice(0, PORTFOLIO_SUMMARY_MAX_EFFORTS)
    .map((p) => ({ id: p.id, name: p.name, status: p.status, ...(p.latestStatus ? { latestStatus: p.latestStatus } : {}) }));
  return { total: all.length, byStatus: [...byStatus].map(([status, count]) => ({ status, count })), byColour, efforts };
}

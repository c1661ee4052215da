/**
 * Portfolio filters live in the URL query string, so a filtered view is a link one can share and
 * back/forward move between filter states. Everything — facets, free-text search and sort order —
 * goes to the API (`GET /api/projects?q=&sort=&dir=`), which searches and sorts the whole
 * portfolio, so an effort is found however many there are; the tab only pages through the answer.
 */
import type { ProjectListQuery, ProjectSortKey, ProjectStatus } from "@naravard/api/contracts";
import { projectStatusLabels } from "../../labels";

/** The API's sort keys (`ProjectSortKeySchema`), written out so the first chunk does not pull zod in. */
export const SORT_KEYS = ["name", "parties", "leader", "status", "latestStatus", "programAreas", "criteria"] as const satisfies readonly ProjectSortKey[];
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "ascending" | "descending";

export interface PortfolioFilters {
  q: string;
  status: ProjectStatus | null;
  party: string | null;
  programArea: string | null;
  criterion: string | null;
  subGoal: string | null;
  targetGroup: string | null;
  sort: SortKey;
  dir: SortDirection;
}

/** Query parameter per filter (short, readable in a shared link). */
export const FILTER_PARAMS = {
  q: "q",
  status: "status",
  party: "part",
  programArea: "omrade",
  criterion: "kriterium",
  subGoal: "delmal",
  targetGroup: "malgrupp",
  sort: "sort",
  dir: "ordning",
} as const satisfies Record<keyof PortfolioFilters, string>;

export const FACETS = ["status", "party", "programArea", "criterion", "subGoal", "targetGroup"] as const;
export type Facet = (typeof FACETS)[number];

const STATUSES = new Set<string>(Object.keys(projectStatusLabels));
const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/;

export const DEFAULT_FILTERS: PortfolioFilters = {
  q: "",
  status: null,
  party: null,
  programArea: null,
  criterion: null,
  subGoal: null,
  targetGroup: null,
  sort: "name",
  dir: "ascending",
};

export function readFilters(search: URLSearchParams): PortfolioFilters {
  const id = (key: string) => {
    const v = search.get(key);
    return v && ID.test(v) ? v : null;
  };
  const status = search.get(FILTER_PARAMS.status);
  const sort = search.get(FILTER_PARAMS.sort);
  return {
    q: (search.get(FILTER_PARAMS.q) ?? "").slice(0, 200),
    status: status && STATUSES.has(status) ? (status as ProjectStatus) : null,
    party: id(FILTER_PARAMS.party),
    programArea: id(FILTER_PARAMS.programArea),
    criterion: id(FILTER_PARAMS.criterion),
    subGoal: id(FILTER_PARAMS.subGoal),
    targetGroup: id(FILTER_PARAMS.targetGroup),
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : DEFAULT_FILTERS.sort,
    dir: search.get(FILTER_PARAMS.dir) === "fallande" ? "descending" : "ascending",
  };
}

/** The URL changes for a filter change: defaults are left out so links stay short. */
export function filterParams(change: Partial<PortfolioFilters>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(change) as Array<[keyof PortfolioFilters, PortfolioFilters[keyof PortfolioFilters]]>) {
    const param = FILTER_PARAMS[key];
    if (key === "dir") out[param] = value === "descending" ? "fallande" : null;
    else if (key === "sort") out[param] = value === DEFAULT_FILTERS.sort ? null : String(value);
    else out[param] = value ? String(value) : null;
  }
  return out;
}

/** Applies a change to a query string, keeping every other parameter (user, theme, open effort, view). */
export function writeFilters(search: URLSearchParams, change: Partial<PortfolioFilters>): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [param, value] of Object.entries(filterParams(change))) {
    if (value === null || value === "") next.delete(param);
    else next.set(param, value);
  }
  return next;
}

export function clearedFilters(): Partial<PortfolioFilters> {
  const { sort: _s, dir: _d, ...facets } = DEFAULT_FILTERS;
  return facets;
}

export function hasActiveFilters(f: PortfolioFilters): boolean {
  return Boolean(f.q.trim()) || FACETS.some((k) => f[k] !== null);
}

/** The filters as `GET /api/projects` takes them: facets, trimmed search text, sort key and direction. */
export function toListQuery(f: PortfolioFilters): Partial<ProjectListQuery> {
  const query: Partial<ProjectListQuery> = {};
  const q = f.q.trim();
  if (q) query.q = q;
  if (f.status) query.status = f.status;
  if (f.party) query.party = f.party;
  if (f.programArea) query.programArea = f.programArea;
  if (f.criterion) query.criterion = f.criterion;
  if (f.subGoal) query.subGoal = f.subGoal;
  if (f.targetGroup) query.targetGroup = f.targetGroup;
  query.sort = f.sort;
  query.dir = f.dir === "descending" ? "desc" : "asc";
  return query;
}

/**
 * Projects table — the development portfolio (SPEC 3.1).
 *
 * Keys: PartitionKey = programId, RowKey = project id (a slug of the name, e.g. `paverkbar-slutenvard`, plus a short
 * random suffix for new applications). Lists therefore come back in alphabetical order of name — the order the
 * annual report's portfolio table uses — and a single effort is a point read.
 *
 * Facet filters run on the server: every effort carries dynamic boolean columns, one per facet value, e.g.
 * `f_party_kramfors`, `f_area_samverkan`, `f_crit_personcentrerat`, `f_sub_kontinuitet`, `f_tg_aldre` (`-` in an id
 * becomes `_`, `_` becomes `_X`, so the column name is a valid identifier and unambiguous). A list with
 * `party=kramfors&status=pagaende` is `PartitionKey eq 'gnv' and status eq 'pagaende' and f_party_kramfors eq true`.
 * Updates use Replace mode with the ETag, so facet columns of removed values disappear.
 *
 * Search and sort (SPEC: find any effort however many there are): lean index columns — searchText (folded name, idea,
 * partners' text, people), leaderName, partyIds, programAreaIds, criteriaCount, latestColour, latestReportedAt — are
 * read with `select` for the whole (facet-filtered) partition, so a search never reads the documents.
 *
 * Properties: status, name, ownerOrganisationId, createdAt, createdBy, updatedAt (columns for filters/inspection);
 * doc (JSON of the effort, split over doc__N when long); recentOps (JSON: ids of the last operations, which the
 * outbox sweep uses to verify an operation really happened); terms (JSON: stems in the similarity index).
 */
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { z } from "zod";
import { ProjectSchema, ProjectStatusSchema, StatusColourSchema, type Page, type ProjectListQuery } from "../contracts/index.js";
import { searchTextOf, type IndexRow } from "../domain/portfolioSearch.js";
import { getJson, getOrNull, insert, putJson, readPage, str, updateWithEtag, type EntityResult } from "./table.js";

/** What is stored: the effort without the per-request fields. */
const StoredProjectSchema = ProjectSchema.omit({ etag: true, allowedActions: true, allowedTransitions: true });
export type StoredProject = z.infer<typeof StoredProjectSchema>;
const StringList = z.array(z.string());
const INDEX_COLUMNS = ["RowKey", "name", "status", "ownerOrganisationId", "searchText", "leaderName", "partyIds", "programAreaIds", "criteriaCount", "latestColour", "latestReportedAt"];

export interface ProjectRecord {
  project: StoredProject;
  etag: string;
  recentOps: string[];
  terms: string[];
}

const RECENT_OPS = 20;

const FACETS = {
  party: "f_party_",
  programArea: "f_area_",
  criterion: "f_crit_",
  subGoal: "f_sub_",
  targetGroup: "f_tg_",
} as const;
type Facet = keyof typeof FACETS;

/** Column name of one facet value. Ids are `[a-z0-9_-]`; the result matches `[a-z0-9_X]`. */
export function facetColumn(facet: Facet, id: string): string {
  const encoded = id.replace(/_/g, "_X").replace(/-/g, "_");
  const column = `${FACETS[facet]}${encoded}`;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(column)) throw new Error(`invalid facet id ${id}`);
  return column;
}

function facetValues(p: StoredProject): Array<[Facet, string]> {
  return [
    ...[p.ownerOrganisationId, ...p.partnerOrganisationIds].map((id): [Facet, string] => ["party", id]),
    ...p.programAreaIds.map((id): [Facet, string] => ["programArea", id]),
    ...p.criteriaIds.map((id): [Facet, string] => ["criterion", id]),
    ...p.subGoalIds.map((id): [Facet, string] => ["subGoal", id]),
    ...p.targetGroupIds.map((id): [Facet, string] => ["targetGroup", id]),
  ];
}

export class ProjectsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private toEntity(p: StoredProject, recentOps: string[], terms: string[]) {
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: p.id,
      status: p.status,
      name: p.name,
      ownerOrganisationId: p.ownerOrganisationId,
      createdAt: p.createdAt,
      createdBy: p.createdBy,
      updatedAt: p.updatedAt,
      recentOps: JSON.stringify(recentOps.slice(-RECENT_OPS)),
      terms: JSON.stringify(terms),
      searchText: searchTextOf(p),
      leaderName: p.projectLeader.name,
      partyIds: JSON.stringify([p.ownerOrganisationId, ...p.partnerOrganisationIds]),
      programAreaIds: JSON.stringify(p.programAreaIds),
      criteriaCount: p.criteriaIds.length,
      ...(p.latestStatus ? { latestColour: p.latestStatus.colour, latestReportedAt: p.latestStatus.reportedAt } : {}),
    };
    putJson(entity, "doc", p);
    for (const [facet, id] of facetValues(p)) entity[facetColumn(facet, id)] = true;
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  private toRecord(e: EntityResult): ProjectRecord {
    const project = getJson(e, "doc", StoredProjectSchema);
    if (!project) throw new Error(`project ${e.rowKey} has no document`);
    return {
      project,
      etag: e.etag,
      recentOps: getJson(e, "recentOps", StringList) ?? [],
      terms: getJson(e, "terms", StringList) ?? [],
    };
  }

  /** The lean index row; a row written before the index columns existed is read in full once. */
  private async toIndexRow(e: EntityResult): Promise<IndexRow> {
    const searchText = str(e, "searchText");
    if (searchText === undefined) {
      const full = await this.get(e.rowKey ?? "");
      if (!full) throw new Error(`project ${e.rowKey} vanished`);
      return indexRowOf(full.project);
    }
    const colour = StatusColourSchema.safeParse(e["latestColour"]);
    return {
      id: e.rowKey ?? "",
      name: str(e, "name") ?? "",
      status: ProjectStatusSchema.parse(e["status"]),
      searchText,
      leaderName: str(e, "leaderName") ?? "",
      ownerOrganisationId: str(e, "ownerOrganisationId") ?? "",
      partyIds: getJson(e, "partyIds", StringList) ?? [],
      programAreaIds: getJson(e, "programAreaIds", StringList) ?? [],
      criteriaCount: typeof e["criteriaCount"] === "number" ? e["criteriaCount"] : 0,
      colour: colour.success ? colour.data : null,
      reportedAt: str(e, "latestReportedAt") ?? null,
    };
  }

  /** The index rows of every effort matching the facet filter (lean columns only; a few requests for thousands). */
  async listIndex(filter: string): Promise<IndexRow[]> {
    const rows: IndexRow[] = [];
    const pages = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: INDEX_COLUMNS } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) for (const e of page) rows.push(await this.toIndexRow(e));
    return rows;
  }

  async get(id: string): Promise<ProjectRecord | null> {
    const e = await getOrNull(this.client, this.programId, id);
    return e ? this.toRecord(e) : null;
  }

  /** A new effort; an existing id → AlreadyExistsError. */
  async create(p: StoredProject, opId: string, terms: string[]): Promise<ProjectRecord> {
    const etag = await insert(this.client, this.toEntity(p, [opId], terms), `project ${p.id}`);
    return { project: p, etag, recentOps: [opId], terms };
  }

  /** Replaces the effort if `etag` is still current; records `opId` among the recent operations. */
  async replace(current: ProjectRecord, next: StoredProject, etag: string, opId: string, terms = current.terms): Promise<ProjectRecord> {
    const recentOps = [...current.recentOps, opId].slice(-RECENT_OPS);
    const newEtag = await updateWithEtag(this.client, this.toEntity(next, recentOps, terms), etag, "Replace", `project ${next.id}`);
    return { project: next, etag: newEtag, recentOps, terms };
  }

  /** OData filter for a list query; facet columns and status are filtered by the service. */
  filterFor(query: Pick<ProjectListQuery, "status" | "party" | "programArea" | "criterion" | "subGoal" | "targetGroup">): string {
    let filter = odata`PartitionKey eq ${this.programId}`;
    if (query.status) filter += ` and ${odata`status eq ${query.status}`}`;
    const facets: Array<[Facet, string | undefined]> = [
      ["party", query.party],
      ["programArea", query.programArea],
      ["criterion", query.criterion],
      ["subGoal", query.subGoal],
      ["targetGroup", query.targetGroup],
    ];
    for (const [facet, id] of facets) {
      if (id) filter += ` and ${facetColumn(facet, id)} eq true`;
    }
    return filter;
  }

  async list(query: ProjectListQuery): Promise<Page<ProjectRecord>> {
    return readPage(this.client, this.filterFor(query), query.pageSize, query.continuationToken, (e) => this.toRecord(e));
  }
}

export function indexRowOf(p: StoredProject): IndexRow {
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    searchText: searchTextOf(p),
    leaderName: p.projectLeader.name,
    ownerOrganisationId: p.ownerOrganisationId,
    partyIds: [p.ownerOrganisationId, ...p.partnerOrganisationIds],
    programAreaIds: p.programAreaIds,
    criteriaCount: p.criteriaIds.length,
    colour: p.latestStatus?.colour ?? null,
    reportedAt: p.latestStatus?.reportedAt ?? null,
  };
}

/**
 * Risks table — the program's risk list (SPEC 3.2), its history, its settings and the review-reminder marks.
 *
 * Keys (one partition per program, PartitionKey = programId):
 *  - `risk|{riskId}`: the risk. Columns category, status, owner, projectId (OData filters) and doc (JSON).
 *  - `hist|{riskId}|{inverted version}`: the history entry of the risk's write number `version`; a risk's history
 *    newest first is one range, strictly ordered (the version is ETag-guarded, so two writes never share one).
 *  - `~settings`: the program's scale, thresholds and review interval (ETag-guarded; absent = the defaults).
 *  - `remind|{round}|{email}`: the owner was reminded in that review round (written after the enqueue).
 *
 * A change and its history entry are one entity-group transaction (same partition): the risk row with the
 * caller's ETag and the history row together, so a history entry is never lost nor written for a change that did
 * not happen (a 412 writes neither).
 *
 * Sorting by value: a program has tens of risks (PP 10 names nine, the directive thirteen), so a list reads the
 * filtered risk rows of the partition (`risk|` range plus the OData filters) and sorts them in memory by value, the
 * level depending on thresholds that the program may change at any time. An index with an inverted value in the
 * RowKey would have to be rewritten on every assessment and would not help the level filter; reading ≤1000 small
 * rows is one request.
 */
import { TableTransaction, odata, type TableClient } from "@azure/data-tables";
import { z } from "zod";
import {
  IsoDateTimeSchema,
  RiskHistoryEntrySchema,
  RiskSchema,
  RiskSettingsInputSchema,
  type RiskHistoryEntry,
  type RiskSettingsInput,
} from "../contracts/index.js";
import { AlreadyExistsError, ConcurrencyError, NotFoundError, restStatus } from "./errors.js";
import { getJson, getOrNull, insert, insertIfAbsent, putJson, readPartition, str, updateWithEtag, type EntityResult } from "./table.js";

/**
 * A risk as stored: the contract's own fields (what the API derives — value, level, names, what the caller may do —
 * is not stored), with the escalation as raised and a write counter.
 */
export const StoredRiskSchema = RiskSchema.pick({
  id: true,
  title: true,
  description: true,
  category: true,
  projectId: true,
  probability: true,
  consequence: true,
  assessedOnScale: true,
  handling: true,
  actions: true,
  owner: true,
  status: true,
  nextReviewDate: true,
  lastReviewedAt: true,
  example: true,
  createdAt: true,
  createdBy: true,
  updatedAt: true,
}).extend({
  /** The escalation raised while the risk was high; cleared when it leaves the high level. */
  escalation: z.object({ id: z.string(), at: IsoDateTimeSchema }).nullable(),
  /** Counts the writes (1 = created); orders the history strictly, even within one millisecond. */
  version: z.number().int().min(0).default(0),
});
export type StoredRisk = z.infer<typeof StoredRiskSchema>;

export interface RiskRecord {
  risk: StoredRisk;
  etag: string;
}

export interface RiskFilter {
  category?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  projectId?: string | undefined;
}

const RISK = "risk|";
const HIST = "hist|";
const SETTINGS = "~settings";

export class RisksRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private toEntity(r: StoredRisk): { partitionKey: string; rowKey: string } & Record<string, unknown> {
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: `${RISK}${r.id}`,
      category: r.category,
      status: r.status,
      owner: r.owner ?? "",
      projectId: r.projectId ?? "",
      updatedAt: r.updatedAt,
    };
    putJson(entity, "doc", r);
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  private toRecord(e: EntityResult): RiskRecord {
    const risk = getJson(e, "doc", StoredRiskSchema);
    if (!risk) throw new Error(`risk ${e.rowKey} has no document`);
    return { risk, etag: e.etag };
  }

  private historyEntity(riskId: string, version: number, opId: string, entry: RiskHistoryEntry): { partitionKey: string; rowKey: string } & Record<string, unknown> {
    const inverted = String(9_999_999_999 - version).padStart(10, "0");
    const entity: Record<string, unknown> = { partitionKey: this.programId, rowKey: `${HIST}${riskId}|${inverted}`, opId };
    putJson(entity, "entry", entry);
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  async get(id: string): Promise<RiskRecord | null> {
    const e = await getOrNull(this.client, this.programId, `${RISK}${id}`);
    return e ? this.toRecord(e) : null;
  }

  /** Every risk matching the filter (server side), unsorted. */
  async all(filter: RiskFilter = {}): Promise<RiskRecord[]> {
    let q = odata`PartitionKey eq ${this.programId} and RowKey ge ${RISK} and RowKey lt ${"risk}"}`;
    if (filter.category) q += ` and ${odata`category eq ${filter.category}`}`;
    if (filter.status) q += ` and ${odata`status eq ${filter.status}`}`;
    if (filter.owner) q += ` and ${odata`owner eq ${filter.owner}`}`;
    if (filter.projectId) q += ` and ${odata`projectId eq ${filter.projectId}`}`;
    return (await readPartition(this.client, q, 1000)).map((e) => this.toRecord(e));
  }

  /** A new risk and its first history entry, together. An existing id → AlreadyExistsError. */
  async create(input: StoredRisk, opId: string, entry: RiskHistoryEntry): Promise<RiskRecord> {
    const r = { ...input, version: 1 };
    const tx = new TableTransaction();
    tx.createEntity(this.toEntity(r));
    tx.upsertEntity(this.historyEntity(r.id, r.version, opId, entry), "Replace");
    const etag = await this.submit(tx, `risk ${r.id}`);
    return { risk: r, etag };
  }

  /** Seeding: writes the risk and its entry only if the risk is absent. */
  async createIfAbsent(r: StoredRisk, entry: RiskHistoryEntry): Promise<boolean> {
    try {
      await this.create(r, "seed", entry);
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** Replaces the risk if `etag` is still current, with its history entry, atomically. */
  async replace(changed: StoredRisk, etag: string, opId: string, entry: RiskHistoryEntry): Promise<RiskRecord> {
    if (!etag || etag === "*") throw new Error("replace needs a concrete ETag");
    const next = { ...changed, version: changed.version + 1 };
    const tx = new TableTransaction();
    tx.updateEntity(this.toEntity(next), "Replace", { etag });
    tx.upsertEntity(this.historyEntity(next.id, next.version, opId, entry), "Replace");
    const newEtag = await this.submit(tx, `risk ${next.id}`);
    return { risk: next, etag: newEtag };
  }

  private async submit(tx: TableTransaction, what: string): Promise<string> {
    try {
      const result = await this.client.submitTransaction(tx.actions);
      return result.subResponses[0]?.etag ?? "";
    } catch (error) {
      const status = restStatus(error);
      if (status === 412) throw new ConcurrencyError(what);
      if (status === 404) throw new NotFoundError(what);
      if (status === 409) throw new AlreadyExistsError(what);
      throw error;
    }
  }

  /** The latest `max` history entries of one risk, newest first. */
  async history(riskId: string, max = 100): Promise<RiskHistoryEntry[]> {
    const prefix = `${HIST}${riskId}|`;
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.programId} and RowKey ge ${prefix} and RowKey lt ${`${HIST}${riskId}}`}`, max);
    return rows.map((e) => getJson(e, "entry", RiskHistoryEntrySchema)).filter((x): x is RiskHistoryEntry => x !== undefined);
  }

  /** The stored settings with their ETag, or null when the program still uses the defaults. */
  async settings(): Promise<{ settings: RiskSettingsInput; etag: string; updatedAt?: string; updatedBy?: string } | null> {
    const e = await getOrNull(this.client, this.programId, SETTINGS);
    if (!e) return null;
    const settings = getJson(e, "settings", RiskSettingsInputSchema);
    if (!settings) throw new Error("risk settings row without settings");
    const updatedAt = str(e, "updatedAt");
    const updatedBy = str(e, "updatedBy");
    return { settings, etag: e.etag, ...(updatedAt ? { updatedAt } : {}), ...(updatedBy ? { updatedBy } : {}) };
  }

  /** Creates (no ETag: first change from the defaults; AlreadyExistsError on a race) or replaces with the ETag. */
  async putSettings(settings: RiskSettingsInput, stamp: { at: string; by: string }, etag: string | null): Promise<string> {
    const entity: Record<string, unknown> = { partitionKey: this.programId, rowKey: SETTINGS, updatedAt: stamp.at, updatedBy: stamp.by };
    putJson(entity, "settings", settings);
    const e = entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
    return etag ? updateWithEtag(this.client, e, etag, "Replace", "risk settings") : insert(this.client, e, "risk settings");
  }

  async wasReminded(round: string, email: string): Promise<boolean> {
    return (await getOrNull(this.client, this.programId, `remind|${round}|${email}`)) !== null;
  }

  async markReminded(round: string, email: string, at: string): Promise<void> {
    await insertIfAbsent(this.client, { partitionKey: this.programId, rowKey: `remind|${round}|${email}`, at });
  }
}

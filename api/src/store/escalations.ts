/**
 * Escalations table (issue 9). One partition per program (PartitionKey = programId) with two kinds of rows:
 *  - escalation: RowKey = `e|{id}`. The id starts with inverted milliseconds of when it was raised, so a partition
 *    read lists newest first. Columns for server-side filters: status, level, sourceKind, projectId, and
 *    `remindPending` (open, not acknowledged, holders not yet reminded at this level: what the reminder timer reads).
 *    `doc` = the state (validated on read), `recentOps` = the last operation ids (the outbox checks them).
 *  - source index: RowKey = `s|{sha256(kind|id)}`, column escalationId: the escalation last raised for that source.
 *    A raise writes the escalation and this row in ONE entity-group transaction — create when the source is new,
 *    replace with the row's ETag when its escalation is decided or closed — so of concurrent or redelivered raises
 *    of one source exactly one commits; the others lose on the index row and return the open one.
 */
import { createHash } from "node:crypto";
import { odata, TableTransaction, type TableClient } from "@azure/data-tables";
import { z } from "zod";
import {
  EscalationLevelSchema,
  EscalationSourceSchema,
  EscalationStatusSchema,
  EscalationTimelineEntrySchema,
  EscalationUrgencySchema,
  type EscalationListQuery,
  type EscalationSource,
  type Page,
} from "../contracts/index.js";
import type { EscalationState } from "../domain/escalations.js";
import { AlreadyExistsError, ConcurrencyError, NotFoundError, restStatus } from "./errors.js";
import { getJson, getOrNull, putJson, readPage, readPartition, str, type EntityResult } from "./table.js";

const StateSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  urgency: EscalationUrgencySchema,
  status: EscalationStatusSchema,
  level: EscalationLevelSchema,
  levelSince: z.string(),
  path: z.array(EscalationLevelSchema).min(1),
  acknowledged: z.object({ by: z.string(), at: z.string() }).optional(),
  source: EscalationSourceSchema,
  projectId: z.string().optional(),
  projectName: z.string().optional(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  decisionId: z.string().optional(),
  decision: z
    .object({ text: z.string(), rationale: z.string(), bodyId: z.string(), bodyName: z.string(), date: z.string(), decidedBy: z.string() })
    .optional(),
  timeline: z.array(EscalationTimelineEntrySchema),
  reminded: z.array(z.string()).default([]),
});

export interface EscalationRecord {
  state: EscalationState;
  etag: string;
  recentOps: string[];
}

const MAX_RECENT_OPS = 20;

export class EscalationsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private static rowKey(id: string): string {
    return `e|${id}`;
  }

  private static sourceKey(source: EscalationSource): string {
    return `s|${createHash("sha256").update(`${source.kind}|${source.id}`).digest("hex")}`;
  }

  private entity(state: EscalationState, recentOps: string[]): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
      partitionKey: this.programId,
      rowKey: EscalationsRepository.rowKey(state.id),
      status: state.status,
      level: state.level,
      sourceKind: state.source.kind,
      projectId: state.projectId ?? "",
      raisedAt: state.raisedAt,
      levelSince: state.levelSince,
      remindPending: state.status === "open" && !state.acknowledged && !state.reminded.includes(state.levelSince),
      recentOps: JSON.stringify(recentOps.slice(-MAX_RECENT_OPS)),
    };
    putJson(entity, "doc", state);
    return entity;
  }

  private toRecord(e: EntityResult): EscalationRecord {
    const state = getJson(e, "doc", StateSchema);
    if (!state) throw new NotFoundError(`escalation ${String(e.rowKey)}`);
    return { state, etag: e.etag, recentOps: getJson(e, "recentOps", z.array(z.string())) ?? [] };
  }

  async get(id: string): Promise<EscalationRecord | null> {
    const row = await getOrNull(this.client, this.programId, EscalationsRepository.rowKey(id));
    return row ? this.toRecord(row) : null;
  }

  /** The escalation last raised for this source, if any (open or not). */
  async forSource(source: EscalationSource): Promise<{ escalationId: string; etag: string } | null> {
    const row = await getOrNull(this.client, this.programId, EscalationsRepository.sourceKey(source));
    const escalationId = row ? str(row, "escalationId") : undefined;
    return row && escalationId ? { escalationId, etag: row.etag } : null;
  }

  /**
   * Writes a new escalation and points its source at it, atomically. `previousIndexEtag`: the source's index row
   * as read (its escalation is no longer open), or null if the source is new. Another raise of the same source
   * that committed first → ConcurrencyError (the caller reads again and returns that one).
   */
  async create(state: EscalationState, opId: string, previousIndexEtag: string | null): Promise<EscalationRecord> {
    const tx = new TableTransaction();
    tx.createEntity(this.entity(state, [opId]));
    const index = { partitionKey: this.programId, rowKey: EscalationsRepository.sourceKey(state.source), escalationId: state.id };
    if (previousIndexEtag) tx.updateEntity(index, "Replace", { etag: previousIndexEtag });
    else tx.createEntity(index);
    try {
      const result = await this.client.submitTransaction(tx.actions);
      return { state, etag: result.subResponses[0]?.etag ?? "", recentOps: [opId] };
    } catch (error) {
      const status = restStatus(error);
      if (status === 409 || status === 412) throw new ConcurrencyError(`source of escalation ${state.id}`);
      throw error;
    }
  }

  /** Replaces the escalation with the caller's ETag (ConcurrencyError if stale), recording `opId`. */
  async replace(record: EscalationRecord, next: EscalationState, opId: string): Promise<EscalationRecord> {
    const recentOps = [...record.recentOps, opId].slice(-MAX_RECENT_OPS);
    try {
      const result = await this.client.updateEntity(this.entity(next, recentOps), "Replace", { etag: record.etag });
      return { state: next, etag: result.etag ?? "", recentOps };
    } catch (error) {
      const status = restStatus(error);
      if (status === 412) throw new ConcurrencyError(`escalation ${next.id}`);
      if (status === 404) throw new NotFoundError(`escalation ${next.id}`);
      throw error;
    }
  }

  /** Seeding: writes the escalation (and its source index) unless it exists. */
  async createIfAbsent(state: EscalationState): Promise<boolean> {
    const index = await this.forSource(state.source);
    try {
      await this.create(state, "seed", index?.etag ?? null);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** Server-side filters; `levels` (a holder's levels) becomes an `or` over the level column. */
  filterFor(query: Pick<EscalationListQuery, "status" | "level" | "sourceKind" | "projectId">, levels?: readonly string[]): string {
    let filter = odata`PartitionKey eq ${this.programId} and RowKey ge ${"e|"} and RowKey lt ${"e}"}`;
    if (query.status) filter += ` and ${odata`status eq ${query.status}`}`;
    if (query.level) filter += ` and ${odata`level eq ${query.level}`}`;
    if (query.sourceKind) filter += ` and ${odata`sourceKind eq ${query.sourceKind}`}`;
    if (query.projectId) filter += ` and ${odata`projectId eq ${query.projectId}`}`;
    if (levels) {
      filter += levels.length === 0 ? ` and ${odata`level eq ${"-"}`}` : ` and (${levels.map((l) => odata`level eq ${l}`).join(" or ")})`;
    }
    return filter;
  }

  async list(filter: string, pageSize: number, continuationToken: string | undefined): Promise<Page<EscalationRecord>> {
    return readPage(this.client, filter, pageSize, continuationToken, (e) => this.toRecord(e));
  }

  /** Open escalations whose holders have not acknowledged nor been reminded at this level (the reminder timer). */
  async remindPending(max = 200): Promise<EscalationRecord[]> {
    const rows = await readPartition(
      this.client,
      odata`PartitionKey eq ${this.programId} and RowKey ge ${"e|"} and RowKey lt ${"e}"} and remindPending eq ${true}`,
      max,
    );
    return rows.map((e) => this.toRecord(e));
  }
}

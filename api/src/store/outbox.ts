/**
 * Outbox table — side effects of an operation that must not be lost: history entries, decision-log entries,
 * similarity re-indexing and notifications for the bot.
 *
 * Keys: PartitionKey = programId, RowKey = opId (the operation id; deterministic for decisions).
 * Protocol (see services/outbox.ts): write the outbox row → write the effort (ETag-guarded, recording opId in its
 * recentOps) → apply the effects (each idempotent) → delete the row. The sweep reads rows older than a grace period
 * (`createdAt le cutoff`, a server-side filter) and, if the effort shows the operation happened, applies them again;
 * otherwise the operation failed (e.g. 412) and the row is dropped.
 */
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { z } from "zod";
import { DecisionSchema, HistoryEntrySchema, NotificationSchema } from "../contracts/index.js";
import { deleteIfPresent, getJson, putJson, readPage, str } from "./table.js";

const EffectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("history"), projectId: z.string(), opId: z.string(), entry: HistoryEntrySchema }),
  z.object({ kind: z.literal("decisionLog"), decision: DecisionSchema }),
  z.object({ kind: z.literal("reindex"), projectId: z.string(), remove: z.array(z.string()) }),
  z.object({ kind: z.literal("notify"), notification: NotificationSchema }),
]);
export type Effect = z.infer<typeof EffectSchema>;

export interface OutboxOp {
  opId: string;
  /** The id of the thing the operation writes (an effort, or another subject's id: see `subject`). */
  projectId: string;
  /** Whose row records the operation: an effort (default) or another kind registered with the outbox service. */
  subject?: string | undefined;
  createdAt: string;
  effects: Effect[];
}

export class OutboxRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  async put(op: OutboxOp): Promise<void> {
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: op.opId,
      projectId: op.projectId,
      createdAt: op.createdAt,
      ...(op.subject ? { subject: op.subject } : {}),
    };
    putJson(entity, "effects", op.effects);
    await this.client.upsertEntity(entity as { partitionKey: string; rowKey: string }, "Replace");
  }

  async delete(opId: string): Promise<void> {
    await deleteIfPresent(this.client, this.programId, opId);
  }

  /** Operations written before `cutoffIso` and not yet completed (oldest first by opId is not needed). */
  async pendingBefore(cutoffIso: string, max = 50): Promise<OutboxOp[]> {
    const page = await readPage(this.client, odata`PartitionKey eq ${this.programId} and createdAt le ${cutoffIso}`, max, undefined, (e) => ({
      opId: e.rowKey ?? "",
      projectId: str(e, "projectId") ?? "",
      subject: str(e, "subject"),
      createdAt: str(e, "createdAt") ?? "",
      effects: getJson(e, "effects", z.array(EffectSchema)) ?? [],
    }));
    return page.items;
  }
}

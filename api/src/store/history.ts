/**
 * ProjectHistory table — every change to an effort (who, when, what).
 *
 * Keys: PartitionKey = `${programId}|${projectId}`, RowKey = `${invertedMillis(at)}|${opId}`.
 * Query: "latest 100 entries of one effort, newest first" = the first page of one partition.
 * The RowKey is deterministic per operation, so applying the same operation twice (a retry, or the outbox sweep
 * after a crash) writes the same row again instead of a duplicate.
 */
import { z } from "zod";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { HistoryEntrySchema, type HistoryEntry } from "../contracts/index.js";
import { getJson, invertedMillis, readPage, str } from "./table.js";

export class HistoryRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private pk(projectId: string): string {
    return `${this.programId}|${projectId}`;
  }

  async append(projectId: string, opId: string, entry: HistoryEntry): Promise<void> {
    await this.client.upsertEntity(
      {
        partitionKey: this.pk(projectId),
        rowKey: `${invertedMillis(entry.at)}|${opId}`,
        at: entry.at,
        by: entry.by,
        action: entry.action,
        summary: entry.summary,
        changedFields: JSON.stringify(entry.changedFields),
      },
      "Replace",
    );
  }

  async latest(projectId: string, max = 100): Promise<HistoryEntry[]> {
    const page = await readPage(this.client, odata`PartitionKey eq ${this.pk(projectId)}`, max, undefined, (e) =>
      HistoryEntrySchema.safeParse({
        at: str(e, "at"),
        by: str(e, "by"),
        action: str(e, "action"),
        summary: str(e, "summary"),
        changedFields: getJson(e, "changedFields", z.array(z.string())) ?? [],
      }),
    );
    return page.items.filter((r) => r.success).map((r) => r.data);
  }
}

/**
 * Idempotency table — `Idempotency-Key` of `POST /api/projects` → the effort it created.
 *
 * Keys: PartitionKey = programId, RowKey = sha256(`${userEmail}\n${key}`) (hex; the raw key never becomes a key).
 * The row is written BEFORE the effort, with the effort id chosen up front: a retry finds the row and either
 * returns the effort (200) or, if the first attempt died in between, finishes creating it under the same id.
 */
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { getOrNull, insertIfAbsent, str } from "./table.js";

export class IdempotencyRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private rk(userEmail: string, key: string): string {
    return createHash("sha256").update(`${userEmail.toLowerCase()}\n${key}`).digest("hex");
  }

  /** Returns the project id bound to the key: the existing one, or `projectId` if this call bound it. */
  async bind(userEmail: string, key: string, projectId: string, at: string): Promise<{ projectId: string; fresh: boolean }> {
    const rowKey = this.rk(userEmail, key);
    const created = await insertIfAbsent(this.client, { partitionKey: this.programId, rowKey, projectId, createdAt: at });
    if (created) return { projectId, fresh: true };
    const existing = await getOrNull(this.client, this.programId, rowKey);
    const bound = existing ? str(existing, "projectId") : undefined;
    if (!bound) throw new Error("idempotency row vanished");
    return { projectId: bound, fresh: false };
  }
}

/**
 * Meta table — small per-program singletons.
 *
 * Keys: PartitionKey = programId, RowKey = name:
 *  - `seed`: the seed marker (written after a complete seed; its presence means "do not seed again").
 *  - `programOfficeChannel`: which conversation is the program office channel (property `key`).
 * Each is a point read; updates are ETag-guarded.
 */
import type { TableClient } from "@azure/data-tables";
import { getOrNull, insert, updateWithEtag, type EntityResult } from "./table.js";

export class MetaRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  get(name: string): Promise<EntityResult | null> {
    return getOrNull(this.client, this.programId, name);
  }

  /** Creates or replaces the row: with the ETag of the version read, or as a new row (AlreadyExistsError on a race). */
  async put(name: string, values: Record<string, string | number | boolean>, etag?: string): Promise<string> {
    const entity = { partitionKey: this.programId, rowKey: name, ...values };
    return etag ? updateWithEtag(this.client, entity, etag, "Replace", `meta ${name}`) : insert(this.client, entity, `meta ${name}`);
  }
}

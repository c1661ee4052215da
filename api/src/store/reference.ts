/**
 * Reference table — the small lists the program office edits (SPEC 2): parties, program areas, criteria, …
 *
 * Keys: PartitionKey = `${programId}|${kind}`, RowKey = item id.
 * Query: "all items of a kind" = one partition read (each kind is a short list); "one item" = point read.
 * Properties: data (JSON of the item without id), name, sortOrder (for readability in Storage Explorer).
 */
import { z } from "zod";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { referenceItemSchemas, ReferenceKindSchema, type ReferenceData, type ReferenceKind } from "../contracts/index.js";
import { getJson, getOrNull, insert, insertIfAbsent, readPartition, updateWithEtag, type EntityResult } from "./table.js";

export type ReferenceItem = { id: string; name: string; sortOrder: number } & Record<string, unknown>;
export type VersionedItem = ReferenceItem & { etag: string };

export class ReferenceRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private pk(kind: ReferenceKind): string {
    return `${this.programId}|${kind}`;
  }

  private toItem(kind: ReferenceKind, e: EntityResult): VersionedItem | null {
    const data = getJson(e, "data", z.record(z.string(), z.unknown())) ?? {};
    const parsed = referenceItemSchemas[kind].safeParse({ ...data, id: e.rowKey });
    if (!parsed.success) return null;
    return { ...(parsed.data as ReferenceItem), etag: e.etag };
  }

  private toEntity(kind: ReferenceKind, item: ReferenceItem) {
    const { id, ...rest } = item;
    return { partitionKey: this.pk(kind), rowKey: id, name: item.name, sortOrder: item.sortOrder, data: JSON.stringify(rest) };
  }

  async listKind(kind: ReferenceKind): Promise<VersionedItem[]> {
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.pk(kind)}`);
    return rows
      .map((e) => this.toItem(kind, e))
      .filter((x): x is VersionedItem => x !== null)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "sv"));
  }

  async listAll(): Promise<ReferenceData> {
    const kinds = ReferenceKindSchema.options;
    const lists = await Promise.all(kinds.map((k) => this.listKind(k)));
    const out: Record<string, VersionedItem[]> = {};
    kinds.forEach((k, i) => {
      out[k] = lists[i] ?? [];
    });
    return out as unknown as ReferenceData;
  }

  async get(kind: ReferenceKind, id: string): Promise<VersionedItem | null> {
    const e = await getOrNull(this.client, this.pk(kind), id);
    return e ? this.toItem(kind, e) : null;
  }

  /** New item; an existing id → AlreadyExistsError. */
  async create(kind: ReferenceKind, item: ReferenceItem): Promise<VersionedItem> {
    const etag = await insert(this.client, this.toEntity(kind, item), `${kind}/${item.id}`);
    return { ...item, etag };
  }

  /** Replaces the item if `etag` is still current (ConcurrencyError otherwise). */
  async update(kind: ReferenceKind, item: ReferenceItem, etag: string): Promise<VersionedItem> {
    const newEtag = await updateWithEtag(this.client, this.toEntity(kind, item), etag, "Replace", `${kind}/${item.id}`);
    return { ...item, etag: newEtag };
  }

  async createIfAbsent(kind: ReferenceKind, item: ReferenceItem): Promise<boolean> {
    return insertIfAbsent(this.client, this.toEntity(kind, item));
  }
}

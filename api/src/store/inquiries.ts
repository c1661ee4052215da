/**
 * Inquiries table — the shared mailbox's inquiries, their sweep index and the rule's settings.
 *
 * Two tables. `Inquiries` holds the inquiries and small per-program rows; `InquiryIndex` holds only the sweep's
 * indexes, so reading them never touches (or, on Azurite, scans past) the closed inquiries, however many there are.
 *
 * Keys: PartitionKey = programId; RowKey by kind of row (the `open|` and `ret|` rows live in InquiryIndex):
 *  - `i|<id>`: one inquiry; `id` is the mail's `candidate.key` (a hash of its Internet message id), so inserting with
 *    `insertIfAbsent` makes each mail an inquiry exactly once however often it is delivered or re-read. Columns:
 *    `data` (JSON, validated on read), `status` (for the server-side list filter). Updates are ETag-guarded.
 *  - `open|<dueAt ISO>|<id>`: the index of inquiries the sweep still has to watch (unanswered, not yet escalated),
 *    ordered by due time, with `nextAt` (the reminder's time until it is sent, then the due time): the sweep reads
 *    an inquiry only once its `nextAt` has come, so on a quiet minute it reads this index and nothing else. Deleted when the inquiry is answered or escalated, so the sweep reads only these rows and
 *    its cost does not grow with closed inquiries. A row whose inquiry is closed (crash between the two writes) is
 *    removed by the next sweep.
 *  - `ret|<receivedAt ISO>|<id>`: inquiries whose excerpt is still kept, ordered by receipt, for the retention sweep.
 *  - `conv|<hash of Graph conversation id>`: which inquiry a Graph conversation belongs to (replies by conversation).
 *  - `settings`: the program's inquiry settings (JSON `data`, ETag-guarded).
 */
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { z } from "zod";
import {
  DEFAULT_INQUIRY_SETTINGS,
  EmailSchema,
  InquirySchema,
  InquirySettingsSchema,
  type InquirySettings,
  type InquiryStatus,
  type Page,
} from "../contracts/index.js";
import { deleteIfPresent, getJson, getOrNull, insert, insertIfAbsent, readPage, readPartition, str, updateWithEtag } from "./table.js";

/** What is stored of an inquiry: the contract's fields plus the rule's bookkeeping. */
export const StoredInquirySchema = InquirySchema.omit({ etag: true }).extend({
  remindAt: z.string(),
  remindedAt: z.string().nullable(),
  answeredNote: z.string().nullable(),
  answeredBy: z.string().nullable(),
  /** Whether the channel was told about it (inquiry_received enqueued, or left in the outbox to be). */
  announced: z.boolean(),
  /** The last operations written with their notifications through the outbox (it asks whether one happened). */
  recentOps: z.array(z.string()).default([]),
  assignedBy: EmailSchema.nullable(),
  conversationId: z.string().nullable(),
});
export type StoredInquiry = z.infer<typeof StoredInquirySchema>;
export interface InquiryRecord {
  inquiry: StoredInquiry;
  etag: string;
}

const SettingsDataSchema = InquirySettingsSchema.omit({ etag: true });

export function conversationKey(conversationId: string): string {
  return createHash("sha256").update(conversationId).digest("hex").slice(0, 40);
}

export class InquiriesRepository {
  constructor(
    private readonly client: TableClient,
    private readonly index: TableClient,
    private readonly programId: string,
  ) {}

  private row(rowKey: string, values: Record<string, unknown>): { partitionKey: string; rowKey: string } & Record<string, unknown> {
    return { partitionKey: this.programId, rowKey, ...values };
  }

  private static openKey(inquiry: Pick<StoredInquiry, "id" | "dueAt">): string {
    return `open|${inquiry.dueAt}|${inquiry.id}`;
  }

  /** Inserts the inquiry unless one with its id exists. Returns true when it wrote. */
  insertIfAbsent(inquiry: StoredInquiry): Promise<boolean> {
    return insertIfAbsent(this.client, this.row(`i|${inquiry.id}`, { data: JSON.stringify(inquiry), status: inquiry.status, receivedAt: inquiry.receivedAt }));
  }

  async get(id: string): Promise<InquiryRecord | null> {
    const entity = await getOrNull(this.client, this.programId, `i|${id}`);
    if (!entity) return null;
    const inquiry = getJson(entity, "data", StoredInquirySchema);
    if (!inquiry) return null;
    return { inquiry, etag: entity.etag };
  }

  /** Replaces the inquiry with the ETag of the version read (ConcurrencyError when stale). Returns the new ETag. */
  update(inquiry: StoredInquiry, etag: string): Promise<string> {
    return updateWithEtag(
      this.client,
      this.row(`i|${inquiry.id}`, { data: JSON.stringify(inquiry), status: inquiry.status, receivedAt: inquiry.receivedAt }),
      etag,
      "Replace",
      `inquiry ${inquiry.id}`,
    );
  }

  /** One page of inquiries; `open`: all but the answered ones. */
  async list(status: InquiryStatus | "open" | undefined, pageSize: number, continuationToken: string | undefined): Promise<Page<InquiryRecord>> {
    const base = odata`PartitionKey eq ${this.programId} and RowKey ge ${"i|"} and RowKey lt ${"i}"}`;
    const statusFilter = status === "open" ? odata`status ne ${"answered"}` : status ? odata`status eq ${status}` : undefined;
    const filter = statusFilter ? `${base} and ${statusFilter}` : base;
    return readPage(this.client, filter, pageSize, continuationToken, (e) => ({
      inquiry: getJson(e, "data", StoredInquirySchema) ?? failRow(e.rowKey),
      etag: e.etag,
    }));
  }

  /** Every inquiry (for the monthly statistics; bounded by `max`). */
  async all(max = 5000): Promise<StoredInquiry[]> {
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.programId} and RowKey ge ${"i|"} and RowKey lt ${"i}"}`, max);
    return rows.map((e) => getJson(e, "data", StoredInquirySchema) ?? failRow(e.rowKey));
  }

  /**
   * Writes (or rewrites) the inquiry's open-index row with `nextAt`, when the sweep next has something to do for
   * it (the reminder, then the due time), so the sweep need not read inquiries before then.
   */
  async putOpen(inquiry: Pick<StoredInquiry, "id" | "dueAt" | "remindAt" | "remindedAt">): Promise<void> {
    const nextAt = inquiry.remindedAt || inquiry.remindAt >= inquiry.dueAt ? inquiry.dueAt : inquiry.remindAt;
    await this.index.upsertEntity(this.row(InquiriesRepository.openKey(inquiry), { inquiryId: inquiry.id, nextAt }), "Replace");
  }

  async deleteOpen(inquiry: Pick<StoredInquiry, "id" | "dueAt">): Promise<void> {
    await deleteIfPresent(this.index, this.programId, InquiriesRepository.openKey(inquiry));
  }

  /** The inquiries the sweep watches, earliest due first, with when each next needs it (null: unknown, read it). */
  async openRows(max = 5000): Promise<Array<{ id: string; nextAt: string | null }>> {
    const rows = await readPartition(this.index, odata`PartitionKey eq ${this.programId} and RowKey ge ${"open|"} and RowKey lt ${"open}"}`, max);
    return rows.map((e) => ({ id: str(e, "inquiryId") ?? "", nextAt: str(e, "nextAt") ?? null })).filter((r) => r.id.length > 0);
  }

  async putRetention(inquiry: Pick<StoredInquiry, "id" | "receivedAt">): Promise<void> {
    await this.index.upsertEntity(this.row(`ret|${inquiry.receivedAt}|${inquiry.id}`, { inquiryId: inquiry.id }), "Replace");
  }

  /** Retention rows of inquiries received before `cutoffIso`. */
  async retainedBefore(cutoffIso: string, max = 500): Promise<Array<{ rowKey: string; id: string }>> {
    const rows = await readPartition(this.index, odata`PartitionKey eq ${this.programId} and RowKey ge ${"ret|"} and RowKey lt ${`ret|${cutoffIso}`}`, max);
    return rows.map((e) => ({ rowKey: e.rowKey ?? "", id: str(e, "inquiryId") ?? "" }));
  }

  /** Deletes an index row (retention rows once their excerpt is gone). */
  async deleteIndexRow(rowKey: string): Promise<void> {
    await deleteIfPresent(this.index, this.programId, rowKey);
  }

  async linkConversation(conversationId: string, id: string): Promise<void> {
    await insertIfAbsent(this.client, this.row(`conv|${conversationKey(conversationId)}`, { inquiryId: id }));
  }

  async byConversation(conversationId: string): Promise<string | null> {
    const entity = await getOrNull(this.client, this.programId, `conv|${conversationKey(conversationId)}`);
    return entity ? (str(entity, "inquiryId") ?? null) : null;
  }

  async settings(): Promise<{ settings: InquirySettings; etag: string | null }> {
    const entity = await getOrNull(this.client, this.programId, "settings");
    if (!entity) return { settings: DEFAULT_INQUIRY_SETTINGS, etag: null };
    return { settings: getJson(entity, "data", SettingsDataSchema) ?? DEFAULT_INQUIRY_SETTINGS, etag: entity.etag };
  }

  /** Writes the settings: with the ETag read, or as the first version (AlreadyExistsError on a race). */
  putSettings(settings: InquirySettings, etag: string | null): Promise<string> {
    const { etag: _omit, ...data } = settings;
    const entity = this.row("settings", { data: JSON.stringify(data) });
    return etag ? updateWithEtag(this.client, entity, etag, "Replace", "inquiry settings") : insert(this.client, entity, "inquiry settings");
  }
}

function failRow(rowKey: string | undefined): never {
  throw new Error(`inquiry row ${String(rowKey)} has no data`);
}

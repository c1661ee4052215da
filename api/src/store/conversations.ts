/**
 * Conversations table — the bot's conversation references (the bot keeps no state of its own, ARCHITECTURE).
 *
 * Keys:
 *  - a conversation: PartitionKey = programId, RowKey = key = first 32 hex chars of sha256(conversationId).
 *  - personal-chat index: PartitionKey = `${programId}|user`, RowKey = user email → property `key`.
 * Queries: "the conversation with id X" and "the personal chat of user Y" are point reads.
 * Properties: conversationId, kind, updatedAt, doc (JSON of the ConversationRefInput; `reference` is opaque).
 * Which conversation is the program office channel lives in the Meta table (one marker), so marking a new one
 * unmarks the previous one in a single write.
 */
import { z } from "zod";
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { ConversationRefInputSchema, type ConversationRefInput } from "../contracts/index.js";
import { getJson, getOrNull, insert, putJson, str, updateWithEtag } from "./table.js";

export function conversationKey(conversationId: string): string {
  return createHash("sha256").update(conversationId).digest("hex").slice(0, 32);
}

export interface StoredConversation {
  key: string;
  input: ConversationRefInput;
  updatedAt: string;
  etag: string;
}

export class ConversationsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  async get(key: string): Promise<StoredConversation | null> {
    const e = await getOrNull(this.client, this.programId, key);
    if (!e) return null;
    const parsed = ConversationRefInputSchema.safeParse(getJson(e, "doc", z.unknown()));
    if (!parsed.success) return null;
    return { key, input: parsed.data, updatedAt: str(e, "updatedAt") ?? "", etag: e.etag };
  }

  /** Creates or replaces (ETag-guarded) the reference; returns the stored version and whether it was new. */
  async upsert(input: ConversationRefInput, at: string): Promise<{ stored: StoredConversation; created: boolean }> {
    const key = conversationKey(input.conversationId);
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: key,
      conversationId: input.conversationId,
      kind: input.kind,
      updatedAt: at,
    };
    putJson(entity, "doc", input);
    const typed = entity as { partitionKey: string; rowKey: string };
    const existing = await getOrNull(this.client, this.programId, key);
    const etag = existing ? await updateWithEtag(this.client, typed, existing.etag, "Replace", "conversation") : await insert(this.client, typed, "conversation");
    if (input.kind === "personal" && input.userEmail) {
      await this.client.upsertEntity({ partitionKey: `${this.programId}|user`, rowKey: input.userEmail.toLowerCase(), key, updatedAt: at }, "Replace");
    }
    return { stored: { key, input, updatedAt: at, etag }, created: existing === null };
  }

  /** The personal chat with a user, if the bot has one. */
  async keyForUser(email: string): Promise<string | null> {
    const e = await getOrNull(this.client, `${this.programId}|user`, email.toLowerCase());
    return e ? (str(e, "key") ?? null) : null;
  }
}

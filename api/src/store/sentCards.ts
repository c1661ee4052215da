/**
 * SentCards table — every conversation a card went to, with the activity id Teams gave it, so the card can be
 * updated in place everywhere (an escalation's outcome shows on every copy, not only where a button was pressed).
 *
 * Keys: PartitionKey = programId, RowKey = `${sha256(cardKey)[0..32]}|${sha256(conversationId)[0..32]}`: the copies
 * of one card are one RowKey range; one conversation holds one copy per card (a second send there replaces it).
 * Writes are unconditional upserts: the row is derived bookkeeping, and the newest copy is the one to update.
 */
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { SentCardSchema, type SentCard, type SentCardInput } from "../contracts/index.js";
import { readPartition, str } from "./table.js";

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

export class SentCardsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  async put(cardKey: string, input: SentCardInput, at: string): Promise<SentCard> {
    const card: SentCard = { ...input, cardKey, updatedAt: at };
    await this.client.upsertEntity(
      {
        partitionKey: this.programId,
        rowKey: `${hash(cardKey)}|${hash(input.conversationId)}`,
        cardKey,
        conversationId: input.conversationId,
        serviceUrl: input.serviceUrl,
        activityId: input.activityId,
        updatedAt: at,
        ...(input.tenantId ? { tenantId: input.tenantId } : {}),
        ...(input.locale ? { locale: input.locale } : {}),
      },
      "Replace",
    );
    return card;
  }

  async list(cardKey: string): Promise<SentCard[]> {
    const prefix = `${hash(cardKey)}|`;
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.programId} and RowKey ge ${prefix} and RowKey lt ${`${hash(cardKey)}}`}`, 500);
    return rows
      .map((e) =>
        SentCardSchema.safeParse({
          cardKey: str(e, "cardKey"),
          conversationId: str(e, "conversationId"),
          serviceUrl: str(e, "serviceUrl"),
          activityId: str(e, "activityId"),
          updatedAt: str(e, "updatedAt"),
          ...(str(e, "tenantId") ? { tenantId: str(e, "tenantId") } : {}),
          ...(str(e, "locale") ? { locale: str(e, "locale") } : {}),
        }),
      )
      .filter((r) => r.success)
      .map((r) => r.data)
      .filter((c) => c.cardKey === cardKey);
  }
}

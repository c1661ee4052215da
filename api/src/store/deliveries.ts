/**
 * Deliveries table — the bot's bookkeeping per notification, so each notification is sent once.
 *
 * Keys: PartitionKey = programId, RowKey = encodeURIComponent(notificationId) (ids contain `:`; `/ \ # ?` are not
 * allowed in keys, and the encoding is reversible). A claim is a point read plus an ETag-guarded create/replace.
 * Listing by outcome ("who was not reached") filters on the `outcome` column on the server.
 */
import { z } from "zod";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { DeliverySchema, type Delivery, type DeliveryOutcome, type Page } from "../contracts/index.js";
import { getJson, getOrNull, insert, readPage, updateWithEtag, type EntityResult } from "./table.js";

export interface StoredDelivery {
  delivery: Delivery;
  etag: string;
}

export class DeliveriesRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  static rowKey(notificationId: string): string {
    return encodeURIComponent(notificationId);
  }

  private toEntity(d: Delivery) {
    return {
      partitionKey: this.programId,
      rowKey: DeliveriesRepository.rowKey(d.notificationId),
      notificationId: d.notificationId,
      outcome: d.outcome,
      updatedAt: d.updatedAt,
      doc: JSON.stringify(d),
    };
  }

  private toStored(e: EntityResult): StoredDelivery | null {
    const parsed = DeliverySchema.safeParse(getJson(e, "doc", z.unknown()));
    return parsed.success ? { delivery: parsed.data, etag: e.etag } : null;
  }

  async get(notificationId: string): Promise<StoredDelivery | null> {
    const e = await getOrNull(this.client, this.programId, DeliveriesRepository.rowKey(notificationId));
    return e ? this.toStored(e) : null;
  }

  async create(d: Delivery): Promise<StoredDelivery> {
    const etag = await insert(this.client, this.toEntity(d), `delivery ${d.notificationId}`);
    return { delivery: d, etag };
  }

  async replace(d: Delivery, etag: string): Promise<StoredDelivery> {
    const newEtag = await updateWithEtag(this.client, this.toEntity(d), etag, "Replace", `delivery ${d.notificationId}`);
    return { delivery: d, etag: newEtag };
  }

  async list(outcome: DeliveryOutcome | undefined, pageSize: number, continuationToken: string | undefined): Promise<Page<Delivery>> {
    let filter = odata`PartitionKey eq ${this.programId}`;
    if (outcome) filter += ` and ${odata`outcome eq ${outcome}`}`;
    const page = await readPage(this.client, filter, pageSize, continuationToken, (e) => this.toStored(e));
    return {
      items: page.items.filter((x): x is StoredDelivery => x !== null).map((x) => x.delivery),
      continuationToken: page.continuationToken,
    };
  }
}

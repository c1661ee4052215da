/**
 * Deliveries table — the bot's bookkeeping per notification, so each notification is sent once.
 *
 * Keys: PartitionKey = programId, RowKey = encodeURIComponent(notificationId) (ids contain `:`; `/ \ # ?` are not
 * allowed in keys, and the encoding is reversible). A claim is a point read plus an ETag-guarded create/replace.
 * Listing by outcome ("who was not reached") filters on the `outcome` column on the server. The notification itself
 * is kept beside the delivery (`notification`, JSON) so the program office can send it again.
 */
import { z } from "zod";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { DeliverySchema, NotificationSchema, type Delivery, type DeliveryOutcome, type Notification, type Page } from "../contracts/index.js";
import { getJson, getOrNull, insert, putJson, readPage, updateWithEtag, type EntityResult } from "./table.js";

export interface StoredDelivery {
  delivery: Delivery;
  etag: string;
  notification?: Notification | undefined;
}

export class DeliveriesRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  static rowKey(notificationId: string): string {
    return encodeURIComponent(notificationId);
  }

  private toEntity(d: Delivery, notification: Notification | undefined) {
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: DeliveriesRepository.rowKey(d.notificationId),
      notificationId: d.notificationId,
      outcome: d.outcome,
      updatedAt: d.updatedAt,
      doc: JSON.stringify(d),
    };
    if (notification) putJson(entity, "notification", notification);
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  private toStored(e: EntityResult): StoredDelivery | null {
    const parsed = DeliverySchema.safeParse(getJson(e, "doc", z.unknown()));
    if (!parsed.success) return null;
    const notification = NotificationSchema.safeParse(getJson(e, "notification", z.unknown()));
    return { delivery: parsed.data, etag: e.etag, notification: notification.success ? notification.data : undefined };
  }

  async get(notificationId: string): Promise<StoredDelivery | null> {
    const e = await getOrNull(this.client, this.programId, DeliveriesRepository.rowKey(notificationId));
    return e ? this.toStored(e) : null;
  }

  async create(d: Delivery, notification?: Notification): Promise<StoredDelivery> {
    const etag = await insert(this.client, this.toEntity(d, notification), `delivery ${d.notificationId}`);
    return { delivery: d, etag, notification };
  }

  /** Replaces the delivery if `etag` is current; the kept notification stays unless a newer one is given. */
  async replace(d: Delivery, etag: string, notification: Notification | undefined): Promise<StoredDelivery> {
    const newEtag = await updateWithEtag(this.client, this.toEntity(d, notification), etag, "Replace", `delivery ${d.notificationId}`);
    return { delivery: d, etag: newEtag, notification };
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

import type { QueueClient} from "@azure/storage-queue";
import { QueueServiceClient } from "@azure/storage-queue";
import { encodeNotificationMessage, type Notification } from "../contracts/index.js";

/** Where notifications for the bot go (ARCHITECTURE: the API reaches people only through the bot, via a queue). */
export interface NotificationQueue {
  send(notification: Notification): Promise<void>;
}

/**
 * Azure Storage Queue (Azurite locally) on the same connection string as the tables. The message text is the
 * base64 of the notification's UTF-8 JSON (see contracts/bot.ts `decodeNotificationMessage`).
 */
export class StorageNotificationQueue implements NotificationQueue {
  constructor(private readonly client: QueueClient) {}

  static fromConnectionString(connectionString: string, queueName: string): StorageNotificationQueue {
    return new StorageNotificationQueue(QueueServiceClient.fromConnectionString(connectionString).getQueueClient(queueName));
  }

  async ensure(): Promise<void> {
    await this.client.createIfNotExists();
  }

  async send(notification: Notification): Promise<void> {
    // Never expires (-1): a notification waits out any outage; only the bot's recorded outcome ends it.
    await this.client.sendMessage(encodeNotificationMessage(notification), { messageTimeToLive: -1 });
  }
}

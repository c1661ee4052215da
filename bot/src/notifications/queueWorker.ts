import type { QueueClient, DequeuedMessageItem } from "@azure/storage-queue";
import { redeliveryDelaySeconds } from "./retryPolicy.js";
import { NotificationSchema, NotificationTargetSchema, type Notification } from "@naravard/api/contracts";
import type { Deliverer, Disposition, NotificationLog } from "./delivery.js";

/**
 * Consumes the `notifications` Azure Storage Queue: receives up to 32 messages at a time, hands each to the
 * deliverer (concurrently, up to `maxInFlight`), and deletes a message only after its outcome is recorded
 * (at-least-once from the queue; the deliverer makes the effect idempotent). While a message is being worked
 * on its visibility is extended, so a long rate-limit wait or retry never lets it reappear; if the bot dies,
 * it reappears after at most one visibility timeout.
 */

export interface QueueWorkerOptions {
  queue: QueueClient;
  deliverer: Deliverer;
  log?: NotificationLog;
  /** Messages worked on at once. Default 64 (more than a second's worth at 50/s). */
  maxInFlight?: number;
  /** Default 32, the queue's maximum per receive. */
  batchSize?: number;
  /** Default 60 s, extended every third of it while a message is in flight. */
  visibilityTimeoutSeconds?: number;
  /**
   * Back-off of a message kept after a transient failure (API, storage or Teams unavailable): it comes back after
   * base · 2^(dequeues−1) seconds, at most cap. No number of failures deletes it; only an outcome does.
   * Default 2 s and 1 h.
   */
  redeliveryBaseSeconds?: number;
  redeliveryCapSeconds?: number;
  /** Polling back-off while the queue is empty. Default 250 ms doubling to 2 s. */
  idleMinMs?: number;
  idleMaxMs?: number;
}

export type Decoded = { ok: true; notification: Notification } | { ok: false; error: string; raw: unknown };

/** Message text is base64 of the notification JSON (plain JSON is accepted too). */
export function decodeMessage(text: string): Decoded {
  const trimmed = text.trim();
  const json = trimmed.startsWith("{") ? trimmed : Buffer.from(trimmed, "base64").toString("utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: "message is neither JSON nor base64 of JSON", raw: undefined };
  }
  const parsed = NotificationSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, error: `invalid notification: ${issues}`.slice(0, 1500), raw };
  }
  return { ok: true, notification: parsed.data };
}

export class QueueWorker {
  private readonly log: NotificationLog;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private readonly visibility: number;
  private readonly redeliveryBaseSeconds: number;
  private readonly redeliveryCapSeconds: number;
  private readonly idleMinMs: number;
  private readonly idleMaxMs: number;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Work per notification id in this process: a duplicate waits for the first, then finds it done. */
  private readonly byId = new Map<string, Promise<unknown>>();
  private wake: (() => void) | undefined;
  private waitingForSlot = false;

  constructor(private readonly options: QueueWorkerOptions) {
    this.log = options.log ?? (() => undefined);
    this.maxInFlight = options.maxInFlight ?? 64;
    this.batchSize = Math.min(32, options.batchSize ?? 32);
    this.visibility = options.visibilityTimeoutSeconds ?? 60;
    this.redeliveryBaseSeconds = options.redeliveryBaseSeconds ?? 2;
    this.redeliveryCapSeconds = options.redeliveryCapSeconds ?? 3600;
    this.idleMinMs = options.idleMinMs ?? 250;
    this.idleMaxMs = options.idleMaxMs ?? 2000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stops receiving, then waits for every message in flight to be settled (recorded and deleted, or released). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.resume();
    await this.loop;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    let delay = this.idleMinMs;
    while (!this.stopping) {
      try {
        await this.options.queue.createIfNotExists();
        break;
      } catch (err) {
        this.log("warn", "notification queue not reachable; retrying", { error: errorText(err), retryInMs: delay });
        await this.pause(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
    let idle = this.idleMinMs;
    while (!this.stopping) {
      const capacity = this.maxInFlight - this.inFlight.size;
      if (capacity <= 0) {
        await this.untilSlotFreeOrStop();
        continue;
      }
      let items: DequeuedMessageItem[];
      try {
        const res = await this.options.queue.receiveMessages({
          numberOfMessages: Math.min(this.batchSize, capacity),
          visibilityTimeout: this.visibility,
        });
        items = res.receivedMessageItems;
      } catch (err) {
        this.log("warn", "receiving from the notification queue failed", { error: errorText(err) });
        await this.pause(this.idleMaxMs);
        continue;
      }
      if (items.length === 0) {
        await this.pause(idle);
        idle = Math.min(idle * 2, this.idleMaxMs);
        continue;
      }
      idle = this.idleMinMs;
      for (const item of items) {
        const work = this.handle(item).finally(() => {
          this.inFlight.delete(work);
          if (this.waitingForSlot) this.resume();
        });
        this.inFlight.add(work);
      }
    }
  }

  private async handle(item: DequeuedMessageItem): Promise<void> {
    const held = new HeldMessage(this.options.queue, item, this.visibility, this.log);
    let disposition: Disposition;
    try {
      disposition = await this.decide(item);
    } catch (err) {
      // API or storage trouble: keep the message; it comes back later (sooner on early tries), however long it lasts.
      const visibleInSeconds = redeliveryDelaySeconds(item.dequeueCount, this.redeliveryBaseSeconds, this.redeliveryCapSeconds);
      this.log("error", "notification processing failed; it will be retried", { messageId: item.messageId, error: errorText(err), visibleInSeconds });
      disposition = { action: "release", visibleInSeconds };
    }
    await held.settle(disposition);
  }

  private async decide(item: DequeuedMessageItem): Promise<Disposition> {
    const decoded = decodeMessage(item.messageText);
    const { deliverer } = this.options;
    if (!decoded.ok) {
      // Poison: never crashes the loop, never comes back.
      this.log("error", "unreadable notification dropped", { messageId: item.messageId, error: decoded.error });
      const salvage = salvageIdentity(decoded.raw);
      if (salvage) return deliverer.giveUp(salvage, decoded.error, item.messageId);
      return { action: "delete" };
    }
    const n = decoded.notification;
    if (item.dequeueCount > 20) {
      // Still kept (only an outcome ends a notification), but someone should look at why it does not get through.
      this.log("error", "notification keeps failing; it stays queued and is retried", { notificationId: n.id, dequeueCount: item.dequeueCount });
    }
    const before = this.byId.get(n.id) ?? Promise.resolve();
    const run = () => deliverer.deliver(n, { stopping: () => this.stopping, messageId: item.messageId, dequeueCount: item.dequeueCount });
    const work = before.then(run, run);
    const settled = work.catch(() => undefined);
    this.byId.set(n.id, settled);
    void settled.then(() => {
      if (this.byId.get(n.id) === settled) this.byId.delete(n.id);
    });
    return work;
  }

  /** Waits `ms`, or less if stopped. Only the loop waits, so one wake slot suffices. */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.resume(), ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Waits until a message in flight is settled, or stop. */
  private untilSlotFreeOrStop(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.waitingForSlot = true;
    return new Promise((resolve) => {
      this.wake = () => {
        this.waitingForSlot = false;
        resolve();
      };
    });
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Keeps a received message invisible while it is worked on, then deletes or releases it. */
class HeldMessage {
  private popReceipt: string;
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly queue: QueueClient,
    private readonly item: DequeuedMessageItem,
    private readonly visibility: number,
    private readonly log: NotificationLog,
  ) {
    this.popReceipt = item.popReceipt;
    this.timer = setInterval(() => void this.update(this.visibility), (visibility * 1000) / 3);
    this.timer.unref();
  }

  private update(seconds: number): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        const res = await this.queue.updateMessage(this.item.messageId, this.popReceipt, undefined, seconds);
        if (res.popReceipt) this.popReceipt = res.popReceipt;
      } catch (err) {
        this.log("warn", "could not extend/release a notification message", { messageId: this.item.messageId, error: errorText(err) });
      }
    });
    return this.chain;
  }

  async settle(disposition: Disposition): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
    if (disposition.action === "release") {
      await this.update(disposition.visibleInSeconds);
      return;
    }
    try {
      await this.queue.deleteMessage(this.item.messageId, this.popReceipt);
    } catch (err) {
      // Lost the message (its visibility ran out and someone else has it): they will find it done and delete it.
      this.log("warn", "could not delete a handled notification message", { messageId: this.item.messageId, error: errorText(err) });
    }
  }
}

function salvageIdentity(raw: unknown): { id: string; kind: string; target: Notification["target"] } | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const target = NotificationTargetSchema.safeParse(r.target);
  if (typeof r.id !== "string" || r.id.length === 0 || r.id.length > 200 || !target.success) return undefined;
  return { id: r.id, kind: typeof r.kind === "string" ? r.kind.slice(0, 100) : "unknown", target: target.data };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

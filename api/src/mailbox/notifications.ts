import { createHash, timingSafeEqual } from "node:crypto";
import { silentLogger, type Logger } from "../services/log.js";
import { GRAPH_FOLDERS, type GraphFolder } from "./graphDelta.js";

/**
 * The receiving end of Graph's change notifications (`POST /api/mailbox/notifications`). The route is anonymous,
 * so it trusts nothing it is told: a notification only says "read this folder now", the delta reader then reads
 * Graph itself with the managed identity, and the sink is idempotent per Internet message id. Answers carry no data.
 *
 * - Validation handshake: `?validationToken=…` → 200 `text/plain` with the token, decoded, as Graph requires.
 * - Notifications: each item's `clientState` must equal our secret; others are ignored (still 202, so a caller
 *   learns nothing). Graph wants 202 within a few seconds, so the sync runs after the answer, coalesced.
 * - Lifecycle notifications (the same URL is the subscriptions' `lifecycleNotificationUrl`; same secret): `missed`
 *   reads the folder now; `subscriptionRemoved` reads it and has the next timer run subscribe anew;
 *   `reauthorizationRequired` has the next timer run renew the subscription (a renewal reauthorizes it).
 */
export interface NotificationAnswer {
  status: 200 | 202;
  headers: Record<string, string>;
  body: string;
}

export interface NotificationTarget {
  clientState: string;
  /** Which folder a subscription id watches; null when unknown (then both folders are read). */
  folderOf(subscriptionId: string): Promise<GraphFolder | null>;
  request(folders: readonly GraphFolder[]): void;
  /** A lifecycle event of one of our subscriptions (see above); unknown subscriptions and events change nothing. */
  lifecycle(subscriptionId: string, event: LifecycleEvent): Promise<void>;
}

export const LIFECYCLE_EVENTS = ["missed", "subscriptionRemoved", "reauthorizationRequired"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];
const isLifecycleEvent = (value: unknown): value is LifecycleEvent => (LIFECYCLE_EVENTS as readonly unknown[]).includes(value);

/** Graph's validation tokens are short; anything beyond this is not one. */
const MAX_TOKEN_LENGTH = 1024;
/** A batch of notifications is a few kilobytes; more is not Graph. */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
/** Constant-time comparison, so the secret cannot be learned from response times. */
export function sameSecret(given: unknown, secret: string): boolean {
  return typeof given === "string" && timingSafeEqual(digest(given), digest(secret));
}

interface NotificationItem {
  subscriptionId?: unknown;
  clientState?: unknown;
  lifecycleEvent?: unknown;
}

/** Answers one request to the notification URL; `target` null (no subscriptions configured) acts on nothing. */
export async function answerNotification(
  input: { validationToken: string | null; body: string },
  target: NotificationTarget | null,
  logger: Logger = silentLogger,
): Promise<NotificationAnswer> {
  if (input.validationToken !== null) {
    // URLSearchParams has already decoded it; Graph checks the answer equals the token it sent.
    return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: input.validationToken.slice(0, MAX_TOKEN_LENGTH) };
  }
  const accepted: NotificationAnswer = { status: 202, headers: {}, body: "" };
  if (!target || input.body.length > MAX_NOTIFICATION_BYTES) return accepted;
  let items: NotificationItem[];
  try {
    const parsed = JSON.parse(input.body) as { value?: unknown };
    items = Array.isArray(parsed.value) ? (parsed.value as unknown[]).filter((v): v is NotificationItem => typeof v === "object" && v !== null) : [];
  } catch {
    return accepted;
  }
  const folders = new Set<GraphFolder>();
  let ignored = 0;
  for (const item of items) {
    if (!sameSecret(item.clientState, target.clientState)) {
      ignored += 1;
      continue;
    }
    const folder = typeof item.subscriptionId === "string" ? await target.folderOf(item.subscriptionId) : null;
    if (item.lifecycleEvent !== undefined) {
      if (!isLifecycleEvent(item.lifecycleEvent) || typeof item.subscriptionId !== "string") continue;
      await target.lifecycle(item.subscriptionId, item.lifecycleEvent);
      // Mail may have come while notifications were missed or the subscription was gone.
      if (item.lifecycleEvent === "reauthorizationRequired") continue;
    }
    for (const f of folder ? [folder] : GRAPH_FOLDERS) folders.add(f);
  }
  if (ignored > 0) logger.warn(`${ignored} ändringsnotiser med fel clientState ignorerades`);
  if (folders.size > 0) target.request(GRAPH_FOLDERS.filter((f) => folders.has(f)));
  return accepted;
}

export interface CoalescingSync {
  request(folders: readonly GraphFolder[]): void;
  /** Resolves when nothing is waiting or running (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Runs the sync after `delayMs`, once for every request made meanwhile: a burst of notifications (Graph sends one
 * per message) becomes one read. A request during a run is read by one more run after it, never by a parallel one.
 */
export function coalescingSync(
  run: (folders: readonly GraphFolder[]) => Promise<void>,
  options: { delayMs?: number; logger?: Logger } = {},
): CoalescingSync {
  const delayMs = options.delayMs ?? 1000;
  const logger = options.logger ?? silentLogger;
  const pending = new Set<GraphFolder>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (timer || running || pending.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const schedule = () => {
    if (timer || running) return;
    timer = setTimeout(() => {
      timer = null;
      // Inbox before Sent Items, so a reply read in the same run finds the inquiry it answers.
      const folders = GRAPH_FOLDERS.filter((f) => pending.has(f));
      pending.clear();
      running = run(folders)
        .catch((error: unknown) => logger.warn("Läsningen efter en ändringsnotis misslyckades; timern försöker igen", error))
        .finally(() => {
          running = null;
          if (pending.size > 0) schedule();
          else settle();
        });
    }, delayMs);
  };

  return {
    request(folders) {
      for (const f of folders) pending.add(f);
      if (pending.size > 0) schedule();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
  };
}

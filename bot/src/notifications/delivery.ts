import {
  ApiError,
  DeliveryOutcomeSchema,
  type ApiClient,
  type ConversationRef,
  type Delivery,
  type Locale,
  type Notification,
  type NotificationTarget,
} from "@naravard/api/contracts";
import type { DeliveryJournal, JournalResult } from "./journal.js";
import type { ConnectorSender, SendResult } from "./sender.js";
import type { RenderedNotification } from "./cards.js";
import { isTransientFailure, redeliveryDelaySeconds } from "./retryPolicy.js";
import { cardKeyOf, rememberSentCard, updateSentCards, type SentCardStore } from "./sentCards.js";

/**
 * One notification from queue message to recorded outcome, idempotently:
 *
 *   journal: this message already recorded? → drop it.   claim (API) → 409 final outcome (sent, forbidden): drop it;
 *   409 live lease elsewhere: let it reappear.
 *   journal says the connector already answered (a takeover after a crash)? → record that, do not resend.
 *   resolve conversation → 404: record no_conversation.   render card → send (rate limited, retried)
 *   → journal `done` (fsync) → record outcome (API) → journal `recorded` → delete the queue message.
 *
 * The queue worker deletes the message only on `{ action: "delete" }`, i.e. after the outcome is recorded.
 */

export type Disposition = { action: "delete" } | { action: "release"; visibleInSeconds: number };

export type NotificationApi = Pick<ApiClient, "claimDelivery" | "resolveConversation" | "recordDelivery">;

export type NotificationLog = (level: "info" | "warn" | "error", message: string, data?: Record<string, unknown>) => void;

export interface DeliveryEvent {
  notificationId: string;
  kind: string;
  outcome: JournalResult["outcome"] | "duplicate" | "released";
  attempts: number;
  lastStatus?: number;
  /** True when the outcome came from the journal after a takeover, without a new send. */
  fromJournal?: boolean;
  /** From the start of this delivery attempt to its end (ms). */
  elapsedMs?: number;
}

export interface DelivererOptions {
  api: NotificationApi;
  sender: ConnectorSender;
  journal: DeliveryJournal;
  render: (n: Notification, locale: Locale) => RenderedNotification;
  localeOf: (ref: ConversationRef) => Locale;
  /** Where sent copies of changing cards are kept (escalations): records each send, updates them all on a change. */
  cards?: SentCardStore;
  /** Claim lease. Longer than the worst-case send (rate-limit wait + retries); renewed before an attempt if it runs low. */
  leaseSeconds?: number;
  log?: NotificationLog;
  /** Wall clock (ms) for leases. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  observe?: (event: DeliveryEvent) => void;
  /** Back-off of a kept message after a transient failure: base · 2^(dequeues−1) seconds, at most cap. */
  redeliveryBaseSeconds?: number;
  redeliveryCapSeconds?: number;
}

export interface DeliverContext {
  /** True once the worker is stopping: a message not yet claimed is released instead. */
  stopping?: () => boolean;
  /** The queue message's id (stable across redeliveries of that message); ties journal entries to it. */
  messageId?: string;
  /** How often the queue has handed this message out; spaces out retries after transient failures. */
  dequeueCount?: number;
}

export interface Deliverer {
  deliver(n: Notification, ctx?: DeliverContext): Promise<Disposition>;
  /** An unreadable message (it can never be sent): record `failed` unless it already has an outcome. */
  giveUp(n: { id: string; kind: string; target: NotificationTarget }, reason: string, messageId?: string): Promise<Disposition>;
}

function isRetryLater(entry: { state: string; result?: JournalResult }): boolean {
  return entry.state !== "sending" && entry.result?.outcome === "failed" && isTransientFailure(entry.result.lastStatus);
}

/** A journal entry belongs to this message unless both carry different queue message ids. */
function sameMessage(entryMessageId: string | undefined, messageId: string | undefined): boolean {
  return entryMessageId === undefined || messageId === undefined || entryMessageId === messageId;
}

/**
 * Why a claim answered 409, from the answer's body (`delivery` per `DeliveryClaimConflictSchema`, else a detail
 * `outcome`, else its message): `done` — it has a final outcome (sent, or the user blocked the bot), drop the message;
 * `leased` — another worker holds a live lease, let the message come back; `unknown` — treated like `leased`.
 */
export function claimConflict(err: ApiError): { reason: "done" | "leased" | "unknown"; outcome?: string; claimedUntil?: string } {
  const body = err.body as ApiError["body"] & { delivery?: Partial<Delivery> };
  const outcome =
    body.delivery?.outcome ?? body.details.find((d) => d.field === "outcome" || d.field === "delivery.outcome")?.message;
  const parsed = DeliveryOutcomeSchema.safeParse(outcome);
  if (parsed.success) {
    if (parsed.data === "sending") return { reason: "leased", outcome: parsed.data, claimedUntil: body.delivery?.claimedUntil };
    return { reason: "done", outcome: parsed.data };
  }
  const text = err.body.message.toLowerCase();
  if (/already sent|redan skickad|redan levererad|already delivered/.test(text)) return { reason: "done", outcome: "sent" };
  if (/lease|claimed|another instance|pågår|upptagen|annan instans|in progress/.test(text)) {
    return { reason: "leased", claimedUntil: body.delivery?.claimedUntil };
  }
  return { reason: "unknown" };
}

const isApiStatus = (err: unknown, status: number): err is ApiError => err instanceof ApiError && err.status === status;

export function createDeliverer(options: DelivererOptions): Deliverer {
  const { api, sender, journal } = options;
  const leaseMs = (options.leaseSeconds ?? 300) * 1000;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log: NotificationLog = options.log ?? (() => undefined);
  const observe = options.observe ?? (() => undefined);
  const redeliveryBaseSeconds = options.redeliveryBaseSeconds ?? 2;
  const redeliveryCapSeconds = options.redeliveryCapSeconds ?? 3600;
  /** Renew before the lease has this little left; must exceed one request's timeout in production. */
  const renewMarginMs = Math.min(45_000, leaseMs * 0.4);

  type Claim = { ok: true; leaseEnd: number; claimId: string } | { ok: false; reason: "done" | "leased" | "unknown"; disposition: Disposition };

  /** Claims before sending; the full notification goes along so the program office can send it again later. */
  async function claim(n: { id: string; kind: string; target: NotificationTarget }, notification?: Notification): Promise<Claim> {
    const before = clock();
    try {
      const delivery = await api.claimDelivery(n.id, { kind: n.kind, target: n.target, leaseSeconds: leaseMs / 1000, ...(notification ? { notification } : {}) });
      return { ok: true, leaseEnd: before + leaseMs, claimId: delivery.claimId ?? "" };
    } catch (err) {
      if (!isApiStatus(err, 409)) throw err;
      const conflict = claimConflict(err);
      if (conflict.reason === "done") {
        observe({ notificationId: n.id, kind: n.kind, outcome: "duplicate", attempts: 0 });
        return { ok: false, reason: "done", disposition: { action: "delete" } };
      }
      // Someone else holds a live lease (or we cannot tell): let the message reappear when it may have ended.
      const until = conflict.claimedUntil ? Date.parse(conflict.claimedUntil) : Number.NaN;
      const seconds = Number.isNaN(until) ? leaseMs / 1000 : Math.ceil((until - clock()) / 1000) + 1;
      const visibleInSeconds = Math.min(Math.max(seconds, 1), leaseMs / 1000 + 1);
      log("info", "notification claimed elsewhere; will retry later", { notificationId: n.id, reason: conflict.reason, visibleInSeconds });
      observe({ notificationId: n.id, kind: n.kind, outcome: "released", attempts: 0 });
      return { ok: false, reason: conflict.reason, disposition: { action: "release", visibleInSeconds } };
    }
  }

  /**
   * The journal is a safety net, not the record: if it cannot be written (disk full), log it and go on, so the
   * outcome still reaches the API (only the crash protection of this one send is lost).
   */
  async function safely(what: string, id: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      log("error", `delivery journal: could not write ${what}`, { notificationId: id, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Records through the API, retrying a few times quickly; throws if the API stays unreachable. */
  async function record(id: string, result: JournalResult, messageId: string | undefined, claimId: string): Promise<void> {
    const input = {
      outcome: result.outcome,
      claimId,
      attempts: Math.min(result.attempts, 1000),
      lastStatus: result.lastStatus,
      lastError: result.lastError?.slice(0, 2000),
      activityId: result.activityId,
    };
    const delays = [100, 500, 2000];
    for (let i = 0; ; i++) {
      try {
        await api.recordDelivery(id, input);
        break;
      } catch (err) {
        // A 4xx other than a transient one will not heal by retrying.
        const retryable = !(err instanceof ApiError) || err.status >= 500 || err.status === 429 || err.status === 408;
        if (!retryable || i >= delays.length) throw err;
        await sleep(delays[i] as number);
      }
    }
    await safely("recorded", id, () => journal.markRecorded(id, result, messageId));
  }

  async function finish(
    n: { id: string; kind: string },
    result: JournalResult,
    fromJournal: boolean,
    startedAt: number | undefined,
    messageId: string | undefined,
    claimId: string,
    dequeueCount = 1,
  ): Promise<Disposition> {
    await record(n.id, result, messageId, claimId);
    observe({
      notificationId: n.id,
      kind: n.kind,
      outcome: result.outcome,
      attempts: result.attempts,
      lastStatus: result.lastStatus,
      fromJournal,
      elapsedMs: startedAt === undefined ? undefined : clock() - startedAt,
    });
    if (result.outcome !== "sent") log("warn", `notification not delivered: ${result.outcome}`, { notificationId: n.id, ...result });
    if (result.outcome === "failed" && isTransientFailure(result.lastStatus)) {
      // Teams stayed unavailable through every retry: recorded as failed for the program office, but the message is
      // kept and tried again later, so a long outage never loses a notification.
      return { action: "release", visibleInSeconds: redeliveryDelaySeconds(dequeueCount, redeliveryBaseSeconds, redeliveryCapSeconds) };
    }
    return { action: "delete" };
  }

  async function deliver(n: Notification, ctx: DeliverContext = {}): Promise<Disposition> {
    const startedAt = clock();
    const messageId = ctx.messageId;
    // The journal speaks only about this very queue message (a redelivery of it), never about a different
    // message with the same notification id: that could be a stale entry from another environment.
    const entry = journal.get(n.id);
    // A journal entry of a send that failed transiently says nothing final: the message was kept to be sent again.
    const known = entry && sameMessage(entry.messageId, messageId) && !isRetryLater(entry) ? entry : undefined;
    if (known?.state === "recorded") {
      // This message was handled and recorded; only its deletion was lost.
      observe({ notificationId: n.id, kind: n.kind, outcome: "duplicate", attempts: 0 });
      return { action: "delete" };
    }
    if (ctx.stopping?.()) return { action: "release", visibleInSeconds: 0 };

    const claimed = await claim(n, n);
    if (!claimed.ok) return claimed.disposition;
    let leaseEnd = claimed.leaseEnd;
    let claimId = claimed.claimId;
    const dequeueCount = ctx.dequeueCount ?? 1;

    if (known?.state === "done") {
      // We crashed (or the API was unreachable) after the connector answered and before the API had the
      // outcome. The connector's answer is in the journal: record it, do not send again.
      log("info", "recording an outcome from the journal after a takeover", { notificationId: n.id, outcome: known.result.outcome });
      return finish(n, known.result, true, startedAt, messageId, claimId, dequeueCount);
    }
    if (known?.state === "sending") {
      log("warn", "taking over a notification whose earlier send may or may not have reached Teams; sending again (at-least-once)", {
        notificationId: n.id,
      });
    }

    if (n.target.kind === "sentCards") return updateEverywhere(n, n.target.cardKey, startedAt, messageId, claimId, dequeueCount);

    let ref: ConversationRef;
    try {
      ref = await api.resolveConversation(n.target);
    } catch (err) {
      if (!isApiStatus(err, 404)) throw err;
      const result: JournalResult = { outcome: "no_conversation", attempts: 0, lastStatus: 404, lastError: "no conversation reference for the target" };
      await safely("done", n.id, () => journal.markDone(n.id, result, messageId));
      return finish(n, result, false, startedAt, messageId, claimId, dequeueCount);
    }

    const locale = options.localeOf(ref);
    const { attachment, summary } = options.render(n, locale);
    const tenantId = ref.tenantId ?? tenantOf(ref.reference);

    await safely("sending", n.id, () => journal.markSending(n.id, messageId));
    const sent: SendResult = await sender.send(
      { serviceUrl: ref.serviceUrl, conversationId: ref.conversationId, tenantId },
      { type: "message", attachments: [attachment], summary, locale },
      {
        // Our claim must outlive the request we are about to make; checked again right before it.
        stillValid: () => clock() < leaseEnd - renewMarginMs,
        beforeAttempt: async () => {
          if (clock() < leaseEnd - renewMarginMs) return true;
          // The claim ran low (long rate-limit wait or retries). A live lease cannot be extended, so let it lapse
          // and claim again; if another worker took it over meanwhile, stop: it sends.
          const wait = leaseEnd - clock() + 250;
          if (wait > 0) await sleep(wait);
          const again = await claim(n, n);
          if (!again.ok) return false;
          leaseEnd = again.leaseEnd;
          claimId = again.claimId;
          return true;
        },
      },
    );
    if (sent.outcome === "abandoned") {
      log("info", "claim lost to another worker; leaving the notification to it", { notificationId: n.id });
      return { action: "release", visibleInSeconds: Math.ceil(leaseMs / 1000) };
    }
    const result: JournalResult =
      sent.outcome === "sent"
        ? { outcome: "sent", attempts: sent.attempts, lastStatus: sent.lastStatus, activityId: sent.activityId }
        : { outcome: sent.outcome, attempts: sent.attempts, lastStatus: sent.lastStatus, lastError: sent.lastError };
    await safely("done", n.id, () => journal.markDone(n.id, result, messageId));
    const cardKey = cardKeyOf(n);
    if (sent.outcome === "sent" && cardKey && sent.activityId && options.cards) {
      const store = options.cards;
      const activityId = sent.activityId;
      // Without this record the copy would not be updated later; the send itself stands either way.
      await rememberSentCard(store, cardKey, ref, activityId, locale).catch((err: unknown) =>
        log("error", "could not record a sent card; it will not be updated in place", { notificationId: n.id, error: err instanceof Error ? err.message : String(err) }),
      );
    }
    return finish(n, result, false, startedAt, messageId, claimId, dequeueCount);
  }

  /** A `sentCards` notification: redraw every recorded copy of the card in place. */
  async function updateEverywhere(
    n: Notification,
    cardKey: string,
    startedAt: number,
    messageId: string | undefined,
    claimId: string,
    dequeueCount: number,
  ): Promise<Disposition> {
    let result: JournalResult;
    if (!options.cards) {
      result = { outcome: "failed", attempts: 0, lastError: "no store of sent cards configured" };
    } else {
      const outcome = await updateSentCards(options.cards, sender, cardKey, (locale) => options.render(n, locale));
      result =
        outcome.failed === 0
          ? { outcome: "sent", attempts: outcome.attempts, ...(outcome.lastStatus !== undefined ? { lastStatus: outcome.lastStatus } : {}) }
          : { outcome: "failed", attempts: outcome.attempts, lastStatus: outcome.lastStatus, lastError: `${outcome.failed} of ${outcome.failed + outcome.updated} copies not updated: ${outcome.lastError ?? ""}` };
    }
    await safely("done", n.id, () => journal.markDone(n.id, result, messageId));
    return finish(n, result, false, startedAt, messageId, claimId, dequeueCount);
  }

  async function giveUp(n: { id: string; kind: string; target: NotificationTarget }, reason: string, messageId?: string): Promise<Disposition> {
    const entry = journal.get(n.id);
    const known = entry && sameMessage(entry.messageId, messageId) ? entry : undefined;
    if (known?.state === "recorded") return { action: "delete" };
    const claimed = await claim(n);
    // 409 with a final outcome (or unreadable): never overwrite it. 409 live lease: the holder may have crashed,
    // so let the message come back once more after the lease instead of losing the notification.
    if (!claimed.ok) return claimed.reason === "leased" ? claimed.disposition : { action: "delete" };
    if (known?.state === "done") return finish(n, known.result, true, undefined, messageId, claimed.claimId);
    // Unreadable for good: a permanent failure (status 400), recorded and dropped.
    const result: JournalResult = { outcome: "failed", attempts: 0, lastStatus: 400, lastError: reason };
    await safely("done", n.id, () => journal.markDone(n.id, result, messageId));
    return finish(n, result, false, undefined, messageId, claimed.claimId);
  }

  return { deliver, giveUp };
}

function tenantOf(reference: Record<string, unknown>): string | undefined {
  const conversation = reference.conversation;
  if (typeof conversation === "object" && conversation !== null && "tenantId" in conversation && typeof conversation.tenantId === "string") {
    return conversation.tenantId;
  }
  return undefined;
}

import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  ConversationRef,
  ConversationRefInput,
  Delivery,
  DeliveryClaimInputSchema,
  DeliveryListQuery,
  DeliveryResultInputSchema,
  NotificationTarget,
  Page,
} from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { DomainErrors } from "../domain/errors.js";
import type { ConversationsRepository, StoredConversation } from "../store/conversations.js";
import { conversationKey } from "../store/conversations.js";
import type { DeliveriesRepository } from "../store/deliveries.js";
import { AlreadyExistsError, ConcurrencyError } from "../store/errors.js";
import type { MetaRepository } from "../store/meta.js";
import { str } from "../store/table.js";
import type { NotificationQueue } from "./queue.js";

type ClaimInput = z.output<typeof DeliveryClaimInputSchema>;
type ResultInput = z.output<typeof DeliveryResultInputSchema>;

const PROGRAM_OFFICE_CHANNEL = "programOfficeChannel";

/** A delivery being sent under a claim that has not run out: nobody else may claim or re-drive it now. */
function leaseIsLive(d: Delivery, now: Date): boolean {
  return d.outcome === "sending" && d.claimedUntil !== undefined && new Date(d.claimedUntil).getTime() > now.getTime();
}

/**
 * The bot's bookkeeping kept by the API (the bot itself is stateless): conversation references, the program office
 * channel, and per-notification delivery claims so a notification is sent once even with several bot instances.
 */
/** How far back a person's undelivered cards are sent again when they first chat with the bot. */
const REDRIVE_WINDOW_MS = 14 * 24 * 3600_000;

export class BotService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly meta: MetaRepository,
    private readonly clock: Clock,
    private readonly queue: NotificationQueue,
  ) {}

  private async programOfficeKey(): Promise<string | null> {
    const row = await this.meta.get(PROGRAM_OFFICE_CHANNEL);
    return row ? (str(row, "key") ?? null) : null;
  }

  private toRef(stored: StoredConversation, pocKey: string | null): ConversationRef {
    return { ...stored.input, key: stored.key, isProgramOfficeChannel: stored.key === pocKey, updatedAt: stored.updatedAt, etag: stored.etag };
  }

  async putConversation(input: ConversationRefInput): Promise<{ ref: ConversationRef; created: boolean }> {
    const nowIso = this.clock().toISOString();
    let result: { stored: StoredConversation; created: boolean } | undefined;
    for (let attempt = 0; attempt < 3 && !result; attempt++) {
      try {
        result = await this.conversations.upsert(input, nowIso);
      } catch (error) {
        // Two bot instances saving the same conversation at once: read again and retry.
        if (!(error instanceof ConcurrencyError || error instanceof AlreadyExistsError) || attempt === 2) throw error;
      }
    }
    if (!result) throw DomainErrors.internal("retries exhausted");
    if (result.created && input.kind === "personal" && input.userEmail) {
      const who = input.userEmail.toLowerCase();
      await this.redriveWaiting((t) => t.kind === "user" && t.email.toLowerCase() === who);
    }
    return { ref: this.toRef(result.stored, await this.programOfficeKey()), created: result.created };
  }

  /**
   * A person's first chat with the bot (they opened the app, or the Playground, after the cards were due), or the
   * program office channel once it is named: what could not reach them for want of a conversation goes back on the
   * queue, so a reminder, survey card or new inquiry sent before is not lost. Only recent ones: a card from months
   * ago would be noise. The claim's ETag keeps it to one.
   */
  private async redriveWaiting(isFor: (target: NotificationTarget) => boolean): Promise<void> {
    const since = this.clock().getTime() - REDRIVE_WINDOW_MS;
    let token: string | undefined;
    do {
      const page = await this.deliveries.list("no_conversation", 100, token);
      for (const d of page.items) {
        if (!isFor(d.target) || !d.retryable) continue;
        if (new Date(d.updatedAt).getTime() < since) continue;
        await this.retry(d.notificationId, "skickas igen: mottagaren har nu en chatt med boten").catch(() => undefined); // taken meanwhile, or no longer kept: nothing to re-drive
      }
      token = page.continuationToken ?? undefined;
    } while (token);
  }

  /** Marks the conversation as the program office channel; the previous one is no longer it. */
  async markProgramOfficeChannel(conversationId: string, by: string): Promise<ConversationRef> {
    const key = conversationKey(conversationId);
    const stored = await this.conversations.get(key);
    if (!stored) {
      throw DomainErrors.notFound({
        sv: "Konversationen är okänd. Boten sparar den först (PUT /api/bot/conversations).",
        en: "Unknown conversation. The bot saves it first (PUT /api/bot/conversations).",
      });
    }
    const existing = await this.meta.get(PROGRAM_OFFICE_CHANNEL);
    const values = { key, setBy: by, setAt: this.clock().toISOString() };
    try {
      await this.meta.put(PROGRAM_OFFICE_CHANNEL, values, existing?.etag);
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) throw DomainErrors.stale();
      throw error;
    }
    // Cards for the channel that came before it was named (a mail on the first day) arrive now.
    if ((existing ? str(existing, "key") : undefined) !== key) await this.redriveWaiting((t) => t.kind === "programOfficeChannel");
    return this.toRef(stored, key);
  }

  async resolve(target: NotificationTarget): Promise<ConversationRef | null> {
    const pocKey = await this.programOfficeKey();
    if (target.kind === "sentCards") return null; // not one conversation: the bot updates each sent copy
    const key = target.kind === "programOfficeChannel" ? pocKey : await this.conversations.keyForUser(target.email);
    if (!key) return null;
    const stored = await this.conversations.get(key);
    if (!stored) return null;
    // A chat that now belongs to someone else (local mode's `som`, a renamed account) is not this person's: their card
    // would land with another user. They count as not reached until they chat with the bot themselves.
    if (target.kind === "user" && stored.input.userEmail?.toLowerCase() !== target.email.toLowerCase()) return null;
    return this.toRef(stored, pocKey);
  }

  private conflict(delivery: Delivery, reason: "sent" | "forbidden" | "sending" | "claimLost") {
    const text = {
      sent: { sv: "Notifieringen är redan skickad.", en: "The notification has already been sent." },
      forbidden: {
        sv: "Mottagaren har blockerat eller avinstallerat boten; notifieringen skickas inte igen.",
        en: "The recipient blocked or uninstalled the bot; the notification is not sent again.",
      },
      sending: { sv: "Notifieringen skickas just nu av en annan instans.", en: "Another instance is sending the notification right now." },
      claimLost: {
        sv: "Utfallet hör till ett anspråk som inte längre gäller; en annan instans har tagit över notifieringen.",
        en: "The outcome belongs to a claim that no longer holds; another instance has taken the notification over.",
      },
    }[reason];
    return DomainErrors.conflict(text, { delivery });
  }

  /**
   * Claim before sending. Absent → created as `sending` with a lease. `sent` or `forbidden` → 409. `sending` with a
   * live lease → 409. An expired lease, `failed` or `no_conversation` → taken over (ETag-guarded; losing the race → 409).
   */
  async claim(notificationId: string, input: ClaimInput): Promise<Delivery> {
    const now = this.clock();
    const claimedUntil = new Date(now.getTime() + input.leaseSeconds * 1000).toISOString();
    const claimId = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.deliveries.get(notificationId);
      if (!existing) {
        const delivery: Delivery = {
          notificationId,
          kind: input.kind,
          target: input.target,
          outcome: "sending",
          attempts: 0,
          claimedUntil,
          claimId,
          retryable: input.notification !== undefined,
          updatedAt: now.toISOString(),
        };
        try {
          return (await this.deliveries.create(delivery, input.notification)).delivery;
        } catch (error) {
          if (error instanceof AlreadyExistsError) continue;
          throw error;
        }
      }
      const d = existing.delivery;
      if (d.outcome === "sent" || d.outcome === "forbidden") throw this.conflict(d, d.outcome);
      if (leaseIsLive(d, now)) throw this.conflict(d, "sending");
      const notification = input.notification ?? existing.notification;
      const taken: Delivery = { ...d, kind: input.kind, target: input.target, outcome: "sending", claimedUntil, claimId, retryable: notification !== undefined, updatedAt: now.toISOString() };
      try {
        return (await this.deliveries.replace(taken, existing.etag, notification)).delivery;
      } catch (error) {
        if (error instanceof ConcurrencyError) {
          const current = await this.deliveries.get(notificationId);
          throw this.conflict(current?.delivery ?? d, "sending");
        }
        throw error;
      }
    }
    const last = await this.deliveries.get(notificationId);
    if (last) throw this.conflict(last.delivery, "sending");
    throw DomainErrors.internal("retries exhausted");
  }

  /** Records the outcome of a claimed notification (404 if it was never claimed). */
  async recordResult(notificationId: string, input: ResultInput): Promise<Delivery> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.deliveries.get(notificationId);
      if (!existing) {
        throw DomainErrors.notFound({
          sv: "Notifieringen är inte hämtad (claim) och kan inte få ett utfall.",
          en: "The notification has not been claimed and cannot get an outcome.",
        });
      }
      // Fencing: only the current claim may record, and a sent notification stays sent.
      if (existing.delivery.claimId !== input.claimId || existing.delivery.outcome !== "sending") {
        throw this.conflict(existing.delivery, existing.delivery.outcome === "sent" ? "sent" : "claimLost");
      }
      const { claimedUntil: _released, lastStatus: _s, lastError: _e, activityId: _a, ...rest } = existing.delivery;
      const next: Delivery = {
        ...rest,
        outcome: input.outcome,
        attempts: input.attempts,
        ...(input.lastStatus !== undefined ? { lastStatus: input.lastStatus } : {}),
        ...(input.lastError !== undefined ? { lastError: input.lastError } : {}),
        ...(input.activityId !== undefined ? { activityId: input.activityId } : {}),
        updatedAt: this.clock().toISOString(),
      };
      next.retryable = next.outcome !== "sent" && existing.notification !== undefined;
      try {
        return (await this.deliveries.replace(next, existing.etag, existing.notification)).delivery;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt === 2) throw error;
      }
    }
    throw DomainErrors.internal("retries exhausted");
  }

  /**
   * The program office sends a notification that did not arrive again (`POST /api/deliveries/{id}/retry`): the kept
   * notification goes back on the queue, and the bot's next claim takes the failed delivery over. A sent one → 409;
   * one still being sent → 409; one whose notification was not kept → 409 saying so.
   */
  async retry(notificationId: string, why = "skickas igen på begäran"): Promise<Delivery> {
    const existing = await this.deliveries.get(notificationId);
    if (!existing) throw DomainErrors.notFound({ sv: "Det finns ingen sådan notifiering.", en: "There is no such notification." });
    const d = existing.delivery;
    if (d.outcome === "sent") throw this.conflict(d, "sent");
    if (leaseIsLive(d, this.clock())) throw this.conflict(d, "sending");
    if (!existing.notification) {
      throw DomainErrors.conflict(
        { sv: "Notifieringen sparades inte och kan inte skickas igen.", en: "The notification was not kept and cannot be sent again." },
        { delivery: d },
      );
    }
    await this.queue.send(existing.notification);
    const next: Delivery = { ...d, lastError: `${d.lastError ? `${d.lastError} · ` : ""}${why}`.slice(0, 2000), updatedAt: this.clock().toISOString() };
    return (await this.deliveries.replace(next, existing.etag, existing.notification)).delivery;
  }

  listDeliveries(query: DeliveryListQuery): Promise<Page<Delivery>> {
    return this.deliveries.list(query.outcome, query.pageSize, query.continuationToken);
  }
}

import type { ApiClient, ConversationRef, Locale, Notification, SentCard } from "@naravard/api/contracts";
import type { CardAttachment } from "../cards/render.js";
import type { ConnectorSender, SendResult } from "./sender.js";

/**
 * "Update a sent card everywhere" — the shared piece for escalations now and risks and inquiries next.
 *
 * A card that may change after it was sent (an escalation acknowledged, escalated, decided) carries a `cardKey`
 * (`escalation:{id}`). After each send the bot records the copy — conversation and activity id — through the API
 * (`PUT /api/bot/cards/{cardKey}`). When the thing changes, the API queues a notification with the target
 * `{kind: "sentCards", cardKey}`; the bot then redraws the card once per recorded copy, in that copy's language,
 * and updates it in place (`PUT …/activities/{activityId}`), within the same rate limits as every send.
 */

export type SentCardStore = Pick<ApiClient, "listSentCards" | "recordSentCard">;

/** The card key a notification's card is kept under, if it is one that changes later. */
export function cardKeyOf(n: Notification): string | undefined {
  return "cardKey" in n ? n.cardKey : undefined;
}

/** Records where a card went, so later changes reach this copy too. */
export async function rememberSentCard(store: SentCardStore, cardKey: string, ref: ConversationRef, activityId: string, locale: Locale): Promise<void> {
  await store.recordSentCard(cardKey, {
    conversationId: ref.conversationId,
    serviceUrl: ref.serviceUrl,
    activityId,
    locale,
    ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
  });
}

export interface UpdateOutcome {
  /** Copies updated, and copies that could not be (gone, blocked, failed after retries). */
  updated: number;
  failed: number;
  attempts: number;
  lastStatus?: number;
  lastError?: string;
}

/**
 * Redraws every recorded copy of a card. A copy that cannot be updated (the user blocked the bot, the message was
 * deleted) is reported, never retried forever: the others are still updated.
 */
export async function updateSentCards(
  store: SentCardStore,
  sender: ConnectorSender,
  cardKey: string,
  render: (locale: Locale) => { attachment: CardAttachment; summary: string },
): Promise<UpdateOutcome> {
  const { items } = await store.listSentCards(cardKey);
  const outcome: UpdateOutcome = { updated: 0, failed: 0, attempts: 0 };
  for (const copy of items) {
    const result = await updateOne(sender, copy, render(copy.locale ?? "sv"));
    outcome.attempts += result.attempts;
    if (result.lastStatus !== undefined) outcome.lastStatus = result.lastStatus;
    if (result.outcome === "sent") outcome.updated++;
    else {
      outcome.failed++;
      outcome.lastError = result.lastError;
    }
  }
  return outcome;
}

function updateOne(sender: ConnectorSender, copy: SentCard, rendered: { attachment: CardAttachment; summary: string }): Promise<SendResult> {
  return sender.send(
    { serviceUrl: copy.serviceUrl, conversationId: copy.conversationId, activityId: copy.activityId, ...(copy.tenantId ? { tenantId: copy.tenantId } : {}) },
    { type: "message", id: copy.activityId, attachments: [rendered.attachment], summary: rendered.summary },
  );
}

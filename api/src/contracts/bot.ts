import { z } from "zod";
import { EmailSchema, ErrorBodySchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";
import { ProjectStatusSchema } from "./projects.js";
import { EscalationCardDataSchema } from "./escalations.js";
import { SurveyKindSchema, SurveyQuestionSchema } from "./surveys.js";
import { InquiryAssigneeSchema, InquiryStatusSchema } from "./inquiries.js";

/**
 * Conversation references the bot keeps through the API (`PUT /api/bot/conversations`, bot identity only).
 * `reference` is botbuilder's ConversationReference as JSON; the API stores it opaquely.
 */
export const ConversationKindSchema = z.enum(["personal", "groupChat", "channel"]);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

export const ConversationRefInputSchema = z.object({
  conversationId: z.string().min(1).max(1000),
  kind: ConversationKindSchema,
  serviceUrl: z.string().url().max(2000),
  tenantId: z.string().max(200).optional(),
  /** Personal chats: whose chat this is. */
  userEmail: EmailSchema.optional(),
  userAadObjectId: z.string().max(200).optional(),
  teamId: z.string().max(1000).optional(),
  channelId: z.string().max(1000).optional(),
  name: z.string().max(400).optional(),
  reference: z.record(z.string(), z.unknown()),
});
export type ConversationRefInput = z.infer<typeof ConversationRefInputSchema>;

export const ConversationRefSchema = ConversationRefInputSchema.extend({
  /** Stable key derived from conversationId (hash), usable in URLs and table keys. */
  key: z.string(),
  isProgramOfficeChannel: z.boolean(),
  updatedAt: IsoDateTimeSchema,
  etag: z.string(),
});
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

/** `POST /api/bot/program-office-channel` (programledare, via the bot): mark this conversation. */
export const ProgramOfficeChannelInputSchema = z.object({ conversationId: z.string().min(1).max(1000) });

/**
 * A card sent to several conversations, named so it can be updated in place everywhere (`escalation:{id}`,
 * later `risk:{id}`, `inquiry:{id}`). The bot records each sent copy with `PUT /api/bot/cards/{cardKey}`.
 */
export const CardKeySchema = z.string().regex(/^[a-z_]{1,30}:[a-z0-9_-]{1,80}$/, "ogiltig kortnyckel");

/** Where a notification goes. `sentCards`: not a new message but an update of every sent copy of a card. */
export const NotificationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("programOfficeChannel") }),
  z.object({ kind: z.literal("user"), email: EmailSchema }),
  z.object({ kind: z.literal("sentCards"), cardKey: CardKeySchema }),
]);
export type NotificationTarget = z.infer<typeof NotificationTargetSchema>;

/** What a card about an inquiry shows: sender, subject, times and who has it — never the excerpt. */
const inquiryRef = z.object({
  id: IdSchema,
  from: z.string(),
  fromName: z.string(),
  subject: z.string(),
  receivedAt: IsoDateTimeSchema,
  dueAt: IsoDateTimeSchema,
  assignee: EmailSchema.nullable(),
});

/**
 * Who the channel card's *Tilldela* offers, as the API knew it when it wrote the notification (the same list as
 * `GET /api/inquiries/assignees`), so a card redrawn in place still offers reassigning. Optional: older messages.
 */
const inquiryAssignees = z.array(InquiryAssigneeSchema).max(500).optional();

const projectRef = z.object({ id: IdSchema, name: z.string(), status: ProjectStatusSchema });

/**
 * Messages the API puts on the `notifications` queue (NOTIFICATIONS_QUEUE); the bot turns each into a card.
 *
 * Wire format: the queue message text is the BASE64 (standard alphabet, UTF-8 bytes) of the notification's JSON.
 * Decode with `decodeNotificationMessage`, then parse with `NotificationSchema`.
 * Delivery is at least once: the same `id` may arrive more than once (the API re-enqueues from its outbox after a
 * crash); ids are deterministic (`application_submitted:{projectId}`, `decision_made:{decisionId}`), so the bot
 * claims `POST /api/bot/deliveries/{id}/claim` before sending and sends each id once.
 */
export const NotificationSchema = z.discriminatedUnion("kind", [
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("application_submitted"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    project: projectRef.extend({ applicantEmail: EmailSchema, ownerOrganisationName: z.string(), description: z.string() }),
  }),
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("decision_made"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    project: projectRef,
    decision: z.object({ id: IdSchema, outcome: z.enum(["inkluderad", "avslagen"]), rationale: z.string(), date: IsoDateSchema, bodyName: z.string() }),
  }),
  /**
   * An escalation card for its holders (1:1) or the program office channel: `raised`, `moved` (escalated or
   * returned to new holders), `reminder`. Ids: `escalation:{opId}:{target}`. After sending, the bot records the
   * copy under `cardKey` so later changes update it in place.
   */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("escalation"),
    event: z.enum(["raised", "moved", "reminder"]),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    cardKey: CardKeySchema,
    escalation: EscalationCardDataSchema,
  }),
  /** The escalation changed: update every sent copy of its card (target `sentCards`). */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("escalation_updated"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    cardKey: CardKeySchema,
    escalation: EscalationCardDataSchema,
  }),
  /**
   * Review reminder (PP 9.4): one per owner per review round, id `risk_review_due:{round}:{email}`. The card lists
   * the risks due, each with a Granska action.
   */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("risk_review_due"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    /** The review round, e.g. `2026-11` (monthly) — the same round never reminds the same person twice. */
    round: z.string().max(20),
    risks: z
      .array(
        z.object({
          id: IdSchema,
          title: z.string(),
          value: z.number().int().nullable(),
          level: z.enum(["low", "medium", "high"]).nullable(),
          nextReviewDate: z.string().nullable(),
        }),
      )
      .max(50),
  }),
  /**
   * A round's card to one recipient (and effort), or a reminder to one who has not answered. Ids are deterministic —
   * `survey_request:{roundId}:{targetKey}`, `survey_reminder:{roundId}:{n}:{targetKey}` — so a resend is claimed away.
   */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("survey_request"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    /** 0 = the first card; n ≥ 1 = the n-th reminder. */
    reminder: z.number().int().min(0).max(10),
    survey: z.object({
      id: IdSchema,
      kind: SurveyKindSchema,
      title: z.string(),
      deadline: IsoDateTimeSchema,
      activityName: z.string().optional(),
      projectId: IdSchema.optional(),
      projectName: z.string().optional(),
      questions: z.array(SurveyQuestionSchema),
    }),
  }),
  /** A new inquiry, to the program office channel. Never carries the excerpt (mails may hold health details). */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("inquiry_received"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    /** `inquiry:{id}`: the bot records the channel copy so later changes update it in place (optional: older messages). */
    cardKey: CardKeySchema.optional(),
    inquiry: inquiryRef,
    assignees: inquiryAssignees,
  }),
  /** An inquiry assigned to (or taken by) a change leader, to that person in 1:1 chat. */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("inquiry_assigned"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    inquiry: inquiryRef,
    assignedBy: EmailSchema,
  }),
  /** The due time is near: to the assignee, or to the channel while nobody has it. Once per inquiry. */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("inquiry_reminder"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    inquiry: inquiryRef,
  }),
  /** The inquiry was taken, assigned, answered or breached: update every sent copy of its channel card (target `sentCards`). */
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal("inquiry_updated"),
    programId: IdSchema,
    createdAt: IsoDateTimeSchema,
    target: NotificationTargetSchema,
    cardKey: CardKeySchema,
    inquiry: inquiryRef.extend({ status: InquiryStatusSchema }),
    assignees: inquiryAssignees,
  }),
]);
export type Notification = z.infer<typeof NotificationSchema>;

export const DeliveryOutcomeSchema = z.enum([
  "sending",
  "sent",
  /** 403: the user blocked or uninstalled the bot. Not retried. */
  "forbidden",
  /** No stored conversation reference for the target. */
  "no_conversation",
  /** Gave up after the retry budget (429/5xx). */
  "failed",
]);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>;

/** `PUT /api/bot/cards/{cardKey}` (bot only): one sent copy of a card, so it can be updated in place later. */
export const SentCardInputSchema = z.object({
  conversationId: z.string().min(1).max(1000),
  serviceUrl: z.string().url().max(2000),
  tenantId: z.string().max(200).optional(),
  activityId: z.string().min(1).max(500),
  locale: z.enum(["sv", "en"]).optional(),
});
export type SentCardInput = z.infer<typeof SentCardInputSchema>;
export const SentCardSchema = SentCardInputSchema.extend({ cardKey: CardKeySchema, updatedAt: IsoDateTimeSchema });
export type SentCard = z.infer<typeof SentCardSchema>;

/** `POST /api/bot/deliveries/{notificationId}/claim` (bot only): 200 → go ahead; 409 → already sent. */
export const DeliveryClaimInputSchema = z.object({
  kind: z.string().max(100),
  target: NotificationTargetSchema,
  /** How long the claim holds before another worker may take it over (a crash mid-send). */
  leaseSeconds: z.number().int().min(5).max(3600).default(120),
  /** The notification itself, kept so the program office can send it again (`POST /api/deliveries/{id}/retry`). */
  notification: NotificationSchema.optional(),
});
/** `PUT /api/bot/deliveries/{notificationId}` (bot only): the outcome of one notification. */
export const DeliveryResultInputSchema = z.object({
  outcome: DeliveryOutcomeSchema.exclude(["sending"]),
  /** The claim this outcome belongs to (fencing: a worker whose claim was taken over cannot overwrite). */
  claimId: z.string().min(1).max(100),
  attempts: z.number().int().min(0).max(1000),
  lastStatus: z.number().int().optional(),
  lastError: z.string().max(2000).optional(),
  activityId: z.string().max(500).optional(),
});

export const DeliverySchema = z.object({
  notificationId: z.string(),
  kind: z.string(),
  target: NotificationTargetSchema,
  outcome: DeliveryOutcomeSchema,
  attempts: z.number().int(),
  lastStatus: z.number().int().optional(),
  lastError: z.string().optional(),
  activityId: z.string().optional(),
  claimedUntil: IsoDateTimeSchema.optional(),
  /** The current claim's id; an outcome must name it. */
  claimId: z.string().optional(),
  /** Whether the program office can send it again (the notification was kept and it is not sent). */
  retryable: z.boolean().optional(),
  updatedAt: IsoDateTimeSchema,
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** `GET /api/deliveries` query (program office: who was not reached). */
export const DeliveryListQuerySchema = z.object({
  outcome: DeliveryOutcomeSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;

/** The 409 body of a claim for a notification already sent (or being sent under a live lease): the error shape plus the delivery. */
export const DeliveryClaimConflictSchema = ErrorBodySchema.extend({ delivery: DeliverySchema });
export type DeliveryClaimConflict = z.infer<typeof DeliveryClaimConflictSchema>;

/** Queue message text → JSON value (base64 of UTF-8 JSON). Works in Node and browsers. */
export function decodeNotificationMessage(messageText: string): unknown {
  const binary = atob(messageText);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

/** JSON value → queue message text (base64 of UTF-8 JSON). The API uses this when enqueueing. */
export function encodeNotificationMessage(notification: Notification): string {
  const bytes = new TextEncoder().encode(JSON.stringify(notification));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";

/**
 * Escalations (issue 9, SPEC 3.4, PP 9.5): a question carried up the chain until someone decides; the decision goes
 * into the decision log. Every other part (risks, survey answers, the 36-hour rule) raises one through
 * `POST /api/escalations` with a `source`; while that source's escalation is open, raising it again returns it.
 */

/**
 * The chain, lowest first. Each level is a role: everyone with the role holds it and any of them may act
 * (the steering-group chair's level is also open to the vice chair, who stands in for the chair).
 */
export const EscalationLevelSchema = z.enum(["koordinator", "programledare", "styrgrupp_ordforande", "bestallare"]);
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;
export const ESCALATION_CHAIN: readonly EscalationLevel[] = EscalationLevelSchema.options;

export const EscalationStatusSchema = z.enum(["open", "decided", "closed"]);
export type EscalationStatus = z.infer<typeof EscalationStatusSchema>;

export const EscalationUrgencySchema = z.enum(["normal", "akut"]);
export type EscalationUrgency = z.infer<typeof EscalationUrgencySchema>;

export const EscalationSourceKindSchema = z.enum(["manual", "risk", "inquiry", "survey_answer"]);
export type EscalationSourceKind = z.infer<typeof EscalationSourceKindSchema>;

/** What the escalation is about, when it comes from another part. Ids of other resources may be composite. */
export const EscalationSourceSchema = z.object({
  kind: EscalationSourceKindSchema,
  id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // Printable characters only: the id is hashed into a key, but it is also shown and logged.
    .refine((id) => [...id].every((c) => c.charCodeAt(0) >= 0x20), "ogiltigt id"),
});
export type EscalationSource = z.infer<typeof EscalationSourceSchema>;

/** `POST /api/escalations` (any program role). `Idempotency-Key` protects a manual one against double clicks. */
export const EscalationInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
  urgency: EscalationUrgencySchema.default("normal"),
  projectId: IdSchema.optional(),
  source: EscalationSourceSchema.optional(),
});
export type EscalationInput = z.infer<typeof EscalationInputSchema>;

const reason = z.string().trim().min(1).max(2000);

/** `POST /api/escalations/{id}/actions` with `If-Match`. */
export const EscalationActionInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge"), comment: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal("escalate"), reason }),
  z.object({ action: z.literal("return"), reason }),
  z.object({
    action: z.literal("decide"),
    decision: z.string().trim().min(1).max(2000),
    rationale: z.string().trim().min(1).max(4000),
    /** The deciding body (reference `bodies`); by default the body of the level (see EscalationService). */
    bodyId: IdSchema.optional(),
  }),
  /** Withdrawn: by whoever raised it or the holder. */
  z.object({ action: z.literal("close"), reason: z.string().trim().max(2000).optional() }),
]);
export type EscalationActionInput = z.infer<typeof EscalationActionInputSchema>;
export const EscalationActionSchema = z.enum(["acknowledge", "escalate", "return", "decide", "close"]);
export type EscalationAction = z.infer<typeof EscalationActionSchema>;

export const EscalationTimelineEntrySchema = z.object({
  at: IsoDateTimeSchema,
  /** E-mail of who did it (`system` for reminders). */
  by: z.string(),
  byName: z.string().optional(),
  what: z.enum(["raised", "acknowledged", "escalated", "returned", "decided", "closed", "reminded"]),
  /** The level after the step. */
  level: EscalationLevelSchema,
  text: z.string().optional(),
});
export type EscalationTimelineEntry = z.infer<typeof EscalationTimelineEntrySchema>;

export const EscalationHolderSchema = z.object({ email: EmailSchema, displayName: z.string() });

export const EscalationSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  urgency: EscalationUrgencySchema,
  status: EscalationStatusSchema,
  /** The role that holds it now. */
  level: EscalationLevelSchema,
  /** Who holds it: the e-mail when one member has the level's role, else the role's name (e.g. "Programledare"). */
  holder: z.string(),
  /** Everyone who holds it now (members with the level's role). */
  holders: z.array(EscalationHolderSchema),
  /** When it reached the current level. */
  levelSince: IsoDateTimeSchema,
  /** Acknowledgement at the current level (cleared when it moves). */
  acknowledged: z.object({ by: EmailSchema, at: IsoDateTimeSchema }).optional(),
  /** A manual escalation's source is `{kind: "manual", id: <its own id>}`. */
  source: EscalationSourceSchema,
  projectId: IdSchema.optional(),
  projectName: z.string().optional(),
  raisedBy: EmailSchema,
  raisedAt: IsoDateTimeSchema,
  decisionId: IdSchema.optional(),
  decision: z
    .object({ text: z.string(), rationale: z.string(), bodyId: IdSchema, bodyName: z.string(), date: IsoDateSchema, decidedBy: EmailSchema })
    .optional(),
  timeline: z.array(EscalationTimelineEntrySchema),
  /** What the asking user may do now. */
  allowedActions: z.array(EscalationActionSchema),
  etag: z.string(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** `GET /api/escalations?status=&level=&holder=&sourceKind=&projectId=`. `holder` is an e-mail (what that person holds) or `me`. */
export const EscalationListQuerySchema = z.object({
  status: EscalationStatusSchema.optional(),
  level: EscalationLevelSchema.optional(),
  holder: z.union([z.literal("me"), EmailSchema]).optional(),
  sourceKind: EscalationSourceKindSchema.optional(),
  projectId: IdSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type EscalationListQuery = z.infer<typeof EscalationListQuerySchema>;

/** Program setting: remind the holder after this many working days without acknowledgement (once per level). */
export const EscalationSettingsSchema = z.object({ reminderWorkingDays: z.number().int().min(1).max(30).default(2) });
export type EscalationSettings = z.infer<typeof EscalationSettingsSchema>;
export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = { reminderWorkingDays: 2 };

/** What a notification carries to draw the escalation card (also in card updates). */
export const EscalationCardDataSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  urgency: EscalationUrgencySchema,
  status: EscalationStatusSchema,
  level: EscalationLevelSchema,
  holder: z.string(),
  raisedBy: EmailSchema,
  raisedAt: IsoDateTimeSchema,
  projectId: IdSchema.optional(),
  projectName: z.string().optional(),
  source: EscalationSourceSchema,
  /** The latest step: who did what. */
  last: EscalationTimelineEntrySchema,
  decision: z.object({ text: z.string(), rationale: z.string(), bodyName: z.string(), decidedBy: EmailSchema, date: IsoDateSchema }).optional(),
  /** It has a lower level to go back to (`return` is offered only then). */
  canReturn: z.boolean().optional(),
  /**
   * The number of steps in the timeline when the card was drawn. A button press compares it with the current
   * escalation (`timeline.length`): if someone acted meanwhile, the card is refreshed instead of acting twice.
   */
  version: z.number().int().min(1),
});
export type EscalationCardData = z.infer<typeof EscalationCardDataSchema>;

import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";

/** The program's risk list (SPEC 3.2, PP 9.4 and 10, PD 6). Keys are stable; labels are in `riskLabels`. */
export const RiskCategorySchema = z.enum(["program", "directive", "project"]);
export type RiskCategory = z.infer<typeof RiskCategorySchema>;
export const RiskLevelSchema = z.enum(["low", "medium", "high"]);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

/**
 * The level of an assessed risk value by the program's thresholds (SPEC 3.2), written once: the API stores it with
 * each risk and the tab's heat map colours its cells by it.
 */
export function levelOfValue(value: number, thresholds: { mediumFrom: number; highFrom: number }): RiskLevel {
  if (value >= thresholds.highFrom) return "high";
  if (value >= thresholds.mediumFrom) return "medium";
  return "low";
}
export const RiskHandlingSchema = z.enum(["accept", "reduce", "avoid", "transfer"]);
export type RiskHandling = z.infer<typeof RiskHandlingSchema>;
export const RiskStatusSchema = z.enum(["open", "closed"]);
export type RiskStatus = z.infer<typeof RiskStatusSchema>;

export const riskLabels = {
  category: {
    program: { sv: "Programrisk", en: "Program risk" },
    directive: { sv: "Risk enligt direktivet", en: "Directive risk" },
    project: { sv: "Projektrisk", en: "Project risk" },
  },
  level: {
    low: { sv: "Låg", en: "Low" },
    medium: { sv: "Medel", en: "Medium" },
    high: { sv: "Hög", en: "High" },
  },
  handling: {
    accept: { sv: "Acceptera", en: "Accept" },
    reduce: { sv: "Reducera", en: "Reduce" },
    avoid: { sv: "Undvika", en: "Avoid" },
    transfer: { sv: "Överföra", en: "Transfer" },
  },
  status: {
    open: { sv: "Öppen", en: "Open" },
    closed: { sv: "Stängd", en: "Closed" },
  },
  probability: { sv: "Sannolikhet", en: "Probability" },
  consequence: { sv: "Konsekvens", en: "Consequence" },
} as const satisfies Record<string, unknown>;

/**
 * The program's risk settings (program data the program office edits, `GET/PUT /api/risks/settings`).
 * Level: value < mediumFrom → low; value < highFrom → medium; otherwise high.
 */
export const RiskScaleSchema = z.union([z.literal(4), z.literal(5)]);
export type RiskScale = z.infer<typeof RiskScaleSchema>;
export const RiskSettingsInputSchema = z.object({
  /** 4 = the 4×4 matrix Swedish health care commonly uses (default); 5 = 5×5. */
  scale: RiskScaleSchema,
  mediumFrom: z.number().int().min(2),
  highFrom: z.number().int().min(3),
  /** Months between reviews (PP 9.4: monthly, or at the interval the program management group decides). */
  reviewIntervalMonths: z.number().int().min(1).max(12),
});
export type RiskSettingsInput = z.infer<typeof RiskSettingsInputSchema>;
export const RiskSettingsSchema = RiskSettingsInputSchema.extend({
  etag: z.string(),
  updatedAt: IsoDateTimeSchema.optional(),
  updatedBy: EmailSchema.optional(),
});
export type RiskSettings = z.infer<typeof RiskSettingsSchema>;

/** Probability and consequence: integers on the program's scale (checked by the API against the settings), or null while unassessed. */
const ScorePoint = z.number().int().nullable();

/** Fields a user writes when adding a risk. */
export const RiskInputSchema = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(4000).default(""),
  category: RiskCategorySchema,
  probability: ScorePoint.default(null),
  consequence: ScorePoint.default(null),
  /** A program member; defaults to whoever adds the risk. */
  owner: EmailSchema.optional(),
  projectId: IdSchema.optional(),
  handling: RiskHandlingSchema.optional(),
  /** Planned actions (free text). */
  actions: z.string().trim().max(4000).optional(),
  nextReviewDate: IsoDateSchema.optional(),
});
export type RiskInput = z.input<typeof RiskInputSchema>;

/** `PATCH /api/risks/{id}` with `If-Match`: any of the input's fields, plus status; only the fields sent change. */
export const RiskPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(4000),
    category: RiskCategorySchema,
    probability: ScorePoint,
    consequence: ScorePoint,
    owner: EmailSchema,
    projectId: IdSchema.nullable(),
    handling: RiskHandlingSchema.nullable(),
    actions: z.string().trim().max(4000),
    nextReviewDate: IsoDateSchema.nullable(),
    status: RiskStatusSchema,
  })
  .partial()
  .strict();
export type RiskPatch = z.infer<typeof RiskPatchSchema>;

/** `POST /api/risks/{id}/review` with `If-Match`: the periodic review (PP 9.4). */
export const RiskReviewInputSchema = z.object({
  outcome: z.enum(["reassessed", "unchanged"]),
  /** Required when reassessed. */
  probability: ScorePoint.optional(),
  consequence: ScorePoint.optional(),
  note: z.string().trim().max(2000).optional(),
  /** Defaults to today + the review interval. */
  nextReviewDate: IsoDateSchema.optional(),
});
export type RiskReviewInput = z.input<typeof RiskReviewInputSchema>;

export const RiskActionSchema = z.enum(["edit", "review", "escalate"]);
export type RiskAction = z.infer<typeof RiskActionSchema>;

export const RiskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  category: RiskCategorySchema,
  projectId: IdSchema.nullable(),
  probability: z.number().int().nullable(),
  consequence: z.number().int().nullable(),
  /** probability × consequence; null while unassessed. */
  value: z.number().int().nullable(),
  level: RiskLevelSchema.nullable(),
  /** The scale the values were given on. */
  assessedOnScale: RiskScaleSchema.nullable(),
  /** The program's scale changed since this risk was assessed: its values are kept, not converted, and it needs a new assessment. */
  needsReassessment: z.boolean(),
  handling: RiskHandlingSchema.nullable(),
  actions: z.string(),
  owner: EmailSchema.nullable(),
  ownerName: z.string().nullable(),
  status: RiskStatusSchema,
  nextReviewDate: IsoDateSchema.nullable(),
  /** nextReviewDate has passed and the risk is open. */
  reviewOverdue: z.boolean(),
  lastReviewedAt: IsoDateTimeSchema.nullable(),
  /** Demo data: the assessment is an example, not the program's own. */
  example: z.boolean(),
  /**
   * A risk at the high level is offered for escalation (PP 9.5) until it has been escalated at that level;
   * `escalationId` is the escalation raised for it.
   */
  escalation: z.object({ offered: z.boolean(), escalationId: z.string().optional() }),
  createdAt: IsoDateTimeSchema,
  createdBy: EmailSchema,
  updatedAt: IsoDateTimeSchema,
  etag: z.string(),
  /** What the requesting user may do with this risk now. */
  allowedActions: z.array(RiskActionSchema),
});
export type Risk = z.infer<typeof RiskSchema>;

export const RiskChangeSchema = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() });
export const RiskHistoryEntrySchema = z.object({
  at: IsoDateTimeSchema,
  by: EmailSchema,
  action: z.enum(["created", "updated", "reviewed", "escalated", "seeded"]),
  /** In Swedish, e.g. "Sannolikhet: 2 → 3". */
  summary: z.string(),
  changes: z.array(RiskChangeSchema).default([]),
  note: z.string().optional(),
});
export type RiskHistoryEntry = z.infer<typeof RiskHistoryEntrySchema>;

/** `GET /api/risks/{id}`: the risk with its history (newest first). */
export const RiskDetailSchema = RiskSchema.extend({ history: z.array(RiskHistoryEntrySchema) });
export type RiskDetail = z.infer<typeof RiskDetailSchema>;

/** `GET /api/risks`: sorted by value, highest first (unassessed last), then by title. */
export const RiskListQuerySchema = z.object({
  level: RiskLevelSchema.optional(),
  category: RiskCategorySchema.optional(),
  status: RiskStatusSchema.optional(),
  owner: EmailSchema.optional(),
  project: IdSchema.optional(),
  /** One cell of the heat map. */
  probability: z.coerce.number().int().min(1).max(5).optional(),
  consequence: z.coerce.number().int().min(1).max(5).optional(),
  /** Only risks whose review is due on or before today. */
  reviewDue: z.enum(["true", "false"]).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type RiskListQuery = z.infer<typeof RiskListQuerySchema>;

/** `POST /api/risks/{id}/escalate`: raises (or returns) the escalation of a high risk; no body. */
export const RiskEscalationResultSchema = z.object({ escalationId: z.string(), risk: RiskSchema });
export type RiskEscalationResult = z.infer<typeof RiskEscalationResultSchema>;

/** Content type of `GET /api/risks/export.xlsx`. */
export { XLSX_CONTENT_TYPE } from "./mediaTypes.js";

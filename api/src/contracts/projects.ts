import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";
import { DecisionSchema } from "./decisions.js";

/** Lifecycle of a development effort (SPEC 3.1). Keys are stable; labels are in `projectStatusLabels`. */
export const ProjectStatusSchema = z.enum([
  "ide",
  "ansokan_inlamnad",
  "bedomd",
  "inkluderad",
  "avslagen",
  "pagaende",
  "vilande",
  "avslutad",
]);
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;

export const projectStatusLabels: Record<ProjectStatus, { sv: string; en: string }> = {
  ide: { sv: "Idé/tidig dialog", en: "Idea/early dialogue" },
  ansokan_inlamnad: { sv: "Ansökan inlämnad", en: "Application submitted" },
  bedomd: { sv: "Bedömd av programkontoret", en: "Assessed by the program office" },
  inkluderad: { sv: "Inkluderad", en: "Included" },
  avslagen: { sv: "Avslagen", en: "Rejected" },
  pagaende: { sv: "Pågående", en: "Ongoing" },
  vilande: { sv: "Vilande", en: "Dormant" },
  avslutad: { sv: "Avslutad", en: "Closed" },
};

export const ProjectTypeSchema = z.enum(["projekt", "pilot", "sprint", "forstudie", "utvecklingsarbete"]);
export const NatureSchema = z.enum(["innovation", "standigt_forbattring"]);
export const HorizonSchema = z.enum(["snabb_nytta", "langsiktig"]);
export const StatusColourSchema = z.enum(["gron", "gul", "rod"]);
export type StatusColour = z.infer<typeof StatusColourSchema>;

export const PersonRefSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: EmailSchema.optional(),
});
export type PersonRef = z.infer<typeof PersonRefSchema>;

const idList = z.array(IdSchema).max(50).default([]);

/** Fields a user writes on an application or an edit. */
export const ProjectFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** The project idea (PP 6.3.1 requires it). */
  description: z.string().trim().min(1).max(8000),
  type: ProjectTypeSchema.default("projekt"),
  ownerOrganisationId: IdSchema,
  partnerOrganisationIds: idList,
  /** Free text for partners outside the reference list, as the annual report names them. */
  partnersText: z.string().trim().max(1000).optional(),
  projectLeader: PersonRefSchema,
  projectOwner: PersonRefSchema.optional(),
  changeOwner: PersonRefSchema.optional(),
  startDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  programAreaIds: idList,
  /** Criteria the applicant claims to meet (PP 6.3.1). */
  criteriaIds: idList,
  subGoalIds: idList,
  targetGroupIds: idList,
  benefitObjectIds: idList,
  nature: NatureSchema.optional(),
  horizon: HorizonSchema.optional(),
  financing: z
    .object({ secured: z.boolean(), source: z.string().trim().max(500).optional() })
    .default({ secured: false }),
  links: z
    .object({ finalReport: z.string().url().max(2000).optional(), web: z.string().url().max(2000).optional() })
    .default({}),
});
export type ProjectFields = z.infer<typeof ProjectFieldsSchema>;

/** `POST /api/projects`: an application for inclusion. */
export const ApplicationInputSchema = ProjectFieldsSchema;
export type ApplicationInput = z.input<typeof ApplicationInputSchema>;

/** `PATCH /api/projects/{id}` with `If-Match`: only the fields sent change. */
export const ProjectPatchSchema = ProjectFieldsSchema.partial().strict();
export type ProjectPatch = z.infer<typeof ProjectPatchSchema>;

/** `POST /api/projects/{id}/assessment` with `If-Match` (program office). */
export const AssessmentInputSchema = z.object({
  criteria: z
    .array(z.object({ criterionId: IdSchema, met: z.boolean(), comment: z.string().trim().max(2000).optional() }))
    .min(1),
  summary: z.string().trim().min(1).max(4000),
  recommendation: z.enum(["inkludera", "avsla"]),
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

export const AssessmentSchema = AssessmentInputSchema.extend({
  assessedBy: EmailSchema,
  assessedAt: IsoDateTimeSchema,
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** `POST /api/projects/{id}/decision` with `If-Match` (steering group). */
export const DecisionInputSchema = z.object({
  outcome: z.enum(["inkluderad", "avslagen"]),
  rationale: z.string().trim().min(3).max(4000),
  /** The meeting date; defaults to today. */
  decisionDate: IsoDateSchema.optional(),
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

/** `POST /api/projects/{id}/status` with `If-Match`: lifecycle moves other than assessment and decision. */
export const StatusChangeInputSchema = z.object({
  status: ProjectStatusSchema,
  comment: z.string().trim().max(2000).optional(),
  /** Required when closing (avslutad): the final report. */
  finalReportUrl: z.string().url().max(2000).optional(),
});
export type StatusChangeInput = z.infer<typeof StatusChangeInputSchema>;

export const LatestStatusSchema = z.object({
  colour: StatusColourSchema,
  reportedAt: IsoDateTimeSchema,
  summary: z.string().max(4000).optional(),
});

export const ProjectActionSchema = z.enum(["edit", "assess", "decide", "changeStatus"]);
export type ProjectAction = z.infer<typeof ProjectActionSchema>;

export const ProjectSchema = ProjectFieldsSchema.extend({
  id: IdSchema,
  status: ProjectStatusSchema,
  etag: z.string(),
  createdAt: IsoDateTimeSchema,
  createdBy: EmailSchema,
  updatedAt: IsoDateTimeSchema,
  assessment: AssessmentSchema.optional(),
  decision: z
    .object({ decisionId: IdSchema, outcome: z.enum(["inkluderad", "avslagen"]), rationale: z.string(), date: IsoDateSchema })
    .optional(),
  latestStatus: LatestStatusSchema.optional(),
  /** What the requesting user may do with this effort now (role and lifecycle), so clients offer only that. */
  allowedActions: z.array(ProjectActionSchema),
  /** Statuses `POST …/status` would accept now from this user. */
  allowedTransitions: z.array(ProjectStatusSchema),
});
export type Project = z.infer<typeof ProjectSchema>;

export const HistoryEntrySchema = z.object({
  at: IsoDateTimeSchema,
  by: EmailSchema,
  action: z.enum(["created", "updated", "assessed", "decided", "statusChanged", "statusReported", "seeded"]),
  /** Human-readable summary in Swedish, e.g. "Status: Pågående → Vilande". */
  summary: z.string(),
  changedFields: z.array(z.string()).default([]),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** `GET /api/projects` query. Facet filters take one id each; combine them freely. */
/** Server-side sort keys of `GET /api/projects` (the tab's sortable columns). */
export const ProjectSortKeySchema = z.enum(["name", "parties", "leader", "status", "latestStatus", "programAreas", "criteria"]);
export type ProjectSortKey = z.infer<typeof ProjectSortKeySchema>;

export const ProjectListQuerySchema = z.object({
  /** Free text: name, description, parties and project leader; case- and diacritics-insensitive ("ange" finds "Ånge"). */
  q: z.string().trim().max(200).optional(),
  sort: ProjectSortKeySchema.optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  status: ProjectStatusSchema.optional(),
  party: IdSchema.optional(),
  programArea: IdSchema.optional(),
  criterion: IdSchema.optional(),
  subGoal: IdSchema.optional(),
  targetGroup: IdSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;

/** `POST /api/projects/similar`: text of an application being written. */
export const SimilarQuerySchema = z.object({
  name: z.string().max(200).default(""),
  description: z.string().max(8000).default(""),
  targetGroupIds: z.array(IdSchema).max(50).default([]),
  /** Leave the effort itself out when editing an existing one. */
  excludeId: IdSchema.optional(),
});
export type SimilarQuery = z.infer<typeof SimilarQuerySchema>;

export const SimilarProjectSchema = z.object({
  id: IdSchema,
  name: z.string(),
  status: ProjectStatusSchema,
  /** 0..1 */
  score: z.number(),
  /** Why it resembles: shared words and target groups, in Swedish. */
  reasons: z.array(z.string()),
  sharedTerms: z.array(z.string()),
  sharedTargetGroupIds: z.array(IdSchema),
});
export type SimilarProject = z.infer<typeof SimilarProjectSchema>;

/** `GET /api/projects/{id}`: the effort with its decisions (newest first) and its latest ≤100 history entries (newest first). */
export const ProjectDetailSchema = ProjectSchema.extend({
  history: z.array(HistoryEntrySchema),
  decisions: z.array(DecisionSchema),
});
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;

/** Optional header on `POST /api/projects`: a retry with the same key (same user) returns the first result with 200. */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/** `GET /api/projects/summary`: what the bot's `portfölj` card shows, computed by the API in one call. */
export const PORTFOLIO_SUMMARY_MAX_EFFORTS = 30;
export const PortfolioSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  byStatus: z.array(z.object({ status: ProjectStatusSchema, count: z.number().int().positive() })),
  byColour: z.object({ gron: z.number().int(), gul: z.number().int(), rod: z.number().int(), none: z.number().int() }),
  /** The first efforts by name (at most PORTFOLIO_SUMMARY_MAX_EFFORTS). */
  efforts: z.array(
    z.object({ id: IdSchema, name: z.string(), status: ProjectStatusSchema, latestStatus: LatestStatusSchema.optional() }),
  ),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummarySchema>;

import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";

export const DecisionConcernsKindSchema = z.enum(["project", "risk", "escalation", "inquiry", "survey_answer", "program"]);
export type DecisionConcernsKind = z.infer<typeof DecisionConcernsKindSchema>;

export const DecisionLinkSchema = z.object({ kind: DecisionConcernsKindSchema, id: z.string(), title: z.string() });
export type DecisionLink = z.infer<typeof DecisionLinkSchema>;

/** One entry in the decision log (PP 9.3, SPEC 3.4). Entries are never edited. */
export const DecisionSchema = z.object({
  id: IdSchema,
  /** The date the body decided. */
  date: IsoDateSchema,
  recordedAt: IsoDateTimeSchema,
  /** Reference id of the body (`bodies`), and its name as it was when deciding. */
  bodyId: IdSchema,
  bodyName: z.string(),
  /** The decision itself, e.g. "Inkluderas i portföljen". */
  decision: z.string(),
  outcome: z.enum(["inkluderad", "avslagen"]).optional(),
  rationale: z.string(),
  /** What the decision is mainly about (a portfolio decision: the effort; an escalation's: the escalation). */
  concerns: DecisionLinkSchema,
  /**
   * Everything the decision is linked to, `concerns` first (e.g. the escalation, its effort and the risk it came
   * from). Entries written before links existed have none: read them as `[concerns]`.
   */
  links: z.array(DecisionLinkSchema).max(10).default([]),
  decidedBy: EmailSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;
/** A decision as written by the API (links may be left out: they default to none). */
export type DecisionWrite = z.input<typeof DecisionSchema>;

export const DecisionListQuerySchema = z.object({
  body: IdSchema.optional(),
  concernsKind: DecisionConcernsKindSchema.optional(),
  /** Decisions about or linked to this effort. */
  projectId: IdSchema.optional(),
  /** Decisions linked to this escalation / risk / inquiry. */
  escalationId: IdSchema.optional(),
  riskId: IdSchema.optional(),
  inquiryId: IdSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;

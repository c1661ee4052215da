import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";

export const DecisionConcernsKindSchema = z.enum(["project", "risk", "escalation", "program"]);
export type DecisionConcernsKind = z.infer<typeof DecisionConcernsKindSchema>;

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
  concerns: z.object({ kind: DecisionConcernsKindSchema, id: z.string(), title: z.string() }),
  decidedBy: EmailSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;

export const DecisionListQuerySchema = z.object({
  body: IdSchema.optional(),
  concernsKind: DecisionConcernsKindSchema.optional(),
  projectId: IdSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;

import { z } from "zod";
import { IdSchema, IsoDateSchema } from "./common.js";

/** Reference data kinds (SPEC 2). Each is a small list the program office edits. */
export const ReferenceKindSchema = z.enum([
  "parties",
  "programAreas",
  "criteria",
  "subGoals",
  "benefitObjects",
  "targetGroups",
  "milestones",
  "bodies",
]);
export type ReferenceKind = z.infer<typeof ReferenceKindSchema>;

const base = {
  id: IdSchema,
  name: z.string().trim().min(1).max(200),
  /** English name shown when the Teams locale is English; Swedish is the fallback. */
  nameEn: z.string().trim().max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10000).default(0),
};

export const PartySchema = z.object({
  ...base,
  shortName: z.string().trim().max(40).optional(),
  /** `party` = one of the eight equal parties; `partner` = collaboration partner (KfVN, private providers, …). */
  kind: z.enum(["party", "partner"]),
});
export const ProgramAreaSchema = z.object({ ...base, number: z.number().int().min(1).max(99) });
export const CriterionSchema = z.object({ ...base, mandatory: z.boolean() });
export const SubGoalSchema = z.object({ ...base, number: z.number().int().min(1).max(99) });
export const BenefitObjectSchema = z.object({ ...base });
export const TargetGroupSchema = z.object({ ...base });
export const MilestoneSchema = z.object({ ...base, code: z.string().trim().min(1).max(20), date: IsoDateSchema });
/** Governing bodies are data: "Programstyrgrupp" in 2021–2024, "Länsledning HälSam" from 2025 (SPEC 1). */
export const BodySchema = z.object({ ...base, decides: z.enum(["inclusion", "management", "escalation"]) });

export const referenceItemSchemas = {
  parties: PartySchema,
  programAreas: ProgramAreaSchema,
  criteria: CriterionSchema,
  subGoals: SubGoalSchema,
  benefitObjects: BenefitObjectSchema,
  targetGroups: TargetGroupSchema,
  milestones: MilestoneSchema,
  bodies: BodySchema,
} as const satisfies Record<ReferenceKind, z.ZodTypeAny>;

export type Party = z.infer<typeof PartySchema>;
export type ProgramArea = z.infer<typeof ProgramAreaSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type SubGoal = z.infer<typeof SubGoalSchema>;
export type BenefitObject = z.infer<typeof BenefitObjectSchema>;
export type TargetGroup = z.infer<typeof TargetGroupSchema>;
export type Milestone = z.infer<typeof MilestoneSchema>;
export type Body = z.infer<typeof BodySchema>;

type WithEtag<T> = T & { etag: string };
/** `GET /api/reference`: every kind at once (they are small). */
export type ReferenceData = {
  parties: WithEtag<Party>[];
  programAreas: WithEtag<ProgramArea>[];
  criteria: WithEtag<Criterion>[];
  subGoals: WithEtag<SubGoal>[];
  benefitObjects: WithEtag<BenefitObject>[];
  targetGroups: WithEtag<TargetGroup>[];
  milestones: WithEtag<Milestone>[];
  bodies: WithEtag<Body>[];
};

const etag = { etag: z.string() };
/** `GET /api/reference` response (the `ReferenceData` type as a schema, for clients that validate). */
export const ReferenceDataSchema = z.object({
  parties: z.array(PartySchema.extend(etag)),
  programAreas: z.array(ProgramAreaSchema.extend(etag)),
  criteria: z.array(CriterionSchema.extend(etag)),
  subGoals: z.array(SubGoalSchema.extend(etag)),
  benefitObjects: z.array(BenefitObjectSchema.extend(etag)),
  targetGroups: z.array(TargetGroupSchema.extend(etag)),
  milestones: z.array(MilestoneSchema.extend(etag)),
  bodies: z.array(BodySchema.extend(etag)),
});

/** The mandatory inclusion criterion (PP 6.3.1). Its id is fixed because the rule names it. */
export const COLLABORATION_CRITERION_ID = "samverkan-region-kommun";

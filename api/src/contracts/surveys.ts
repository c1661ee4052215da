import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema } from "./common.js";
import { RoleSchema } from "./roles.js";

/**
 * Follow-up questionnaires (SPEC 3.3, PP 9.2.1 and 6.3 step 3). A *round* asks one kind of questions of a list of
 * recipients until a deadline; being a recipient is the permission to answer.
 */
export const SurveyKindSchema = z.enum(["activity", "effect", "status"]);
export type SurveyKind = z.infer<typeof SurveyKindSchema>;

export const surveyKindLabels: Record<SurveyKind, { sv: string; en: string }> = {
  activity: { sv: "Aktivitetsuppföljning", en: "Activity survey" },
  effect: { sv: "Effektuppföljning", en: "Effect follow-up" },
  status: { sv: "Statusbegäran", en: "Status request" },
};

/** One line on every card: what is collected and why (GDPR information). */
export const surveyPrivacyNotes: Record<SurveyKind, { sv: string; en: string }> = {
  activity: {
    sv: "Vi samlar in dina bedömningar för att följa upp programmets aktiviteter (PP 9.2.1). Svaren visas bara sammanställda från minst tre svar och kopplas bort från ditt namn när enkäten stänger.",
    en: "We collect your ratings to follow up the program's activities (PP 9.2.1). Answers are shown only combined, from three answers, and are unlinked from your name when the survey closes.",
  },
  effect: {
    sv: "Vi samlar in förändringsägarnas bedömningar till styrgruppens årliga uppföljning av effektmålet (PP 9.2.1). Resultaten visas sammanställda från minst tre svar.",
    en: "We collect the change owners' assessments for the steering group's yearly follow-up of the impact goal (PP 9.2.1). Results are shown combined, from three answers.",
  },
  status: {
    sv: "Vi samlar in utvecklingsarbetets status till programmets rapport till styrgruppen (PP 6.3). Svaret är inte anonymt.",
    en: "We collect the effort's status for the program's report to the steering group (PP 6.3). The answer is not anonymous.",
  },
};

export const QuestionKindSchema = z.enum(["rating", "text", "choice"]);
export const SurveyChoiceSchema = z.object({ value: z.string(), text: z.string() });
export const SurveyQuestionSchema = z.object({
  id: z.string().min(1).max(40),
  kind: QuestionKindSchema,
  text: z.string(),
  choices: z.array(SurveyChoiceSchema).optional(),
  required: z.boolean().optional(),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestionSchema>;

/** Who is asked: listed e-mails, every member with a role, or the leaders of all included (ongoing) efforts. */
export const SurveyRecipientsSchema = z.union([
  z.array(EmailSchema).min(1).max(1000),
  z.object({ role: RoleSchema }).strict(),
  z.object({ leadersOf: z.literal("included") }).strict(),
]);
export type SurveyRecipients = z.infer<typeof SurveyRecipientsSchema>;

export const SurveyActivitySchema = z.object({
  name: z.string().trim().min(1).max(300),
  date: IsoDateSchema,
  programAreaId: IdSchema,
});
export type SurveyActivity = z.infer<typeof SurveyActivitySchema>;

/** `POST /api/surveys` (program office, programområdesansvariga). */
export const SurveyInputSchema = z.object({
  kind: SurveyKindSchema,
  title: z.string().trim().min(1).max(300),
  /** Required for an activity survey. */
  activity: SurveyActivitySchema.optional(),
  recipients: SurveyRecipientsSchema,
  /** When the cards go out; default now. */
  opensAt: IsoDateTimeSchema.optional(),
  deadline: IsoDateTimeSchema,
  /** When those who have not answered are reminded (between opening and deadline). */
  reminders: z.array(IsoDateTimeSchema).max(5).default([]),
});
export type SurveyInput = z.input<typeof SurveyInputSchema>;
export type SurveyInputData = z.output<typeof SurveyInputSchema>;

/** One person (and for a status request one effort) asked in a round. */
export const SurveyTargetSchema = z.object({
  email: EmailSchema,
  projectId: IdSchema.optional(),
  projectName: z.string().optional(),
});
export type SurveyTarget = z.infer<typeof SurveyTargetSchema>;

export const SurveyRoundStatusSchema = z.enum(["scheduled", "open", "closed"]);

export const SurveyRoundSchema = z.object({
  id: IdSchema,
  kind: SurveyKindSchema,
  title: z.string(),
  activity: SurveyActivitySchema.optional(),
  questions: z.array(SurveyQuestionSchema),
  /** Resolved at creation. */
  recipientCount: z.number().int().nonnegative(),
  responseCount: z.number().int().nonnegative(),
  opensAt: IsoDateTimeSchema,
  deadline: IsoDateTimeSchema,
  reminders: z.array(IsoDateTimeSchema),
  status: SurveyRoundStatusSchema,
  /** Who opened it; `system` for the rounds the sweep opens (status requests before each reporting milestone, the yearly effect follow-up). */
  createdBy: z.union([EmailSchema, z.literal("system")]),
  createdAt: IsoDateTimeSchema,
  closedAt: IsoDateTimeSchema.optional(),
  /** Efforts whose leader has no e-mail (a `leadersOf` round): nobody could be asked for them. */
  unresolved: z.array(z.object({ projectId: IdSchema, projectName: z.string() })).default([]),
  /** The caller's own part: what they are asked for and whether they have answered (recipients only). */
  mine: z.array(z.object({ projectId: IdSchema.optional(), projectName: z.string().optional(), answered: z.boolean() })).optional(),
  etag: z.string(),
});
export type SurveyRound = z.infer<typeof SurveyRoundSchema>;

export const SurveyListQuerySchema = z.object({
  status: SurveyRoundStatusSchema.optional(),
  kind: SurveyKindSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type SurveyListQuery = z.infer<typeof SurveyListQuerySchema>;

/** An answer value: a rating 1–5, a text, or a choice's value. */
export const SurveyAnswerValueSchema = z.union([z.number(), z.string().max(4000)]);

/** `PUT /api/surveys/{id}/responses/me`: replaces the caller's earlier answer until the deadline. */
export const SurveyResponseInputSchema = z.object({
  answers: z.record(z.string().max(40), SurveyAnswerValueSchema),
  /** A status request: which effort the answer is for (needed only when the caller leads more than one). */
  projectId: IdSchema.optional(),
});
export type SurveyResponseInput = z.input<typeof SurveyResponseInputSchema>;

export const SurveyResponseSchema = z.object({
  /** Stable per person (and effort) and round: an escalation's source id. */
  id: IdSchema,
  roundId: IdSchema,
  projectId: IdSchema.optional(),
  answers: z.record(z.string(), SurveyAnswerValueSchema),
  submittedAt: IsoDateTimeSchema,
  /** Until when the answer may be changed. */
  deadline: IsoDateTimeSchema,
});
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;

/** `POST /api/surveys/{id}/responses/me/escalation`: escalate the deviation in the caller's own status answer. */
export const SurveyEscalateInputSchema = z.object({ projectId: IdSchema.optional() });
export const SurveyEscalationSchema = z.object({ escalationId: z.string(), responseId: IdSchema });
export type SurveyEscalation = z.infer<typeof SurveyEscalationSchema>;

export const MyResponseQuerySchema = z.object({ projectId: IdSchema.optional() });

/** Per question: count always; mean and distribution only from MIN_RESPONSES_FOR_FIGURES responses. */
export const MIN_RESPONSES_FOR_FIGURES = 3;
export const SurveyItemResultSchema = z.object({
  questionId: z.string(),
  count: z.number().int().nonnegative(),
  mean: z.number().optional(),
  /** Answers per value ("1"…"5", or a choice's value). */
  distribution: z.record(z.string(), z.number().int()).optional(),
});
export type SurveyItemResult = z.infer<typeof SurveyItemResultSchema>;

export const SurveyResultsSchema = z.object({
  roundId: IdSchema,
  kind: SurveyKindSchema,
  title: z.string(),
  responses: z.number().int().nonnegative(),
  recipients: z.number().int().nonnegative(),
  /** responses / recipients, 0–1. */
  responseRate: z.number(),
  items: z.array(SurveyItemResultSchema),
  /** Free text without names, only from MIN_RESPONSES_FOR_FIGURES responses. */
  freeText: z.array(z.object({ questionId: z.string(), texts: z.array(z.string()) })).optional(),
  /** A status request is not anonymous: each effort's answer (program office and steering group). */
  statusAnswers: z
    .array(z.object({ responseId: IdSchema, projectId: IdSchema.optional(), projectName: z.string().optional(), email: EmailSchema, answers: z.record(z.string(), SurveyAnswerValueSchema) }))
    .optional(),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

/** `GET /api/surveys/{id}/recipients` (program office): who has not answered and whether the bot reached them — never what anyone answered. */
export const SurveyRecipientStatusSchema = z.object({
  email: EmailSchema,
  projectId: IdSchema.optional(),
  projectName: z.string().optional(),
  answered: z.boolean(),
  /** The invitation's delivery outcome (`no_conversation`, `forbidden`: the bot could not reach them). */
  delivery: z.string().optional(),
});
export const SurveyRecipientsReportSchema = z.object({
  items: z.array(SurveyRecipientStatusSchema),
  unreachable: z.number().int().nonnegative(),
});
export type SurveyRecipientsReport = z.infer<typeof SurveyRecipientsReportSchema>;

/** A quarter (`2026-Q1`) or a half-year (`2026-H1`). */
export const SurveyPeriodSchema = z.string().regex(/^\d{4}-(Q[1-4]|H[12])$/, "period skrivs ÅÅÅÅ-Q1…Q4 eller ÅÅÅÅ-H1/H2");
export const SurveySummaryQuerySchema = z.object({
  period: SurveyPeriodSchema,
  programArea: IdSchema.optional(),
  kind: SurveyKindSchema.default("activity"),
});
export type SurveySummaryQuery = z.input<typeof SurveySummaryQuerySchema>;
export type SurveySummaryQueryData = z.output<typeof SurveySummaryQuerySchema>;

export const SurveySummaryGroupSchema = z.object({
  /** Absent for rounds without a program area (effect follow-ups). */
  programAreaId: IdSchema.optional(),
  rounds: z.number().int().nonnegative(),
  responses: z.number().int().nonnegative(),
  recipients: z.number().int().nonnegative(),
  responseRate: z.number(),
  items: z.array(SurveyItemResultSchema),
});
export const SurveySummarySchema = z.object({
  period: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  kind: SurveyKindSchema,
  questions: z.array(SurveyQuestionSchema),
  total: SurveySummaryGroupSchema,
  byProgramArea: z.array(SurveySummaryGroupSchema),
});
export type SurveySummary = z.infer<typeof SurveySummarySchema>;

/**
 * The program's survey settings (program data the program office edits, `GET/PUT /api/surveys/settings`): which
 * recurring rounds the sweep opens by itself. The day is checked against the month by the API (domain/surveys.ts).
 */
export const EffectFollowUpSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** The calendar day (Swedish time) from which the year's effect follow-up opens. */
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    /** Days from opening to the deadline. */
    openDays: z.number().int().min(2).max(90).default(21),
    /** The one reminder to those who have not answered, this many days before the deadline; 0 = no reminder. */
    reminderDaysBeforeDeadline: z.number().int().min(0).max(60).default(5),
  })
  .strict();
export const SurveySettingsInputSchema = z
  .object({
    effectFollowUp: EffectFollowUpSettingsSchema,
    /** The status requests before each reporting milestone (B5–B7). */
    statusRequests: z.object({ enabled: z.boolean() }).strict(),
  })
  .strict();
export type SurveySettingsInput = z.input<typeof SurveySettingsInputSchema>;
export type SurveySettingsData = z.output<typeof SurveySettingsInputSchema>;
export const SurveySettingsSchema = SurveySettingsInputSchema.extend({
  etag: z.string(),
  updatedAt: IsoDateTimeSchema.optional(),
  updatedBy: EmailSchema.optional(),
});
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

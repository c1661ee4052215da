import { z } from "zod";
import { EmailSchema, IdSchema, IsoDateTimeSchema } from "./common.js";

/**
 * The shared mailbox and the 36-hour rule (SPEC 3.5, PP 12, issue 12).
 *
 * Every mail that reaches naravard@rvn.se becomes an inquiry (*ärende*) exactly once, keyed by its Internet
 * message id. Its first response is due `FIRST_RESPONSE_HOURS` after it was received, counted in calendar hours
 * or, with the program's working-time setting, in working hours.
 */

/** The program's shared mailbox (PP 12: "Programmet kontaktas via funktionsbrevlåda: naravard@rvn.se"). */
export const SHARED_MAILBOX = "naravard@rvn.se";

/** PP 12: "en första återkoppling inom 36 timmar". */
export const FIRST_RESPONSE_HOURS = 36;

/** The reminder goes this many hours before the due time unless the program sets otherwise. */
export const DEFAULT_REMIND_HOURS_BEFORE = 12;

/** Mail excerpts are deleted this many days after receipt unless the program sets otherwise. */
export const DEFAULT_EXCERPT_RETENTION_DAYS = 90;

/** Longest subject kept (longer ones are cut with an ellipsis). */
export const SUBJECT_MAX_CHARS = 300;

/** Longest excerpt kept of a mail's text: enough to triage, short because mails may hold health details. */
export const EXCERPT_MAX_CHARS = 500;

export const InquiryStatusSchema = z.enum(["new", "assigned", "answered", "breached"]);
export type InquiryStatus = z.infer<typeof InquiryStatusSchema>;

/** The statuses of an inquiry still waiting for its first response (`GET /api/inquiries?status=open`). */
export const OPEN_INQUIRY_STATUSES: readonly InquiryStatus[] = InquiryStatusSchema.options.filter((s) => s !== "answered");

/** Swedish labels for the statuses, as shown in the tab and on cards. */
export const inquiryStatusLabels: Record<InquiryStatus, { sv: string; en: string }> = {
  new: { sv: "Ny", en: "New" },
  assigned: { sv: "Tilldelad", en: "Assigned" },
  answered: { sv: "Besvarad", en: "Answered" },
  breached: { sv: "Försenad", en: "Overdue" },
};

/** `HH:mm` on a 24-hour clock. */
const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "ska skrivas TT:MM, t.ex. 08:00");

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("sv-SE", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How the 36 hours are counted (a program setting). `calendar` (the default) counts every hour; `working` counts
 * only hours between `dayStart` and `dayEnd` in `timeZone` on weekdays that are not Swedish public holidays or the
 * days treated like them (midsommarafton, julafton, nyårsafton).
 */
export const WorkingTimeSettingsSchema = z
  .object({
    mode: z.enum(["calendar", "working"]).default("calendar"),
    dayStart: ClockTimeSchema.default("08:00"),
    dayEnd: ClockTimeSchema.default("17:00"),
    timeZone: z.string().refine(isKnownTimeZone, "okänd tidszon (ange t.ex. Europe/Stockholm)").default("Europe/Stockholm"),
  })
  .refine((s) => s.dayStart < s.dayEnd, { path: ["dayEnd"], message: "arbetsdagen ska sluta efter att den börjar" });
export type WorkingTimeSettings = z.infer<typeof WorkingTimeSettingsSchema>;

export const DEFAULT_WORKING_TIME: WorkingTimeSettings = {
  mode: "calendar",
  dayStart: "08:00",
  dayEnd: "17:00",
  timeZone: "Europe/Stockholm",
};

/** One inquiry as the API answers it (`GET /api/inquiries`, `GET /api/inquiries/{id}`). */
export const InquirySchema = z.object({
  id: IdSchema,
  /** The mail's Internet message id (`<…@…>`), or a stable derived one when the mail had none. */
  messageId: z.string().min(1).max(998),
  /** The sender's address, lowercased (empty if the mail named none that could be read). */
  from: z.string().max(320),
  /** The sender's display name as the mail gave it (may be empty). */
  fromName: z.string().max(200),
  subject: z.string().max(SUBJECT_MAX_CHARS),
  receivedAt: IsoDateTimeSchema,
  /** receivedAt + 36 h, counted per the program's working-time setting when the mail arrived. */
  dueAt: IsoDateTimeSchema,
  status: InquiryStatusSchema,
  /** Email of the change leader who has it, or null while nobody has taken it. */
  assignee: EmailSchema.nullable(),
  firstResponseAt: IsoDateTimeSchema.nullable(),
  /** When it was found unanswered at its due time; kept when it is answered later. */
  breachedAt: IsoDateTimeSchema.nullable(),
  /** Set once the inquiry breached and was escalated to the programledare. */
  escalationId: IdSchema.nullable(),
  /** Short text of the mail (at most EXCERPT_MAX_CHARS); null for readers without access and after retention. */
  excerpt: z.string().max(EXCERPT_MAX_CHARS).nullable(),
  etag: z.string().optional(),
});
export type Inquiry = z.infer<typeof InquirySchema>;

/**
 * Query of `GET /api/inquiries`: optionally one status, or `open` (every inquiry still waiting for its first response:
 * new, assigned or breached), optionally one assignee; pages like every list (a page may hold fewer than `pageSize`
 * when filtered by assignee: follow the continuation token to the end).
 */
export const InquiryListQuerySchema = z.object({
  status: z.union([InquiryStatusSchema, z.literal("open")]).optional(),
  assignee: EmailSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type InquiryListQuery = z.infer<typeof InquiryListQuerySchema>;

/**
 * Answer of `GET /api/inquiries`. `now` is the API's clock (also under the local dev clock), so clients compute
 * the time left from it rather than from their own clocks.
 */
export const InquiryListSchema = z.object({
  items: z.array(InquirySchema),
  continuationToken: z.string().nullable().optional(),
  now: IsoDateTimeSchema,
});
export type InquiryList = z.infer<typeof InquiryListSchema>;

/** Body of `POST /api/inquiries/{id}/assign` (with `If-Match`). */
export const InquiryAssignInputSchema = z.object({ assignee: EmailSchema });
export type InquiryAssignInput = z.infer<typeof InquiryAssignInputSchema>;

/** Body of `POST /api/inquiries/{id}/answered` (with `If-Match`): how the assignee answered, e.g. "Ringde upp". */
export const InquiryAnsweredInputSchema = z.object({
  note: z.string().trim().min(1, "skriv hur ärendet besvarades").max(1000),
});
export type InquiryAnsweredInput = z.infer<typeof InquiryAnsweredInputSchema>;

/**
 * A person an inquiry may be assigned to, as the cards' *Tilldela* choice lists them: the program's
 * förändringsledare from the members list (`GET /api/inquiries/assignees`; the same list travels in the channel
 * card's notifications). The API decides who is on it and who may assign; clients only show it.
 */
export const InquiryAssigneeSchema = z.object({ name: z.string().max(200), email: EmailSchema });
export type InquiryAssignee = z.infer<typeof InquiryAssigneeSchema>;
export const InquiryAssigneeListSchema = z.object({ items: z.array(InquiryAssigneeSchema).max(500) });
export type InquiryAssigneeList = z.infer<typeof InquiryAssigneeListSchema>;

/** An ISO 8601 duration in days, hours, minutes and seconds, e.g. `PT37H` or `P2DT3H`. */
export const IsoDurationSchema = z
  .string()
  .regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, "ska vara en ISO 8601-varaktighet, t.ex. PT37H");

/** Body of the local-only `POST /api/dev/clock`: move the API's clock forward. */
export const DevClockInputSchema = z.object({ advance: IsoDurationSchema });
export type DevClockInput = z.infer<typeof DevClockInputSchema>;

/** Answer of `POST`/`GET /api/dev/clock`: the API's time now, and how far it is ahead of the real clock. */
export const DevClockSchema = z.object({ now: IsoDateTimeSchema, offset: IsoDurationSchema.optional() });
export type DevClock = z.infer<typeof DevClockSchema>;

/**
 * The inquiry rule's program settings (program data the program office edits, never environment variables):
 * how the 36 hours are counted, how long before the due time the reminder goes, and how many days an excerpt is
 * kept before the sweep deletes it.
 */
export const InquirySettingsSchema = z.object({
  workingTime: WorkingTimeSettingsSchema.default(DEFAULT_WORKING_TIME),
  remindHoursBefore: z
    .number()
    .int()
    .min(0)
    .max(FIRST_RESPONSE_HOURS - 1)
    .default(DEFAULT_REMIND_HOURS_BEFORE),
  excerptRetentionDays: z.number().int().min(1).max(3650).default(DEFAULT_EXCERPT_RETENTION_DAYS),
  etag: z.string().optional(),
});
export type InquirySettings = z.infer<typeof InquirySettingsSchema>;

export const DEFAULT_INQUIRY_SETTINGS: InquirySettings = {
  workingTime: DEFAULT_WORKING_TIME,
  remindHoursBefore: DEFAULT_REMIND_HOURS_BEFORE,
  excerptRetentionDays: DEFAULT_EXCERPT_RETENTION_DAYS,
};

export type TimeLeftTone = "ok" | "soon" | "overdue" | "done";

/**
 * Time left to an inquiry's due time, counted from the API's `now` (also under the local dev clock): hours and
 * minutes, and a tone — "soon" within the default reminder lead time, "overdue" once due, "done" once answered.
 * The tab and the bot's cards show it alike.
 */
export function inquiryTimeLeft(dueAt: string, now: string, answered: boolean): { tone: TimeLeftTone; hours: number; minutes: number } {
  const ms = Date.parse(dueAt) - Date.parse(now);
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  if (answered) return { tone: "done", hours, minutes };
  if (ms <= 0) return { tone: "overdue", hours, minutes };
  return { tone: ms <= DEFAULT_REMIND_HOURS_BEFORE * 3_600_000 ? "soon" : "ok", hours, minutes };
}

/** Milliseconds of an ISO duration accepted by `IsoDurationSchema` (days are 24 h: the dev clock moves instants). */
export function isoDurationMs(duration: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) throw new Error(`not an ISO duration: ${duration}`);
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [number, number, number, number];
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** The ISO duration of a non-negative number of milliseconds, in whole seconds, e.g. `PT37H`. */
export function msToIsoDuration(ms: number): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const min = Math.floor(s / 60);
  s -= min * 60;
  return `PT${h}H${min}M${s}S`;
}

/** One month of `GET /api/inquiries/stats`: how well the 36-hour rule was kept for mail received that month. */
export const InquiryMonthSchema = z.object({
  /** `YYYY-MM` of receipt (UTC). */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  received: z.number().int().min(0),
  answeredInTime: z.number().int().min(0),
  /** answeredInTime / received; null without mail. */
  shareInTime: z.number().min(0).max(1).nullable(),
  /** Median hours from receipt to first response over the answered ones; null when none was answered. */
  medianFirstResponseHours: z.number().min(0).nullable(),
});
export type InquiryMonth = z.infer<typeof InquiryMonthSchema>;
export const InquiryStatsSchema = z.object({ months: z.array(InquiryMonthSchema) });
export type InquiryStats = z.infer<typeof InquiryStatsSchema>;

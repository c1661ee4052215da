import { DateTime } from "luxon";
import {
  MIN_RESPONSES_FOR_FIGURES,
  type SurveyItemResult,
  type SurveyKind,
  type SurveyQuestion,
  type SurveySettingsData,
} from "../contracts/index.js";
import type { FieldProblem } from "./localized.js";

/**
 * The questions of each kind are data (PP 9.2.1, SPEC 3.3). A round keeps a copy of its questions when it is created,
 * so changing these never changes what an earlier round asked.
 */
export const SURVEY_QUESTIONS: Record<SurveyKind, SurveyQuestion[]> = {
  // PP 9.2.1: "Uppföljningen görs genom att deltagaren bedömer: …" (eight items), plus free text.
  activity: [
    { id: "innehall", kind: "rating", text: "Aktivitetens innehåll och relevans" },
    { id: "mojlighet", kind: "rating", text: "Möjlighet att delta i förhållande till utvecklingsarbetets resurser och planering" },
    { id: "nytta", kind: "rating", text: "Upplevd nyttoskapande effekt" },
    { id: "strategiskt-mal", kind: "rating", text: "Stödets bidrag till utveckling och omställning mot nära vård (det strategiska målet)" },
    { id: "larande", kind: "rating", text: "Möjlighet till lärande" },
    { id: "samverkan", kind: "rating", text: "Möjlighet att samverka och utbyta erfarenhet med andra" },
    { id: "expert", kind: "rating", text: "Expertens förmåga att leverera kompetensstöd inom programområdet" },
    { id: "engagemang", kind: "rating", text: "Eget engagemang och delaktighet" },
    { id: "fritext", kind: "text", text: "Övriga synpunkter" },
  ],
  // PP 9.2.1: the change owners answer questions on these four themes, yearly.
  effect: [
    { id: "forandring", kind: "rating", text: "Verksamhetens förändring" },
    { id: "forutsattningar", kind: "rating", text: "Verksamhetens förutsättningar att genomföra förändringen" },
    { id: "delaktighet", kind: "rating", text: "Verksamhetens delaktighet och engagemang i förändringen" },
    { id: "resultat", kind: "rating", text: "Konkreta resultat i verksamheten" },
    { id: "kommentar", kind: "text", text: "Beskriv gärna förändringen och resultaten" },
  ],
  // SPEC 3.3 c: before each June/December report, to each included effort's leader.
  status: [
    {
      id: "overall",
      kind: "choice",
      text: "Övergripande status",
      required: true,
      choices: [
        { value: "gron", text: "Grön – enligt plan" },
        { value: "gul", text: "Gul – avvikelse som hanteras" },
        { value: "rod", text: "Röd – allvarlig avvikelse, behöver stöd" },
      ],
    },
    { id: "progress", kind: "text", text: "Framsteg sedan förra rapporten" },
    { id: "deviations", kind: "text", text: "Avvikelser" },
    { id: "support", kind: "text", text: "Behov av stöd från programmet" },
    { id: "lessons", kind: "text", text: "Goda idéer och lärdomar" },
  ],
};

const MAX_TEXT = 4000;

/** Checks an answer against the round's questions. Field names are `answers.<questionId>`. */
export function checkAnswers(questions: readonly SurveyQuestion[], answers: Record<string, number | string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const field = `answers.${id}`;
    const q = byId.get(id);
    if (!q) {
      problems.push({ field, message: { sv: `Frågan ”${id}” finns inte i enkäten.`, en: `The question “${id}” is not in the survey.` } });
      continue;
    }
    if (q.kind === "rating") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 5) {
        problems.push({ field, message: { sv: "Svaret ska vara en siffra från 1 till 5.", en: "The answer must be a whole number from 1 to 5." } });
      }
    } else if (q.kind === "choice") {
      const allowed = (q.choices ?? []).map((c) => c.value);
      if (typeof value !== "string" || !allowed.includes(value)) {
        problems.push({ field, message: { sv: `Välj ett av: ${allowed.join(", ")}.`, en: `Choose one of: ${allowed.join(", ")}.` } });
      }
    } else if (typeof value !== "string" || value.length > MAX_TEXT) {
      problems.push({ field, message: { sv: `Svaret ska vara en text på högst ${MAX_TEXT} tecken.`, en: `The answer must be a text of at most ${MAX_TEXT} characters.` } });
    }
  }
  for (const q of questions) {
    if (q.required && (answers[q.id] === undefined || answers[q.id] === "")) {
      problems.push({ field: `answers.${q.id}`, message: { sv: "Frågan måste besvaras.", en: "This question must be answered." } });
    }
  }
  if (problems.length === 0 && Object.values(answers).every((v) => v === "")) {
    problems.push({ field: "answers", message: { sv: "Besvara minst en fråga.", en: "Answer at least one question." } });
  }
  return problems;
}

/** Drops empty texts, so "no answer" and "" count the same. */
export function normaliseAnswers(answers: Record<string, number | string>): Record<string, number | string> {
  const kept: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(answers)) {
    const value = typeof v === "string" ? v.trim() : v;
    if (value !== "") kept[k] = value;
  }
  return kept;
}

/** Per question: the count always; the mean (ratings) and distribution only from MIN_RESPONSES_FOR_FIGURES responses. */
export function aggregate(questions: readonly SurveyQuestion[], responses: ReadonlyArray<Record<string, number | string>>): SurveyItemResult[] {
  const showFigures = responses.length >= MIN_RESPONSES_FOR_FIGURES;
  return questions
    .filter((q) => q.kind !== "text")
    .map((q) => {
      const values = responses.map((r) => r[q.id]).filter((v): v is number | string => v !== undefined);
      const item: SurveyItemResult = { questionId: q.id, count: values.length };
      if (!showFigures) return item;
      const keys = q.kind === "rating" ? ["1", "2", "3", "4", "5"] : (q.choices ?? []).map((c) => c.value);
      const distribution: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
      for (const v of values) distribution[String(v)] = (distribution[String(v)] ?? 0) + 1;
      item.distribution = distribution;
      if (q.kind === "rating" && values.length > 0) {
        const sum = values.reduce<number>((acc, v) => acc + (typeof v === "number" ? v : 0), 0);
        item.mean = Math.round((sum / values.length) * 100) / 100;
      }
      return item;
    });
}

/** Free-text answers without names, only from MIN_RESPONSES_FOR_FIGURES responses; order shuffled away from submission order by sorting. */
export function freeTexts(questions: readonly SurveyQuestion[], responses: ReadonlyArray<Record<string, number | string>>): Array<{ questionId: string; texts: string[] }> {
  if (responses.length < MIN_RESPONSES_FOR_FIGURES) return [];
  return questions
    .filter((q) => q.kind === "text")
    .map((q) => ({
      questionId: q.id,
      texts: responses
        .map((r) => r[q.id])
        .filter((v): v is string => typeof v === "string" && v.length > 0)
        .sort((a, b) => a.localeCompare(b, "sv")),
    }));
}

/** The calendar days of a period `2026-Q1` / `2026-H2`, inclusive. */
export function periodRange(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const part = period.slice(5);
  const firstMonth = part.startsWith("Q") ? (Number(part.slice(1)) - 1) * 3 + 1 : part === "H1" ? 1 : 7;
  const months = part.startsWith("Q") ? 3 : 6;
  const lastMonth = firstMonth + months - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

export interface RoundTimes {
  opensAt: string;
  deadline: string;
  reminders: readonly string[];
}

/** Deadline after opening and now; reminders between opening and deadline. */
export function checkRoundTimes(times: RoundTimes, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const open = Date.parse(times.opensAt);
  const deadline = Date.parse(times.deadline);
  if (deadline <= now.getTime() || deadline <= open) {
    problems.push({ field: "deadline", message: { sv: "Sista svarsdag måste ligga efter öppningen och i framtiden.", en: "The deadline must be after the opening and in the future." } });
  }
  times.reminders.forEach((r, i) => {
    const at = Date.parse(r);
    if (at <= open || at >= deadline) {
      problems.push({ field: `reminders.${i}`, message: { sv: "Påminnelsen måste ligga mellan öppningen och sista svarsdag.", en: "The reminder must be between the opening and the deadline." } });
    }
  });
  return problems;
}

/** The deadline as people read it: `2026-03-20 kl. 17:00` in Swedish time. */
export function formatDeadline(iso: string): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} kl. ${get("hour")}:${get("minute")}`;
}

const DAY_MS = 86_400_000;
/** The reporting milestones (reference data, PP 7.4) before which each included effort's leader is asked for status. */
const REPORTING_MILESTONE = /^B[5-7]$/;
/** Opens three weeks before the milestone (issue 11); answers are due a week before it, reminder three days before that. */
export const STATUS_REQUEST_SCHEDULE = { opensDaysBefore: 21, deadlineDaysBefore: 7, reminderDaysBeforeDeadline: 3 } as const;

export interface DueStatusRequest {
  milestoneId: string;
  title: string;
  deadline: string;
  reminders: string[];
}

/**
 * The status requests the sweep opens by itself at `now`: one per active B5–B7 milestone whose window has started
 * and whose deadline is still more than a day away (a request nobody has time to answer is not sent).
 */
export function dueStatusRequests(
  milestones: ReadonlyArray<{ id: string; code: string; date: string; name: string; active: boolean }>,
  now: Date,
): DueStatusRequest[] {
  const t = now.getTime();
  const s = STATUS_REQUEST_SCHEDULE;
  return milestones
    .filter((m) => m.active && REPORTING_MILESTONE.test(m.code))
    .flatMap((m) => {
      // 16:00 Swedish winter time on the day: a working-day deadline, whatever the season.
      const day = Date.parse(`${m.date}T15:00:00.000Z`);
      const opens = day - s.opensDaysBefore * DAY_MS;
      const deadline = day - s.deadlineDaysBefore * DAY_MS;
      const reminder = deadline - s.reminderDaysBeforeDeadline * DAY_MS;
      if (Number.isNaN(day) || t < opens || t >= deadline - DAY_MS) return [];
      return [
        {
          milestoneId: m.id,
          title: `Statusbegäran inför ${m.name} (${m.date})`,
          deadline: new Date(deadline).toISOString(),
          reminders: reminder > t ? [new Date(reminder).toISOString()] : [],
        },
      ];
    });
}

// ---- the program's survey settings and the yearly effect follow-up --------------------------------------------------

const ZONE = "Europe/Stockholm";

/**
 * Until the program office changes them (`PUT /api/surveys/settings`). The effect follow-up opens on 1 October: with
 * 21 days to answer its deadline is 22 October, so the round falls in the half-year roll-up of H2 (rounds count by
 * deadline) and the steering group has it for the autumn's report, while the change owners are back from the summer
 * holidays and clear of the June report's status requests.
 */
export const DEFAULT_SURVEY_SETTINGS: SurveySettingsData = {
  effectFollowUp: { enabled: true, month: 10, day: 1, openDays: 21, reminderDaysBeforeDeadline: 5 },
  statusRequests: { enabled: true },
};

/** Days per month in a common year: 29 February is refused, since a yearly date must exist every year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const MONTH_NAMES = {
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
} as const;

/** What the schema cannot see: a day that exists in the month every year, and a reminder inside the answering time. */
export function checkSurveySettings(settings: SurveySettingsData): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const e = settings.effectFollowUp;
  const max = DAYS_IN_MONTH[e.month - 1] ?? 31;
  if (e.day > max) {
    const sv = MONTH_NAMES.sv[e.month - 1] ?? String(e.month);
    const en = MONTH_NAMES.en[e.month - 1] ?? String(e.month);
    problems.push({
      field: "effectFollowUp.day",
      message: { sv: `Dagen finns inte varje år i ${sv}: ange högst ${max}.`, en: `That day does not exist every year in ${en}: give at most ${max}.` },
    });
  }
  if (e.reminderDaysBeforeDeadline >= e.openDays) {
    problems.push({
      field: "effectFollowUp.reminderDaysBeforeDeadline",
      message: {
        sv: `Påminnelsen måste komma efter öppningen: färre dagar före sista svarsdag än svarstiden (${e.openDays} dagar).`,
        en: `The reminder must come after the opening: fewer days before the deadline than the answering time (${e.openDays} days).`,
      },
    });
  }
  return problems;
}

/** Cards go out in the morning, answers are due in the afternoon, reminders come in the morning (Swedish time). */
export const EFFECT_FOLLOW_UP_HOURS = { opens: 8, deadline: 16, reminder: 9 } as const;

export interface DueEffectFollowUp {
  year: number;
  title: string;
  deadline: string;
  reminders: string[];
}

/**
 * The year's effect follow-up (PP 9.2.1), if the sweep should open it at `now`: from the set day (08:00 Swedish time)
 * of the current Swedish calendar year until a day before its deadline (the set day + openDays, 16:00). The year names
 * the round, so it is opened once a year; a year whose window passed unopened is not caught up in the next.
 */
export function dueEffectFollowUp(settings: SurveySettingsData["effectFollowUp"], now: Date): DueEffectFollowUp | null {
  if (!settings.enabled) return null;
  const year = DateTime.fromJSDate(now, { zone: ZONE }).year;
  const h = EFFECT_FOLLOW_UP_HOURS;
  const opens = DateTime.fromObject({ year, month: settings.month, day: settings.day, hour: h.opens }, { zone: ZONE });
  // A day the month does not have (the schema alone allows 31 in every month; the API refuses it) opens nothing.
  if (!opens.isValid) return null;
  const deadline = opens.plus({ days: settings.openDays }).set({ hour: h.deadline });
  const t = now.getTime();
  if (t < opens.toMillis() || t >= deadline.minus({ days: 1 }).toMillis()) return null;
  const reminder = deadline.minus({ days: settings.reminderDaysBeforeDeadline }).set({ hour: h.reminder });
  return {
    year,
    title: `Effektuppföljning ${year}`,
    deadline: new Date(deadline.toMillis()).toISOString(),
    reminders: settings.reminderDaysBeforeDeadline > 0 && reminder.toMillis() > t ? [new Date(reminder.toMillis()).toISOString()] : [],
  };
}

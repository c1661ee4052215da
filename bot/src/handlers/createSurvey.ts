import { ApiError, type ApiClient, type Locale, type SurveyInput } from "@naravard/api/contracts";
import { CREATE_FIELDS, SURVEY_CREATE_STRINGS, surveyCreateCard, surveyCreatedCard, type CreateField, type CreateFormValues } from "../cards/surveyCreateCard.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CardActionHandler, CommandHandler } from "./types.js";

const DAY = 86_400_000;

/** UTC offset of Stockholm at an instant, in minutes (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(at: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", timeZoneName: "longOffset" }).formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The last answering day as an instant: 23:59 that day in Stockholm. Anything else goes to the API as typed (400 there). */
export function deadlineOf(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return date.trim();
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59);
  return new Date(local - stockholmOffsetMinutes(local) * 60_000).toISOString();
}

export function readCreateForm(data: Record<string, unknown>): CreateFormValues {
  const values = Object.fromEntries(CREATE_FIELDS.map((f) => [f, typeof data[f] === "string" ? data[f] : ""])) as CreateFormValues;
  return { ...values, kind: values.kind || "activity", recipientMode: values.recipientMode || "people", remind: values.remind || "false" };
}

/** The API's input from the form; no rule here: the API decides what is valid and names the fields. */
export function toSurveyInput(v: CreateFormValues, now = Date.now()): Record<string, unknown> {
  const deadline = deadlineOf(v.deadline);
  const reminder = Date.parse(deadline) - 2 * DAY;
  const hasActivity = [v.activityName, v.activityDate, v.programAreaId].some((x) => x.trim().length > 0);
  return {
    kind: v.kind,
    title: v.title.trim(),
    ...(v.kind === "activity" && hasActivity ? { activity: { name: v.activityName.trim(), date: v.activityDate.trim(), programAreaId: v.programAreaId.trim() } } : {}),
    recipients: v.recipientMode === "leaders" ? { leadersOf: "included" } : v.recipients.split(/[\s,;]+/).filter((e) => e.length > 0),
    deadline,
    ...(v.remind === "true" && Number.isFinite(reminder) && reminder > now ? { reminders: [new Date(reminder).toISOString()] } : {}),
  };
}

/** Which input an API field error belongs to (`activity.date` → the activity's date, `recipients.2` → recipients). */
function inputOf(field: string): CreateField | null {
  const exact: Record<string, CreateField> = {
    kind: "kind",
    title: "title",
    activity: "activityName",
    "activity.name": "activityName",
    "activity.date": "activityDate",
    "activity.programAreaId": "programAreaId",
    deadline: "deadline",
    opensAt: "deadline",
  };
  if (exact[field]) return exact[field];
  if (field.startsWith("recipients")) return "recipients";
  if (field.startsWith("reminders")) return "deadline";
  return null;
}

async function programAreas(api: ApiClient, locale: Locale): Promise<Array<{ id: string; name: string }>> {
  const ref = await api.reference();
  return ref.programAreas.filter((a) => a.active).map((a) => ({ id: a.id, name: locale === "en" && a.nameEn ? a.nameEn : a.name }));
}

/**
 * `enkät` / `survey` (program office, programområdesansvariga): the card to open a round. Its fresh `cardId` is the
 * `Idempotency-Key`, so a double click creates one round. Others are told what they can do instead.
 */
export const createSurvey: CommandHandler = async ({ api, locale, env }) => {
  try {
    const me = await api.me();
    if (!me.permissions.includes("surveys.manage")) return { text: SURVEY_CREATE_STRINGS[locale].notAllowed };
    return { cards: [surveyCreateCard(locale, { cardId: env.newId(), programAreas: await programAreas(api, locale) })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

/** Card verb `surveyCreate`: the round is created (the card says so), or the form comes back with every value kept. */
export const submitSurveyCreate: CardActionHandler = async ({ api, locale, env, args }) => {
  const values = readCreateForm(args);
  const cardId = typeof args.cardId === "string" && args.cardId ? args.cardId : env.newId();
  try {
    const round = await api.createSurvey(toSurveyInput(values) as SurveyInput, cardId);
    return { updatedCard: surveyCreatedCard(round, locale) };
  } catch (err) {
    const fieldErrors: Partial<Record<CreateField, string>> = {};
    const errorList: string[] = [];
    if (err instanceof ApiError && err.status < 500) {
      for (const d of err.body.details) {
        const input = inputOf(d.field);
        if (input) fieldErrors[input] ??= d.message;
        errorList.push(d.message);
      }
      if (errorList.length === 0) errorList.push(err.status === 403 ? `${strings(locale).errors.forbidden} ${err.body.message}` : err.body.message);
    } else {
      env.log.error("Enkäten kunde inte skickas till API:et", err, { cardId });
      errorList.push(strings(locale).errors.api);
    }
    const areas = await programAreas(api, locale).catch(() => []);
    return { updatedCard: surveyCreateCard(locale, { cardId, programAreas: areas, values, fieldErrors, errorList }) };
  }
};

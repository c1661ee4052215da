import { ApiError, type ApiClient, type Locale, type SurveyRound } from "@naravard/api/contracts";
import { escalationStrings } from "../i18n/escalationStrings.js";
import { SURVEY_STRINGS, surveyClosedCard, surveyFormCard, surveySavedCard, inputIdOf, type SurveyCardModel } from "../cards/surveyCards.js";
import { strings } from "../i18n/strings.js";
import type { BotReply, CardActionHandler } from "./types.js";

/** The card's data: which round and (status request) which effort; "" means none. */
function target(args: Record<string, unknown>): { surveyId: string; projectId: string | undefined } {
  const surveyId = typeof args.surveyId === "string" ? args.surveyId : "";
  const projectId = typeof args.projectId === "string" && args.projectId ? args.projectId : undefined;
  return { surveyId, projectId };
}

export function modelOf(round: SurveyRound, projectId: string | undefined): SurveyCardModel {
  const part = round.mine?.find((m) => m.projectId === projectId);
  return {
    id: round.id,
    kind: round.kind,
    title: round.title,
    deadline: round.deadline,
    activityName: round.activity?.name,
    projectId,
    projectName: part?.projectName,
    questions: round.questions,
  };
}

/** The card's inputs as the card holds them (strings), by question id. */
function readValues(model: SurveyCardModel, args: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const q of model.questions) {
    const raw = args[inputIdOf(q.id)];
    if (typeof raw === "string" && raw.trim() !== "") values[q.id] = raw;
    else if (typeof raw === "number") values[q.id] = String(raw);
  }
  return values;
}

/** Card strings → the API's answer: ratings as numbers, the rest as text. No rule here; the API decides. */
function toAnswers(model: SurveyCardModel, values: Record<string, string>): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const q of model.questions) {
    const v = values[q.id];
    if (v === undefined) continue;
    answers[q.id] = q.kind === "rating" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  }
  return answers;
}

const isClosed = (round: SurveyRound, now: number) => round.status === "closed" || Date.parse(round.deadline) <= now;

/** The card as it should look now: closed, the saved answer, or the questions. */
async function currentCard(api: ApiClient, locale: Locale, surveyId: string, projectId: string | undefined, now: number): Promise<BotReply> {
  const round = await api.getSurvey(surveyId);
  const model = modelOf(round, projectId);
  if (isClosed(round, now)) return { updatedCard: surveyClosedCard(model, locale) };
  try {
    const saved = await api.mySurveyResponse(surveyId, projectId);
    return { updatedCard: surveySavedCard(model, locale, saved) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { updatedCard: surveyFormCard(model, locale) };
    throw err;
  }
}

function refusal(err: unknown, locale: Locale): BotReply | null {
  if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
    return { text: `${err.status === 403 ? strings(locale).errors.forbidden : strings(locale).errors.notFound} ${err.body.message}` };
  }
  return null;
}

/**
 * Card verb `answerSurvey`: `PUT /api/surveys/{id}/responses/me` acting for the user. The answer's row is the
 * person's own, so a double click or a retried invoke stores one answer. Saved → the card becomes "Tack – ditt svar
 * är sparat" with the answer; refused → the same card with every value kept and the API's messages at the questions.
 */
export const answerSurvey: CardActionHandler = async ({ api, locale, args, env }) => {
  const { surveyId, projectId } = target(args);
  let round: SurveyRound;
  try {
    round = await api.getSurvey(surveyId);
  } catch (err) {
    const r = refusal(err, locale);
    if (r) return r;
    throw err;
  }
  const model = modelOf(round, projectId);
  const values = readValues(model, args);
  try {
    const saved = await api.respondToSurvey(surveyId, { answers: toAnswers(model, values), ...(projectId ? { projectId } : {}) });
    return { updatedCard: surveySavedCard(model, locale, saved) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return { updatedCard: surveyClosedCard(model, locale), text: err.body.message };
    if (err instanceof ApiError && err.status === 400) {
      const errors: Record<string, string> = {};
      const errorList: string[] = [];
      for (const d of err.body.details) {
        const qid = d.field.startsWith("answers.") ? d.field.slice("answers.".length) : null;
        const question = qid ? model.questions.find((q) => q.id === qid) : undefined;
        if (question) errors[question.id] = errors[question.id] ? `${errors[question.id] ?? ""} ${d.message}` : d.message;
        errorList.push(question ? `${question.text}: ${d.message}` : d.message);
      }
      if (errorList.length === 0) errorList.push(err.body.message);
      return { updatedCard: surveyFormCard(model, locale, { values, errors, errorList }) };
    }
    const r = refusal(err, locale);
    if (r) return r;
    env.log.error("Enkätsvaret kunde inte sparas", err, { surveyId });
    // Whatever went wrong, what the user filled in stays on the card.
    return { updatedCard: surveyFormCard(model, locale, { values, errorList: [SURVEY_STRINGS[locale].api] }) };
  }
};

/** Card verb `editSurvey`: the questions again with the saved answer filled in. */
export const editSurvey: CardActionHandler = async ({ api, locale, args }) => {
  const { surveyId, projectId } = target(args);
  try {
    const round = await api.getSurvey(surveyId);
    const model = modelOf(round, projectId);
    if (isClosed(round, Date.now())) return { updatedCard: surveyClosedCard(model, locale) };
    const saved = await api.mySurveyResponse(surveyId, projectId).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    });
    const values = Object.fromEntries(Object.entries(saved?.answers ?? {}).map(([k, v]) => [k, String(v)]));
    return { updatedCard: surveyFormCard(model, locale, { values }) };
  } catch (err) {
    const r = refusal(err, locale);
    if (r) return r;
    throw err;
  }
};

/** Card verb `refreshSurvey` (the card's `refresh`): opening the card again shows the current state. */
export const refreshSurvey: CardActionHandler = async ({ api, locale, args }) => {
  const { surveyId, projectId } = target(args);
  try {
    return await currentCard(api, locale, surveyId, projectId, Date.now());
  } catch (err) {
    const r = refusal(err, locale);
    if (r) return r;
    throw err;
  }
};

/** Card verb `escalateSurveyAnswer`: escalates the deviation in the user's status answer (once; the API keys it by the answer). */
export const escalateSurveyAnswer: CardActionHandler = async ({ api, locale, args }) => {
  const { surveyId, projectId } = target(args);
  try {
    const round = await api.getSurvey(surveyId);
    const model = modelOf(round, projectId);
    const { escalationId } = await api.escalateSurveyAnswer(surveyId, projectId);
    // Who holds it depends on who raised it (PP 9.5): the card names the level the escalations service chose.
    const [saved, escalation] = await Promise.all([api.mySurveyResponse(surveyId, projectId), api.getEscalation(escalationId)]);
    return { updatedCard: surveySavedCard(model, locale, saved, escalationStrings(locale).levels[escalation.level]) };
  } catch (err) {
    const r = refusal(err, locale);
    if (r) return r;
    if (err instanceof ApiError && err.status < 500) return { text: err.body.message };
    throw err;
  }
};

import { surveyKindLabels, surveyPrivacyNotes, type Locale, type SurveyKind, type SurveyQuestion, type SurveyResponse } from "@naravard/api/contracts";
import { cardAttachment, expandCard, type CardAttachment } from "./render.js";
import surveyTemplate from "./templates/survey.json" with { type: "json" };
import noticeTemplate from "./templates/survey-notice.json" with { type: "json" };

/** What a survey card shows: a round, and for a status request the effort it asks about. */
export interface SurveyCardModel {
  id: string;
  kind: SurveyKind;
  title: string;
  deadline: string;
  activityName?: string | undefined;
  projectId?: string | undefined;
  projectName?: string | undefined;
  questions: readonly SurveyQuestion[];
}

export const SURVEY_STRINGS = {
  sv: {
    reminder: "Påminnelse: vi har inte fått ditt svar än.",
    deadline: (when: string) => `Svara senast ${when}.`,
    submit: "Skicka svar",
    change: "Ändra svaret",
    escalate: "Eskalera avvikelsen",
    escalated: (holder: string) => `Avvikelsen är eskalerad – den ligger nu hos: ${holder}.`,
    refresh: "Uppdatera",
    errorSummary: "Svaret sparades inte:",
    required: "Välj ett alternativ.",
    savedHeading: "Tack – ditt svar är sparat",
    savedMessage: (when: string) => `Du kan ändra det till ${when}.`,
    closedHeading: "Enkäten är stängd",
    closedMessage: (when: string) => `Sista svarsdag var ${when}.`,
    activity: (name: string) => `Aktivitet: ${name}`,
    effort: (name: string) => `Utvecklingsarbete: ${name}`,
    api: "Svaret kunde inte sparas just nu. Försök igen om en stund – det du fyllt i finns kvar.",
    none: "Inga enkäter väntar på ditt svar.",
    waiting: (n: number) => (n === 1 ? "En enkät väntar på ditt svar:" : `${n} enkäter väntar på ditt svar:`),
    summary: (title: string) => `Enkät: ${title}`,
    summaryReminder: (title: string) => `Påminnelse: ${title}`,
    dateLocale: "sv-SE",
  },
  en: {
    reminder: "Reminder: we have not received your answer yet.",
    deadline: (when: string) => `Answer by ${when}.`,
    submit: "Send answer",
    change: "Change the answer",
    escalate: "Escalate the deviation",
    escalated: (holder: string) => `The deviation has been escalated – it is now with: ${holder}.`,
    refresh: "Refresh",
    errorSummary: "The answer was not saved:",
    required: "Choose an option.",
    savedHeading: "Thank you – your answer is saved",
    savedMessage: (when: string) => `You can change it until ${when}.`,
    closedHeading: "The survey is closed",
    closedMessage: (when: string) => `The deadline was ${when}.`,
    activity: (name: string) => `Activity: ${name}`,
    effort: (name: string) => `Development effort: ${name}`,
    api: "The answer could not be saved right now. Try again in a while – what you filled in is kept.",
    none: "No surveys are waiting for your answer.",
    waiting: (n: number) => (n === 1 ? "One survey is waiting for your answer:" : `${n} surveys are waiting for your answer:`),
    summary: (title: string) => `Survey: ${title}`,
    summaryReminder: (title: string) => `Reminder: ${title}`,
    dateLocale: "en-GB",
  },
} as const satisfies Record<Locale, unknown>;

/** The deadline in Swedish time, as people read it. */
export function formatDeadline(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(SURVEY_STRINGS[locale].dateLocale, {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** The card input of a question, and back. */
export const inputIdOf = (questionId: string) => `q_${questionId}`;

const RATING_CHOICES = ["1", "2", "3", "4", "5"].map((v) => ({ title: v, value: v }));

function subtitle(model: SurveyCardModel, locale: Locale): string {
  const s = SURVEY_STRINGS[locale];
  if (model.projectName) return s.effort(model.projectName);
  if (model.activityName) return s.activity(model.activityName);
  return surveyKindLabels[model.kind][locale];
}

export interface SurveyFormState {
  /** Values as the card holds them (strings), by question id. */
  values?: Readonly<Record<string, string>>;
  /** Messages by question id. */
  errors?: Readonly<Record<string, string>>;
  errorList?: readonly string[];
  reminder?: boolean;
}

export function surveyFormData(model: SurveyCardModel, locale: Locale, state: SurveyFormState = {}): Record<string, unknown> {
  const s = SURVEY_STRINGS[locale];
  const errorList = state.errorList ?? [];
  return {
    lang: locale,
    t: {
      reminder: s.reminder,
      deadline: s.deadline(formatDeadline(model.deadline, locale)),
      privacy: surveyPrivacyNotes[model.kind][locale],
      submit: s.submit,
      refresh: s.refresh,
      errorSummary: s.errorSummary,
    },
    reminder: state.reminder ?? false,
    surveyId: model.id,
    projectId: model.projectId ?? "",
    title: model.title,
    subtitle: subtitle(model, locale),
    hasErrors: errorList.length > 0,
    errorList,
    questions: model.questions.map((q) => ({
      inputId: inputIdOf(q.id),
      kind: q.kind,
      text: q.text,
      required: q.required ?? false,
      requiredText: s.required,
      value: state.values?.[q.id] ?? "",
      error: state.errors?.[q.id] ?? "",
      choices: q.kind === "rating" ? RATING_CHOICES : (q.choices ?? []).map((c) => ({ title: c.text, value: c.value })),
    })),
  };
}

export function surveyFormCard(model: SurveyCardModel, locale: Locale, state: SurveyFormState = {}): CardAttachment {
  return cardAttachment(expandCard(surveyTemplate, surveyFormData(model, locale, state)));
}

function answerText(q: SurveyQuestion, value: string | number): string {
  if (q.kind === "choice") return q.choices?.find((c) => c.value === value)?.text ?? String(value);
  return String(value);
}

export function surveyNoticeData(
  model: SurveyCardModel,
  locale: Locale,
  state: { saved: SurveyResponse; escalatedTo?: string } | { closed: true },
): Record<string, unknown> {
  const s = SURVEY_STRINGS[locale];
  const when = formatDeadline(model.deadline, locale);
  const saved = "saved" in state ? state.saved : null;
  // The level now holding the escalation (e.g. "Programledare"), once the deviation is escalated.
  const escalatedTo = "saved" in state ? state.escalatedTo : undefined;
  const deviation = saved?.answers["deviations"];
  return {
    lang: locale,
    t: { change: s.change, refresh: s.refresh, escalate: s.escalate },
    surveyId: model.id,
    projectId: model.projectId ?? "",
    heading: saved ? s.savedHeading : s.closedHeading,
    headingColour: saved ? "Good" : "Warning",
    title: model.projectName ? `${model.title} – ${model.projectName}` : model.title,
    message: saved ? s.savedMessage(when) : s.closedMessage(when),
    canChange: saved !== null,
    // A status answer's deviation can be escalated straight from the answer (SPEC 3.3 c).
    canEscalate: model.kind === "status" && typeof deviation === "string" && deviation.length > 0 && escalatedTo === undefined,
    note: escalatedTo !== undefined ? s.escalated(escalatedTo) : "",
    answers: saved
      ? model.questions
          .filter((q) => saved.answers[q.id] !== undefined)
          .map((q) => ({ question: q.text, answer: answerText(q, saved.answers[q.id] ?? "") }))
      : [],
  };
}

/** "Tack – ditt svar är sparat" with the answer and a way to change it until the deadline. */
export function surveySavedCard(model: SurveyCardModel, locale: Locale, saved: SurveyResponse, escalatedTo?: string): CardAttachment {
  return cardAttachment(expandCard(noticeTemplate, surveyNoticeData(model, locale, escalatedTo === undefined ? { saved } : { saved, escalatedTo })));
}

export function surveyClosedCard(model: SurveyCardModel, locale: Locale): CardAttachment {
  return cardAttachment(expandCard(noticeTemplate, surveyNoticeData(model, locale, { closed: true })));
}

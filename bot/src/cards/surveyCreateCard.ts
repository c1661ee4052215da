import { surveyKindLabels, type Locale, type SurveyKind, type SurveyRound } from "@naravard/api/contracts";
import { cardAttachment, expandCard, type CardAttachment } from "./render.js";
import createTemplate from "./templates/survey-create.json" with { type: "json" };

/** The inputs of the `enkät` card, as typed (the API validates; the card only carries them). */
export const CREATE_FIELDS = ["kind", "title", "activityName", "activityDate", "programAreaId", "recipientMode", "recipients", "deadline", "remind"] as const;
export type CreateField = (typeof CREATE_FIELDS)[number];
export type CreateFormValues = Record<CreateField, string>;

export const SURVEY_CREATE_STRINGS = {
  sv: {
    title: "Ny enkätomgång",
    intro: "Mottagarna får enkäten i chatten med boten och påminns två dagar före sista svarsdag om de inte har svarat.",
    activityHint: "Aktivitetsuppföljning: fyll i aktiviteten.",
    errors: "Enkäten skapades inte:",
    send: "Skicka enkäten",
    labels: {
      kind: "Typ",
      title: "Rubrik",
      activityName: "Aktivitet",
      activityDate: "Aktivitetens datum",
      programArea: "Programområde",
      choose: "Välj programområde",
      recipientMode: "Mottagare",
      people: "Personer (e-postadresser)",
      leaders: "Projektledarna för alla pågående utvecklingsarbeten",
      recipients: "E-postadresser",
      recipientsPlaceholder: "En eller flera, åtskilda med komma eller radbrytning",
      deadline: "Sista svarsdag",
      remind: "Påminn den som inte har svarat två dagar före",
    },
    created: (title: string) => `Enkäten ”${title}” är skickad`,
    facts: (recipients: number, deadline: string) => `${recipients} mottagare · sista svarsdag ${deadline}`,
    unresolved: (n: number) => `${n} utvecklingsarbeten saknar projektledarens e-post och fick ingen enkät – se fliken Uppföljning.`,
    notAllowed: "Enkätomgångar skapas av programkontoret och programområdesansvariga. Skriv **mina enkäter** för de enkäter som väntar på dig.",
    dateLocale: "sv-SE",
  },
  en: {
    title: "New survey round",
    intro: "Recipients get the survey in their chat with the bot and are reminded two days before the deadline if they have not answered.",
    activityHint: "Activity survey: fill in the activity.",
    errors: "The survey was not created:",
    send: "Send the survey",
    labels: {
      kind: "Kind",
      title: "Title",
      activityName: "Activity",
      activityDate: "Date of the activity",
      programArea: "Program area",
      choose: "Choose a program area",
      recipientMode: "Recipients",
      people: "People (e-mail addresses)",
      leaders: "The project leaders of all ongoing efforts",
      recipients: "E-mail addresses",
      recipientsPlaceholder: "One or more, separated by commas or line breaks",
      deadline: "Deadline",
      remind: "Remind those who have not answered two days before",
    },
    created: (title: string) => `The survey “${title}” has been sent`,
    facts: (recipients: number, deadline: string) => `${recipients} recipients · deadline ${deadline}`,
    unresolved: (n: number) => `${n} efforts have no project leader e-mail and got no survey – see the Follow-up tab.`,
    notAllowed: "Survey rounds are created by the program office and programme area leads. Type **my surveys** for the surveys waiting for you.",
    dateLocale: "en-GB",
  },
} as const;

export const EMPTY_CREATE_VALUES: CreateFormValues = {
  kind: "activity",
  title: "",
  activityName: "",
  activityDate: "",
  programAreaId: "",
  recipientMode: "people",
  recipients: "",
  deadline: "",
  remind: "true",
};

export interface SurveyCreateCardOptions {
  cardId: string;
  programAreas: ReadonlyArray<{ id: string; name: string }>;
  values?: CreateFormValues;
  fieldErrors?: Partial<Record<CreateField, string>>;
  errorList?: string[];
}

/** The template data of the `enkät` card (also what its fixture holds). */
export function surveyCreateCardData(locale: Locale, opts: SurveyCreateCardOptions): Record<string, unknown> {
  const s = SURVEY_CREATE_STRINGS[locale];
  const kinds: SurveyKind[] = ["activity", "effect", "status"];
  const noErrors = Object.fromEntries(CREATE_FIELDS.map((f) => [f, ""])) as Record<CreateField, string>;
  return {
    lang: locale,
    cardId: opts.cardId,
    t: { title: s.title, intro: s.intro, activityHint: s.activityHint, errors: s.errors, send: s.send, labels: s.labels },
    kinds: kinds.map((k) => ({ value: k, title: surveyKindLabels[k][locale] })),
    programAreas: opts.programAreas,
    values: opts.values ?? EMPTY_CREATE_VALUES,
    fieldErrors: { ...noErrors, ...opts.fieldErrors },
    errorList: opts.errorList ?? [],
  };
}

export function surveyCreateCard(locale: Locale, opts: SurveyCreateCardOptions): CardAttachment {
  return cardAttachment(expandCard(createTemplate, surveyCreateCardData(locale, opts)));
}

/** What replaces the form once the round exists: what was sent, to how many, until when. */
export function surveyCreatedCard(round: SurveyRound, locale: Locale): CardAttachment {
  const s = SURVEY_CREATE_STRINGS[locale];
  const deadline = new Intl.DateTimeFormat(s.dateLocale, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(new Date(round.deadline));
  return cardAttachment({
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.5",
    lang: locale,
    body: [
      { type: "TextBlock", text: s.created(round.title), style: "heading", size: "Medium", weight: "Bolder", color: "Good", wrap: true },
      { type: "TextBlock", text: `${surveyKindLabels[round.kind][locale]} · ${s.facts(round.recipientCount, deadline)}`, wrap: true },
      ...(round.unresolved.length > 0 ? [{ type: "TextBlock", text: s.unresolved(round.unresolved.length), wrap: true, color: "Warning" }] : []),
    ],
  });
}

import type { ConversationRef, Locale, Notification } from "@naravard/api/contracts";
import { effortLink, type CardLinks } from "../cards/links.js";
import { cardAttachment, expandCard, type CardAttachment } from "../cards/render.js";
import applicationSubmittedTemplate from "../cards/templates/notify-application-submitted.json" with { type: "json" };
import decisionMadeTemplate from "../cards/templates/notify-decision-made.json" with { type: "json" };

/** Texts of the notification cards. Swedish first; English when the conversation's locale is English. */
export const NOTIFICATION_STRINGS = {
  sv: {
    applicationTitle: (name: string) => `Ny ansökan att bedöma: ${name}`,
    decisionTitle: (name: string, outcome: string) => `Beslut om ${name}: ${outcome}`,
    outcomes: { inkluderad: "Inkluderad", avslagen: "Avslagen" },
    labels: {
      owner: "Ägarorganisation",
      applicant: "Sökande",
      submitted: "Inlämnad",
      description: "Beskrivning",
      outcome: "Beslut",
      date: "Datum",
      body: "Beslutande organ",
      rationale: "Motivering",
      open: "Öppna i portföljen",
    },
    portfolioLabel: "Portfölj",
    summaryApplication: (name: string) => `Ny ansökan: ${name}`,
    summaryDecision: (name: string, outcome: string) => `Beslut om ${name}: ${outcome}`,
    dateLocale: "sv-SE",
  },
  en: {
    applicationTitle: (name: string) => `New application to assess: ${name}`,
    decisionTitle: (name: string, outcome: string) => `Decision on ${name}: ${outcome}`,
    outcomes: { inkluderad: "Included", avslagen: "Rejected" },
    labels: {
      owner: "Owner organisation",
      applicant: "Applicant",
      submitted: "Submitted",
      description: "Description",
      outcome: "Decision",
      date: "Date",
      body: "Decided by",
      rationale: "Rationale",
      open: "Open in the portfolio",
    },
    portfolioLabel: "Portfolio",
    summaryApplication: (name: string) => `New application: ${name}`,
    summaryDecision: (name: string, outcome: string) => `Decision on ${name}: ${outcome}`,
    dateLocale: "en-GB",
  },
} as const satisfies Record<Locale, unknown>;

export type { CardLinks };

/** The conversation's locale if its stored reference names one (`en…` → English), else Swedish. */
export function localeOf(ref: Pick<ConversationRef, "reference">): Locale {
  const locale = ref.reference.locale;
  return typeof locale === "string" && /^en\b/i.test(locale) ? "en" : "sv";
}

/** Cuts a text to about `max` characters at a word boundary, with an ellipsis. */
export function excerpt(text: string, max = 300): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

/**
 * `2025-06-15` → `15 juni 2025` / `15 June 2025`; a date-time is shown as its date in Sweden
 * (Europe/Stockholm); anything else is shown as given.
 */
export function formatDate(value: string, locale: Locale): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) return value;
  return dateFormat(locale, dateOnly ? "UTC" : "Europe/Stockholm").format(date);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(NOTIFICATION_STRINGS[locale].dateLocale, { dateStyle: "long", timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

export interface RenderedNotification {
  attachment: CardAttachment;
  /** Short text for the Teams notification feed. */
  summary: string;
}

/** The template data for a notification (also what the card fixtures hold). */
export function notificationCardData(n: Notification, locale: Locale, links: CardLinks): Record<string, unknown> {
  const s = NOTIFICATION_STRINGS[locale];
  const effortUrl = effortLink(links, n.project.id, s.portfolioLabel);
  if (n.kind === "application_submitted") {
    return {
      lang: locale,
      title: s.applicationTitle(n.project.name),
      labels: s.labels,
      ownerOrganisation: n.project.ownerOrganisationName,
      applicant: n.project.applicantEmail,
      submitted: formatDate(n.createdAt, locale),
      description: excerpt(n.project.description),
      effortUrl,
    };
  }
  const outcome = s.outcomes[n.decision.outcome];
  return {
    lang: locale,
    title: s.decisionTitle(n.project.name, outcome),
    labels: s.labels,
    outcome,
    date: formatDate(n.decision.date, locale),
    bodyName: n.decision.bodyName,
    rationale: n.decision.rationale,
    effortUrl,
  };
}

export function renderNotification(n: Notification, locale: Locale, links: CardLinks): RenderedNotification {
  const s = NOTIFICATION_STRINGS[locale];
  const data = notificationCardData(n, locale, links);
  if (n.kind === "application_submitted") {
    return { attachment: cardAttachment(expandCard(applicationSubmittedTemplate, data)), summary: s.summaryApplication(n.project.name) };
  }
  const outcome = s.outcomes[n.decision.outcome];
  return { attachment: cardAttachment(expandCard(decisionMadeTemplate, data)), summary: s.summaryDecision(n.project.name, outcome) };
}

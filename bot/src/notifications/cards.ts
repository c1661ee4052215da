import type { ConversationRef, Locale, Notification } from "@naravard/api/contracts";
import { escalationCard } from "../cards/escalations.js";
import { inquiryCard, inquirySummary, type InquiryCardPurpose } from "../cards/inquiries.js";
import { effortLink, type CardLinks } from "../cards/links.js";
import { cardAttachment, expandCard, type CardAttachment } from "../cards/render.js";
import applicationSubmittedTemplate from "../cards/templates/notify-application-submitted.json" with { type: "json" };
import decisionMadeTemplate from "../cards/templates/notify-decision-made.json" with { type: "json" };
import { templates } from "../cards/cards.js";
import { riskListCardData } from "../cards/riskViews.js";
import { SURVEY_STRINGS, surveyFormCard } from "../cards/surveyCards.js";
import { excerpt } from "../domain/text.js";
import { escalationStrings } from "../i18n/escalationStrings.js";
import { riskStrings } from "../i18n/riskStrings.js";
import { formatDate } from "../i18n/strings.js";

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

export interface RenderedNotification {
  attachment: CardAttachment;
  /** Short text for the Teams notification feed. */
  summary: string;
}

type InquiryNotification = Extract<Notification, { kind: "inquiry_received" | "inquiry_assigned" | "inquiry_reminder" | "inquiry_updated" }>;

function isInquiryNotification(n: Notification): n is InquiryNotification {
  return n.kind === "inquiry_received" || n.kind === "inquiry_assigned" || n.kind === "inquiry_reminder" || n.kind === "inquiry_updated";
}

const PURPOSE: Record<InquiryNotification["kind"], InquiryCardPurpose> = {
  inquiry_received: "channel",
  inquiry_assigned: "assigned",
  inquiry_reminder: "reminder",
  // Redraws the channel card in place for everyone (sent cards).
  inquiry_updated: "channel",
};

/** The inquiry card as of the notification's creation (time left from when the API wrote it). */
function inquiryNotificationCard(n: InquiryNotification, locale: Locale, links: CardLinks): CardAttachment {
  const status = n.kind === "inquiry_updated" ? n.inquiry.status : n.inquiry.assignee ? "assigned" : "new";
  // The channel card offers Tilldela with the API's list, also when redrawn in place (`inquiry_updated`).
  const assignees = n.kind === "inquiry_received" || n.kind === "inquiry_updated" ? (n.assignees ?? []) : [];
  return inquiryCard({ ...n.inquiry, status }, n.createdAt, locale, links, PURPOSE[n.kind], { assignees });
}

type PortfolioNotification = Extract<Notification, { kind: "application_submitted" | "decision_made" }>;

/** The template data for a portfolio notification (also what the card fixtures hold). */
export function notificationCardData(n: PortfolioNotification, locale: Locale, links: CardLinks): Record<string, unknown> {
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
  if (n.kind === "escalation" || n.kind === "escalation_updated") {
    const e = escalationStrings(locale);
    const notice = n.kind === "escalation" && n.event === "reminder" ? e.reminder : undefined;
    return {
      attachment: escalationCard(n.escalation, locale, links, notice ? { notice } : {}),
      summary: notice ?? e.summary(n.escalation.title),
    };
  }
  if (n.kind === "risk_review_due") {
    // The reminder (PP 9.4): the owner's risks due, each with Granska (Action.Execute → the review card in place).
    const t = riskStrings(locale);
    const data = riskListCardData(n.risks, locale, links, { title: t.dueTitle, subtitle: t.dueIntro(n.risks.length), action: "review" });
    return { attachment: cardAttachment(expandCard(templates["risk-list"], data)), summary: t.summaryDue(n.risks.length) };
  }
  if (isInquiryNotification(n)) {
    return { attachment: inquiryNotificationCard(n, locale, links), summary: inquirySummary(n.inquiry, locale) };
  }
  const s = NOTIFICATION_STRINGS[locale];
  if (n.kind === "survey_request") {
    const ss = SURVEY_STRINGS[locale];
    return { attachment: surveyFormCard(n.survey, locale, { reminder: n.reminder > 0 }), summary: n.reminder > 0 ? ss.summaryReminder(n.survey.title) : ss.summary(n.survey.title) };
  }
  const data = notificationCardData(n, locale, links);
  if (n.kind === "application_submitted") {
    return { attachment: cardAttachment(expandCard(applicationSubmittedTemplate, data)), summary: s.summaryApplication(n.project.name) };
  }
  const outcome = s.outcomes[n.decision.outcome];
  return { attachment: cardAttachment(expandCard(decisionMadeTemplate, data)), summary: s.summaryDecision(n.project.name, outcome) };
}

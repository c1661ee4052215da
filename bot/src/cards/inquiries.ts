import type { InquiryAssignee, InquiryStatus, Locale } from "@naravard/api/contracts";
import { inquiryStatusLabels, inquiryTimeLeft } from "@naravard/api/contracts";
import { tabDeepLink, type CardLinks } from "./links.js";
import { cardAttachment, expandCard, type CardAttachment } from "./render.js";
import inquiryTemplate from "./templates/inquiry.json" with { type: "json" };

/** What an inquiry card shows: never the excerpt (mails may hold health details; the tab shows it to the office). */
export interface InquiryCardInput {
  id: string;
  from: string;
  fromName: string;
  subject: string;
  receivedAt: string;
  dueAt: string;
  assignee: string | null;
  status: InquiryStatus;
}

const STRINGS = {
  sv: {
    titleNew: "Nytt ärende i funktionsbrevlådan",
    titleAssigned: (who: string) => `Ärendet har tagits av ${who}`,
    titleYours: "Du har ett ärende att besvara",
    titleReminder: "Påminnelse: ärendet behöver en första återkoppling",
    titleAnswered: "Ärendet är besvarat",
    titleBreached: "Ärendet fick inget svar inom 36 timmar",
    labels: {
      from: "Från",
      subject: "Ämne",
      received: "Mottaget",
      status: "Status",
      assignee: "Handläggare",
      take: "Ta ärendet",
      assign: "Tilldela",
      assignTo: "Tilldela en förändringsledare",
      open: "Öppna Ärenden",
      privacy: "Mejlets text visas i fliken Ärenden för programkontoret och handläggaren.",
    },
    nobody: "Ingen ännu",
    left: (h: number, m: number) => `${h} h ${m} min kvar till första återkoppling`,
    overdue: (h: number, m: number) => `Försenat med ${h} h ${m} min`,
    done: "Första återkoppling är gjord",
    tabLabel: "Ärenden",
    noSubject: "(utan ämne)",
  },
  en: {
    titleNew: "New inquiry in the shared mailbox",
    titleAssigned: (who: string) => `The inquiry was taken by ${who}`,
    titleYours: "You have an inquiry to answer",
    titleReminder: "Reminder: the inquiry needs a first response",
    titleAnswered: "The inquiry has been answered",
    titleBreached: "The inquiry was not answered within 36 hours",
    labels: {
      from: "From",
      subject: "Subject",
      received: "Received",
      status: "Status",
      assignee: "Assignee",
      take: "Take it",
      assign: "Assign",
      assignTo: "Assign to a change leader",
      open: "Open Inquiries",
      privacy: "The mail's text is shown in the Inquiries tab to the program office and the assignee.",
    },
    nobody: "Nobody yet",
    left: (h: number, m: number) => `${h} h ${m} min left to the first response`,
    overdue: (h: number, m: number) => `Overdue by ${h} h ${m} min`,
    done: "The first response has been given",
    tabLabel: "Inquiries",
    noSubject: "(no subject)",
  },
} as const;

/** Date and time in Swedish local time: when a mail came matters to the hour. */
function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** Time left as text and colour, from the API's `now` (never the bot's own clock). */
export function timeLeft(dueAt: string, now: string, status: InquiryStatus, locale: Locale): { text: string; colour: "Good" | "Warning" | "Attention" | "Default" } {
  const s = STRINGS[locale];
  const left = inquiryTimeLeft(dueAt, now, status === "answered");
  if (left.tone === "done") return { text: s.done, colour: "Good" };
  if (left.tone === "overdue") return { text: s.overdue(left.hours, left.minutes), colour: "Attention" };
  return { text: s.left(left.hours, left.minutes), colour: left.tone === "soon" ? "Warning" : "Default" };
}

export type InquiryCardPurpose = "channel" | "assigned" | "reminder";

/**
 * What the card offers and says beyond the inquiry. `assignees`: the change leaders *Tilldela* lists, as the API
 * gives them (to everyone: the API refuses those who may not assign, and the card then says so in `error`, with the
 * choice made kept in `selected`).
 */
export interface InquiryCardOptions {
  assignees?: readonly InquiryAssignee[];
  error?: string;
  selected?: string;
}

export function inquiryCardData(i: InquiryCardInput, now: string, locale: Locale, links: CardLinks, purpose: InquiryCardPurpose, opts: InquiryCardOptions = {}): Record<string, unknown> {
  const assignees = opts.assignees ?? [];
  const s = STRINGS[locale];
  const left = timeLeft(i.dueAt, now, i.status, locale);
  const title =
    i.status === "answered"
      ? s.titleAnswered
      : i.status === "breached"
        ? s.titleBreached
        : purpose === "reminder"
          ? s.titleReminder
          : purpose === "assigned"
            ? s.titleYours
            : i.assignee
              ? s.titleAssigned(i.assignee)
              : s.titleNew;
  return {
    lang: locale,
    id: i.id,
    title,
    labels: s.labels,
    from: i.fromName ? `${i.fromName} <${i.from}>` : i.from,
    subject: i.subject || s.noSubject,
    received: formatDateTime(i.receivedAt, locale),
    status: inquiryStatusLabels[i.status][locale],
    assignee: i.assignee ?? s.nobody,
    timeLeft: left.text,
    timeLeftColour: left.colour,
    canTake: i.assignee === null && (i.status === "new" || i.status === "breached"),
    canAssign: assignees.length > 0 && i.status !== "answered",
    assignees,
    selected: opts.selected ?? i.assignee ?? "",
    error: opts.error ?? "",
    tabUrl: tabDeepLink(links, "inquiries", `/inquiries?inquiry=${encodeURIComponent(i.id)}`, s.tabLabel, i.id),
  };
}

/** The one inquiry card: the `ärenden` command, the card actions and the notification path all draw it here. */
export function inquiryCard(i: InquiryCardInput, now: string, locale: Locale, links: CardLinks, purpose: InquiryCardPurpose, opts: InquiryCardOptions = {}): CardAttachment {
  return cardAttachment(expandCard(inquiryTemplate, inquiryCardData(i, now, locale, links, purpose, opts)));
}

export function inquirySummary(i: Pick<InquiryCardInput, "subject">, locale: Locale): string {
  return `${STRINGS[locale].titleNew}: ${i.subject || STRINGS[locale].noSubject}`;
}

import type { Escalation, EscalationAction, EscalationCardData, Locale } from "@naravard/api/contracts";
import { excerpt } from "../domain/text.js";
import { escalationStrings } from "../i18n/escalationStrings.js";
import { formatDate } from "../i18n/strings.js";
import { escalationLink, type CardLinks } from "./links.js";
import { cardAttachment, expandCard, type CardAttachment } from "./render.js";
import escalationTemplate from "./templates/escalation.json" with { type: "json" };
import escalationListTemplate from "./templates/escalation-list.json" with { type: "json" };
import escalationRaiseTemplate from "./templates/escalation-raise.json" with { type: "json" };

/**
 * The escalation cards (issue 9): one card per escalation, the same in 1:1 chats and in the program office
 * channel, updated in place everywhere after each step. Buttons are offered while it is open; the API decides who
 * may press them (a non-holder gets the API's answer, naming who holds it, on the card).
 */

/** What the card shows, from a full escalation (a card action's answer) — the same shape notifications carry. */
export function cardDataOf(e: Escalation): EscalationCardData {
  const last = e.timeline[e.timeline.length - 1];
  if (!last) throw new Error("an escalation without a timeline");
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    urgency: e.urgency,
    status: e.status,
    level: e.level,
    holder: e.holder,
    raisedBy: e.raisedBy,
    raisedAt: e.raisedAt,
    ...(e.projectId ? { projectId: e.projectId } : {}),
    ...(e.projectName ? { projectName: e.projectName } : {}),
    source: e.source,
    last,
    ...(e.decision
      ? { decision: { text: e.decision.text, rationale: e.decision.rationale, bodyName: e.decision.bodyName, decidedBy: e.decision.decidedBy, date: e.decision.date } }
      : {}),
    canReturn: e.allowedActions.includes("return"),
    version: e.timeline.length,
  };
}

/** What the user typed into the card's action inputs, kept when the API refuses. */
export interface EscalationActionValues {
  decision: string;
  rationale: string;
  reasonEscalate: string;
  reasonReturn: string;
}

export const emptyActionValues = (): EscalationActionValues => ({ decision: "", rationale: "", reasonEscalate: "", reasonReturn: "" });

export interface EscalationCardOptions {
  notice?: string;
  error?: string;
  values?: EscalationActionValues;
  /** The buttons to offer; by default every action of an open escalation (the API checks who may). */
  allowed?: readonly EscalationAction[];
}

export function escalationCardData(e: EscalationCardData, locale: Locale, links: CardLinks, opts: EscalationCardOptions = {}): Record<string, unknown> {
  const s = escalationStrings(locale);
  const open = e.status === "open";
  const allowed = new Set<EscalationAction>(opts.allowed ?? (open ? ["acknowledge", "decide", "escalate", "return"] : []));
  const who = e.last.byName ?? e.last.by;
  const latestText = e.last.what === "reminded" ? s.what.reminded : `${who} ${s.what[e.last.what]}`;
  const facts = [
    { title: s.labels.status, value: s.statuses[e.status] },
    { title: s.labels.level, value: s.levels[e.level] },
    ...(open ? [{ title: s.labels.holder, value: e.holder }] : []),
    { title: s.labels.raisedBy, value: `${e.raisedBy}, ${formatDate(e.raisedAt, locale)}` },
    ...(e.projectName ? [{ title: s.labels.project, value: e.projectName }] : []),
    ...(e.source.kind !== "manual" ? [{ title: s.labels.source, value: s.sources[e.source.kind] }] : []),
  ];
  return {
    lang: locale,
    id: e.id,
    version: String(e.version),
    title: s.title(e.title),
    urgent: e.urgency === "akut" ? s.urgent : "",
    notice: opts.notice ?? "",
    error: opts.error ?? "",
    facts,
    description: excerpt(e.description),
    latest: `${s.labels.latest}: ${latestText} ${formatDate(e.last.at, locale)}${e.last.text ? ` – ${excerpt(e.last.text)}` : ""}`,
    hasDecision: e.decision !== undefined,
    decision: e.decision ? { ...e.decision, date: formatDate(e.decision.date, locale) } : { text: "", rationale: "", bodyName: "", decidedBy: "", date: "" },
    labels: s.labels,
    actions: s.actions,
    can: {
      acknowledge: open && allowed.has("acknowledge"),
      decide: open && allowed.has("decide"),
      escalate: open && allowed.has("escalate") && e.level !== "bestallare",
      return: open && allowed.has("return") && e.canReturn !== false,
    },
    values: opts.values ?? emptyActionValues(),
    url: escalationLink(links, s.tabLabel, e.id),
  };
}

export function escalationCard(e: EscalationCardData, locale: Locale, links: CardLinks, opts: EscalationCardOptions = {}): CardAttachment {
  return cardAttachment(expandCard(escalationTemplate, escalationCardData(e, locale, links, opts)));
}

export interface RaiseFormValues {
  title: string;
  description: string;
  urgency: string;
  projectId: string;
}

export const RAISE_FIELDS = ["title", "description", "urgency", "projectId"] as const;
export type RaiseField = (typeof RAISE_FIELDS)[number];

export function escalationRaiseCardData(
  locale: Locale,
  opts: { cardId: string; projects: ReadonlyArray<{ id: string; name: string }>; values?: RaiseFormValues; fieldErrors?: Partial<Record<RaiseField, string>>; errorList?: string[] },
): Record<string, unknown> {
  const s = escalationStrings(locale);
  return {
    lang: locale,
    cardId: opts.cardId,
    t: { title: s.raiseTitle, intro: s.raiseIntro, labels: s.labels, send: s.actions.raise, errors: s.labels.errors },
    values: opts.values ?? { title: "", description: "", urgency: "normal", projectId: "" },
    fieldErrors: { title: "", description: "", urgency: "", projectId: "", ...opts.fieldErrors },
    errorList: opts.errorList ?? [],
    projects: opts.projects.map((p) => ({ id: p.id, name: p.name })),
  };
}

export function escalationRaiseCard(locale: Locale, opts: Parameters<typeof escalationRaiseCardData>[1]): CardAttachment {
  return cardAttachment(expandCard(escalationRaiseTemplate, escalationRaiseCardData(locale, opts)));
}

export function escalationListCardData(items: readonly Escalation[], locale: Locale, links: CardLinks): Record<string, unknown> {
  const s = escalationStrings(locale);
  return {
    lang: locale,
    t: { title: s.mineTitle, none: s.mineNone, open: s.actions.open },
    items: items.map((e) => ({
      title: `${e.urgency === "akut" ? `${s.urgent} · ` : ""}${e.title}`,
      url: escalationLink(links, s.tabLabel, e.id),
      line: `${s.levels[e.level]} ${s.since} ${formatDate(e.levelSince, locale)}${e.projectName ? ` · ${e.projectName}` : ""}`,
    })),
    url: escalationLink(links, s.tabLabel),
  };
}

export function escalationListCard(items: readonly Escalation[], locale: Locale, links: CardLinks): CardAttachment {
  return cardAttachment(expandCard(escalationListTemplate, escalationListCardData(items, locale, links)));
}

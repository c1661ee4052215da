import { riskLabels, type Locale, type Risk, type RiskCategory } from "@naravard/api/contracts";
import { excerpt } from "../domain/text.js";
import { formatDate, strings } from "../i18n/strings.js";
import { levelStyle, levelText, riskStrings } from "../i18n/riskStrings.js";
import { renderCard } from "./cards.js";
import { riskLink, risksLink, type CardLinks } from "./links.js";
import type { CardAttachment } from "./render.js";

/** The risk list's conversation cards: plain data in, card out. Every value a template names is always present. */

/** What a list row needs: a full risk or a reminder's summary of one. */
export interface RiskRow {
  id: string;
  title: string;
  value: number | null;
  level: Risk["level"];
  nextReviewDate: string | null;
  example?: boolean;
  reviewOverdue?: boolean;
}

function facts(r: RiskRow, locale: Locale): string {
  const t = riskStrings(locale);
  const parts = [r.value === null ? t.unassessed : `${t.labels.value} ${r.value}`];
  if (r.level) parts.push(levelText(locale, r.level));
  if (r.nextReviewDate) parts.push(`${t.labels.nextReview} ${formatDate(r.nextReviewDate, locale)}`);
  return parts.join(" · ");
}

function rowNotes(r: RiskRow, locale: Locale): string {
  const t = riskStrings(locale);
  return [r.example ? t.example : "", r.reviewOverdue ? t.overdue : ""].filter(Boolean).join(" · ");
}

export const RISK_LIST_MAX = 10;

export function riskListCardData(
  rows: readonly RiskRow[],
  locale: Locale,
  links: CardLinks,
  opts: { title: string; subtitle?: string; more?: string; action: "show" | "review" },
): Record<string, unknown> {
  const t = riskStrings(locale);
  return {
    lang: locale,
    t: { openTab: t.openTab },
    title: opts.title,
    subtitle: opts.subtitle ?? "",
    items: rows.map((r) => ({ id: r.id, title: r.title, facts: facts(r, locale), notes: rowNotes(r, locale), colour: levelStyle(r.level) })),
    actionVerb: opts.action === "review" ? "openRiskReview" : "showRisk",
    actionTitle: opts.action === "review" ? t.review : t.show,
    more: opts.more ?? "",
    links: { tab: risksLink(links, t.tabLabel) },
  };
}

export function riskListCard(...args: Parameters<typeof riskListCardData>): CardAttachment {
  return renderCard("risk-list", riskListCardData(...args));
}

export function riskCardData(r: Risk, locale: Locale, links: CardLinks, opts: { message?: string; showBack?: boolean } = {}): Record<string, unknown> {
  const t = riskStrings(locale);
  const s = strings(locale);
  const notes = [
    r.example ? t.example : "",
    r.reviewOverdue ? t.overdue : "",
    r.needsReassessment ? t.needsReassessment : "",
    r.escalation.escalationId ? t.escalated(r.escalation.escalationId) : "",
  ].filter(Boolean);
  return {
    lang: locale,
    t: { labels: t.labels, review: t.review, escalate: t.escalate, escalationOffered: t.escalationOffered, openTab: t.openTab, backToList: t.backToList },
    message: opts.message ?? "",
    showBack: opts.showBack ?? false,
    canReview: r.allowedActions.includes("review"),
    canEscalate: r.allowedActions.includes("escalate"),
    r: {
      id: r.id,
      title: r.title,
      headline: r.value === null ? t.unassessed : `${t.labels.value} ${r.value} · ${levelText(locale, r.level)}`,
      colour: levelStyle(r.level),
      notes,
      probability: r.probability === null ? s.none : String(r.probability),
      consequence: r.consequence === null ? s.none : String(r.consequence),
      category: riskLabels.category[r.category][locale],
      owner: r.ownerName ?? r.owner ?? s.none,
      status: riskLabels.status[r.status][locale],
      handling: r.handling ? riskLabels.handling[r.handling][locale] : s.none,
      nextReview: r.nextReviewDate ? formatDate(r.nextReviewDate, locale) : s.none,
      description: excerpt(r.description, 600),
      actions: excerpt(r.actions, 600),
    },
    links: { risk: riskLink(links, r.id, t.tabLabel) },
  };
}

export function riskCard(...args: Parameters<typeof riskCardData>): CardAttachment {
  return renderCard("risk", riskCardData(...args));
}

/** The choice value of "not assessed yet" (a choice cannot have an empty value). */
export const NOT_ASSESSED = "none";

/** Choices 1..scale, with "not assessed" first where the form allows it. */
function scaleChoices(scale: number, locale: Locale, allowNone: boolean): Array<{ title: string; value: string }> {
  const numbers = Array.from({ length: scale }, (_, i) => ({ title: String(i + 1), value: String(i + 1) }));
  return allowNone ? [{ title: riskStrings(locale).form.notAssessed, value: NOT_ASSESSED }, ...numbers] : numbers;
}

export interface RiskFormValues {
  title: string;
  description: string;
  category: string;
  probability: string;
  consequence: string;
  actions: string;
}
export const RISK_FORM_FIELDS = ["title", "description", "category", "probability", "consequence", "actions"] as const;
export type RiskFormField = (typeof RISK_FORM_FIELDS)[number];

export function emptyRiskForm(): RiskFormValues {
  return { title: "", description: "", category: "program", probability: NOT_ASSESSED, consequence: NOT_ASSESSED, actions: "" };
}

export function riskFormCardData(
  locale: Locale,
  opts: { cardId: string; scale: number; values: RiskFormValues; fieldErrors?: Partial<Record<RiskFormField, string>>; errorList?: string[] },
): Record<string, unknown> {
  const t = riskStrings(locale);
  const errors = Object.fromEntries(RISK_FORM_FIELDS.map((f) => [f, opts.fieldErrors?.[f] ?? ""]));
  const categories: RiskCategory[] = ["program", "directive", "project"];
  return {
    lang: locale,
    t: { form: t.form, labels: t.labels },
    cardId: opts.cardId,
    v: opts.values,
    errors,
    hasErrors: (opts.errorList?.length ?? 0) > 0,
    errorList: opts.errorList ?? [],
    categories: categories.map((c) => ({ title: riskLabels.category[c][locale], value: c })),
    scaleChoices: scaleChoices(opts.scale, locale, true),
  };
}

export function riskFormCard(...args: Parameters<typeof riskFormCardData>): CardAttachment {
  return renderCard("risk-form", riskFormCardData(...args));
}

export interface RiskReviewValues {
  outcome: string;
  probability: string;
  consequence: string;
  note: string;
}
export const RISK_REVIEW_FIELDS = ["outcome", "probability", "consequence", "note"] as const;
export type RiskReviewField = (typeof RISK_REVIEW_FIELDS)[number];

export function riskReviewCardData(
  r: Risk,
  locale: Locale,
  opts: { scale: number; values?: RiskReviewValues; fieldErrors?: Partial<Record<RiskReviewField, string>>; errorList?: string[]; stale?: boolean },
): Record<string, unknown> {
  const t = riskStrings(locale);
  const values = opts.values ?? {
    outcome: "unchanged",
    probability: r.probability === null ? "" : String(r.probability),
    consequence: r.consequence === null ? "" : String(r.consequence),
    note: "",
  };
  const errorList = [...(opts.stale ? [t.reviewForm.stale] : []), ...(opts.errorList ?? [])];
  return {
    lang: locale,
    t: { labels: t.labels, reviewForm: { unchanged: t.reviewForm.unchanged, reassessed: t.reviewForm.reassessed, save: t.reviewForm.save, chooseOutcome: t.reviewForm.chooseOutcome }, backToList: t.backToList },
    title: t.reviewForm.title(r.title),
    current: r.value === null ? t.unassessed : `${t.labels.value} ${r.value} · ${levelText(locale, r.level)}`,
    colour: levelStyle(r.level),
    intro: t.reviewForm.intro(opts.scale),
    summary: opts.stale && !opts.errorList?.length ? t.reviewForm.stale : t.reviewForm.errorSummary,
    riskId: r.id,
    etag: r.etag,
    v: values,
    errors: Object.fromEntries(RISK_REVIEW_FIELDS.map((f) => [f, opts.fieldErrors?.[f] ?? ""])),
    hasErrors: errorList.length > 0,
    errorList: opts.stale && !opts.errorList?.length ? [] : errorList,
    scaleChoices: scaleChoices(opts.scale, locale, false),
  };
}

export function riskReviewCard(...args: Parameters<typeof riskReviewCardData>): CardAttachment {
  return renderCard("risk-review", riskReviewCardData(...args));
}

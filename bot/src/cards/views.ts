import {
  COLLABORATION_CRITERION_ID,
  PORTFOLIO_SUMMARY_MAX_EFFORTS,
  ProjectStatusSchema,
  projectStatusLabels,
  type Locale,
  type PortfolioSummary,
  type Project,
  type ProjectStatus,
  type ReferenceData,
} from "@naravard/api/contracts";
import type { HelpEntry } from "../commands/helpEntries.js";
import { excerpt } from "../domain/text.js";
import { colourStyle, colourText, formatDate, strings } from "../i18n/strings.js";
import { renderCard } from "./cards.js";
import { effortLink, portfolioLink, type CardLinks } from "./links.js";
import type { CardAttachment } from "./render.js";

/**
 * Builds the data each conversation card template binds to, and renders it. Pure: plain data in, card out.
 * Every value a template names is always present (an absent one would stay as `${…}` in the card).
 */

type Named = { id: string; name: string; nameEn?: string | undefined; active?: boolean; sortOrder?: number };

/** A reference item's name in the user's language (English when there is one, else the Swedish name). */
export function refName(items: readonly Named[], id: string, locale: Locale): string {
  const item = items.find((i) => i.id === id);
  if (!item) return id;
  return locale === "en" && item.nameEn ? item.nameEn : item.name;
}

function names(items: readonly Named[], ids: readonly string[], locale: Locale, none: string): string {
  return ids.length === 0 ? none : ids.map((id) => refName(items, id, locale)).join(", ");
}

export function statusLabel(status: ProjectStatus, locale: Locale): string {
  return projectStatusLabels[status][locale];
}

export function helpCardData(locale: Locale, links: CardLinks, opts: { commands: readonly HelpEntry[]; intro?: string }): Record<string, unknown> {
  const s = strings(locale);
  return {
    lang: locale,
    t: { title: s.help.title, footer: s.help.footer, openPortfolio: s.help.openPortfolio },
    intro: opts.intro ?? s.help.intro,
    commands: opts.commands.map((c) => ({ command: c.command, description: c.description })),
    links: { portfolio: portfolioLink(links, s.portfolioTabLabel) },
  };
}

export function helpCard(locale: Locale, links: CardLinks, opts: { commands: readonly HelpEntry[]; intro?: string }): CardAttachment {
  return renderCard("help", helpCardData(locale, links, opts));
}

/** Efforts the portfolio card lists at most (the API's summary sends no more). */
export const PORTFOLIO_CARD_MAX_EFFORTS = PORTFOLIO_SUMMARY_MAX_EFFORTS;

const COLOUR_ORDER = ["gron", "gul", "rod", "none"] as const;

/** The `portfölj` card from the API's summary: counts by status and by colour, and the first efforts by name. */
export function portfolioCardData(summary: PortfolioSummary, locale: Locale, links: CardLinks): Record<string, unknown> {
  const s = strings(locale);
  const byStatus = new Map(summary.byStatus.map((b) => [b.status, b.count]));
  const shown = summary.efforts.slice(0, PORTFOLIO_CARD_MAX_EFFORTS);
  return {
    lang: locale,
    t: { title: s.portfolio.title, byStatus: s.portfolio.byStatus, byColour: s.portfolio.byColour, efforts: s.portfolio.efforts, open: s.portfolio.open },
    subtitle: s.portfolio.subtitle(summary.total),
    // The status order of the workflow, whatever order the API sends them in.
    counts: ProjectStatusSchema.options
      .filter((st) => (byStatus.get(st) ?? 0) > 0)
      .map((st) => ({ label: statusLabel(st, locale), count: String(byStatus.get(st) ?? 0) })),
    colours: COLOUR_ORDER.map((c) => ({ label: colourText(locale, c === "none" ? undefined : c), count: String(summary.byColour[c]) })),
    efforts: shown.map((e) => ({
      name: e.name,
      statusLabel: statusLabel(e.status, locale),
      colourText: colourText(locale, e.latestStatus?.colour),
      colour: colourStyle(e.latestStatus?.colour),
    })),
    more: shown.length < summary.total ? s.portfolio.more(shown.length, summary.total) : "",
    links: { portfolio: portfolioLink(links, s.portfolioTabLabel) },
  };
}

export function portfolioCard(summary: PortfolioSummary, locale: Locale, links: CardLinks): CardAttachment {
  return renderCard("portfolio", portfolioCardData(summary, locale, links));
}

export function projectCardData(p: Project, ref: ReferenceData, locale: Locale, links: CardLinks): Record<string, unknown> {
  const s = strings(locale);
  const l = s.project.labels;
  const latest = p.latestStatus;
  const period = p.startDate || p.endDate ? `${p.startDate ? formatDate(p.startDate, locale) : "…"} – ${p.endDate ? formatDate(p.endDate, locale) : "…"}` : s.none;
  const partners = [...p.partnerOrganisationIds.map((id) => refName(ref.parties, id, locale)), ...(p.partnersText ? [p.partnersText] : [])];
  return {
    lang: locale,
    t: { labels: l, open: s.project.open },
    p: {
      name: p.name,
      statusLabel: statusLabel(p.status, locale),
      colourText: colourText(locale, latest?.colour),
      colour: colourStyle(latest?.colour),
      statusSummary: latest?.summary ?? "",
      latestStatus: latest ? `${colourText(locale, latest.colour)}, ${l.reported} ${formatDate(latest.reportedAt, locale)}` : colourText(locale, undefined),
      owner: refName(ref.parties, p.ownerOrganisationId, locale),
      partners: partners.length ? partners.join(", ") : s.none,
      leader: p.projectLeader.email ? `${p.projectLeader.name} (${p.projectLeader.email})` : p.projectLeader.name,
      areas: names(ref.programAreas, p.programAreaIds, locale, s.none),
      criteria: names(ref.criteria, p.criteriaIds, locale, s.none),
      targetGroups: names(ref.targetGroups, p.targetGroupIds, locale, s.none),
      period,
      financing: p.financing.secured ? (p.financing.source ? `${s.yes} (${p.financing.source})` : s.yes) : s.no,
      description: excerpt(p.description, 400),
    },
    links: { effort: effortLink(links, p.id, s.portfolioTabLabel) },
  };
}

export function projectCard(p: Project, ref: ReferenceData, locale: Locale, links: CardLinks): CardAttachment {
  return renderCard("project", projectCardData(p, ref, locale, links));
}

export const PROJECT_CHOICES_MAX = 10;

/** `total`: how many match in all, or null when the API has more hits than the bot asked for. */
export function projectChoiceCardData(query: string, matches: readonly Project[], locale: Locale, opts: { total: number | null }): Record<string, unknown> {
  const s = strings(locale);
  const shown = matches.slice(0, PROJECT_CHOICES_MAX);
  const more = opts.total === null || shown.length < opts.total;
  return {
    lang: locale,
    t: { chooseIntro: s.project.chooseIntro },
    title: s.project.chooseTitle(query),
    matches: shown.map((p) => ({ id: p.id, name: p.name, statusLabel: statusLabel(p.status, locale) })),
    more: more ? s.project.tooMany(shown.length, opts.total) : "",
  };
}

export function projectChoiceCard(query: string, matches: readonly Project[], locale: Locale, opts: { total: number | null }): CardAttachment {
  return renderCard("project-choice", projectChoiceCardData(query, matches, locale, opts));
}

/** The inputs of the application card, as the card sends them back (multi-selects are comma-separated). */
export interface ApplicationFormValues {
  name: string;
  description: string;
  ownerOrganisationId: string;
  partnerOrganisationIds: string;
  projectLeaderName: string;
  projectLeaderEmail: string;
  criteriaIds: string;
  programAreaIds: string;
  targetGroupIds: string;
  financingSecured: string;
}
export type ApplicationField = keyof ApplicationFormValues;
export const APPLICATION_FIELDS: readonly ApplicationField[] = [
  "name",
  "description",
  "ownerOrganisationId",
  "partnerOrganisationIds",
  "projectLeaderName",
  "projectLeaderEmail",
  "criteriaIds",
  "programAreaIds",
  "targetGroupIds",
  "financingSecured",
];

export const emptyApplicationValues = (): ApplicationFormValues => ({
  name: "",
  description: "",
  ownerOrganisationId: "",
  partnerOrganisationIds: "",
  projectLeaderName: "",
  projectLeaderEmail: "",
  criteriaIds: "",
  programAreaIds: "",
  targetGroupIds: "",
  financingSecured: "false",
});

export interface ApplicationCardInput {
  cardId: string;
  values: ApplicationFormValues;
  /** Messages per input (the API's, mapped from `details[].field`). */
  fieldErrors?: Partial<Record<ApplicationField, string>>;
  /** Messages shown in the summary at the top (every problem, named by its field's label when it has one). */
  errorList?: string[];
}

const active = <T extends Named>(items: readonly T[]) =>
  [...items].filter((i) => i.active !== false).sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, "sv"));

export function applicationCardData(ref: ReferenceData, locale: Locale, input: ApplicationCardInput): Record<string, unknown> {
  const s = strings(locale);
  const a = s.apply;
  const choices = (items: readonly Named[]) => active(items).map((i) => ({ title: locale === "en" && i.nameEn ? i.nameEn : i.name, value: i.id }));
  const criteria = active(ref.criteria).map((c) => ({
    title: `${locale === "en" && c.nameEn ? c.nameEn : c.name}${c.mandatory ? a.mandatorySuffix : ""}`,
    value: c.id,
  }));
  const mandatory = ref.criteria.find((c) => c.id === COLLABORATION_CRITERION_ID) ?? ref.criteria.find((c) => c.mandatory);
  const errors = Object.fromEntries(APPLICATION_FIELDS.map((f) => [f, input.fieldErrors?.[f] ?? ""]));
  const errorList = input.errorList ?? [];
  return {
    lang: locale,
    t: { title: a.title, intro: a.intro, errorSummary: a.errorSummary, labels: a.labels, placeholders: a.placeholders, required: a.required, submit: a.submit },
    cardId: input.cardId,
    v: input.values,
    errors,
    hasErrors: errorList.length > 0,
    errorList,
    criteriaHelp: mandatory ? a.criteriaHelp(locale === "en" && mandatory.nameEn ? mandatory.nameEn : mandatory.name) : "",
    choices: {
      parties: choices(ref.parties),
      criteria,
      programAreas: active(ref.programAreas).map((p) => ({ title: `${p.number}. ${locale === "en" && p.nameEn ? p.nameEn : p.name}`, value: p.id })),
      targetGroups: choices(ref.targetGroups),
    },
  };
}

export function applicationCard(ref: ReferenceData, locale: Locale, input: ApplicationCardInput): CardAttachment {
  return renderCard("application", applicationCardData(ref, locale, input));
}

export function applicationSubmittedCardData(p: Project, ref: ReferenceData, locale: Locale, links: CardLinks, submittedBy: string): Record<string, unknown> {
  const s = strings(locale);
  return {
    lang: locale,
    t: { body: s.submitted.body, labels: s.submitted.labels, open: s.submitted.open },
    title: s.submitted.title(p.name),
    statusLabel: statusLabel(p.status, locale),
    owner: refName(ref.parties, p.ownerOrganisationId, locale),
    leader: p.projectLeader.email ? `${p.projectLeader.name} (${p.projectLeader.email})` : p.projectLeader.name,
    submittedBy,
    links: { effort: effortLink(links, p.id, s.portfolioTabLabel) },
  };
}

export function applicationSubmittedCard(p: Project, ref: ReferenceData, locale: Locale, links: CardLinks, submittedBy: string): CardAttachment {
  return renderCard("application-submitted", applicationSubmittedCardData(p, ref, locale, links, submittedBy));
}

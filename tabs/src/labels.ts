/** Display text for data values: statuses and roles from the contracts, enum values from i18n. */
import type { Project, ProjectStatus, StatusColour, projectStatusLabels as ContractStatusLabels } from "@naravard/api/contracts";
import type { Lookups } from "./context";
import type { I18n, MessageKey } from "./i18n";

/** `projectStatusLabels` from the contracts, inlined at build time (see build/contractLabels.ts). */
declare const __PROJECT_STATUS_LABELS__: typeof ContractStatusLabels;
export const projectStatusLabels: typeof ContractStatusLabels = __PROJECT_STATUS_LABELS__;

export const statusLabel = (status: ProjectStatus, locale: I18n["locale"]): string => projectStatusLabels[status]?.[locale] ?? status;

/** The lifecycle order (SPEC 3.1), as the status filter lists it. */
export const STATUS_ORDER = Object.keys(projectStatusLabels) as ProjectStatus[];

export const colourKey = (colour: StatusColour | undefined): MessageKey =>
  colour ? (`status.colour.${colour}` as MessageKey) : "status.colour.none";

export function partyNames(project: Project, lookups: Lookups, i18n: I18n): { owner: string; partners: string[] } {
  return {
    owner: i18n.refName(lookups.party(project.ownerOrganisationId), project.ownerOrganisationId),
    partners: project.partnerOrganisationIds.map((id) => i18n.refName(lookups.party(id), id)),
  };
}

export function namesOf(ids: string[], find: (id: string) => { name: string; nameEn?: string } | undefined, i18n: I18n): string[] {
  return ids.map((id) => i18n.refName(find(id), id));
}

/** "3 Hälsofrämjande …" for numbered reference items (program areas, sub-goals). */
export function numberedName(item: { name: string; nameEn?: string; number?: number } | undefined, id: string, i18n: I18n): string {
  if (!item) return id;
  return item.number ? `${item.number}. ${i18n.refName(item)}` : i18n.refName(item);
}

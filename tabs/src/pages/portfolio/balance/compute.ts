/** Balancing figures (PP 6.3), computed from the loaded efforts. Pure: the views only draw them. */
import type { Project, ProjectStatus } from "@naravard/api/contracts";

/** Efforts that are part of the portfolio (decided in, running, paused or done). */
export const PORTFOLIO_STATUSES: ReadonlySet<ProjectStatus> = new Set(["inkluderad", "pagaende", "vilande", "avslutad"]);
/** Applications on their way (idea, submitted, assessed). */
export const PREPARATION_STATUSES: ReadonlySet<ProjectStatus> = new Set(["ide", "ansokan_inlamnad", "bedomd"]);

export interface Category {
  id: string;
  label: string;
}

export interface CountRow extends Category {
  count: number;
  /** Names of the efforts counted, for the table alternative. */
  efforts: string[];
}

export function balanceBasis(projects: Project[], includeApplications: boolean): Project[] {
  return projects.filter((p) => PORTFOLIO_STATUSES.has(p.status) || (includeApplications && PREPARATION_STATUSES.has(p.status)));
}

/** How many efforts fall in each category (an effort may count in several). `notSet` collects efforts in none. */
export function countBy(projects: Project[], idsOf: (p: Project) => Array<string | undefined>, categories: Category[], notSet?: Category): CountRow[] {
  const rows: CountRow[] = categories.map((c) => ({ ...c, count: 0, efforts: [] }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const none: CountRow | undefined = notSet ? { ...notSet, count: 0, efforts: [] } : undefined;
  for (const p of projects) {
    const ids = [...new Set(idsOf(p).filter((id): id is string => Boolean(id)))];
    let counted = false;
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      row.count++;
      row.efforts.push(p.name);
      counted = true;
    }
    if (!counted && none) {
      none.count++;
      none.efforts.push(p.name);
    }
  }
  return none && none.count > 0 ? [...rows, none] : rows;
}

/** Every party an effort involves: the owner and the partners. */
export const partiesOf = (p: Project): string[] => [p.ownerOrganisationId, ...p.partnerOrganisationIds];

export interface RejectedIdea {
  id: string;
  name: string;
  date: string | undefined;
  rationale: string;
}

/** Ideas not included and why (the decision's rationale), newest decision first. */
export function rejectedIdeas(projects: Project[]): RejectedIdea[] {
  return projects
    .filter((p) => p.status === "avslagen")
    .map((p) => ({ id: p.id, name: p.name, date: p.decision?.date, rationale: p.decision?.rationale ?? "" }))
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.name.localeCompare(b.name, "sv"));
}

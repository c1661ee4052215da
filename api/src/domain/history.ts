import { projectStatusLabels, type ProjectFields, type ProjectStatus } from "../contracts/index.js";

/** Swedish labels of the editable fields, for history summaries (history is written in Swedish, SPEC 3.1). */
export const FIELD_LABELS: Record<keyof ProjectFields, string> = {
  name: "namn",
  description: "beskrivning",
  type: "typ",
  ownerOrganisationId: "ägande organisation",
  partnerOrganisationIds: "samverkanspartner",
  partnersText: "samverkanspartner (fritext)",
  projectLeader: "projektledare",
  projectOwner: "projektägare",
  changeOwner: "förändringsägare",
  startDate: "startdatum",
  endDate: "slutdatum",
  programAreaIds: "programområden",
  criteriaIds: "kriterier",
  subGoalIds: "delmål",
  targetGroupIds: "målgrupper",
  benefitObjectIds: "nyttoobjekt",
  nature: "karaktär",
  horizon: "tidshorisont",
  financing: "finansiering",
  links: "länkar",
};

const FIELD_ORDER = Object.keys(FIELD_LABELS) as Array<keyof ProjectFields>;

/** Canonical JSON (sorted keys) so that equal values compare equal regardless of key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Fields whose value differs between two versions, in form order. */
export function changedFields(before: Partial<ProjectFields>, after: Partial<ProjectFields>): Array<keyof ProjectFields> {
  return FIELD_ORDER.filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null));
}

function swedishList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items[items.length - 1] ?? ""}`;
}

export function summarizeUpdate(fields: ReadonlyArray<keyof ProjectFields>): string {
  const labels = fields.map((f) => FIELD_LABELS[f]);
  const text = swedishList(labels);
  return `Ändrade ${text}.`;
}

export function summarizeCreated(name: string): string {
  return `Ansökan inlämnad: ${name}.`;
}

export function summarizeStatusChange(from: ProjectStatus, to: ProjectStatus, comment?: string): string {
  const base = `Status: ${projectStatusLabels[from].sv} → ${projectStatusLabels[to].sv}.`;
  return comment ? `${base} ${comment}` : base;
}

export function summarizeAssessment(recommendation: "inkludera" | "avsla", met: number, total: number): string {
  const rec = recommendation === "inkludera" ? "inkludera" : "avslå";
  return `Bedömd av programkontoret: ${met} av ${total} kriterier uppfyllda. Rekommendation: ${rec}.`;
}

export function summarizeDecision(outcome: "inkluderad" | "avslagen", bodyName: string, rationale: string): string {
  const verb = outcome === "inkluderad" ? "Inkluderad i portföljen" : "Avslagen";
  return `Beslut av ${bodyName}: ${verb}. Motivering: ${rationale}`;
}

export function summarizeSeeded(source: string): string {
  return `Inläst som startdata från ${source}.`;
}

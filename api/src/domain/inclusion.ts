import { projectStatusLabels, type ProjectFields, type ProjectStatus } from "../contracts/index.js";
import type { FieldProblem } from "./localized.js";

/** A criterion as the inclusion rule sees it (reference data; the mandatory one is `samverkan-region-kommun`). */
export interface CriterionView {
  id: string;
  name: string;
  mandatory: boolean;
  active: boolean;
}

const quoteSv = (s: string) => `”${s}”`;
const quoteEn = (s: string) => `“${s}”`;

/**
 * The inclusion rule (PP 6.3.1): the application describes the idea, meets every active mandatory criterion
 * (collaboration between region and municipality/municipalities) and at least one other active criterion.
 * Unknown criterion ids are reported by `checkReferences`, not here.
 */
export function checkInclusionRule(
  input: { description?: string | undefined; criteriaIds: readonly string[] },
  criteria: readonly CriterionView[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ((input.description ?? "").trim().length === 0) {
    problems.push({
      field: "description",
      message: { sv: "Beskriv projektidén.", en: "Describe the project idea." },
    });
  }
  const chosen = new Set(input.criteriaIds);
  const active = criteria.filter((c) => c.active);
  for (const c of active.filter((c) => c.mandatory)) {
    if (!chosen.has(c.id)) {
      problems.push({
        field: "criteriaIds",
        message: {
          sv: `Kriteriet ${quoteSv(c.name)} är obligatoriskt.`,
          // The criterion's name is its official (Swedish) name from the program plan, in both languages.
          en: `The criterion ${quoteEn(c.name)} is mandatory.`,
        },
      });
    }
  }
  const others = active.filter((c) => !c.mandatory);
  if (others.length > 0 && !others.some((c) => chosen.has(c.id))) {
    const sv = others.map((c) => quoteSv(c.name));
    const en = others.map((c) => quoteEn(c.name));
    problems.push({
      field: "criteriaIds",
      message: {
        sv: `Minst ett kriterium till måste vara uppfyllt: ${sv.slice(0, -1).join(", ")}${sv.length > 1 ? " eller " : ""}${sv[sv.length - 1] ?? ""}.`,
        en: `At least one more criterion must be met: ${en.slice(0, -1).join(", ")}${en.length > 1 ? " or " : ""}${en[en.length - 1] ?? ""}.`,
      },
    });
  }
  return problems;
}

/** Ids of reference data an effort may point at. */
export interface ReferenceIdSets {
  parties: ReadonlySet<string>;
  programAreas: ReadonlySet<string>;
  criteria: ReadonlySet<string>;
  subGoals: ReadonlySet<string>;
  targetGroups: ReadonlySet<string>;
  benefitObjects: ReadonlySet<string>;
}

const REFERENCE_FIELDS = [
  { field: "ownerOrganisationId", set: "parties", sv: "organisation", en: "organisation" },
  { field: "partnerOrganisationIds", set: "parties", sv: "organisation", en: "organisation" },
  { field: "programAreaIds", set: "programAreas", sv: "programområde", en: "program area" },
  { field: "criteriaIds", set: "criteria", sv: "kriterium", en: "criterion" },
  { field: "subGoalIds", set: "subGoals", sv: "delmål", en: "sub-goal" },
  { field: "targetGroupIds", set: "targetGroups", sv: "målgrupp", en: "target group" },
  { field: "benefitObjectIds", set: "benefitObjects", sv: "nyttoobjekt", en: "benefit object" },
] as const;

/** Every referenced id must exist in the reference data; each unknown id is reported on its field. */
export function checkReferences(fields: Partial<ProjectFields>, ref: ReferenceIdSets): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const spec of REFERENCE_FIELDS) {
    const value = fields[spec.field];
    if (value === undefined) continue;
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) {
      if (!ref[spec.set].has(id)) {
        problems.push({
          field: spec.field,
          message: { sv: `Okänt ${spec.sv}: ${quoteSv(id)}.`, en: `Unknown ${spec.en}: ${quoteEn(id)}.` },
        });
      }
    }
  }
  return problems;
}

/** A decision needs an assessed application; inclusion needs secured financing (PP 6.3.1). */
export function checkDecision(
  project: { status: ProjectStatus; financing: { secured: boolean } },
  outcome: "inkluderad" | "avslagen",
): FieldProblem[] {
  if (project.status !== "bedomd") {
    const l = projectStatusLabels[project.status];
    return [
      {
        field: "status",
        message: {
          sv: `Styrgruppen beslutar om ansökningar som programkontoret har bedömt. Utvecklingsarbetet har status ${l.sv}.`,
          en: `The steering group decides applications the program office has assessed. The effort has status ${l.en}.`,
        },
      },
    ];
  }
  if (outcome === "inkluderad" && !project.financing.secured) {
    return [
      {
        field: "financing.secured",
        message: {
          sv: "Finansieringen måste vara säkrad innan styrgruppen kan besluta om inkludering.",
          en: "Financing must be secured before the steering group can decide to include the effort.",
        },
      },
    ];
  }
  return [];
}

/** The program office assesses submitted applications, each criterion once, only known criteria. */
export function checkAssessment(
  project: { status: ProjectStatus },
  criterionIds: readonly string[],
  knownCriteria: ReadonlySet<string>,
): { rule: FieldProblem[]; validation: FieldProblem[] } {
  const validation: FieldProblem[] = [];
  const seen = new Set<string>();
  criterionIds.forEach((id, i) => {
    if (!knownCriteria.has(id)) {
      validation.push({ field: `criteria.${i}.criterionId`, message: { sv: `Okänt kriterium: ${quoteSv(id)}.`, en: `Unknown criterion: ${quoteEn(id)}.` } });
    } else if (seen.has(id)) {
      validation.push({
        field: `criteria.${i}.criterionId`,
        message: { sv: `Kriteriet ${quoteSv(id)} är bedömt två gånger.`, en: `The criterion ${quoteEn(id)} is assessed twice.` },
      });
    }
    seen.add(id);
  });
  const rule: FieldProblem[] = [];
  if (project.status !== "ansokan_inlamnad") {
    const l = projectStatusLabels[project.status];
    rule.push({
      field: "status",
      message: {
        sv: `Programkontoret bedömer inlämnade ansökningar. Utvecklingsarbetet har status ${l.sv}.`,
        en: `The program office assesses submitted applications. The effort has status ${l.en}.`,
      },
    });
  }
  return { rule, validation };
}

/** Closing an effort requires its final report (SPEC 3.1: "avslutad (with final report)"). */
export function checkClosing(finalReportUrl: string | undefined, existing: string | undefined): FieldProblem[] {
  if (finalReportUrl || existing) return [];
  return [
    {
      field: "finalReportUrl",
      message: {
        sv: "Ange en länk till slutrapporten för att avsluta utvecklingsarbetet.",
        en: "Give a link to the final report to close the effort.",
      },
    },
  ];
}

/** Links are shown as links in Teams: only http(s) (no `javascript:`, `data:` …). */
export function checkLinks(links: Record<string, string | undefined>, fieldPrefix = "links."): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(links)) {
    if (value === undefined) continue;
    if (!/^https?:\/\//i.test(value)) {
      problems.push({
        field: `${fieldPrefix}${key}`,
        message: { sv: "Länken måste börja med http:// eller https://.", en: "The link must start with http:// or https://." },
      });
    }
  }
  return problems;
}

/** Free text must not carry control characters (other than tab and line breaks), and a name needs a letter or digit. */
export function checkText(fields: { name?: string | undefined; description?: string | undefined; partnersText?: string | undefined }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const control = (s: string) => [...s].some((c) => {
    const code = c.charCodeAt(0);
    return (code < 32 && c !== "\t" && c !== "\n" && c !== "\r") || code === 127;
  });
  for (const key of ["name", "description", "partnersText"] as const) {
    const value = fields[key];
    if (value !== undefined && control(value)) {
      problems.push({ field: key, message: { sv: "Texten innehåller otillåtna styrtecken.", en: "The text contains control characters." } });
    }
  }
  if (fields.name !== undefined && !/[\p{L}\p{N}]/u.test(fields.name)) {
    problems.push({ field: "name", message: { sv: "Namnet måste innehålla bokstäver eller siffror.", en: "The name must contain letters or digits." } });
  }
  return problems;
}

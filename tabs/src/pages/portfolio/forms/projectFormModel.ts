/**
 * The application/edit form as plain values, and the translations between it and the API:
 * values → `ApplicationInput` / `ProjectPatch`, API error `details[].field` → form field, and the
 * merge after a stale edit (412) that keeps what the user typed and takes the rest from the latest
 * version.
 */
import { ApplicationInputSchema, type ApplicationInput, type Project, type ProjectPatch } from "@naravard/api/contracts";
import type { Translate } from "../../../i18n";
import { issuesToErrors, normalisePath, type ZodIssue } from "../../../forms/contractErrors";

export interface FormValues {
  name: string;
  description: string;
  type: "projekt" | "pilot" | "sprint" | "forstudie" | "utvecklingsarbete";
  ownerOrganisationId: string;
  partnerOrganisationIds: string[];
  partnersText: string;
  leaderName: string;
  leaderEmail: string;
  projectOwnerName: string;
  changeOwnerName: string;
  startDate: string;
  endDate: string;
  programAreaIds: string[];
  criteriaIds: string[];
  subGoalIds: string[];
  targetGroupIds: string[];
  benefitObjectIds: string[];
  nature: "" | "innovation" | "standigt_forbattring";
  horizon: "" | "snabb_nytta" | "langsiktig";
  financingSecured: boolean;
  financingSource: string;
  linkWeb: string;
  linkFinalReport: string;
}

export type FormField = keyof FormValues;
export type FieldErrors = Partial<Record<FormField, string>>;

export function emptyValues(defaults: Partial<FormValues> = {}): FormValues {
  return {
    name: "",
    description: "",
    type: "projekt",
    ownerOrganisationId: "",
    partnerOrganisationIds: [],
    partnersText: "",
    leaderName: "",
    leaderEmail: "",
    projectOwnerName: "",
    changeOwnerName: "",
    startDate: "",
    endDate: "",
    programAreaIds: [],
    criteriaIds: [],
    subGoalIds: [],
    targetGroupIds: [],
    benefitObjectIds: [],
    nature: "",
    horizon: "",
    financingSecured: false,
    financingSource: "",
    linkWeb: "",
    linkFinalReport: "",
    ...defaults,
  };
}

export function fromProject(p: Project): FormValues {
  return {
    name: p.name,
    description: p.description,
    type: p.type,
    ownerOrganisationId: p.ownerOrganisationId,
    partnerOrganisationIds: [...p.partnerOrganisationIds],
    partnersText: p.partnersText ?? "",
    leaderName: p.projectLeader.name,
    leaderEmail: p.projectLeader.email ?? "",
    projectOwnerName: p.projectOwner?.name ?? "",
    changeOwnerName: p.changeOwner?.name ?? "",
    startDate: p.startDate ?? "",
    endDate: p.endDate ?? "",
    programAreaIds: [...p.programAreaIds],
    criteriaIds: [...p.criteriaIds],
    subGoalIds: [...p.subGoalIds],
    targetGroupIds: [...p.targetGroupIds],
    benefitObjectIds: [...p.benefitObjectIds],
    nature: p.nature ?? "",
    horizon: p.horizon ?? "",
    financingSecured: p.financing.secured,
    financingSource: p.financing.source ?? "",
    linkWeb: p.links.web ?? "",
    linkFinalReport: p.links.finalReport ?? "",
  };
}

const opt = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

/** The values as an application (`POST /api/projects`). Empty optional fields are left out. */
export function toInput(v: FormValues): ApplicationInput {
  const leaderEmail = opt(v.leaderEmail);
  const input: ApplicationInput = {
    name: v.name,
    description: v.description,
    type: v.type,
    ownerOrganisationId: v.ownerOrganisationId,
    partnerOrganisationIds: v.partnerOrganisationIds,
    projectLeader: leaderEmail ? { name: v.leaderName, email: leaderEmail } : { name: v.leaderName },
    programAreaIds: v.programAreaIds,
    criteriaIds: v.criteriaIds,
    subGoalIds: v.subGoalIds,
    targetGroupIds: v.targetGroupIds,
    benefitObjectIds: v.benefitObjectIds,
    financing: opt(v.financingSource) ? { secured: v.financingSecured, source: opt(v.financingSource) } : { secured: v.financingSecured },
    links: {
      ...(opt(v.linkWeb) ? { web: opt(v.linkWeb) } : {}),
      ...(opt(v.linkFinalReport) ? { finalReport: opt(v.linkFinalReport) } : {}),
    },
  };
  if (opt(v.partnersText)) input.partnersText = opt(v.partnersText);
  if (opt(v.projectOwnerName)) input.projectOwner = { name: opt(v.projectOwnerName)! };
  if (opt(v.changeOwnerName)) input.changeOwner = { name: opt(v.changeOwnerName)! };
  if (opt(v.startDate)) input.startDate = opt(v.startDate);
  if (opt(v.endDate)) input.endDate = opt(v.endDate);
  if (v.nature) input.nature = v.nature;
  if (v.horizon) input.horizon = v.horizon;
  return input;
}

/** Which API field (top level of `ProjectFields`) each form field is part of. */
const API_FIELD: Record<FormField, keyof ApplicationInput> = {
  name: "name",
  description: "description",
  type: "type",
  ownerOrganisationId: "ownerOrganisationId",
  partnerOrganisationIds: "partnerOrganisationIds",
  partnersText: "partnersText",
  leaderName: "projectLeader",
  leaderEmail: "projectLeader",
  projectOwnerName: "projectOwner",
  changeOwnerName: "changeOwner",
  startDate: "startDate",
  endDate: "endDate",
  programAreaIds: "programAreaIds",
  criteriaIds: "criteriaIds",
  subGoalIds: "subGoalIds",
  targetGroupIds: "targetGroupIds",
  benefitObjectIds: "benefitObjectIds",
  nature: "nature",
  horizon: "horizon",
  financingSecured: "financing",
  financingSource: "financing",
  linkWeb: "links",
  linkFinalReport: "links",
};

/** Dotted API paths that name one form field exactly. */
const PATH_FIELD: Record<string, FormField> = {
  "projectLeader.name": "leaderName",
  "projectLeader.email": "leaderEmail",
  "projectOwner.name": "projectOwnerName",
  "projectOwner": "projectOwnerName",
  "changeOwner.name": "changeOwnerName",
  "changeOwner": "changeOwnerName",
  "projectLeader": "leaderName",
  "financing.secured": "financingSecured",
  "financing.source": "financingSource",
  "financing": "financingSecured",
  "links.web": "linkWeb",
  "links.finalReport": "linkFinalReport",
  "links": "linkWeb",
};

/** The form field an API error detail (`details[].field`) or a schema issue path belongs to, if any. */
export function fieldForPath(path: string): FormField | undefined {
  const clean = normalisePath(path);
  if (Object.hasOwn(PATH_FIELD, clean)) return PATH_FIELD[clean];
  const parts = clean.split(".");
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join(".");
    if (Object.hasOwn(PATH_FIELD, prefix)) return PATH_FIELD[prefix];
    if (Object.hasOwn(API_FIELD, prefix)) return prefix as FormField;
  }
  return undefined;
}

export const FIELD_ORDER: FormField[] = [
  "name",
  "description",
  "type",
  "ownerOrganisationId",
  "partnerOrganisationIds",
  "partnersText",
  "leaderName",
  "leaderEmail",
  "projectOwnerName",
  "changeOwnerName",
  "startDate",
  "endDate",
  "criteriaIds",
  "programAreaIds",
  "subGoalIds",
  "targetGroupIds",
  "benefitObjectIds",
  "nature",
  "horizon",
  "financingSecured",
  "financingSource",
  "linkWeb",
  "linkFinalReport",
];

/**
 * Shape checks as the user types, with the contracts' own zod schema (what `useContractForm` does
 * for the form; here for tests and callers without React). The inclusion rule (the mandatory
 * criterion plus one more) is the API's: its 400 answer is shown at the fields.
 */
export function validate(values: FormValues, t: Translate): FieldErrors {
  const result = ApplicationInputSchema.safeParse(toInput(values));
  if (result.success) return {};
  return issuesToErrors(result.error.issues, fieldForPath, (field, issue) => issueMessage(field, issue, t));
}

/** This form's words for a schema issue at a field. */
export function issueMessage(field: FormField, issue: ZodIssue, t: Translate): string {
  if (field === "leaderEmail") return t("form.err.email");
  if (field === "linkWeb" || field === "linkFinalReport") return t("form.err.url");
  if (field === "startDate" || field === "endDate") return t("form.err.date");
  if (field === "ownerOrganisationId") return t("form.err.owner");
  if (issue.code === "too_big") return t("form.err.tooLong");
  return t("form.err.required");
}

/** What changed from `base` to `values`, as a PATCH body (only whole top-level API fields). */
export function toPatch(base: FormValues, values: FormValues): ProjectPatch {
  const before = toInput(base) as Record<string, unknown>;
  const after = toInput(values) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  const keys = new Set<string>([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key] ?? emptyFor(key);
  }
  return patch;
}

/** A cleared optional field is sent as its empty form, so the API clears it. */
function emptyFor(key: string): unknown {
  if (key === "partnersText") return "";
  return undefined;
}

/** Form fields whose value differs between two versions. */
export function changedFields(a: FormValues, b: FormValues): FormField[] {
  return FIELD_ORDER.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/**
 * After a 412: the latest version becomes the new base; fields the user changed keep the user's
 * values, every other field shows the latest value.
 */
export function rebase(oldBase: FormValues, values: FormValues, latest: FormValues): FormValues {
  const mine = new Set(changedFields(oldBase, values));
  const merged = { ...latest };
  for (const field of mine) (merged as Record<FormField, unknown>)[field] = values[field];
  return merged;
}

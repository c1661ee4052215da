import { ApiError, type ApplicationInput, type ErrorDetail, type Locale } from "@naravard/api/contracts";
import {
  APPLICATION_FIELDS,
  applicationCard,
  applicationSubmittedCard,
  emptyApplicationValues,
  type ApplicationField,
  type ApplicationFormValues,
} from "../cards/views.js";
import { strings } from "../i18n/strings.js";
import type { CardActionHandler } from "./types.js";

/** The card's inputs as strings, whatever the client sent (missing → empty; arrays → comma-separated). */
export function readApplicationForm(data: Record<string, unknown>): ApplicationFormValues {
  const values = emptyApplicationValues();
  for (const field of APPLICATION_FIELDS) {
    const raw = data[field];
    if (typeof raw === "string") values[field] = raw;
    else if (typeof raw === "boolean" || typeof raw === "number") values[field] = String(raw);
    else if (Array.isArray(raw)) values[field] = raw.filter((x) => typeof x === "string").join(",");
  }
  return values;
}

const list = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** The API's application input from the form. No business rule here: the API decides what is valid. */
export function toApplicationInput(v: ApplicationFormValues): ApplicationInput {
  const email = v.projectLeaderEmail.trim();
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    ownerOrganisationId: v.ownerOrganisationId.trim(),
    partnerOrganisationIds: list(v.partnerOrganisationIds),
    projectLeader: { name: v.projectLeaderName.trim(), ...(email ? { email } : {}) },
    criteriaIds: list(v.criteriaIds),
    programAreaIds: list(v.programAreaIds),
    targetGroupIds: list(v.targetGroupIds),
    financing: { secured: v.financingSecured.trim().toLowerCase() === "true" },
  };
}

/** The card input an API error field (`details[].field`, a dotted path) belongs to, if any. */
export function inputForField(field: string): ApplicationField | null {
  const [head = "", sub] = field.split(".");
  if (head === "projectLeader") return sub === "email" ? "projectLeaderEmail" : "projectLeaderName";
  if (head === "financing") return "financingSecured";
  return (APPLICATION_FIELDS as readonly string[]).includes(head) ? (head as ApplicationField) : null;
}

/** Spreads the API's problems over the card: per input, and a summary naming each input by its label. */
export function mapErrors(details: readonly ErrorDetail[], fallback: string, locale: Locale) {
  const labels = strings(locale).apply.labels;
  const labelOf: Record<ApplicationField, string> = {
    name: labels.name,
    description: labels.description,
    ownerOrganisationId: labels.ownerOrganisation,
    partnerOrganisationIds: labels.partnerOrganisations,
    projectLeaderName: labels.leaderName,
    projectLeaderEmail: labels.leaderEmail,
    criteriaIds: labels.criteria,
    programAreaIds: labels.programAreas,
    targetGroupIds: labels.targetGroups,
    financingSecured: labels.financing,
  };
  const fieldErrors: Partial<Record<ApplicationField, string>> = {};
  const errorList: string[] = [];
  for (const d of details) {
    const input = inputForField(d.field);
    if (input) {
      const previous = fieldErrors[input];
      if (previous?.includes(d.message)) continue;
      fieldErrors[input] = previous ? `${previous} ${d.message}` : d.message;
      errorList.push(`${labelOf[input]}: ${d.message}`);
    } else {
      errorList.push(d.message);
    }
  }
  if (errorList.length === 0) errorList.push(fallback);
  return { fieldErrors, errorList };
}

/**
 * Card verb `submitApplication`. Success → the card becomes a confirmation without a submit button.
 * The API's 400/422 → the same card again, every value kept, the API's messages next to the named inputs.
 */
export const submitApplication: CardActionHandler = async ({ api, locale, env, args, user }) => {
  const values = readApplicationForm(args);
  const cardId = typeof args.cardId === "string" && args.cardId ? args.cardId : env.newId();
  try {
    const created = await api.apply(toApplicationInput(values), cardId);
    const ref = await api.reference();
    return { updatedCard: applicationSubmittedCard(created, ref, locale, env.links, user.email) };
  } catch (err) {
    // Whatever went wrong, the user's input stays on the card (SPEC 4: nothing typed is lost).
    const e = strings(locale).errors;
    let problems: { fieldErrors: Partial<Record<ApplicationField, string>>; errorList: string[] };
    if (err instanceof ApiError && err.status < 500) {
      problems = mapErrors(err.body.details, err.status === 403 ? `${e.forbidden} ${err.body.message}` : err.body.message, locale);
    } else {
      env.log.error("Ansökan kunde inte skickas till API:et", err, { cardId });
      problems = { fieldErrors: {}, errorList: [e.api] };
    }
    const ref = await api.reference();
    return { updatedCard: applicationCard(ref, locale, { cardId, values, ...problems }) };
  }
};

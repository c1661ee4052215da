import { ApiError, type EscalationInput } from "@naravard/api/contracts";
import { escalationCard, cardDataOf, escalationRaiseCard, RAISE_FIELDS, type RaiseField, type RaiseFormValues } from "../cards/escalations.js";
import { escalationStrings } from "../i18n/escalationStrings.js";
import { strings } from "../i18n/strings.js";
import type { CardActionHandler } from "./types.js";

export function readRaiseForm(data: Record<string, unknown>): RaiseFormValues {
  const value = (key: RaiseField) => (typeof data[key] === "string" ? data[key] : "");
  return { title: value("title"), description: value("description"), urgency: value("urgency") || "normal", projectId: value("projectId") };
}

/** The API's input from the form; no rule here: the API decides what is valid and names the fields. */
export function toEscalationInput(v: RaiseFormValues): Record<string, unknown> {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    urgency: v.urgency.trim(),
    ...(v.projectId.trim() ? { projectId: v.projectId.trim() } : {}),
  };
}

/**
 * Card verb `escalationRaise`. Success → the card becomes the escalation's card (what happens next, who holds it).
 * The API's refusal → the same form, every value kept, the messages next to the named inputs.
 */
export const submitEscalation: CardActionHandler = async ({ api, locale, env, args }) => {
  const values = readRaiseForm(args);
  const cardId = typeof args.cardId === "string" && args.cardId ? args.cardId : env.newId();
  try {
    const created = await api.raiseEscalation(toEscalationInput(values) as EscalationInput, cardId);
    return { updatedCard: escalationCard(cardDataOf(created), locale, env.links, { notice: escalationStrings(locale).raised, allowed: created.allowedActions }) };
  } catch (err) {
    const fieldErrors: Partial<Record<RaiseField, string>> = {};
    const errorList: string[] = [];
    if (err instanceof ApiError && err.status < 500) {
      const labels = escalationStrings(locale).labels;
      const labelOf: Record<RaiseField, string> = { title: labels.title, description: labels.description, urgency: labels.urgency, projectId: labels.projectChoice };
      for (const d of err.body.details) {
        const field = (RAISE_FIELDS as readonly string[]).includes(d.field) ? (d.field as RaiseField) : null;
        if (field) {
          fieldErrors[field] = d.message;
          errorList.push(`${labelOf[field]}: ${d.message}`);
        } else errorList.push(d.message);
      }
      if (errorList.length === 0) errorList.push(err.status === 403 ? `${strings(locale).errors.forbidden} ${err.body.message}` : err.body.message);
    } else {
      env.log.error("Eskaleringen kunde inte skickas till API:et", err, { cardId });
      errorList.push(strings(locale).errors.api);
    }
    const projects = await api.listProjects({ pageSize: 60 }).catch(() => ({ items: [] }));
    return { updatedCard: escalationRaiseCard(locale, { cardId, projects: projects.items, values, fieldErrors, errorList }) };
  }
};

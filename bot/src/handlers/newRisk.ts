import { ApiError, RiskCategorySchema, type RiskInput } from "@naravard/api/contracts";
import { emptyRiskForm, riskCard, riskFormCard, RISK_FORM_FIELDS, type RiskFormValues } from "../cards/riskViews.js";
import { riskStrings } from "../i18n/riskStrings.js";
import { strings } from "../i18n/strings.js";
import { readInputs, score, spreadErrors } from "./riskForms.js";
import { apiRefusal } from "./shared.js";
import type { CardActionHandler, CommandHandler } from "./types.js";

/**
 * `ny risk` / `new risk`: the form. Its id (`cardId`) is the `Idempotency-Key` of the create, so a double click
 * adds one risk.
 */
export const newRisk: CommandHandler = async ({ api, locale, env }) => {
  try {
    const settings = await api.riskSettings();
    return { cards: [riskFormCard(locale, { cardId: env.newId(), scale: settings.scale, values: emptyRiskForm() })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

export function toRiskInput(v: RiskFormValues): RiskInput {
  const category = RiskCategorySchema.safeParse(v.category.trim());
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    // An unknown category goes to the API as typed, so its answer names the field.
    category: category.success ? category.data : (v.category.trim() as RiskInput["category"]),
    probability: score(v.probability),
    consequence: score(v.consequence),
    ...(v.actions.trim() ? { actions: v.actions.trim() } : {}),
  };
}

/** Card verb `submitRisk`: success → the risk's card; the API's 400 → the same form, input kept, errors at the fields. */
export const submitRisk: CardActionHandler = async ({ api, locale, env, args }) => {
  const t = riskStrings(locale);
  const values = readInputs(args, RISK_FORM_FIELDS, emptyRiskForm());
  const cardId = typeof args.cardId === "string" && args.cardId ? args.cardId : env.newId();
  try {
    const created = await api.createRisk(toRiskInput(values), cardId);
    return { updatedCard: riskCard(created, locale, env.links, { message: t.created(created.title) }) };
  } catch (err) {
    let problems: { fieldErrors: Partial<Record<(typeof RISK_FORM_FIELDS)[number], string>>; errorList: string[] };
    if (err instanceof ApiError && err.status < 500) {
      const fallback = err.status === 403 ? `${strings(locale).errors.forbidden} ${err.body.message}` : err.body.message;
      problems = spreadErrors(err.body.details, RISK_FORM_FIELDS, t.labels, fallback);
    } else {
      env.log.error("Risken kunde inte sparas", err, { cardId });
      problems = { fieldErrors: {}, errorList: [strings(locale).errors.api] };
    }
    const scale = await api
      .riskSettings()
      .then((s) => s.scale)
      .catch(() => 4);
    return { updatedCard: riskFormCard(locale, { cardId, scale, values, ...problems }) };
  }
};

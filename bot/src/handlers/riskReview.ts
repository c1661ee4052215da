import { ApiError, type RiskReviewInput } from "@naravard/api/contracts";
import { riskCard, riskListCard, riskReviewCard, RISK_REVIEW_FIELDS, type RiskReviewValues } from "../cards/riskViews.js";
import { riskStrings } from "../i18n/riskStrings.js";
import { formatDate, strings } from "../i18n/strings.js";
import { readInputs, score, spreadErrors } from "./riskForms.js";
import { apiRefusal } from "./shared.js";
import type { CardActionHandler } from "./types.js";

const riskIdOf = (args: Record<string, unknown>) => (typeof args.riskId === "string" ? args.riskId : "");

/** Card verb `myDueRisks`: the user's open risks whose review is due (what the reminder lists), each with Granska. */
export const myDueRisks: CardActionHandler = async ({ api, locale, env, user }) => {
  const t = riskStrings(locale);
  try {
    const page = await api.listRisks({ owner: user.email, status: "open", reviewDue: "true", pageSize: 50 });
    if (page.items.length === 0) return { updatedCard: riskListCard([], locale, env.links, { title: t.dueTitle, subtitle: t.dueNone, action: "review" }) };
    return { updatedCard: riskListCard(page.items, locale, env.links, { title: t.dueTitle, subtitle: t.dueIntro(page.items.length), action: "review" }) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

/** Card verb `openRiskReview` (Granska): the review card replaces the card acted on. */
export const openRiskReview: CardActionHandler = async ({ api, locale, args }) => {
  const id = riskIdOf(args);
  if (!id) return { text: strings(locale).errors.notFound };
  try {
    const [r, settings] = await Promise.all([api.getRisk(id), api.riskSettings()]);
    return { updatedCard: riskReviewCard(r, locale, { scale: settings.scale }) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

export function toReviewInput(v: RiskReviewValues): RiskReviewInput {
  const reassessed = v.outcome === "reassessed";
  return {
    outcome: reassessed ? "reassessed" : "unchanged",
    ...(reassessed ? { probability: score(v.probability), consequence: score(v.consequence) } : {}),
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
}

/**
 * Card verb `submitRiskReview` (If-Match = the ETag the card was opened with). Saved → the risk's card in place
 * with the next review date; 400 → the review card with the input kept and the errors at the fields; 412 → the
 * review card on the current version, the user's input kept, saying someone else changed it.
 */
export const submitRiskReview: CardActionHandler = async ({ api, locale, env, args }) => {
  const t = riskStrings(locale);
  const id = riskIdOf(args);
  const etag = typeof args.etag === "string" ? args.etag : "";
  if (!id) return { text: strings(locale).errors.notFound };
  const values = readInputs(args, RISK_REVIEW_FIELDS, { outcome: "unchanged", probability: "", consequence: "", note: "" });
  try {
    const saved = await api.reviewRisk(id, toReviewInput(values), etag);
    const next = saved.nextReviewDate ? formatDate(saved.nextReviewDate, locale) : strings(locale).none;
    return { updatedCard: riskCard(saved, locale, env.links, { message: t.reviewed(saved.title, next), showBack: true }) };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500) {
      env.log.error("Granskningen kunde inte sparas", err, { riskId: id });
      const refusal = apiRefusal(err, locale);
      if (refusal) return refusal;
      return { text: strings(locale).errors.api };
    }
    if (err.status === 403 || err.status === 404) return apiRefusal(err, locale) ?? { text: err.body.message };
    const [current, settings] = await Promise.all([api.getRisk(id), api.riskSettings()]);
    if (err.status === 412 || err.status === 428) return { updatedCard: riskReviewCard(current, locale, { scale: settings.scale, values, stale: true }) };
    const problems = spreadErrors(err.body.details, RISK_REVIEW_FIELDS, t.labels, err.body.message);
    return { updatedCard: riskReviewCard({ ...current, etag }, locale, { scale: settings.scale, values, ...problems }) };
  }
};

/** Card verb `escalateRisk` (Eskalera): raises the escalation once; the risk's card shows it in place. */
export const escalateRisk: CardActionHandler = async ({ api, locale, env, args }) => {
  const id = riskIdOf(args);
  if (!id) return { text: strings(locale).errors.notFound };
  try {
    const { escalationId, risk } = await api.escalateRisk(id);
    return { updatedCard: riskCard(risk, locale, env.links, { message: riskStrings(locale).escalated(escalationId) }) };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    if (err instanceof ApiError && err.status < 500) return { text: err.body.message };
    throw err;
  }
};

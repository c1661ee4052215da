import { ApiError, EscalationActionSchema, type Escalation, type EscalationActionInput } from "@naravard/api/contracts";
import { cardDataOf, escalationCard, type EscalationActionValues } from "../cards/escalations.js";
import { escalationStrings } from "../i18n/escalationStrings.js";
import { strings } from "../i18n/strings.js";
import type { CardActionHandler } from "./types.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

function readValues(args: Record<string, unknown>): EscalationActionValues {
  return { decision: text(args.decision), rationale: text(args.rationale), reasonEscalate: text(args.reasonEscalate), reasonReturn: text(args.reasonReturn) };
}

function inputOf(action: string, v: EscalationActionValues): Record<string, unknown> {
  switch (action) {
    case "escalate":
      return { action, reason: v.reasonEscalate.trim() };
    case "return":
      return { action, reason: v.reasonReturn.trim() };
    case "decide":
      return { action, decision: v.decision.trim(), rationale: v.rationale.trim() };
    default:
      return { action };
  }
}

/**
 * Card verb `escalationAct` (acknowledge, decide, escalate, return) as the pressing user. The card carries the
 * version it was drawn from (the timeline's length): if someone acted meanwhile the card is redrawn as it is now
 * instead of acting twice by accident. Then the action goes with the current ETag; the API's answer — done, or why
 * not (who holds it, a missing rationale) — shows on the card, with what was typed kept. The other copies of the
 * card are updated through the notification path.
 */
export const actOnEscalation: CardActionHandler = async ({ api, locale, env, args }) => {
  const s = escalationStrings(locale);
  const id = text(args.escalationId);
  const action = EscalationActionSchema.safeParse(args.action);
  const values = readValues(args);
  let current: Escalation;
  try {
    current = await api.getEscalation(id);
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) return { text: err.status === 404 ? strings(locale).errors.notFound : err.body.message };
    throw err;
  }
  const draw = (e: Escalation, opts: { notice?: string; error?: string; values?: EscalationActionValues }) => ({
    updatedCard: escalationCard(cardDataOf(e), locale, env.links, { ...opts, allowed: e.allowedActions }),
  });
  if (!action.success) return draw(current, { error: strings(locale).errors.generic });
  if (String(current.timeline.length) !== text(args.version) && text(args.version) !== "") return draw(current, { notice: s.stale, values });
  try {
    const after = await api.actOnEscalation(id, inputOf(action.data, values) as EscalationActionInput, current.etag);
    const last = after.timeline[after.timeline.length - 1];
    return draw(after, { notice: s.done(last ? s.what[last.what] : s.what.acknowledged) });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 412) {
      const now = await api.getEscalation(id);
      return draw(now, { notice: s.stale, values });
    }
    const details = err.body.details.map((d) => d.message).filter((m) => m !== err.body.message);
    const message = err.status >= 500 ? strings(locale).errors.api : [err.body.message, ...details].join(" ");
    return draw(current, { error: message, values });
  }
};

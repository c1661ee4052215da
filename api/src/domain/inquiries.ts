import { FIRST_RESPONSE_HOURS, type InquiryStatus, type WorkingTimeSettings } from "../contracts/index.js";
import { addWorkingDuration, subtractWorkingDuration } from "./workingTime.js";

/**
 * The 36-hour rule as pure functions (issue 12, SPEC 3.5), for the inquiry service and its sweep. Times are
 * instants; "now" always comes from the injected clock, so an inquiry that arrived while the system was down is
 * judged by when it was received, not by when it was read.
 */

/** The default: remind the assignee (or the channel) 12 hours before the due time. */
export const DEFAULT_REMIND_HOURS_BEFORE = 12;

/** Due time of a first response: received + 36 h, counted as the program's working-time setting says. */
export function dueAtFor(receivedAt: Date, settings: WorkingTimeSettings): Date {
  return addWorkingDuration(receivedAt, FIRST_RESPONSE_HOURS, settings);
}

/** When to remind: `hoursBefore` the due time in the same count (working hours in working mode), never before receipt. */
export function remindAtFor(receivedAt: Date, dueAt: Date, hoursBefore: number, settings: WorkingTimeSettings): Date {
  const at = subtractWorkingDuration(dueAt, hoursBefore, settings);
  return at.getTime() < receivedAt.getTime() ? new Date(receivedAt.getTime()) : at;
}

/** What the rule needs of a stored inquiry. */
export interface InquiryRuleState {
  assignee: string | null;
  dueAt: string;
  remindAt: string;
  remindedAt: string | null;
  /** When it was found unanswered at its due time (and escalated); kept after a late answer. */
  breachedAt: string | null;
  firstResponseAt: string | null;
}

/** The status follows from the facts, so it can never disagree with them. */
export function statusOf(state: Pick<InquiryRuleState, "assignee" | "breachedAt" | "firstResponseAt">): InquiryStatus {
  if (state.firstResponseAt) return "answered";
  if (state.breachedAt) return "breached";
  return state.assignee ? "assigned" : "new";
}

/**
 * What the sweep must do now: `escalate` once an unanswered inquiry reaches its due time (once: the service sets
 * `breachedAt` with the escalation), `remind` once between the reminder time and the due time. An inquiry found
 * only after its due time is escalated without a reminder first.
 */
export function sweepStep(state: InquiryRuleState, now: Date): "remind" | "escalate" | null {
  if (state.firstResponseAt || state.breachedAt) return null;
  const t = now.getTime();
  if (t >= Date.parse(state.dueAt)) return "escalate";
  if (!state.remindedAt && t >= Date.parse(state.remindAt)) return "remind";
  return null;
}

/**
 * The first response, by a reply that left the mailbox or by the assignee marking it answered. Only the first
 * counts. An answer after the due time keeps (or records) when the inquiry breached, for the monthly share.
 */
export function withFirstResponse<T extends InquiryRuleState>(state: T, at: Date): T {
  if (state.firstResponseAt) return state;
  const late = at.getTime() > Date.parse(state.dueAt);
  return { ...state, firstResponseAt: at.toISOString(), breachedAt: state.breachedAt ?? (late ? state.dueAt : null) };
}

/** Whether a first response came within the rule (for "share answered within 36 h"). */
export function answeredInTime(state: Pick<InquiryRuleState, "dueAt" | "firstResponseAt">): boolean {
  return state.firstResponseAt !== null && Date.parse(state.firstResponseAt) <= Date.parse(state.dueAt);
}

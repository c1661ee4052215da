import {
  ESCALATION_CHAIN,
  roleLabels,
  type EscalationAction,
  type EscalationActionInput,
  type EscalationLevel,
  type EscalationSource,
  type EscalationStatus,
  type EscalationTimelineEntry,
  type EscalationUrgency,
  type Role,
} from "../contracts/index.js";
import { DomainError, DomainErrors } from "./errors.js";
import type { Localized } from "./localized.js";

/** The stored escalation: the answer's fields that do not depend on who asks or on the members table. */
export interface EscalationState {
  id: string;
  title: string;
  description: string;
  urgency: EscalationUrgency;
  status: EscalationStatus;
  level: EscalationLevel;
  levelSince: string;
  /** The levels it went through to get here, lowest first, the current one last: `return` goes one back. */
  path: EscalationLevel[];
  acknowledged?: { by: string; at: string } | undefined;
  source: EscalationSource;
  projectId?: string | undefined;
  projectName?: string | undefined;
  raisedBy: string;
  raisedAt: string;
  decisionId?: string | undefined;
  decision?: { text: string; rationale: string; bodyId: string; bodyName: string; date: string; decidedBy: string } | undefined;
  timeline: EscalationTimelineEntry[];
  /** `levelSince` of the levels whose holders were reminded (once per level). */
  reminded: string[];
}

/**
 * Where an escalation starts (PP 9.5): deviations are reported to the programledare; a programområdesansvarig
 * reports to the koordinator; the programledare handles what is the program's own and sends an acute matter
 * straight to the steering group's chair; the steering group raises to its chair, the chair to the commissioner.
 */
export function startLevel(raiserRoles: readonly Role[], urgency: EscalationUrgency): EscalationLevel {
  const has = (role: Role) => raiserRoles.includes(role);
  if (has("bestallare") || has("styrgrupp_ordforande")) return "bestallare";
  if (has("styrgrupp_vice_ordforande") || has("styrgrupp_ledamot")) return "styrgrupp_ordforande";
  if (has("programledare")) return urgency === "akut" ? "styrgrupp_ordforande" : "programledare";
  if (has("programomradesansvarig") && !has("koordinator")) return "koordinator";
  return "programledare";
}

/** The roles whose members hold a level: everyone with the role; the vice chair stands in for the chair. */
export function holdingRoles(level: EscalationLevel): Role[] {
  return level === "styrgrupp_ordforande" ? ["styrgrupp_ordforande", "styrgrupp_vice_ordforande"] : [level];
}

export function holdsLevel(roles: readonly Role[], level: EscalationLevel): boolean {
  return holdingRoles(level).some((r) => roles.includes(r));
}

/** The reference body that decides at a level (`bodies[].decides`): governance is data, not code. */
export function decidingBodyKind(level: EscalationLevel): "management" | "inclusion" | "escalation" {
  if (level === "styrgrupp_ordforande") return "inclusion";
  if (level === "bestallare") return "escalation";
  return "management";
}

export function levelLabel(level: EscalationLevel): Localized {
  return roleLabels[level];
}

export function nextLevel(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_CHAIN[ESCALATION_CHAIN.indexOf(level) + 1];
}

export interface ActorView {
  email: string;
  roles: readonly Role[];
}

/** What `actor` may do with the escalation now (for buttons and tabs; `checkAction` enforces the same). */
export function allowedEscalationActions(state: EscalationState, actor: ActorView): EscalationAction[] {
  if (state.status !== "open") return [];
  const out: EscalationAction[] = [];
  const holds = holdsLevel(actor.roles, state.level);
  if (holds) {
    if (!state.acknowledged) out.push("acknowledge");
    out.push("decide");
    if (nextLevel(state.level)) out.push("escalate");
    if (state.path.length > 1) out.push("return");
  }
  if (holds || state.raisedBy === actor.email.toLowerCase()) out.push("close");
  return out;
}

const finalText = (status: EscalationStatus): Localized =>
  status === "decided"
    ? { sv: "Eskaleringen är redan beslutad; ett beslut är slutligt.", en: "The escalation has already been decided; a decision is final." }
    : { sv: "Eskaleringen är stängd (återtagen).", en: "The escalation is closed (withdrawn)." };

export interface ActionOutcome {
  what: EscalationTimelineEntry["what"];
  /** The level after the action. */
  level: EscalationLevel;
  path: EscalationLevel[];
  status: EscalationStatus;
  text?: string;
  /** The level changed: holders change, acknowledgement is cleared, new holders are notified. */
  moved: boolean;
}

/**
 * The rules of one action, in order: a decided or closed escalation is final (409); only the holder — or, to
 * withdraw, whoever raised it — may act (403 naming who holds it); then the action's own rule.
 */
export function checkAction(state: EscalationState, input: EscalationActionInput, actor: ActorView, holderName: string): ActionOutcome {
  if (state.status !== "open") throw DomainErrors.conflict(finalText(state.status), { status: state.status, decisionId: state.decisionId });
  const holds = holdsLevel(actor.roles, state.level);
  const mayClose = input.action === "close" && state.raisedBy === actor.email.toLowerCase();
  if (!holds && !mayClose) {
    throw new DomainError(
      "forbidden",
      {
        sv: `Bara den som har eskaleringen får agera på den. Den ligger nu hos ${holderName} (${levelLabel(state.level).sv}).`,
        en: `Only whoever holds the escalation may act on it. It is now held by ${holderName} (${levelLabel(state.level).en}).`,
      },
      [],
      { holder: holderName, level: state.level },
    );
  }
  const same = { level: state.level, path: state.path, status: state.status, moved: false } as const;
  switch (input.action) {
    case "acknowledge":
      if (state.acknowledged) {
        throw DomainErrors.conflict({ sv: "Eskaleringen är redan kvitterad på den här nivån.", en: "The escalation is already acknowledged at this level." });
      }
      return { ...same, path: [...state.path], what: "acknowledged", ...(input.comment ? { text: input.comment } : {}) };
    case "escalate": {
      const up = nextLevel(state.level);
      if (!up) {
        throw DomainErrors.rule([
          {
            field: "action",
            message: { sv: "Beställaren är den högsta nivån; frågan måste beslutas här.", en: "The commissioner is the highest level; the matter must be decided here." },
          },
        ]);
      }
      return { what: "escalated", level: up, path: [...state.path, up], status: "open", text: input.reason, moved: true };
    }
    case "return": {
      const back = state.path[state.path.length - 2];
      if (!back) {
        throw DomainErrors.rule([
          {
            field: "action",
            message: {
              sv: "Eskaleringen är på sin första nivå och kan inte lämnas tillbaka. Besluta eller stäng den.",
              en: "The escalation is at its first level and cannot be returned. Decide or close it.",
            },
          },
        ]);
      }
      return { what: "returned", level: back, path: state.path.slice(0, -1), status: "open", text: input.reason, moved: true };
    }
    case "decide":
      return { ...same, path: [...state.path], what: "decided", status: "decided", text: input.decision };
    case "close":
      return { ...same, path: [...state.path], what: "closed", status: "closed", ...(input.reason ? { text: input.reason } : {}) };
  }
}

/** Whether the holders of the current level are due a reminder: not acknowledged by `dueAt`, not yet reminded. */
export function reminderDue(state: EscalationState, dueAt: Date, now: Date): boolean {
  return state.status === "open" && !state.acknowledged && !state.reminded.includes(state.levelSince) && now.getTime() >= dueAt.getTime();
}

import { projectStatusLabels, type ProjectAction, type ProjectStatus } from "../contracts/index.js";
import type { Localized } from "./localized.js";
import { canEditProject, hasPermission, isApplicant, type Actor, type ProjectAccessView } from "./permissions.js";

/**
 * The lifecycle of a development effort (SPEC 3.1):
 * idé → ansökan inlämnad → bedömd → inkluderad | avslagen → pågående → vilande → avslutad.
 * Each move belongs to one endpoint: assessment (program office), decision (steering group) or status.
 */
export type TransitionVia = "status" | "assessment" | "decision";

export const TRANSITIONS: ReadonlyArray<{ from: ProjectStatus; to: ProjectStatus; via: TransitionVia }> = [
  { from: "ide", to: "ansokan_inlamnad", via: "status" },
  { from: "ansokan_inlamnad", to: "ide", via: "status" },
  { from: "ansokan_inlamnad", to: "bedomd", via: "assessment" },
  { from: "bedomd", to: "inkluderad", via: "decision" },
  { from: "bedomd", to: "avslagen", via: "decision" },
  { from: "inkluderad", to: "pagaende", via: "status" },
  { from: "pagaende", to: "vilande", via: "status" },
  { from: "pagaende", to: "avslutad", via: "status" },
  { from: "vilande", to: "pagaende", via: "status" },
  { from: "vilande", to: "avslutad", via: "status" },
  { from: "avslagen", to: "ide", via: "status" },
];

/** Status moves the applicant may make on their own effort (withdraw, resubmit, start over after a rejection). */
const APPLICANT_MOVES: ReadonlyArray<[ProjectStatus, ProjectStatus]> = [
  ["ide", "ansokan_inlamnad"],
  ["ansokan_inlamnad", "ide"],
  ["avslagen", "ide"],
];

export function transitionVia(from: ProjectStatus, to: ProjectStatus): TransitionVia | null {
  return TRANSITIONS.find((t) => t.from === from && t.to === to)?.via ?? null;
}

function mayMakeStatusMove(actor: Actor, project: ProjectAccessView, to: ProjectStatus): boolean {
  if (hasPermission(actor, "portfolio.changeStatus")) return true;
  return (
    hasPermission(actor, "portfolio.apply") &&
    isApplicant(actor, project) &&
    APPLICANT_MOVES.some(([f, t]) => f === project.status && t === to)
  );
}

/** Statuses `POST …/status` would accept from this actor now (before field rules such as the final report). */
export function allowedTransitions(actor: Actor, project: ProjectAccessView): ProjectStatus[] {
  return TRANSITIONS.filter((t) => t.from === project.status && t.via === "status" && mayMakeStatusMove(actor, project, t.to)).map((t) => t.to);
}

export function allowedActions(actor: Actor, project: ProjectAccessView): ProjectAction[] {
  const actions: ProjectAction[] = [];
  if (canEditProject(actor, project)) actions.push("edit");
  if (project.status === "ansokan_inlamnad" && hasPermission(actor, "portfolio.assess")) actions.push("assess");
  if (project.status === "bedomd" && hasPermission(actor, "portfolio.decide")) actions.push("decide");
  if (allowedTransitions(actor, project).length > 0) actions.push("changeStatus");
  return actions;
}

export type StatusChangeCheck =
  | { ok: true }
  | { ok: false; kind: "rule_violation" | "forbidden"; field: string; message: Localized };

const label = (s: ProjectStatus): Localized => projectStatusLabels[s];

/**
 * Whether `POST …/status` may move the effort to `to`. Field rules that need more data (inclusion rule,
 * final report) are checked by the caller after this says yes.
 */
export function checkStatusChange(actor: Actor, project: ProjectAccessView, to: ProjectStatus): StatusChangeCheck {
  const from = project.status;
  if (from === to) {
    return {
      ok: false,
      kind: "rule_violation",
      field: "status",
      message: {
        sv: `Utvecklingsarbetet har redan status ${label(to).sv}.`,
        en: `The effort already has status ${label(to).en}.`,
      },
    };
  }
  const via = transitionVia(from, to);
  if (via === null) {
    return {
      ok: false,
      kind: "rule_violation",
      field: "status",
      message: {
        sv: `Ett utvecklingsarbete med status ${label(from).sv} kan inte ändras till ${label(to).sv}.`,
        en: `An effort with status ${label(from).en} cannot be changed to ${label(to).en}.`,
      },
    };
  }
  if (via === "assessment") {
    return {
      ok: false,
      kind: "rule_violation",
      field: "status",
      message: {
        sv: `Status ${label(to).sv} sätts när programkontoret registrerar sin bedömning (POST /api/projects/{id}/assessment).`,
        en: `Status ${label(to).en} is set when the program office records its assessment (POST /api/projects/{id}/assessment).`,
      },
    };
  }
  if (via === "decision") {
    return {
      ok: false,
      kind: "rule_violation",
      field: "status",
      message: {
        sv: `Status ${label(to).sv} sätts när styrgruppen fattar beslut (POST /api/projects/{id}/decision).`,
        en: `Status ${label(to).en} is set when the steering group decides (POST /api/projects/{id}/decision).`,
      },
    };
  }
  if (!mayMakeStatusMove(actor, project, to)) {
    return {
      ok: false,
      kind: "forbidden",
      field: "status",
      message: {
        sv: `Du har inte behörighet att ändra status från ${label(from).sv} till ${label(to).sv}.`,
        en: `You are not allowed to change the status from ${label(from).en} to ${label(to).en}.`,
      },
    };
  }
  return { ok: true };
}

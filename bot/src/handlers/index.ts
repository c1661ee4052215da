import { COMMANDS } from "../commands/registry.js";
import type { CommandDef } from "../commands/types.js";
import { fold } from "../domain/text.js";
import { actOnEscalation } from "./actOnEscalation.js";
import { submitRisk } from "./newRisk.js";
import { showRisk } from "./risk.js";
import { escalateRisk, myDueRisks, openRiskReview, submitRiskReview } from "./riskReview.js";
import { assignInquiry, takeInquiry } from "./inquiries.js";
import { showProject } from "./showProject.js";
import { submitEscalation } from "./submitEscalation.js";
import { submitApplication } from "./submitApplication.js";
import { answerSurvey, editSurvey, escalateSurveyAnswer, refreshSurvey } from "./surveyAnswer.js";
import { submitSurveyCreate } from "./createSurvey.js";
import type { CardActionHandler, CommandHandler } from "./types.js";
import { unknown } from "./unknown.js";
import { welcome } from "./welcome.js";

/** Card verb (`Action.Execute` verb, or `verb` in an `Action.Submit`'s data) → handler. */
export const CARD_ACTIONS: Readonly<Record<string, CardActionHandler>> = {
  submitApplication,
  showProject,
  escalationRaise: submitEscalation,
  escalationAct: actOnEscalation,
  showRisk,
  submitRisk,
  openRiskReview,
  submitRiskReview,
  myDueRisks,
  escalateRisk,
  answerSurvey,
  editSurvey,
  refreshSurvey,
  escalateSurveyAnswer,
  surveyCreate: submitSurveyCreate,
  takeInquiry,
  assignInquiry,
};

/** Not commands a user types: what the bot does on events. */
export const EVENTS = {
  welcome: ((input) => welcome(input, COMMANDS)) satisfies CommandHandler,
  unknown,
} as const;

export interface ResolvedCommand {
  /** The registry id, or `unknown`. */
  name: string;
  handler: CommandHandler;
  /** The text after the command word(s), as typed (diacritics kept). */
  args: string;
}

/**
 * Finds the registered command a text starts with (longest trigger first, Swedish or English whatever the locale);
 * anything else goes to `unknown` with the whole text.
 */
export function resolveCommand(text: string, mode: "local" | "production", commands: readonly CommandDef[] = COMMANDS): ResolvedCommand {
  const words = text.trim().replace(/^\/+/, "").split(/\s+/).filter(Boolean);
  const folded = words.map((w) => fold(w).replace(/[!?.:,;]+$/, "") || fold(w));
  let best: { def: CommandDef; length: number } | null = null;
  for (const def of commands) {
    if (def.localOnly && mode !== "local") continue;
    for (const trigger of [...def.triggers.sv, ...def.triggers.en]) {
      const triggerWords = fold(trigger).split(" ");
      const matches = triggerWords.every((w, i) => folded[i] === w);
      if (matches && (!best || triggerWords.length > best.length)) best = { def, length: triggerWords.length };
    }
  }
  if (!best) return { name: "unknown", handler: unknown, args: text.trim() };
  return { name: best.def.id, handler: best.def.handler, args: words.slice(best.length).join(" ") };
}

export function resolveCardAction(verb: string | undefined): CardActionHandler | null {
  return verb && Object.prototype.hasOwnProperty.call(CARD_ACTIONS, verb) ? (CARD_ACTIONS[verb] ?? null) : null;
}

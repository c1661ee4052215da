import { fold } from "../domain/text.js";
import { actAs } from "./actAs.js";
import { apply } from "./apply.js";
import { help } from "./help.js";
import { portfolio } from "./portfolio.js";
import { programOffice } from "./programOffice.js";
import { project } from "./project.js";
import { showProject } from "./showProject.js";
import { submitApplication } from "./submitApplication.js";
import type { CardActionHandler, CommandHandler } from "./types.js";
import { unknown } from "./unknown.js";
import { welcome } from "./welcome.js";

export interface CommandSpec {
  name: string;
  /** Swedish first, then English aliases; matched case- and diacritic-insensitively, word by word. */
  aliases: readonly string[];
  handler: CommandHandler;
  /** Dev tooling that exists only in local mode. */
  localOnly?: boolean;
}

/** Command text → handler. The one place that says which words the bot understands. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: "help", aliases: ["hjälp", "hjalp", "help", "?", "kommandon", "commands"], handler: help },
  { name: "portfolio", aliases: ["portfölj", "portföljen", "portfolio", "utvecklingsportfölj"], handler: portfolio },
  { name: "project", aliases: ["projekt", "project", "visa projekt", "show project"], handler: project },
  { name: "apply", aliases: ["ansök", "ansökan", "apply", "application"], handler: apply },
  { name: "programOffice", aliases: ["programkontor", "programkontoret", "program office", "programoffice"], handler: programOffice },
  { name: "actAs", aliases: ["som", "act as"], handler: actAs, localOnly: true },
];

/** Card verb (`Action.Execute` verb, or `verb` in an `Action.Submit`'s data) → handler. */
export const CARD_ACTIONS: Readonly<Record<string, CardActionHandler>> = {
  submitApplication,
  showProject,
};

/** Not commands a user types: what the bot does on events. */
export const EVENTS = { welcome, unknown } as const;

export interface ResolvedCommand {
  name: string;
  handler: CommandHandler;
  /** The text after the command word(s), as typed (diacritics kept). */
  args: string;
}

/** Finds the command a text starts with (longest alias first); anything else goes to `unknown` with the whole text. */
export function resolveCommand(text: string, mode: "local" | "production"): ResolvedCommand {
  const words = text.trim().replace(/^\/+/, "").split(/\s+/).filter(Boolean);
  const folded = words.map((w) => fold(w).replace(/[!?.:,;]+$/, "") || fold(w));
  let best: { spec: CommandSpec; length: number } | null = null;
  for (const spec of COMMANDS) {
    if (spec.localOnly && mode !== "local") continue;
    for (const alias of spec.aliases) {
      const aliasWords = fold(alias).split(" ");
      const matches = aliasWords.every((w, i) => folded[i] === w);
      if (matches && (!best || aliasWords.length > best.length)) best = { spec, length: aliasWords.length };
    }
  }
  if (!best) return { name: "unknown", handler: unknown, args: text.trim() };
  return { name: best.spec.name, handler: best.spec.handler, args: words.slice(best.length).join(" ") };
}

export function resolveCardAction(verb: string | undefined): CardActionHandler | null {
  return verb && Object.prototype.hasOwnProperty.call(CARD_ACTIONS, verb) ? (CARD_ACTIONS[verb] ?? null) : null;
}

import type { CommandHandler } from "../handlers/types.js";

/** Where Teams offers a command in its command menu (the manifest's `commandLists[].scopes`). */
export type CommandScope = "personal" | "team" | "groupChat";

export interface Bilingual {
  sv: string;
  en: string;
}

/**
 * One command the bot understands. The registry (`registry.ts`) is a list of these; the dispatcher, the help card
 * and the manifest's command menu are all derived from it, so they cannot drift apart.
 */
export interface CommandDef {
  /** Stable name, used in logs and tests. */
  id: string;
  /**
   * Words that start the command, Swedish first. Either language works whatever the Teams locale; matched case- and
   * diacritic-insensitively, word by word, longest first. The first of each list is the manifest's title.
   */
  triggers: { sv: readonly [string, ...string[]]; en: readonly [string, ...string[]] };
  /** How help writes the command with its argument (`projekt [del av namn]`); the first trigger when absent. */
  usage?: Bilingual;
  /** One short sentence for help and the Teams command menu (at most 128 characters). */
  description: Bilingual;
  /**
   * Where the Teams command menu offers it. Only the menu: help lists every command, and the dispatcher answers a
   * command wherever it is typed (the handler says so when it makes no sense there).
   */
  scopes: readonly CommandScope[];
  /** Dev tooling that exists in local mode only: never dispatched in production, never in the manifest. */
  localOnly?: boolean;
  /**
   * Rank in the Teams command menu, which holds 10 commands per scope: lower comes first, and past 10 a command is
   * left out of the menu (help still shows it). Give the most used commands the lowest numbers.
   */
  priority: number;
  handler: CommandHandler;
}

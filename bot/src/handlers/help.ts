import { helpEntries } from "../commands/helpEntries.js";
import type { CommandDef } from "../commands/types.js";
import { helpCard } from "../cards/views.js";
import type { BotReply, HandlerInput } from "./types.js";

/**
 * `hjälp` / `help`: every command, as a card. The registry hands itself in (commands/registry.ts), so this file does
 * not import the registry that imports it.
 */
export function help({ locale, env }: HandlerInput<string>, commands: readonly CommandDef[]): Promise<BotReply> {
  return Promise.resolve({ cards: [helpCard(locale, env.links, { commands: helpEntries(commands, locale, env.mode) })] });
}

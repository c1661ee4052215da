import { helpEntries } from "../commands/helpEntries.js";
import type { CommandDef } from "../commands/types.js";
import { helpCard } from "../cards/views.js";
import { strings } from "../i18n/strings.js";
import type { BotReply, HandlerInput } from "./types.js";

/** Installed in a personal chat: a short welcome and the help card. */
export function welcome({ locale, env }: HandlerInput<string>, commands: readonly CommandDef[]): Promise<BotReply> {
  return Promise.resolve({
    text: strings(locale).welcome,
    cards: [helpCard(locale, env.links, { commands: helpEntries(commands, locale, env.mode) })],
  });
}

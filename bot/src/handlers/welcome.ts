import { helpCard } from "../cards/views.js";
import { strings } from "../i18n/strings.js";
import type { CommandHandler } from "./types.js";

/** Installed in a personal chat: a short welcome and the help card. */
export const welcome: CommandHandler = ({ locale, env }) =>
  Promise.resolve({ text: strings(locale).welcome, cards: [helpCard(locale, env.links, { localMode: env.mode === "local" })] });

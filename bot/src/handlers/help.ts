import { helpCard } from "../cards/views.js";
import type { CommandHandler } from "./types.js";

/** `hjälp` / `help`: the commands, as a card. */
export const help: CommandHandler = ({ locale, env }) =>
  Promise.resolve({ cards: [helpCard(locale, env.links, { localMode: env.mode === "local" })] });

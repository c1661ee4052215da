import { strings } from "../i18n/strings.js";
import type { CommandHandler } from "./types.js";

/** Anything the bot does not recognise: a short answer pointing to `hjälp` – never silence. */
export const unknown: CommandHandler = ({ locale, args }) => {
  const s = strings(locale);
  const text = args.trim();
  return Promise.resolve({ text: text ? s.unknown(text.length > 80 ? `${text.slice(0, 80)}…` : text) : s.empty });
};

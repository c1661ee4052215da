import { portfolioCard } from "../cards/views.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/**
 * `portfölj` / `portfolio`: counts by status and colour and the first efforts with their latest status colour, with
 * a link to the tab. One API call: the API computes the summary, however many efforts there are.
 */
export const portfolio: CommandHandler = async ({ api, locale, env }) => {
  try {
    const summary = await api.portfolioSummary();
    if (summary.total === 0) return { text: strings(locale).portfolio.empty };
    return { cards: [portfolioCard(summary, locale, env.links)] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

import { portfolioCard } from "../cards/views.js";
import { strings } from "../i18n/strings.js";
import { PORTFOLIO_READ_CAP, apiRefusal, listEfforts } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** `portfölj` / `portfolio`: counts by status and each effort's latest status colour, with a link to the tab. */
export const portfolio: CommandHandler = async ({ api, locale, env }) => {
  try {
    const { items, capped } = await listEfforts(api);
    if (items.length === 0) return { text: strings(locale).portfolio.empty };
    return { cards: [portfolioCard(items, locale, env.links, { capped: capped ? PORTFOLIO_READ_CAP : null })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

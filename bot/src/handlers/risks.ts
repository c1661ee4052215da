import { riskListCard, RISK_LIST_MAX } from "../cards/riskViews.js";
import { riskStrings } from "../i18n/riskStrings.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** `risker` / `risks`: the open risks with the highest value (the API sorts), with a link to the Risklista tab. */
export const risks: CommandHandler = async ({ api, locale, env }) => {
  const t = riskStrings(locale);
  try {
    const page = await api.listRisks({ status: "open", pageSize: RISK_LIST_MAX });
    if (page.items.length === 0) return { text: t.empty };
    const total = page.continuationToken ? `${RISK_LIST_MAX}+` : String(page.items.length);
    return { cards: [riskListCard(page.items, locale, env.links, { title: t.listTitle, subtitle: t.listSubtitle(page.items.length, total), action: "show" })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

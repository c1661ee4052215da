import { escalationListCard } from "../cards/escalations.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** `mina eskaleringar` / `my escalations`: the open escalations the user holds now (the API resolves "me"). */
export const myEscalations: CommandHandler = async ({ api, locale, env }) => {
  try {
    const page = await api.listEscalations({ status: "open", holder: "me", pageSize: 20 });
    return { cards: [escalationListCard(page.items, locale, env.links)] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

import { escalationRaiseCard } from "../cards/escalations.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/** Efforts offered on the card (the API checks the id; more than this and the user opens the tab). */
const MAX_PROJECTS = 60;

/**
 * `eskalera` / `escalate`: the card to raise an escalation. Its fresh `cardId` is the `Idempotency-Key`, so a double
 * click or a retried invoke raises one escalation only.
 */
export const escalate: CommandHandler = async ({ api, locale, env }) => {
  try {
    const projects = await api.listProjects({ pageSize: MAX_PROJECTS });
    return { cards: [escalationRaiseCard(locale, { cardId: env.newId(), projects: projects.items })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

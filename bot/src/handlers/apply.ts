import { applicationCard, emptyApplicationValues } from "../cards/views.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/**
 * `ansök` / `apply`: the application form. The card carries a fresh id (`cardId`) in its submit action; it is the
 * `Idempotency-Key` of the application, so a double click or a retried invoke creates one application only.
 */
export const apply: CommandHandler = async ({ api, locale, env, user }) => {
  try {
    const [ref, me] = await Promise.all([api.reference(), api.me().catch(() => null)]);
    const values = {
      ...emptyApplicationValues(),
      projectLeaderName: me?.displayName ?? user.name ?? "",
      projectLeaderEmail: me?.email ?? user.email,
    };
    return { cards: [applicationCard(ref, locale, { cardId: env.newId(), values })] };
  } catch (err) {
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

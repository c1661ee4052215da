import { ApiError } from "@naravard/api/contracts";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CommandHandler } from "./types.js";

/**
 * `programkontor` / `program office` in a channel: marks it as the program office channel. The API decides who may
 * (programledare); the bot only asks on the user's behalf.
 */
export const programOffice: CommandHandler = async ({ api, locale, conversation }) => {
  const s = strings(locale).programOffice;
  if (conversation.kind !== "channel") return { text: s.notChannel };
  try {
    const ref = await api.markProgramOfficeChannel(conversation.id);
    return { text: s.done(ref.name ?? conversation.name ?? "") };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return { text: s.forbidden };
    const refusal = apiRefusal(err, locale);
    if (refusal) return refusal;
    throw err;
  }
};

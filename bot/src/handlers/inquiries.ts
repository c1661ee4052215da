import { ApiError, readOpenInquiries, type ApiClient, type Inquiry, type InquiryAssignee, type Locale } from "@naravard/api/contracts";
import { inquiryCard } from "../cards/inquiries.js";
import { strings } from "../i18n/strings.js";
import { apiRefusal } from "./shared.js";
import type { CardLinks } from "../cards/links.js";
import type { BotReply, CardActionHandler, CommandHandler } from "./types.js";

/** Most cards in one answer; the tab has the full list. */
const MAX_CARDS = 10;

const TEXT = {
  sv: {
    none: "Det finns inga öppna ärenden i funktionsbrevlådan.",
    noneMine: "Du har inga öppna ärenden.",
    count: (n: number, shown: number) => (n > shown ? `${n} öppna ärenden; de ${shown} som ska besvaras först:` : `${n} öppna ärenden:`),
    countMine: (n: number) => `Du har ${n} öppna ärenden:`,
    stale: "Någon annan hann ändra ärendet. Här är det som det ser ut nu.",
    answered: "Ärendet är redan besvarat.",
    missing: "Kortet saknar ärende.",
    chooseAssignee: "Välj en förändringsledare att tilldela ärendet.",
  },
  en: {
    none: "There are no open inquiries in the shared mailbox.",
    noneMine: "You have no open inquiries.",
    count: (n: number, shown: number) => (n > shown ? `${n} open inquiries; the ${shown} due first:` : `${n} open inquiries:`),
    countMine: (n: number) => `You have ${n} open inquiries:`,
    stale: "Someone else changed the inquiry first. This is how it looks now.",
    answered: "The inquiry has already been answered.",
    missing: "The card names no inquiry.",
    chooseAssignee: "Choose a change leader to assign the inquiry to.",
  },
} as const satisfies Record<Locale, unknown>;

/**
 * Who *Tilldela* offers, as the API lists them. The card is the same for everyone (in a channel it is one message
 * for all); the API refuses those who may not assign, and the card says so.
 */
async function assigneesOf(api: ApiClient): Promise<InquiryAssignee[]> {
  return (await api.listInquiryAssignees()).items;
}

function refusalOr(err: unknown, locale: Locale): BotReply {
  const refusal = apiRefusal(err, locale);
  if (refusal) return refusal;
  throw err;
}

/** `ärenden`: the program office's view of the open inquiries. */
export const inquiries: CommandHandler = async ({ api, locale, env }) => {
  try {
    const { items, now } = await readOpenInquiries(api);
    if (items.length === 0) return { text: TEXT[locale].none };
    const shown = items.slice(0, MAX_CARDS);
    const assignees = await assigneesOf(api);
    return { text: TEXT[locale].count(items.length, shown.length), cards: shown.map((i) => inquiryCard(i, now, locale, env.links, "channel", { assignees })) };
  } catch (err) {
    return refusalOr(err, locale);
  }
};

/** `mina ärenden`: the open inquiries the user has. */
export const myInquiries: CommandHandler = async ({ api, locale, env, user }) => {
  try {
    const { items: mine, now } = await readOpenInquiries(api, { assignee: user.email });
    if (mine.length === 0) return { text: TEXT[locale].noneMine };
    return { text: TEXT[locale].countMine(mine.length), cards: mine.slice(0, MAX_CARDS).map((i) => inquiryCard(i, now, locale, env.links, "assigned")) };
  } catch (err) {
    return refusalOr(err, locale);
  }
};

/**
 * Assigns the inquiry with the version the API has now and answers with the card as it is after, still offering
 * Tilldela while it is not answered. On a race the card shows it as it is now; a refusal (403, or an assignee the API
 * does not accept) shows on the card with the choice kept.
 */
async function assignAndShow(api: ApiClient, id: string, assignee: string, locale: Locale, env: { links: CardLinks }): Promise<BotReply> {
  const [current, now, assignees] = await Promise.all([api.getInquiry(id), api.listInquiries({ pageSize: 1 }).then((l) => l.now), assigneesOf(api)]);
  const draw = (i: Inquiry, opts: { error?: string; selected?: string } = {}) => inquiryCard(i, now, locale, env.links, "channel", { assignees, ...opts });
  if (current.status === "answered") return { text: TEXT[locale].answered, updatedCard: draw(current) };
  try {
    return { updatedCard: draw(await api.assignInquiry(id, assignee, current.etag ?? "")) };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 412 || err.status === 409) return { text: TEXT[locale].stale, updatedCard: draw(await api.getInquiry(id)) };
    if (err.status === 403 || err.status === 400) {
      const details = err.body.details.map((d) => d.message).filter((m) => m !== err.body.message);
      const message = err.status === 403 ? `${strings(locale).errors.forbidden} ${err.body.message}` : [err.body.message, ...details].join(" ");
      return { updatedCard: draw(current, { error: message, selected: assignee }) };
    }
    throw err;
  }
}

/**
 * *Ta ärendet* (Action.Execute `takeInquiry`): the API assigns it to the user acting; the answer card replaces the
 * one in the channel, for everyone, showing who took it.
 */
export const takeInquiry: CardActionHandler = async ({ api, locale, env, user, args }) => {
  const id = typeof args["inquiryId"] === "string" ? args["inquiryId"] : "";
  if (!id) return { text: TEXT[locale].missing };
  try {
    return await assignAndShow(api, id, user.email, locale, env);
  } catch (err) {
    return refusalOr(err, locale);
  }
};

/** *Tilldela* (Action.Execute `assignInquiry`, the card's choice `assignee`): programledare and koordinator only. */
export const assignInquiry: CardActionHandler = async ({ api, locale, env, args }) => {
  const id = typeof args["inquiryId"] === "string" ? args["inquiryId"] : "";
  const assignee = typeof args["assignee"] === "string" ? args["assignee"].trim() : "";
  if (!id) return { text: TEXT[locale].missing };
  if (!assignee) return { text: TEXT[locale].chooseAssignee };
  try {
    return await assignAndShow(api, id, assignee, locale, env);
  } catch (err) {
    return refusalOr(err, locale);
  }
};

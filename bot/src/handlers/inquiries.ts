import { ApiError, type ApiClient, type Inquiry, type Locale } from "@naravard/api/contracts";
import { inquiryCard } from "../cards/inquiries.js";
import { apiRefusal } from "./shared.js";
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
  },
  en: {
    none: "There are no open inquiries in the shared mailbox.",
    noneMine: "You have no open inquiries.",
    count: (n: number, shown: number) => (n > shown ? `${n} open inquiries; the ${shown} due first:` : `${n} open inquiries:`),
    countMine: (n: number) => `You have ${n} open inquiries:`,
    stale: "Someone else changed the inquiry first. This is how it looks now.",
    answered: "The inquiry has already been answered.",
    missing: "The card names no inquiry.",
  },
} as const satisfies Record<Locale, unknown>;

/** Open inquiries (new, assigned, breached but unanswered), earliest due first, with the API's `now`. */
async function openInquiries(api: ApiClient): Promise<{ items: Inquiry[]; now: string }> {
  const lists = await Promise.all((["new", "assigned", "breached"] as const).map((status) => api.listInquiries({ status, pageSize: 100 })));
  const items = lists.flatMap((l) => l.items).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { items, now: lists[0]?.now ?? new Date().toISOString() };
}

function refusalOr(err: unknown, locale: Locale): BotReply {
  const refusal = apiRefusal(err, locale);
  if (refusal) return refusal;
  throw err;
}

/** `ärenden`: the program office's view of the open inquiries. */
export const inquiries: CommandHandler = async ({ api, locale, env }) => {
  try {
    const { items, now } = await openInquiries(api);
    if (items.length === 0) return { text: TEXT[locale].none };
    const shown = items.slice(0, MAX_CARDS);
    return { text: TEXT[locale].count(items.length, shown.length), cards: shown.map((i) => inquiryCard(i, now, locale, env.links, "channel")) };
  } catch (err) {
    return refusalOr(err, locale);
  }
};

/** `mina ärenden`: the open inquiries the user has. */
export const myInquiries: CommandHandler = async ({ api, locale, env, user }) => {
  try {
    const { items, now } = await openInquiries(api);
    const mine = items.filter((i) => i.assignee === user.email.toLowerCase());
    if (mine.length === 0) return { text: TEXT[locale].noneMine };
    return { text: TEXT[locale].countMine(mine.length), cards: mine.slice(0, MAX_CARDS).map((i) => inquiryCard(i, now, locale, env.links, "assigned")) };
  } catch (err) {
    return refusalOr(err, locale);
  }
};

/**
 * *Ta ärendet* (Action.Execute `takeInquiry`): the API assigns it to the user acting, with the version it has now;
 * the answer card replaces the one in the channel, for everyone, showing who took it.
 */
export const takeInquiry: CardActionHandler = async ({ api, locale, env, user, args }) => {
  const id = typeof args["inquiryId"] === "string" ? args["inquiryId"] : "";
  if (!id) return { text: TEXT[locale].missing };
  try {
    const current = await api.getInquiry(id);
    if (current.status === "answered") return { text: TEXT[locale].answered, updatedCard: inquiryCard(current, new Date().toISOString(), locale, env.links, "channel") };
    const now = (await api.listInquiries({ pageSize: 1 })).now;
    try {
      const taken = await api.assignInquiry(id, user.email, current.etag ?? "");
      return { updatedCard: inquiryCard(taken, now, locale, env.links, "channel") };
    } catch (err) {
      if (err instanceof ApiError && (err.status === 412 || err.status === 409)) {
        const fresh = await api.getInquiry(id);
        return { text: TEXT[locale].stale, updatedCard: inquiryCard(fresh, now, locale, env.links, "channel") };
      }
      throw err;
    }
  } catch (err) {
    return refusalOr(err, locale);
  }
};

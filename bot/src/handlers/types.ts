import type { ApiClient, ConversationKind, Locale } from "@naravard/api/contracts";
import type { CardAttachment } from "../cards/render.js";
import type { CardLinks } from "../cards/links.js";
import type { Logger } from "../log.js";

/** The person the bot acts for (the API checks what they may do). */
export interface BotUser {
  /** The person's UPN in production (the same name the tab's token carries); the demo e-mail locally. */
  email: string;
  name?: string;
  /** Production: the Entra object id (Teams `from.aadObjectId`), which decides who the person is in the API. */
  objectId?: string;
}

/** Where the conversation happens, as plain data. `id` is the conversation without a thread suffix. */
export interface ConversationInfo {
  id: string;
  kind: ConversationKind;
  teamId?: string;
  channelId?: string;
  name?: string;
}

/** What every handler may use besides its input: links for deep links, ids for card instances, the mode. */
export interface HandlerEnv {
  mode: "local" | "production";
  links: CardLinks;
  /** A new GUID (card instances, idempotency keys). Injected so tests are deterministic. */
  newId: () => string;
  log: Logger;
}

export interface HandlerInput<A> {
  user: BotUser;
  locale: Locale;
  conversation: ConversationInfo;
  /** Command: the text after the command word. Card verb: the action's data (inputs merged in). */
  args: A;
  api: ApiClient;
  env: HandlerEnv;
}

/**
 * What a handler answers, as plain data; the Teams edge (teamsBot.ts) turns it into activities or an invoke
 * response. For a card action, `updatedCard` replaces the card the user acted on (Universal Actions).
 */
export interface BotReply {
  text?: string;
  cards?: CardAttachment[];
  updatedCard?: CardAttachment;
  /** Local mode only (dev tooling): the demo user this conversation now acts as. */
  actAs?: string;
}

export type CommandHandler = (input: HandlerInput<string>) => Promise<BotReply>;
export type CardActionHandler = (input: HandlerInput<Record<string, unknown>>) => Promise<BotReply>;

import { randomUUID } from "node:crypto";
import {
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from "botbuilder";
import type { Locale } from "@naravard/api/contracts";
import type { ApiAccess } from "./apiAccess.js";
import type { BotConfig } from "./config.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./cards/render.js";
import { conversationPlace, conversationRefInput } from "./domain/conversation.js";
import { stripMentions } from "./domain/text.js";
import { EVENTS, resolveCardAction, resolveCommand } from "./handlers/index.js";
import type { BotReply, BotUser, ConversationInfo, HandlerEnv } from "./handlers/types.js";
import { localeFrom, strings } from "./i18n/strings.js";
import type { Logger } from "./log.js";

export interface NaravardBotDeps {
  config: BotConfig;
  apis: ApiAccess;
  log: Logger;
  newId?: () => string;
  now?: () => number;
}

/** How long a stored conversation reference counts as fresh in this process (skip identical PUTs). */
const REF_FRESH_MS = 10 * 60_000;
/** How long a Teams member's email is cached (production). */
const MEMBER_CACHE_MS = 30 * 60_000;
const CACHE_MAX = 5000;

/**
 * The Teams edge: the only file that handles botbuilder activities. It turns a message, a card action or a
 * conversation update into plain data, calls a handler from the map in handlers/index.ts, and turns the
 * handler's plain reply into activities or an invoke response.
 */
export class NaravardBot extends TeamsActivityHandler {
  /** Local mode only (dev tooling, `som [e-post]`): the demo user each conversation acts as. */
  private readonly actingAs = new Map<string, string>();
  private readonly memberEmails = new Map<string, { email: string; name?: string; at: number }>();
  private readonly savedRefs = new Map<string, { key: string; at: number }>();
  /** Conversation names seen (Teams names a channel on conversationUpdate, rarely on messages). */
  private readonly names = new Map<string, string>();
  private readonly env: HandlerEnv;
  private readonly now: () => number;

  constructor(private readonly deps: NaravardBotDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.env = {
      mode: deps.config.mode,
      links: { teamsAppId: deps.config.teamsAppId, tabsBaseUrl: deps.config.tabsBaseUrl },
      newId: deps.newId ?? randomUUID,
      log: deps.log,
    };
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.handleConversationUpdate(context);
      await next();
    });
  }

  /** Universal Actions (`Action.Execute`): the reply card replaces the card the user acted on. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const locale = this.localeOf(context.activity);
    const verb = invokeValue.action?.verb;
    try {
      const handler = resolveCardAction(verb);
      if (!handler) {
        this.deps.log.warn("Okänt kortverb", { verb });
        return messageResponse(strings(locale).empty);
      }
      const { conversation, user } = await this.prepare(context, locale);
      const data = isRecord(invokeValue.action?.data) ? invokeValue.action.data : {};
      const reply = await handler({ user, locale, conversation, args: data, api: this.deps.apis.forUser(user, locale), env: this.env });
      this.applyEffects(reply, conversation);
      const card = reply.updatedCard ?? reply.cards?.[0];
      if (card) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card.content };
      return messageResponse(reply.text ?? strings(locale).empty);
    } catch (err) {
      this.deps.log.error("Kortåtgärden misslyckades", err, { verb });
      return messageResponse(strings(locale).errors.generic);
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const locale = this.localeOf(activity);
    try {
      const { conversation, user } = await this.prepare(context, locale);
      const api = this.deps.apis.forUser(user, locale);
      const base = { user, locale, conversation, api, env: this.env };
      const rawText = TurnContext.removeRecipientMention(activity) ?? activity.text ?? "";
      const text = stripMentions(rawText);
      // `Action.Submit` (clients without Universal Actions): a message with the card's data as `value`.
      if (!text && isRecord(activity.value)) {
        const verb = typeof activity.value.verb === "string" ? activity.value.verb : undefined;
        const handler = resolveCardAction(verb);
        const reply = handler ? await handler({ ...base, args: activity.value }) : await EVENTS.unknown({ ...base, args: "" });
        await this.deliver(context, reply, conversation);
        return;
      }
      const command = resolveCommand(text, this.deps.config.mode);
      const reply = await command.handler({ ...base, args: command.name === "unknown" ? text : command.args });
      await this.deliver(context, reply, conversation);
    } catch (err) {
      this.deps.log.error("Meddelandet kunde inte hanteras", err, { conversationType: activity.conversation?.conversationType });
      await context.sendActivity(MessageFactory.text(strings(locale).errors.generic));
    }
  }

  private async handleConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const locale = this.localeOf(activity);
    try {
      const { conversation, user } = await this.prepare(context, locale);
      const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
      if (botAdded && conversation.kind === "personal") {
        const reply = await EVENTS.welcome({ user, locale, conversation, args: "", api: this.deps.apis.forUser(user, locale), env: this.env });
        await this.deliver(context, reply, conversation);
      }
    } catch (err) {
      this.deps.log.error("Konversationsuppdateringen kunde inte hanteras", err);
    }
  }

  /** Who acts, where – and the conversation reference kept up to date through the API. */
  private async prepare(context: TurnContext, locale: Locale): Promise<{ conversation: ConversationInfo; user: BotUser }> {
    const place = conversationPlace(context.activity);
    const conversation: ConversationInfo = { id: place.id, kind: place.kind };
    if (place.teamId) conversation.teamId = place.teamId;
    if (place.channelId) conversation.channelId = place.channelId;
    const name = place.name ?? this.names.get(place.id);
    if (name) conversation.name = name;
    const user = await this.actingUser(context, conversation);
    await this.rememberConversation(context, user, locale);
    return { conversation, user };
  }

  private async actingUser(context: TurnContext, conversation: ConversationInfo): Promise<BotUser> {
    const from = context.activity.from;
    const name = from?.name;
    if (this.deps.config.mode === "local") {
      const email = this.actingAs.get(conversation.id) ?? this.deps.config.localDemoUser;
      return name ? { email, name } : { email };
    }
    if (!from?.id) throw new Error("Aktiviteten saknar avsändare");
    // The object id decides who the person is (as in the tab); the UPN names them for a first sign-in's binding.
    const objectId = from.aadObjectId;
    if (!objectId) throw new Error("Aktiviteten saknar användarens objekt-id (aadObjectId)");
    const cached = this.memberEmails.get(objectId);
    if (cached && this.now() - cached.at < MEMBER_CACHE_MS) return { email: cached.email, objectId, ...(cached.name ? { name: cached.name } : {}) };
    const member = await TeamsInfo.getMember(context, from.id);
    const email = (member.userPrincipalName ?? member.email ?? "").trim().toLowerCase();
    if (!email) throw new Error("Teams gav inget UPN för användaren");
    const memberName = member.name ?? name;
    remember(this.memberEmails, objectId, { email, at: this.now(), ...(memberName ? { name: memberName } : {}) });
    return { email, objectId, ...(memberName ? { name: memberName } : {}) };
  }

  /** `PUT /api/bot/conversations`, skipped when this process stored the same reference recently. */
  private async rememberConversation(context: TurnContext, user: BotUser, locale: Locale): Promise<void> {
    const activity = context.activity;
    if (!activity.conversation?.id || !activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
    const input = conversationRefInput(activity, reference, { userEmail: user.email, locale: locale === "en" ? "en-US" : "sv-SE" });
    // A message seldom carries the conversation's name: keep the one seen before rather than erase it.
    if (input.name) remember(this.names, input.conversationId, input.name);
    else {
      const known = this.names.get(input.conversationId);
      if (known) input.name = known;
    }
    const key = JSON.stringify([input.kind, input.serviceUrl, input.tenantId, input.userEmail, input.teamId, input.channelId, input.name, input.reference.locale]);
    const seen = this.savedRefs.get(input.conversationId);
    if (seen && seen.key === key && this.now() - seen.at < REF_FRESH_MS) return;
    try {
      await this.deps.apis.forBot(locale).putConversation(input);
      remember(this.savedRefs, input.conversationId, { key, at: this.now() });
    } catch (err) {
      // Not fatal for this turn: the next message tries again.
      this.deps.log.error("Konversationsreferensen kunde inte sparas", err, { kind: input.kind });
    }
  }

  private localeOf(activity: Activity): Locale {
    const mode = this.deps.config.localeMode;
    return mode === "auto" ? localeFrom(activity.locale) : mode;
  }

  private applyEffects(reply: BotReply, conversation: ConversationInfo): void {
    if (reply.actAs && this.deps.config.mode === "local") this.actingAs.set(conversation.id, reply.actAs);
  }

  private async deliver(context: TurnContext, reply: BotReply, conversation: ConversationInfo): Promise<void> {
    this.applyEffects(reply, conversation);
    const cards = [...(reply.cards ?? [])];
    const replyToId = context.activity.replyToId;
    if (reply.updatedCard) {
      // A card action that came as a message (Action.Submit): update the card in place where possible.
      let updated = false;
      if (replyToId) {
        try {
          await context.updateActivity({ type: "message", id: replyToId, attachments: [reply.updatedCard] });
          updated = true;
        } catch (err) {
          this.deps.log.warn("Kortet kunde inte uppdateras på plats; skickar ett nytt", { error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (!updated) cards.unshift(reply.updatedCard);
    }
    const [first, ...rest] = cards;
    if (reply.text && first) await context.sendActivity(MessageFactory.attachment(first, reply.text));
    else if (reply.text) await context.sendActivity(MessageFactory.text(reply.text));
    else if (first) await context.sendActivity(MessageFactory.attachment(first));
    for (const card of rest) await context.sendActivity(MessageFactory.attachment(card));
  }
}

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text as unknown as AdaptiveCardInvokeResponse["value"] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A bounded map: the oldest entries go first when it is full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_MAX) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

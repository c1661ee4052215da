import {
  ConversationRefInputSchema,
  DeliveryClaimInputSchema,
  DeliveryResultInputSchema,
  NotificationTargetSchema,
  ProgramOfficeChannelInputSchema,
  SentCardInputSchema,
} from "../contracts/index.js";
import { ApiErrors } from "../http/errors.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { CardKeyParams, NotificationIdParams } from "./params.js";

/** The bot's bookkeeping: conversation references and delivery claims (the bot's own identity only). */
export const botRoutes = [
  /** `PUT /api/bot/conversations`: saves a conversation reference (201 new, 200 updated). */
  defineRoute("botConversationsPut", {
    access: "bot",
    body: ConversationRefInputSchema,
    handler: async ({ body }, s) => {
      const { ref, created } = await s.bot.putConversation(body);
      return jsonWithEtag(created ? 201 : 200, ref);
    },
  }),

  /** `POST /api/bot/program-office-channel`: the bot, acting for the programledare, marks the office's channel. */
  defineRoute("botProgramOfficeChannel", {
    access: { botActingWith: "bot.programOfficeChannel" },
    body: ProgramOfficeChannelInputSchema,
    handler: async ({ body, identity }, s) => jsonWithEtag(200, await s.bot.markProgramOfficeChannel(body.conversationId, identity.email)),
  }),

  /** `POST /api/bot/conversations/resolve`: where a notification target is reached, or 404. */
  defineRoute("botConversationForTarget", {
    access: "bot",
    body: NotificationTargetSchema,
    handler: async ({ body }, s) => {
      const ref = await s.bot.resolve(body);
      if (!ref) {
        throw ApiErrors.notFound({
          sv: "Det finns ingen sparad konversation för mottagaren.",
          en: "There is no stored conversation for the recipient.",
        });
      }
      return jsonWithEtag(200, ref);
    },
  }),

  /** `POST /api/bot/deliveries/{notificationId}/claim`: 200 go ahead, 409 already sent / being sent. */
  defineRoute("botDeliveryClaim", {
    access: "bot",
    params: NotificationIdParams,
    body: DeliveryClaimInputSchema,
    handler: async ({ params, body }, s) => json(200, await s.bot.claim(params.notificationId, body)),
  }),

  /** `PUT /api/bot/deliveries/{notificationId}`: the outcome of a claimed notification. */
  defineRoute("botDeliveryResult", {
    access: "bot",
    params: NotificationIdParams,
    body: DeliveryResultInputSchema,
    handler: async ({ params, body }, s) => json(200, await s.bot.recordResult(params.notificationId, body)),
  }),

  /** `GET /api/bot/cards/{cardKey}`: every conversation a card was sent to, with its activity id (update in place). */
  defineRoute("botSentCardsGet", {
    access: "bot",
    params: CardKeyParams,
    handler: async ({ params }, s) => json(200, { items: await s.sentCards.list(params.cardKey) }),
  }),

  /** `PUT /api/bot/cards/{cardKey}`: records one sent copy (idempotent; a second send to a conversation replaces it). */
  defineRoute("botSentCardsPut", {
    access: "bot",
    params: CardKeyParams,
    body: SentCardInputSchema,
    handler: async ({ params, body }, s) => json(200, await s.sentCards.put(params.cardKey, body, s.clock().toISOString())),
  }),
];

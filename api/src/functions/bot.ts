import { z } from "zod";
import {
  ConversationRefInputSchema,
  DeliveryClaimInputSchema,
  DeliveryResultInputSchema,
  NotificationTargetSchema,
  ProgramOfficeChannelInputSchema,
} from "../contracts/index.js";
import { requireBot } from "../http/auth.js";
import { ApiErrors } from "../http/errors.js";
import type { ApiHandler } from "../http/pipeline.js";
import { readJson } from "../http/request.js";
import { json, jsonWithEtag } from "../http/response.js";

const NotificationIdSchema = z.string().min(1).max(200);

function notificationIdParam(value: string | undefined): string {
  const parsed = NotificationIdSchema.safeParse(value);
  if (!parsed.success) throw ApiErrors.notFound();
  return parsed.data;
}

/** `PUT /api/bot/conversations` (bot): saves a conversation reference (201 new, 200 updated). */
export const putConversation: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireBot(identity);
  const { value } = await readJson(req, ConversationRefInputSchema, s.config.maxBodyBytes);
  const { ref, created } = await s.bot.putConversation(value);
  return jsonWithEtag(created ? 201 : 200, ref);
};

/** `POST /api/bot/program-office-channel` (the bot acting as a member with bot.programOfficeChannel). */
export const setProgramOfficeChannel: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireBot(identity);
  if (!identity.viaBot || !identity.permissions.includes("bot.programOfficeChannel")) {
    throw ApiErrors.forbidden({
      sv: "Bara programledaren kan göra den här konversationen till programkontorets kanal.",
      en: "Only the program manager can make this conversation the program office channel.",
    });
  }
  const { value } = await readJson(req, ProgramOfficeChannelInputSchema, s.config.maxBodyBytes);
  return jsonWithEtag(200, await s.bot.markProgramOfficeChannel(value.conversationId, identity.email));
};

/** `POST /api/bot/conversations/resolve` (bot): where a notification target is reached, or 404. */
export const resolveConversation: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireBot(identity);
  const { value } = await readJson(req, NotificationTargetSchema, s.config.maxBodyBytes);
  const ref = await s.bot.resolve(value);
  if (!ref) {
    throw ApiErrors.notFound({
      sv: "Det finns ingen sparad konversation för mottagaren.",
      en: "There is no stored conversation for the recipient.",
    });
  }
  return jsonWithEtag(200, ref);
};

/** `POST /api/bot/deliveries/{notificationId}/claim` (bot): 200 go ahead, 409 already sent / being sent. */
export const claimDelivery: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireBot(identity);
  const notificationId = notificationIdParam(req.params["notificationId"]);
  const { value } = await readJson(req, DeliveryClaimInputSchema, s.config.maxBodyBytes);
  return json(200, await s.bot.claim(notificationId, value));
};

/** `PUT /api/bot/deliveries/{notificationId}` (bot): the outcome of a claimed notification. */
export const recordDelivery: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireBot(identity);
  const notificationId = notificationIdParam(req.params["notificationId"]);
  const { value } = await readJson(req, DeliveryResultInputSchema, s.config.maxBodyBytes);
  return json(200, await s.bot.recordResult(notificationId, value));
};

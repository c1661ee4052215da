import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from "botbuilder";
import { botCredentialOptions, type BotConfig } from "./config.js";
import { localeFrom, strings } from "./i18n/strings.js";
import type { Logger } from "./log.js";

/**
 * The Bot Framework adapter. Local mode: no app id and no password, which the Agents Playground accepts (it
 * sends no token, and the adapter skips authentication). Production: the bot's Entra ID app registration.
 */
export function createAdapter(config: BotConfig, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(botCredentialOptions(config));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error("Ohanterat fel i en tur", error, { activityType: context.activity?.type });
    if (context.activity?.type !== "message") return;
    const locale = config.localeMode === "auto" ? localeFrom(context.activity.locale) : config.localeMode;
    try {
      await context.sendActivity(MessageFactory.text(strings(locale).errors.generic));
    } catch (sendError) {
      log.error("Felmeddelandet kunde inte skickas", sendError);
    }
  };
  return adapter;
}

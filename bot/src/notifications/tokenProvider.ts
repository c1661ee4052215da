import { ConfigurationServiceClientCredentialFactory, type ConfigurationServiceClientCredentialFactoryOptions } from "botbuilder";

/** Audience of Bot Connector tokens (public cloud). */
export const BOT_CONNECTOR_SCOPE = "https://api.botframework.com";
const LOGIN_ENDPOINT = "https://login.microsoftonline.com/";

/**
 * Token provider for proactive sends, from the same settings as the adapter (MicrosoftAppId, MicrosoftAppPassword,
 * MicrosoftAppType, MicrosoftAppTenantId): botbuilder's credentials for `https://api.botframework.com`, which
 * cache and refresh the token. Without an app id (local Playground) it gives no token.
 */
export function botConnectorTokenProvider(config: ConfigurationServiceClientCredentialFactoryOptions): () => Promise<string | undefined> {
  if (!config.MicrosoftAppId) return () => Promise.resolve(undefined);
  const appId = config.MicrosoftAppId;
  const factory = new ConfigurationServiceClientCredentialFactory(config);
  let credentials: Promise<unknown> | undefined;
  return async () => {
    if (await factory.isAuthenticationDisabled()) return undefined;
    credentials ??= factory.createCredentials(appId, BOT_CONNECTOR_SCOPE, LOGIN_ENDPOINT, true).catch((err: unknown) => {
      credentials = undefined; // try again next time
      throw err;
    });
    const creds = await credentials;
    // AppCredentials (password, certificate, managed identity) all have getToken(); the declared type is narrower.
    const getToken = (creds as { getToken?: (forceRefresh?: boolean) => Promise<string> }).getToken;
    if (typeof getToken !== "function") throw new Error("botbuilder credentials cannot give a Bot Connector token");
    return getToken.call(creds);
  };
}

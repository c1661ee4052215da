import { ConfigurationServiceClientCredentialFactory } from "botbuilder";
import { ACTING_USER_HEADER, ACTING_USER_OID_HEADER, DEMO_USERS, DEV_USER_HEADER, createApiClient, type ApiClient, type Locale } from "@naravard/api/contracts";
import { botCredentialOptions, type BotConfig } from "./config.js";
import type { BotUser } from "./handlers/types.js";

/**
 * How the bot reaches the API. Always with its own identity; a request made for a person names them in
 * `x-acting-user` (the API accepts that header only from the bot's identity).
 * Local mode: `x-dev-user: bot@naravard.test`. Production: a bearer token for the bot's app registration
 * (client credentials, through botbuilder's credential factory, which uses MSAL and caches the token).
 */
export interface ApiAccess {
  /** Acting for a person: the API applies that person's roles. */
  forUser(user: BotUser, locale: Locale): ApiClient;
  /** The bot itself (conversation references, delivery bookkeeping). */
  forBot(locale?: Locale): ApiClient;
}

export type TokenProvider = () => Promise<string>;

export interface ApiAccessOptions {
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Production: overrides the token source (tests). */
  token?: TokenProvider;
  /** Per-request timeout; a hanging API must not hang a conversation turn. */
  timeoutMs?: number;
}

export function createApiAccess(config: BotConfig, options: ApiAccessOptions = {}): ApiAccess {
  const baseFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const timedFetch = (input: string, init?: RequestInit) => baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const identity: () => Promise<Record<string, string>> =
    config.mode === "local"
      ? () => Promise.resolve({ [DEV_USER_HEADER]: DEMO_USERS.bot })
      : (() => {
          const token = options.token ?? createBotTokenProvider(config);
          return async () => ({ Authorization: `Bearer ${await token()}` });
        })();

  const client = (acting: BotUser | undefined, locale: Locale) =>
    createApiClient({
      baseUrl: config.apiBaseUrl,
      fetch: timedFetch,
      headers: async () => ({
        ...(await identity()),
        ...(acting ? { [ACTING_USER_HEADER]: acting.email } : {}),
        // Production identifies the person by object id; locally the demo e-mail is the identity.
        ...(acting?.objectId && config.mode !== "local" ? { [ACTING_USER_OID_HEADER]: acting.objectId } : {}),
        "Accept-Language": locale,
      }),
    });
  return {
    forUser: (user, locale) => client(user, locale),
    forBot: (locale = "sv") => client(undefined, locale),
  };
}

/** Production: a token for the API (`<API_AUDIENCE>/.default`) for the bot's own app registration. */
export function createBotTokenProvider(config: BotConfig): TokenProvider {
  const audience = config.apiAudience;
  if (!audience) throw new Error("API_AUDIENCE saknas: boten kan inte hämta en token till API:et");
  const factory = new ConfigurationServiceClientCredentialFactory(botCredentialOptions(config));
  const loginEndpoint = `https://login.microsoftonline.com/${config.bot.tenantId ?? "botframework.com"}`;
  let credentials: Promise<{ getToken(forceRefresh?: boolean): Promise<string> }> | undefined;
  return async () => {
    credentials ??= factory.createCredentials(config.bot.appId, audience, loginEndpoint, true).then((c) => {
      const withToken = c as unknown as { getToken?: (forceRefresh?: boolean) => Promise<string> };
      if (typeof withToken.getToken !== "function") throw new Error("Botens autentiseringsuppgifter kan inte ge någon token");
      return withToken as { getToken(forceRefresh?: boolean): Promise<string> };
    });
    try {
      return await (await credentials).getToken();
    } catch (err) {
      credentials = undefined; // try afresh next time (e.g. a rotated secret)
      throw err;
    }
  };
}

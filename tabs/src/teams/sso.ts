/**
 * Teams single sign-on for calls to our API, done by @microsoft/teamsfx's `TeamsUserCredential`
 * (the one module that uses teamsfx in the tabs). It asks Teams for the SSO token (an ID token for
 * our app registration, which the API accepts as audience), keeps it in memory and asks again five
 * minutes before it expires.
 *
 * The tabs call nothing but our API, so `getToken("")` (the SSO token itself) is all they use; the
 * consent popup (`login()`, for Graph scopes) never runs. Any on-behalf-of call happens in the API,
 * not here. teamsfx and MSAL are imported on first use, so a plain browser never downloads them.
 */
import type { TeamsUserCredential } from "@microsoft/teamsfx";

export interface SsoConfig {
  /** The Entra ID app registration of the tab and API (`VITE_AAD_APP_CLIENT_ID`, set by teamsapp.yml). */
  clientId: string | undefined;
  /** Origin of the tab, for the login page teamsfx requires in its configuration. */
  origin: string;
}

/** A function returning a valid SSO token for the API; the credential is created once, on first call. */
export function teamsSsoToken(config: SsoConfig): () => Promise<string> {
  let credential: Promise<TeamsUserCredential> | null = null;
  return async () => {
    if (!config.clientId) throw new Error("Appen är byggd utan VITE_AAD_APP_CLIENT_ID och kan inte logga in med Teams.");
    credential ??= import("@microsoft/teamsfx").then(
      ({ TeamsUserCredential }) =>
        // teamsfx validates that a login page is configured even when, as here, login() is never called.
        new TeamsUserCredential({ clientId: config.clientId!, initiateLoginEndpoint: `${config.origin}/auth-start.html` }),
    );
    const token = await (await credential).getToken("");
    if (!token) throw new Error("Teams gav ingen inloggningstoken.");
    return token.token;
  };
}

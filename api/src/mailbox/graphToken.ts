import type { TokenCredential } from "@azure/identity";
import { ManagedIdentityCredential } from "@azure/identity";
import type { TokenProvider } from "./graphDelta.js";

/** Application scope for Graph: the roles granted to the identity (Mail.Read, limited by Exchange RBAC for Applications). */
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** Renew this long before expiry, so a long sync never sends an expired token. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Tokens from a credential, kept until shortly before they expire. Production passes the API's managed identity
 * (`managedIdentityTokenProvider`); anything implementing TokenCredential works.
 */
export function credentialTokenProvider(credential: TokenCredential, now: () => number = Date.now): TokenProvider {
  let cached: { token: string; expiresAt: number } | null = null;
  return async (options) => {
    if (!options?.forceRefresh && cached && cached.expiresAt - RENEW_BEFORE_MS > now()) return cached.token;
    const token = await credential.getToken(GRAPH_SCOPE);
    if (!token) throw new Error("Den hanterade identiteten gav ingen token för Microsoft Graph");
    cached = { token: token.token, expiresAt: token.expiresOnTimestamp };
    return token.token;
  };
}

/** The API's managed identity (user-assigned when `clientId` is given, otherwise system-assigned). */
export function managedIdentityTokenProvider(clientId?: string): TokenProvider {
  const credential = clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
  return credentialTokenProvider(credential);
}

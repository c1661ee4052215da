import type { HttpRequest } from "@azure/functions";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { ACTING_USER_HEADER, DEV_USER_HEADER, EmailSchema, type Member } from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { identityOf, type Identity } from "../domain/identity.js";
import { permissionsFor } from "../domain/permissions.js";
import { ApiErrors } from "./errors.js";

export type { Identity } from "../domain/identity.js";

export interface Authenticator {
  authenticate(req: HttpRequest): Promise<Identity>;
}

export type MemberLookup = (email: string) => Promise<Member | null>;

/** Applies `x-acting-user`: only the bot may send it (403 otherwise). */
async function applyActingUser(req: HttpRequest, caller: Identity, lookup: MemberLookup): Promise<Identity> {
  const acting = req.headers.get(ACTING_USER_HEADER);
  if (acting === null) return caller;
  if (!caller.callerIsBot) {
    throw ApiErrors.forbidden({
      sv: `Bara boten får skicka ${ACTING_USER_HEADER}.`,
      en: `Only the bot may send ${ACTING_USER_HEADER}.`,
    });
  }
  const parsed = EmailSchema.safeParse(acting);
  if (!parsed.success) {
    throw ApiErrors.badRequest(
      { sv: `${ACTING_USER_HEADER} ska vara en e-postadress.`, en: `${ACTING_USER_HEADER} must be an email address.` },
      [{ field: ACTING_USER_HEADER, message: { sv: "Ogiltig e-postadress.", en: "Invalid email address." } }],
    );
  }
  const member = await lookup(parsed.data);
  return identityOf(parsed.data, member, true, true);
}

/**
 * Local mode: `x-dev-user: <demo email>` names a seeded member (401 if missing or unknown). Nothing else
 * (no query parameter, no cookie) selects a user. The demo bot (role `bot`) may add `x-acting-user`.
 */
export class LocalAuthenticator implements Authenticator {
  constructor(private readonly lookup: MemberLookup) {}

  async authenticate(req: HttpRequest): Promise<Identity> {
    const header = req.headers.get(DEV_USER_HEADER)?.trim();
    if (!header) {
      throw ApiErrors.unauthenticated({
        sv: `Ange en demoanvändare i rubriken ${DEV_USER_HEADER} (lokalt läge).`,
        en: `Name a demo user in the ${DEV_USER_HEADER} header (local mode).`,
      });
    }
    const member = EmailSchema.safeParse(header).success ? await this.lookup(header) : null;
    if (!member) {
      throw ApiErrors.unauthenticated({
        sv: `Okänd demoanvändare: ${header}.`,
        en: `Unknown demo user: ${header}.`,
      });
    }
    const caller = identityOf(member.email, member, member.roles.includes("bot"), false);
    return applyActingUser(req, caller, this.lookup);
  }
}

export interface EntraSettings {
  audiences: string[];
  issuers: string[];
  jwksUrl: string;
  botClientId: string;
}

const expiredText = { sv: "Inloggningen har gått ut. Logga in igen.", en: "Your sign-in has expired. Sign in again." };
const invalidText = { sv: "Ogiltig inloggningstoken.", en: "Invalid sign-in token." };

/**
 * Production: `Authorization: Bearer <Entra ID token>` checked with jose (signature against the tenant's keys,
 * issuer, audience, exp/nbf). The user is `preferred_username`/`upn`/`email`, lowercased, looked up in Members; no
 * membership → no roles (403 on everything but GET /api/me). A token whose `azp`/`appid` is BOT_CLIENT_ID is the bot.
 */
export class EntraAuthenticator implements Authenticator {
  private readonly getKey: JWTVerifyGetKey;

  constructor(
    private readonly settings: EntraSettings,
    private readonly lookup: MemberLookup,
    private readonly clock: Clock,
    /** Tests inject a local key set; production fetches and caches the tenant's JWKS. */
    getKey?: JWTVerifyGetKey,
  ) {
    this.getKey = getKey ?? createRemoteJWKSet(new URL(settings.jwksUrl));
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, {
        issuer: this.settings.issuers,
        audience: this.settings.audiences,
        algorithms: ["RS256"],
        clockTolerance: 30,
        currentDate: this.clock(),
        requiredClaims: ["exp"],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw ApiErrors.unauthenticated(expiredText);
      if (error instanceof joseErrors.JOSEError) throw ApiErrors.unauthenticated(invalidText);
      throw error;
    }
  }

  async authenticate(req: HttpRequest): Promise<Identity> {
    const header = req.headers.get("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
    if (!match?.[1]) throw ApiErrors.unauthenticated();
    const payload = await this.verify(match[1]);
    const clientId = typeof payload["azp"] === "string" ? payload["azp"] : typeof payload["appid"] === "string" ? payload["appid"] : undefined;
    const isBot = clientId !== undefined && clientId === this.settings.botClientId;
    const claim = ["preferred_username", "upn", "email"].map((k) => payload[k]).find((v): v is string => typeof v === "string" && v.length > 0);
    if (isBot) {
      const botEmail = `${this.settings.botClientId.toLowerCase()}@bot.invalid`;
      const caller: Identity = { ...identityOf(botEmail, null, true, false), displayName: "Bot", roles: ["bot"], permissions: permissionsFor(["bot"]) };
      return applyActingUser(req, caller, this.lookup);
    }
    if (!claim) {
      throw ApiErrors.unauthenticated({ sv: "Token saknar användarnamn.", en: "The token has no user name." });
    }
    const email = claim.toLowerCase();
    const member = await this.lookup(email);
    const caller = identityOf(email, member, false, false);
    return applyActingUser(req, caller, this.lookup);
  }
}



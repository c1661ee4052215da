import type { HttpRequest } from "@azure/functions";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { ACTING_USER_HEADER, ACTING_USER_OID_HEADER, DEV_USER_HEADER, EmailSchema, type Member } from "../contracts/index.js";
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
  tenantId: string;
  audiences: string[];
  issuers: string[];
  jwksUrl: string;
  botClientId: string;
}

/** The delegated scope a user's token must carry for this API (the tab's SSO asks for it). */
export const USER_SCOPE = "access_as_user";
/** The application role the bot's app registration is granted on the API (app-only client-credentials tokens). */
export const BOT_APP_ROLE = "Bot.ActForUsers";

/** Entra identities, resolved to members: by object id, or on first sign-in by UPN, which then binds the id. */
export interface EntraMembers {
  byObjectId(objectId: string): Promise<Member | null>;
  bind(upn: string, objectId: string): Promise<Member | null>;
}

const expiredText = { sv: "Inloggningen har gått ut. Logga in igen.", en: "Your sign-in has expired. Sign in again." };
const invalidText = { sv: "Ogiltig inloggningstoken.", en: "Invalid sign-in token." };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function claim(payload: JWTPayload, name: string): string | undefined {
  const v = payload[name];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * Production: `Authorization: Bearer <Entra ID token>` checked with jose (signature against the tenant's keys,
 * issuer, audience, exp/nbf) and then by kind:
 * - the bot: only an app-only token (`idtyp` app where present, no `scp`, the app role BOT_APP_ROLE) whose client
 *   (`azp`/`appid`) is BOT_CLIENT_ID. It alone may act for a person (`x-acting-user-oid`, `x-acting-user`).
 * - a person: a delegated token with the scope `access_as_user`, from this tenant (`tid`), with an object id
 *   (`oid`). The member is found by that id; a first sign-in binds it to the member whose email is the token's UPN
 *   (`preferred_username`/`upn`, never the `email` claim, which the user can set). Anything else is no member.
 * Every other token (another app's app-only token, a token without the scope) is 401.
 */
export class EntraAuthenticator implements Authenticator {
  private readonly getKey: JWTVerifyGetKey;

  constructor(
    private readonly settings: EntraSettings,
    private readonly members: EntraMembers,
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

  /** A person by object id, binding it by UPN at first sign-in; a non-member identity when neither matches. */
  private async person(objectId: string, upn: string | undefined, callerIsBot: boolean, viaBot: boolean): Promise<Identity> {
    const oid = objectId.toLowerCase();
    const bound = await this.members.byObjectId(oid);
    if (bound) return identityOf(bound.email, bound, callerIsBot, viaBot);
    const name = upn?.trim().toLowerCase();
    const member = name && EmailSchema.safeParse(name).success ? await this.members.bind(name, oid) : null;
    return identityOf(member?.email ?? name ?? oid, member, callerIsBot, viaBot);
  }

  async authenticate(req: HttpRequest): Promise<Identity> {
    const header = req.headers.get("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
    if (!match?.[1]) throw ApiErrors.unauthenticated();
    const payload = await this.verify(match[1]);
    const tid = claim(payload, "tid");
    if (tid !== undefined && tid.toLowerCase() !== this.settings.tenantId.toLowerCase()) throw ApiErrors.unauthenticated(invalidText);
    const clientId = claim(payload, "azp") ?? claim(payload, "appid");
    const scopes = (claim(payload, "scp") ?? "").split(" ").filter(Boolean);
    const roles = Array.isArray(payload["roles"]) ? payload["roles"].filter((r): r is string => typeof r === "string") : [];
    const idtyp = claim(payload, "idtyp");
    const appOnly = scopes.length === 0 && (idtyp === undefined || idtyp === "app");

    if (appOnly) {
      if (clientId === undefined || clientId !== this.settings.botClientId || !roles.includes(BOT_APP_ROLE)) {
        throw ApiErrors.unauthenticated({ sv: "Appen har ingen åtkomst till API:t.", en: "The application has no access to the API." });
      }
      const bot: Identity = { ...identityOf(`${clientId.toLowerCase()}@bot.invalid`, null, true, false), displayName: "Bot", roles: ["bot"], permissions: permissionsFor(["bot"]) };
      return this.actingUser(req, bot);
    }
    if (!scopes.includes(USER_SCOPE) || idtyp === "app") {
      throw ApiErrors.unauthenticated({ sv: `Token saknar behörigheten ${USER_SCOPE}.`, en: `The token lacks the ${USER_SCOPE} scope.` });
    }
    const oid = claim(payload, "oid");
    if (!oid || !GUID.test(oid.toLowerCase())) throw ApiErrors.unauthenticated({ sv: "Token saknar användarens objekt-id.", en: "The token has no user object id." });
    if (req.headers.get(ACTING_USER_HEADER) !== null || req.headers.get(ACTING_USER_OID_HEADER) !== null) {
      throw ApiErrors.forbidden({ sv: `Bara boten får skicka ${ACTING_USER_HEADER}.`, en: `Only the bot may send ${ACTING_USER_HEADER}.` });
    }
    return this.person(oid, claim(payload, "preferred_username") ?? claim(payload, "upn"), false, false);
  }

  /** The bot acting for a person it met in Teams: their object id (`aadObjectId`) and UPN from the Teams roster. */
  private async actingUser(req: HttpRequest, bot: Identity): Promise<Identity> {
    const oid = req.headers.get(ACTING_USER_OID_HEADER)?.trim();
    const upn = req.headers.get(ACTING_USER_HEADER)?.trim();
    if (!oid && !upn) return bot;
    if (!oid || !GUID.test(oid.toLowerCase())) {
      throw ApiErrors.badRequest(
        { sv: `${ACTING_USER_OID_HEADER} ska vara personens objekt-id i Entra ID.`, en: `${ACTING_USER_OID_HEADER} must be the person's Entra object id.` },
        [{ field: ACTING_USER_OID_HEADER, message: { sv: "Ogiltigt objekt-id.", en: "Invalid object id." } }],
      );
    }
    return this.person(oid, upn, true, true);
  }
}

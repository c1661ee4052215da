import type { Member, Permission, Role } from "../contracts/index.js";
import { DomainErrors } from "./errors.js";
import { permissionsFor } from "./permissions.js";

/**
 * Who a request acts as. When the bot calls with `x-acting-user`, `email`/`roles` are the named member's and
 * `viaBot` is true; `callerIsBot` says the caller itself is the bot (bot routes check that).
 */
export interface Identity {
  email: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  member: Member | null;
  callerIsBot: boolean;
  viaBot: boolean;
}

export function identityOf(email: string, member: Member | null, callerIsBot: boolean, viaBot: boolean): Identity {
  const roles = member?.roles ?? [];
  return { email, displayName: member?.displayName ?? email, roles, permissions: permissionsFor(roles), member, callerIsBot, viaBot };
}

export function requireMember(identity: Identity): void {
  if (identity.roles.length === 0) {
    throw DomainErrors.forbidden({
      sv: "Du är inte medlem i programmet. Kontakta programledaren för att få behörighet.",
      en: "You are not a member of the program. Contact the program manager for access.",
    });
  }
}

export function requirePermission(identity: Identity, permission: Permission): void {
  requireMember(identity);
  if (!identity.permissions.includes(permission)) throw DomainErrors.forbidden();
}

export function requireBot(identity: Identity): void {
  if (!identity.callerIsBot) throw DomainErrors.forbidden({ sv: "Bara boten får anropa detta.", en: "Only the bot may call this." });
}

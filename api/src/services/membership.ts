import { RoleSchema, type Member, type MemberInput, type MemberListQuery, type MemberRecord, type Page, type Role } from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { checkProgramledareKept, programledareDelta } from "../domain/members.js";
import { DomainErrors } from "../domain/errors.js";
import { AlreadyExistsError, ConcurrencyError, NotFoundError } from "../store/errors.js";
import type { MembersRepository, MemberWrite } from "../store/members.js";
import type { Logger } from "./log.js";

/** How a `PUT /api/members/{email}` may apply: only as a create (`If-None-Match: *`) or only over one version. */
export type MemberPrecondition = { kind: "create" } | { kind: "update"; etag: string };

/** Whoever wrote the bootstrap programledare (`updatedBy`). */
export const BOOTSTRAP_ACTOR = "BOOTSTRAP_PROGRAMLEDARE";

/** A write loses to a concurrent change of the programledare guard at most this often before giving up with 412. */
const MAX_ATTEMPTS = 5;

const memberNotFound = (email: string) =>
  DomainErrors.notFound({
    sv: `${email} är inte medlem i programmet. Lägg till medlemmen med If-None-Match: *.`,
    en: `${email} is not a member of the program. Add the member with If-None-Match: *.`,
  });

const memberExists = (email: string) =>
  DomainErrors.stale({
    sv: `${email} är redan medlem. Ladda om och ändra medlemmen i stället.`,
    en: `${email} is already a member. Reload and change the member instead.`,
  });

/** Roles once each, in the order of the role list (stable storage and index rows). */
function normaliseRoles(roles: readonly Role[]): Role[] {
  const given = new Set(roles);
  return RoleSchema.options.filter((role) => given.has(role));
}

/**
 * Who has access (SPEC 1, PP 9.11): the programledare adds, changes and removes members; the program office reads
 * them. Permissions are checked by the handlers; this enforces preconditions and the "at least one programledare"
 * rule, and records who changed what.
 */
export class MembershipService {
  constructor(
    private readonly repo: MembersRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  list(query: MemberListQuery): Promise<Page<MemberRecord>> {
    return query.role
      ? this.repo.listByRole(query.role, query.pageSize, query.continuationToken)
      : this.repo.list(query.pageSize, query.continuationToken);
  }

  /**
   * Creates or replaces a member. 412 when the precondition fails (exists on create, stale ETag on update), 404 on
   * an update of someone who is not a member, 400 rule_violation when it would leave no programledare.
   */
  async put(actor: string, email: string, input: MemberInput, precondition: MemberPrecondition): Promise<{ record: MemberRecord; created: boolean }> {
    const member: Member = {
      email,
      displayName: input.displayName,
      roles: normaliseRoles(input.roles),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      ...(input.title ? { title: input.title } : {}),
    };
    let boundId: string | undefined;
    const result = await this.write(email, (existing) => {
      boundId = existing?.objectId;
      if (precondition.kind === "create") {
        if (existing) throw memberExists(email);
      } else {
        if (!existing) throw memberNotFound(email);
        if (existing.etag !== precondition.etag) throw DomainErrors.stale();
      }
      return { after: member, field: "roles" };
    }, actor);
    this.log.info(`Medlem ${result.created ? "tillagd" : "ändrad"}: ${email} (${member.roles.join(", ")}) av ${actor}.`);
    return { record: { ...member, ...(boundId ? { objectId: boundId } : {}), updatedAt: result.at, updatedBy: actor, etag: result.etag ?? "" }, created: result.created };
  }

  /** Removes a member's access (`If-Match`): 404 if not a member, 412 if stale, 400 if it is the last programledare. */
  async remove(actor: string, email: string, etag: string): Promise<void> {
    await this.write(email, (existing) => {
      if (!existing) throw memberNotFound(email);
      if (existing.etag !== etag) throw DomainErrors.stale();
      return { after: null, field: "email" };
    }, actor);
    this.log.info(`Medlem borttagen: ${email} av ${actor}.`);
  }

  /**
   * Read, check, write — again with fresh reads when the transaction lost to a concurrent change, so a stale member
   * ETag ends in 412 and a moved programledare count is checked anew (never a blind overwrite).
   */
  private async write(
    email: string,
    decide: (existing: MemberRecord | null) => { after: Member | null; field: string },
    actor: string,
  ): Promise<{ etag: string | null; created: boolean; at: string }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.repo.getRecord(email);
      const { after, field } = decide(existing);
      const before = existing?.roles ?? null;
      const guard = programledareDelta(before, after?.roles ?? null) !== 0 ? await this.repo.guard() : null;
      const problems = checkProgramledareKept({ before, after: after?.roles ?? null, programledareCount: guard?.count ?? 0, field });
      if (problems.length > 0) throw DomainErrors.rule(problems);
      const at = this.clock().toISOString();
      const change: MemberWrite = { email, before: existing, after, stamp: { at, by: actor }, guard };
      try {
        const etag = await this.repo.save(change);
        return { etag, created: existing === null, at };
      } catch (error) {
        if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) continue;
        if (error instanceof NotFoundError) {
          await this.repo.repairIndex(email);
          continue;
        }
        throw error;
      }
    }
    throw DomainErrors.stale();
  }

  /**
   * BOOTSTRAP_PROGRAMLEDARE (production start): the program's first programledare, so someone can hand out roles.
   * Acts only while nobody holds programledare, and never overwrites an existing member.
   */
  async bootstrap(email: string): Promise<boolean> {
    // Only while the program has no programledare: once someone holds the role, the program office manages access
    // in the app, and removing the bootstrap person sticks across restarts.
    if ((await this.repo.guard()).count > 0) {
      this.log.info(`${BOOTSTRAP_ACTOR}: programmet har redan en programledare; inget ändrat.`);
      return false;
    }
    const created = await this.repo.createIfAbsent(
      { email, displayName: email, roles: ["programledare"] },
      { at: this.clock().toISOString(), by: BOOTSTRAP_ACTOR },
    );
    this.log.info(
      created
        ? `${BOOTSTRAP_ACTOR}: ${email} har lagts till som programledare.`
        : `${BOOTSTRAP_ACTOR}: ${email} är redan medlem; inget ändrat.`,
    );
    return created;
  }
}

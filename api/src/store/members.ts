/**
 * Members table — who may use the app and with which roles (PP 9.11: the programledare manages access).
 *
 * One partition per program (PartitionKey = programId) holding three kinds of rows:
 *  - member:     RowKey = email (lowercased). displayName, roles (JSON string[]), organisationId?, title?,
 *                updatedAt?, updatedBy?. "Which roles does this signed-in user have" = one point read per request.
 *  - role index: RowKey = `~role|{role}|{email}`, no properties, one per role a member holds. "Who has role X" = one
 *                RowKey range read page by page (`GET /api/members?role=X`), each hit confirmed by a point read.
 *  - guard:      RowKey = `~count|programledare`, property `count` = how many members hold programledare.
 *  - object id:  RowKey = `~oid|{objectId}`, property `email`: who a signed-in Entra identity is (one point read).
 *                Written with the member's `objectId` in the same transaction (binding at first sign-in).
 * Emails sort before `~` (EmailSchema allows only a–z, 0–9 and `. _ ' + - @`), so "the members" = `RowKey lt '~'`,
 * read page by page with continuation tokens; `~` keys are never looked up as a member.
 *
 * Every write of a member is ONE entity-group transaction in that partition: the member row (a create, or a
 * replace/delete with its ETag), its index rows, and — when the change gives or takes programledare — the guard row
 * with its ETag. The "at least one programledare" rule (domain/members.ts) reads the guard (one point read, never
 * the members); two concurrent removals of programledare cannot both pass, since the second transaction's guard
 * ETag is stale and the service re-checks against the new count.
 *
 * A delete is two steps because the SDK's transactions cannot make a delete conditional: the transaction replaces
 * the member row (with its ETag) by a tombstone (`removed: true`, updatedAt, updatedBy) — from then on the person has
 * no access — and then the tombstone is deleted with its own ETag. A tombstone left by a crash in between reads as
 * "no member" and is cleared when the email is added again.
 *
 * `ensureIndex` (at start, never per request) writes the index rows and the guard once for members written before
 * they existed; the guard's presence says it is done.
 */
import { z } from "zod";
import { odata, TableTransaction, type TableClient } from "@azure/data-tables";
import { MemberRecordSchema, RoleSchema, type Member, type MemberRecord, type Page, type Role } from "../contracts/index.js";
import { PROGRAMLEDARE, programledareDelta } from "../domain/members.js";
import { AlreadyExistsError, ConcurrencyError, NotFoundError, restStatus } from "./errors.js";
import { deleteIfPresent, getJson, getOrNull, insertIfAbsent, mapLimit, readPage, str, type EntityResult } from "./table.js";

/** Row keys at or after this are bookkeeping (index, guard), never members. */
const RESERVED = "~";
const INDEX_PREFIX = "~role|";
const GUARD_KEY = "~count|programledare";
const OID_PREFIX = "~oid|";

/** Who changed a member and when. */
export interface MemberStamp {
  at: string;
  by: string;
}

/** The number of programledare and the guard row's ETag (every change of that number is made with it). */
export interface ProgramledareGuard {
  count: number;
  etag: string;
}

export interface MemberWrite {
  email: string;
  /** The stored member (its ETag guards the write); null = create. */
  before: MemberRecord | null;
  /** The new member; null = delete. */
  after: Member | null;
  stamp?: MemberStamp | undefined;
  /** Required when the change gives or takes programledare. */
  guard: ProgramledareGuard | null;
}

function isMemberKey(key: string): boolean {
  return (
    key.length > 0 &&
    key.length <= 254 &&
    !key.startsWith(RESERVED) &&
    !/[/\\#?]/.test(key) &&
    ![...key].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)
  );
}

export class MembersRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  static indexKey(role: Role, email: string): string {
    return `${INDEX_PREFIX}${role}|${email}`;
  }

  private toRecord(e: EntityResult): MemberRecord | null {
    if (e["removed"] === true) return null;
    const parsed = MemberRecordSchema.safeParse({
      email: e.rowKey,
      displayName: str(e, "displayName"),
      roles: getJson(e, "roles", z.unknown()) ?? [],
      organisationId: str(e, "organisationId"),
      title: str(e, "title"),
      objectId: str(e, "objectId"),
      updatedAt: str(e, "updatedAt"),
      updatedBy: str(e, "updatedBy"),
      etag: e.etag,
    });
    return parsed.success ? parsed.data : null;
  }

  private toEntity(member: Member, stamp: MemberStamp | undefined) {
    return {
      partitionKey: this.programId,
      rowKey: member.email.toLowerCase(),
      displayName: member.displayName,
      roles: JSON.stringify(member.roles),
      ...(member.organisationId ? { organisationId: member.organisationId } : {}),
      ...(member.title ? { title: member.title } : {}),
      ...(member.objectId ? { objectId: member.objectId } : {}),
      ...(stamp ? { updatedAt: stamp.at, updatedBy: stamp.by } : {}),
    };
  }

  private indexRow(role: Role, email: string) {
    return { partitionKey: this.programId, rowKey: MembersRepository.indexKey(role, email) };
  }

  /** The member with its ETag and last change, or null (also for anything that cannot be a member's key). */
  async getRecord(email: string): Promise<MemberRecord | null> {
    const key = email.trim().toLowerCase();
    if (!isMemberKey(key)) return null;
    const e = await getOrNull(this.client, this.programId, key);
    return e ? this.toRecord(e) : null;
  }

  /** The member as identity sees it (auth: one point read per request). */
  async get(email: string): Promise<Member | null> {
    const record = await this.getRecord(email);
    if (!record) return null;
    return {
      email: record.email,
      displayName: record.displayName,
      roles: record.roles,
      ...(record.organisationId ? { organisationId: record.organisationId } : {}),
      ...(record.title ? { title: record.title } : {}),
      ...(record.objectId ? { objectId: record.objectId } : {}),
    };
  }

  /** The member bound to an Entra object id, or null (never bound, or the binding no longer matches the member). */
  async getByObjectId(objectId: string): Promise<Member | null> {
    const row = await getOrNull(this.client, this.programId, `${OID_PREFIX}${objectId.toLowerCase()}`);
    const email = row ? str(row, "email") : undefined;
    if (!email) return null;
    const member = await this.get(email);
    return member?.objectId === objectId.toLowerCase() ? member : null;
  }

  /**
   * Binds an object id to the member with this email, if the member has none yet (first sign-in). Returns the member
   * as bound, or null when the member does not exist or is bound to another id (a reused name is not that person).
   */
  async bindObjectId(email: string, objectId: string): Promise<Member | null> {
    const oid = objectId.toLowerCase();
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = await this.getRecord(email);
      if (!record) return null;
      if (record.objectId) return record.objectId === oid ? this.get(email) : null;
      const { etag: _e, updatedAt: _a, updatedBy: _b, ...member } = record;
      try {
        await this.save({ email: record.email, before: record, after: { ...member, objectId: oid }, guard: null });
        return { ...member, objectId: oid };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    return null;
  }

  /** One page of the members, in email order. */
  async list(pageSize: number, continuationToken: string | undefined): Promise<Page<MemberRecord>> {
    const filter = odata`PartitionKey eq ${this.programId} and RowKey lt ${RESERVED}`;
    const page = await readPage(this.client, filter, pageSize, continuationToken, (e) => this.toRecord(e));
    return { items: page.items.filter((m): m is MemberRecord => m !== null), continuationToken: page.continuationToken };
  }

  /** One page of the members holding `role` (index range, then a point read of each: the member row decides). */
  async listByRole(role: Role, pageSize: number, continuationToken: string | undefined): Promise<Page<MemberRecord>> {
    const from = `${INDEX_PREFIX}${role}|`;
    const to = `${INDEX_PREFIX}${role}}`; // "}" follows "|": the end of this role's range
    const filter = odata`PartitionKey eq ${this.programId} and RowKey ge ${from} and RowKey lt ${to}`;
    const page = await readPage(this.client, filter, pageSize, continuationToken, (e) => (e.rowKey ?? "").slice(from.length));
    const records = await mapLimit(page.items, 8, (email) => this.getRecord(email));
    return {
      items: records.filter((m): m is MemberRecord => m !== null && m.roles.includes(role)),
      continuationToken: page.continuationToken,
    };
  }

  /**
   * The programledare count with its ETag (one point read). `ensureIndex` creates the row at start; if it has gone
   * (removed by hand) this fails rather than scan the members inside a request — a restart rebuilds it.
   */
  async guard(): Promise<ProgramledareGuard> {
    const e = await getOrNull(this.client, this.programId, GUARD_KEY);
    if (!e) throw new Error(`Members: raden ${GUARD_KEY} saknas; starta om API:t så byggs den upp (ensureIndex).`);
    const count = e["count"];
    return { count: typeof count === "number" ? count : 0, etag: e.etag };
  }

  /**
   * Writes one change of one member as a single transaction (member row, index rows, guard when programledare is
   * given or taken). Returns the member's new ETag (null after a delete). Nothing is written when it throws:
   * ConcurrencyError = an ETag is stale (the member's or the guard's), AlreadyExistsError = create of an existing
   * member, NotFoundError = the member or one of its index rows is gone (`repairIndex`, then read again).
   */
  async save(write: MemberWrite): Promise<string | null> {
    const email = write.email.trim().toLowerCase();
    if (!isMemberKey(email)) throw new Error(`not a member key: ${email}`);
    const before = write.before?.roles ?? null;
    const after = write.after?.roles ?? null;
    const delta = programledareDelta(before, after);
    if (delta !== 0 && !write.guard) throw new Error("a change of programledare needs the guard");

    const tx = new TableTransaction();
    // A member keeps their bound object id through every change the program office makes.
    const objectId = write.after ? (write.after.objectId ?? write.before?.objectId) : undefined;
    if (write.after) {
      const entity = this.toEntity({ ...write.after, email, ...(objectId ? { objectId } : {}) }, write.stamp);
      if (write.before) tx.updateEntity(entity, "Replace", { etag: write.before.etag });
      else tx.createEntity(entity);
    } else if (write.before) {
      const tombstone = { partitionKey: this.programId, rowKey: email, removed: true, ...(write.stamp ? { updatedAt: write.stamp.at, updatedBy: write.stamp.by } : {}) };
      tx.updateEntity(tombstone, "Replace", { etag: write.before.etag });
    } else {
      throw new Error("nothing to write");
    }
    const keep = new Set(after ?? []);
    // Every role held afterwards is (re)written, so an index row lost for any reason heals on the next write.
    for (const role of keep) tx.upsertEntity(this.indexRow(role, email), "Replace");
    for (const role of new Set(before ?? [])) if (!keep.has(role)) tx.deleteEntity(this.programId, MembersRepository.indexKey(role, email));
    // A removed member's object-id row is left: it names an email whose member no longer carries that id, so it
    // resolves to nobody (getByObjectId checks both ways), and deleting it here could fail the whole transaction.
    if (objectId) tx.upsertEntity({ partitionKey: this.programId, rowKey: `${OID_PREFIX}${objectId}`, email }, "Replace");
    if (delta !== 0 && write.guard) {
      tx.updateEntity({ partitionKey: this.programId, rowKey: GUARD_KEY, count: write.guard.count + delta }, "Replace", { etag: write.guard.etag });
    }

    let etag: string;
    try {
      const result = await this.client.submitTransaction(tx.actions);
      etag = result.subResponses[0]?.etag ?? "";
    } catch (error) {
      const status = restStatus(error);
      if (status === 412) throw new ConcurrencyError(`member ${email}`);
      if (status === 404) throw new NotFoundError(`member ${email}`);
      if (status === 409) {
        // A create over the tombstone of an interrupted delete: finish that delete, then the caller reads again.
        const row = await getOrNull(this.client, this.programId, email);
        if (row?.["removed"] === true) {
          await this.dropTombstone(email, row.etag);
          throw new ConcurrencyError(`member ${email}`);
        }
        throw new AlreadyExistsError(`member ${email}`);
      }
      throw error;
    }
    if (write.after) return etag;
    await this.dropTombstone(email, etag);
    return null;
  }

  /** Deletes a tombstone, only that version of it (a member added again in between stays). */
  private async dropTombstone(email: string, etag: string): Promise<void> {
    if (!etag) return; // never unconditionally: the tombstone stays and reads as "no member"
    try {
      await this.client.deleteEntity(this.programId, email, { etag });
    } catch (error) {
      const status = restStatus(error);
      if (status !== 404 && status !== 412) throw error;
    }
  }

  /** Makes one member's index rows match its stored roles (after a transaction found one missing). */
  async repairIndex(email: string): Promise<void> {
    const key = email.trim().toLowerCase();
    if (!isMemberKey(key)) return;
    const roles = new Set((await this.getRecord(key))?.roles ?? []);
    await mapLimit(RoleSchema.options, 8, async (role) => {
      if (roles.has(role)) await this.client.upsertEntity(this.indexRow(role, key), "Replace");
      else await deleteIfPresent(this.client, this.programId, MembersRepository.indexKey(role, key));
    });
  }

  /**
   * Start-up, once per store: index rows and the programledare guard for members written before they existed (or
   * added by hand in Storage Explorer). Reads the members page by page; never runs in a request. Returns true when
   * it created the guard.
   */
  async ensureIndex(): Promise<boolean> {
    if (await getOrNull(this.client, this.programId, GUARD_KEY)) return false;
    let count = 0;
    const filter = odata`PartitionKey eq ${this.programId} and RowKey lt ${RESERVED}`;
    for await (const page of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) {
      const members = page.map((e) => this.toRecord(e)).filter((m): m is MemberRecord => m !== null);
      const rows = members.flatMap((m) => m.roles.map((role) => this.indexRow(role, m.email)));
      await mapLimit(rows, 16, (row) => this.client.upsertEntity(row, "Replace"));
      count += members.filter((m) => m.roles.includes(PROGRAMLEDARE)).length;
    }
    return insertIfAbsent(this.client, { partitionKey: this.programId, rowKey: GUARD_KEY, count });
  }

  /**
   * Seeding and BOOTSTRAP_PROGRAMLEDARE: adds the member unless it exists — never overwrites, so edits made in the
   * app survive restarts. Returns true when it wrote.
   */
  async createIfAbsent(member: Member, stamp?: MemberStamp): Promise<boolean> {
    for (let attempt = 0; attempt < 8; attempt++) {
      if (await this.getRecord(member.email)) return false;
      const guard = member.roles.includes(PROGRAMLEDARE) ? await this.guard() : null;
      try {
        await this.save({ email: member.email, before: null, after: member, stamp, guard });
        return true;
      } catch (error) {
        if (error instanceof AlreadyExistsError) return false;
        if (error instanceof ConcurrencyError) continue; // another programledare was written meanwhile: fresh guard
        throw error;
      }
    }
    throw new ConcurrencyError(`member ${member.email}`);
  }
}

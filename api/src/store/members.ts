/**
 * Members table — who may use the app and with which roles (PP 9.11: the programledare manages access).
 *
 * Keys: PartitionKey = programId, RowKey = email (lowercased).
 * Query: "which roles does this signed-in user have" = one point read per request.
 * Properties: displayName, roles (JSON string[]), organisationId?, title?.
 */
import type { TableClient } from "@azure/data-tables";
import { MemberSchema, type Member } from "../contracts/index.js";
import { getJson, getOrNull, insertIfAbsent, str, type EntityResult } from "./table.js";

export class MembersRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private toMember(e: EntityResult): Member | null {
    const parsed = MemberSchema.safeParse({
      email: e.rowKey,
      displayName: str(e, "displayName"),
      roles: getJson<unknown>(e, "roles") ?? [],
      organisationId: str(e, "organisationId"),
      title: str(e, "title"),
    });
    return parsed.success ? parsed.data : null;
  }

  async get(email: string): Promise<Member | null> {
    const key = email.trim().toLowerCase();
    if (key.length === 0 || key.length > 254 || /[/\\#?]/.test(key) || [...key].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return null;
    const e = await getOrNull(this.client, this.programId, key);
    return e ? this.toMember(e) : null;
  }

  /** Seeding: adds the member unless it exists (so edits made in the app survive restarts). */
  async createIfAbsent(member: Member): Promise<boolean> {
    return insertIfAbsent(this.client, {
      partitionKey: this.programId,
      rowKey: member.email.toLowerCase(),
      displayName: member.displayName,
      roles: JSON.stringify(member.roles),
      ...(member.organisationId ? { organisationId: member.organisationId } : {}),
      ...(member.title ? { title: member.title } : {}),
    });
  }
}

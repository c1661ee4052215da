import { z } from "zod";
import { IsoDateTimeSchema } from "./common.js";
import { MemberSchema, RoleSchema, type Role } from "./roles.js";

/**
 * Members management (SPEC 1, PP 9.11: the programledare manages who has access).
 *
 * `GET /api/members` (members.read: the program office) lists members page by page, optionally only those with one
 * role. `PUT /api/members/{email}` (members.manage) creates a member (`If-None-Match: *`) or replaces one
 * (`If-Match: <etag>`); `DELETE /api/members/{email}` (members.manage, `If-Match`) removes access. The program
 * always keeps at least one programledare (400 rule_violation otherwise).
 */

/** Roles a person can be given. `bot` is the bot's service identity and is never assigned through the API. */
export const ASSIGNABLE_ROLES: readonly Role[] = RoleSchema.options.filter((role) => role !== "bot");

/** Body of `PUT /api/members/{email}`: a member without the email (the path names it). Replaces the whole member. */
export const MemberInputSchema = z.object({
  displayName: MemberSchema.shape.displayName,
  roles: z
    .array(RoleSchema)
    .min(1)
    .max(ASSIGNABLE_ROLES.length)
    .refine((roles) => !roles.includes("bot"), { message: "rollen bot kan inte tilldelas (den är botens egen identitet)." }),
  organisationId: MemberSchema.shape.organisationId,
  title: MemberSchema.shape.title,
});
export type MemberInput = z.infer<typeof MemberInputSchema>;

/** A stored member as the API answers it: the member, who last changed it and when, and its ETag. */
export const MemberRecordSchema = MemberSchema.extend({
  /** Absent on members written before changes were recorded (e.g. seeded demo members). */
  updatedAt: IsoDateTimeSchema.optional(),
  /** Email of whoever changed it last, or `BOOTSTRAP_PROGRAMLEDARE` / `seed` for members the API created itself. */
  updatedBy: z.string().optional(),
  etag: z.string(),
});
export type MemberRecord = z.infer<typeof MemberRecordSchema>;

/** Query of `GET /api/members`: pages in email order; `role` lists only members with that role. */
export const MemberListQuerySchema = z.object({
  role: RoleSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

/** Header that makes `PUT /api/members/{email}` a create: `If-None-Match: *` (412 if the member already exists). */
export const CREATE_ONLY_HEADER = "If-None-Match";

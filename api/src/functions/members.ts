import type { HttpRequest } from "@azure/functions";
import { z } from "zod";
import { EmailSchema, MemberInputSchema, MemberListQuerySchema } from "../contracts/index.js";
import { requirePermission } from "../http/auth.js";
import { ApiErrors } from "../http/errors.js";
import { zodProblems } from "../http/i18n.js";
import type { ApiHandler } from "../http/pipeline.js";
import { readJson, readQuery, requireIfMatch, requireWritePrecondition } from "../http/request.js";
import { json, jsonWithEtag } from "../http/response.js";

const invalidEmail = { sv: "Ogiltig e-postadress.", en: "Invalid email address." };

/** The `{email}` of the path, lowercased; `null` when it cannot be an email. */
function emailParam(req: HttpRequest): string | null {
  const parsed = EmailSchema.safeParse(req.params["email"] ?? "");
  return parsed.success ? parsed.data : null;
}

/** `GET /api/members?role=&pageSize=&continuationToken=` (members.read: the program office): members with ETags. */
export const listMembers: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "members.read");
  const query = readQuery(req, MemberListQuerySchema);
  return json(200, await s.membership.list(query));
};

/**
 * `PUT /api/members/{email}` (members.manage): `If-None-Match: *` adds a member (201), `If-Match: <etag>` replaces
 * one (200). The body is the member without the email; the role `bot` cannot be given.
 */
export const putMember: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  const email = emailParam(req);
  requirePermission(identity, "members.manage");
  if (!email) throw ApiErrors.validation([{ field: "email", message: invalidEmail }]);
  const precondition = requireWritePrecondition(req);
  const { value: body } = await readJson(req, z.looseObject({ email: z.unknown().optional() }), s.config.maxBodyBytes);
  const { email: bodyEmail, ...rest } = body;
  if (bodyEmail !== undefined && EmailSchema.safeParse(bodyEmail).data !== email) {
    throw ApiErrors.validation([
      { field: "email", message: { sv: "E-postadressen kan inte ändras (den anges i adressen).", en: "The email cannot be changed (the path names it)." } },
    ]);
  }
  const parsed = MemberInputSchema.safeParse(rest);
  if (!parsed.success) throw ApiErrors.validation(zodProblems(parsed.error, rest));
  const { record, created } = await s.membership.put(identity.email, email, parsed.data, precondition);
  return jsonWithEtag(created ? 201 : 200, record);
};

/** `DELETE /api/members/{email}` with If-Match (members.manage): removes the member's access. 204. */
export const deleteMember: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  const email = emailParam(req);
  requirePermission(identity, "members.manage");
  if (!email) throw ApiErrors.notFound();
  const ifMatch = requireIfMatch(req);
  await s.membership.remove(identity.email, email, ifMatch);
  return { status: 204, headers: { "Cache-Control": "no-store" } };
};

import { z } from "zod";
import { EmailSchema, MemberInputSchema, MemberListQuerySchema } from "../contracts/index.js";
import { httpValidation } from "../http/errors.js";
import { zodProblems } from "../http/i18n.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { EmailParams } from "./params.js";

/** The body of PUT members/{email}: the member without the email, which the path names (an equal one is tolerated). */
const MemberPutBody = z.looseObject({ email: z.unknown().optional() });

export const memberRoutes = [
  /** `GET /api/members?role=&pageSize=&continuationToken=` (the program office): members with ETags. */
  defineRoute("membersList", {
    access: { permission: "members.read" },
    query: MemberListQuerySchema,
    handler: async ({ query }, s) => json(200, await s.membership.list(query)),
  }),

  /**
   * `PUT /api/members/{email}`: `If-None-Match: *` adds a member (201), `If-Match: <etag>` replaces one (200).
   * The role `bot` cannot be given.
   */
  defineRoute("membersPut", {
    access: { permission: "members.manage" },
    params: EmailParams,
    paramsInvalid: "validation",
    precondition: "createOrReplace",
    body: MemberPutBody,
    handler: async ({ params, body, write, identity }, s) => {
      const { email: bodyEmail, ...rest } = body;
      if (bodyEmail !== undefined && EmailSchema.safeParse(bodyEmail).data !== params.email) {
        throw httpValidation([
          { field: "email", message: { sv: "E-postadressen kan inte ändras (den anges i adressen).", en: "The email cannot be changed (the path names it)." } },
        ]);
      }
      const parsed = MemberInputSchema.safeParse(rest);
      if (!parsed.success) throw httpValidation(zodProblems(parsed.error, rest));
      const { record, created } = await s.membership.put(identity.email, params.email, parsed.data, write ?? { kind: "create" });
      return jsonWithEtag(created ? 201 : 200, record);
    },
  }),

  /** `DELETE /api/members/{email}` with If-Match: removes the member's access. 204. */
  defineRoute("membersDelete", {
    access: { permission: "members.manage" },
    params: EmailParams,
    precondition: "ifMatch",
    handler: async ({ params, ifMatch, identity }, s) => {
      await s.membership.remove(identity.email, params.email, ifMatch);
      return { status: 204, headers: { "Cache-Control": "no-store" } };
    },
  }),
];

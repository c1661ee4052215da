import type { Me } from "../contracts/index.js";
import type { ApiHandler } from "../http/pipeline.js";
import { json } from "../http/response.js";
import { DEMO_USER_LIST } from "../seed/members.js";

/** `GET /api/me`: who I am, my roles and permissions; in local mode also the demo users to switch between. */
export const me: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  const body: Me = {
    email: identity.email,
    displayName: identity.displayName,
    roles: identity.roles,
    ...(identity.member?.organisationId ? { organisationId: identity.member.organisationId } : {}),
    ...(identity.member?.title ? { title: identity.member.title } : {}),
    permissions: identity.permissions,
    demoUsers: s.config.mode === "local" ? DEMO_USER_LIST : [],
  };
  return json(200, body);
};

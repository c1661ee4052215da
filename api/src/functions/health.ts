import { defineRoute } from "../http/pipeline.js";
import { json } from "../http/response.js";
import { DEMO_USER_LIST } from "../seed/members.js";
import type { Me } from "../contracts/index.js";

export const systemRoutes = [
  /** `GET /api/health`: no identity needed; says the process is up and which mode it runs in. */
  defineRoute("health", {
    access: "public",
    handler: (_req, s) => Promise.resolve(json(200, { status: "ok", mode: s.config.mode, programId: s.config.programId })),
  }),

  /** `GET /api/me`: who I am, my roles and permissions; in local mode also the demo users to switch between. */
  defineRoute("me", {
    access: "signedIn",
    handler: ({ identity }, s) => {
      const body: Me = {
        email: identity.email,
        displayName: identity.displayName,
        roles: identity.roles,
        ...(identity.member?.organisationId ? { organisationId: identity.member.organisationId } : {}),
        ...(identity.member?.title ? { title: identity.member.title } : {}),
        permissions: identity.permissions,
        demoUsers: s.config.mode === "local" ? DEMO_USER_LIST : [],
      };
      return Promise.resolve(json(200, body));
    },
  }),
];

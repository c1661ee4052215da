import { EscalationActionInputSchema, EscalationInputSchema, EscalationListQuerySchema, EscalationSettingsSchema } from "../contracts/index.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { IdParams } from "./params.js";

export const escalationRoutes = [
  /** `GET /api/escalations?status=&level=&holder=&sourceKind=&projectId=`: newest first, paged. */
  defineRoute("escalationsList", {
    access: { permission: "escalations.read" },
    query: EscalationListQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.escalations.list(query, identity)),
  }),

  /** `POST /api/escalations`: 201 new; 200 with the open one of the same source, or for a repeated Idempotency-Key. */
  defineRoute("escalationsCreate", {
    access: { permission: "escalations.raise" },
    idempotent: true,
    body: EscalationInputSchema,
    handler: async ({ body, identity, idempotencyKey }, s) => {
      const { escalation, created } = await s.escalations.create(body, identity, idempotencyKey);
      return jsonWithEtag(created ? 201 : 200, escalation, { Location: `/api/escalations/${escalation.id}` });
    },
  }),

  /** `GET /api/escalations/settings`: the reminder interval in working days. */
  defineRoute("escalationSettingsGet", {
    access: { permission: "escalations.read" },
    handler: async (_req, s) => {
      const settings = await s.escalations.settings();
      return json(200, settings, settings.etag ? { ETag: settings.etag } : {});
    },
  }),

  /** `PUT /api/escalations/settings` (program office): `If-None-Match: *` the first time, then `If-Match`. */
  defineRoute("escalationSettingsPut", {
    access: { permission: "reference.edit" },
    precondition: "createOrReplace",
    body: EscalationSettingsSchema,
    handler: async ({ body, write }, s) =>
      jsonWithEtag(200, await s.escalations.putSettings(body, write?.kind === "update" ? write.etag : null)),
  }),

  /** `GET /api/escalations/{id}`: with its timeline; `ETag` header. */
  defineRoute("escalationsGet", {
    access: { permission: "escalations.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => jsonWithEtag(200, await s.escalations.get(params.id, identity)),
  }),

  /** `POST /api/escalations/{id}/actions` with If-Match: acknowledge, escalate, return, decide, close (the holder). */
  defineRoute("escalationsAct", {
    access: { permission: "escalations.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: EscalationActionInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, await s.escalations.act(params.id, body, ifMatch, identity)),
  }),
];

import { z } from "zod";
import { referenceItemSchemas } from "../contracts/index.js";
import { httpValidation } from "../http/errors.js";
import { zodProblems } from "../http/i18n.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { ReferenceItemParams, ReferenceKindParams } from "./params.js";

/** The item's shape depends on the kind in the path, so the body is checked against that kind's schema. */
const AnyItem = z.looseObject({ id: z.unknown().optional() });

export const referenceRoutes = [
  /** `GET /api/reference`: every kind at once (any member). */
  defineRoute("reference", {
    access: "member",
    handler: async (_req, s) => json(200, await s.reference.all()),
  }),

  /** `POST /api/reference/{kind}`: a new item; an existing id → 409. */
  defineRoute("referenceCreate", {
    access: { permission: "reference.edit" },
    params: ReferenceKindParams,
    body: AnyItem,
    handler: async ({ params, body }, s) => {
      const parsed = referenceItemSchemas[params.kind].safeParse(body);
      if (!parsed.success) throw httpValidation(zodProblems(parsed.error, body));
      return jsonWithEtag(201, await s.reference.create(params.kind, parsed.data));
    },
  }),

  /** `PUT /api/reference/{kind}/{id}` with If-Match: replaces the item (the id cannot change). */
  defineRoute("referenceUpdate", {
    access: { permission: "reference.edit" },
    params: ReferenceItemParams,
    precondition: "ifMatch",
    body: AnyItem,
    handler: async ({ params, body, ifMatch }, s) => {
      if (body.id !== undefined && body.id !== params.id) {
        throw httpValidation([{ field: "id", message: { sv: "Id:t kan inte ändras.", en: "The id cannot be changed." } }]);
      }
      const candidate = { ...body, id: params.id };
      const parsed = referenceItemSchemas[params.kind].safeParse(candidate);
      if (!parsed.success) throw httpValidation(zodProblems(parsed.error, candidate));
      return jsonWithEtag(200, await s.reference.update(params.kind, parsed.data, ifMatch));
    },
  }),
];

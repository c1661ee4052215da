import { z } from "zod";
import { referenceItemSchemas, ReferenceKindSchema, type ReferenceKind } from "../contracts/index.js";
import { requireMember, requirePermission } from "../http/auth.js";
import { ApiErrors } from "../http/errors.js";
import { zodProblems } from "../http/i18n.js";
import type { ApiHandler } from "../http/pipeline.js";
import { idParam, readJson, requireIfMatch } from "../http/request.js";
import { json, jsonWithEtag } from "../http/response.js";
import { AlreadyExistsError } from "../store/errors.js";

function kindParam(value: string | undefined): ReferenceKind {
  const parsed = ReferenceKindSchema.safeParse(value);
  if (!parsed.success) {
    throw ApiErrors.notFound({ sv: `Okänd typ av referensdata: ${value ?? ""}.`, en: `Unknown kind of reference data: ${value ?? ""}.` });
  }
  return parsed.data;
}

/** `GET /api/reference`: every kind at once (any member). */
export const getReference: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requireMember(identity);
  return json(200, await s.reference.all());
};

/** `POST /api/reference/{kind}` (reference.edit): a new item; an existing id → 409. */
export const createReference: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  const kind = kindParam(req.params["kind"]);
  requirePermission(identity, "reference.edit");
  const { value } = await readJson(req, referenceItemSchemas[kind], s.config.maxBodyBytes);
  try {
    const item = await s.reference.create(kind, value);
    return jsonWithEtag(201, item);
  } catch (error) {
    if (error instanceof AlreadyExistsError) {
      throw ApiErrors.conflict({ sv: `Id:t ”${value.id}” används redan.`, en: `The id “${value.id}” is already in use.` });
    }
    throw error;
  }
};

/** `PUT /api/reference/{kind}/{id}` with If-Match (reference.edit): replaces the item. */
export const updateReference: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  const kind = kindParam(req.params["kind"]);
  const id = idParam(req, "id");
  requirePermission(identity, "reference.edit");
  const ifMatch = requireIfMatch(req);
  const { value: body } = await readJson(req, z.looseObject({ id: z.unknown().optional() }), s.config.maxBodyBytes);
  if (body.id !== undefined && body.id !== id) {
    throw ApiErrors.validation([{ field: "id", message: { sv: "Id:t kan inte ändras.", en: "The id cannot be changed." } }]);
  }
  const candidate = { ...body, id };
  const parsed = referenceItemSchemas[kind].safeParse(candidate);
  if (!parsed.success) throw ApiErrors.validation(zodProblems(parsed.error, candidate));
  const existing = await s.reference.get(kind, id);
  if (!existing) throw ApiErrors.notFound();
  if (existing.etag !== ifMatch) throw ApiErrors.preconditionFailed();
  const item = await s.reference.update(kind, parsed.data, ifMatch);
  return jsonWithEtag(200, item);
};

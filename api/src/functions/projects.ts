import {
  ApplicationInputSchema,
  AssessmentInputSchema,
  DecisionInputSchema,
  IDEMPOTENCY_KEY_HEADER,
  ProjectListQuerySchema,
  ProjectPatchSchema,
  SimilarQuerySchema,
  StatusChangeInputSchema,
  type ProjectFields,
} from "../contracts/index.js";
import { requirePermission } from "../http/auth.js";
import { ApiErrors } from "../http/errors.js";
import { localeOf, type ApiHandler } from "../http/pipeline.js";
import { idParam, readJson, readQuery, requireIfMatch, sentKeys } from "../http/request.js";
import { json, jsonWithEtag } from "../http/response.js";

/** `GET /api/projects`: the portfolio, filtered on the server, paged. */
export const listProjects: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const query = readQuery(req, ProjectListQuerySchema);
  return json(200, await s.projects.list(query, identity));
};

/** `GET /api/projects/{id}`: the effort with its decisions and latest history. */
export const getProject: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const id = idParam(req, "id");
  return jsonWithEtag(200, await s.projects.detail(id, identity));
};

/** `POST /api/projects`: an application (201), or with a repeated Idempotency-Key the first result (200). */
export const createProject: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.apply");
  const key = req.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw ApiErrors.badRequest(
      { sv: "Idempotency-Key ska vara 1–200 tecken.", en: "Idempotency-Key must be 1–200 characters." },
      [{ field: "Idempotency-Key", message: { sv: "Ogiltig nyckel.", en: "Invalid key." } }],
    );
  }
  const { value } = await readJson(req, ApplicationInputSchema, s.config.maxBodyBytes);
  const { project, created } = await s.projects.create(value, identity, key);
  return jsonWithEtag(created ? 201 : 200, project, { Location: `/api/projects/${project.id}` });
};

/** `PATCH /api/projects/{id}` with If-Match: only the fields sent change. */
export const patchProject: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const id = idParam(req, "id");
  const ifMatch = requireIfMatch(req);
  const { value, raw } = await readJson(req, ProjectPatchSchema, s.config.maxBodyBytes);
  const keys = sentKeys(raw);
  // The schema fills defaults for absent fields; keep only what the client sent.
  const patch = Object.fromEntries(Object.entries(value).filter(([k]) => keys.has(k))) as Partial<ProjectFields>;
  return jsonWithEtag(200, await s.projects.patch(id, patch, ifMatch, identity));
};

/** `POST /api/projects/{id}/assessment` with If-Match (program office). */
export const assessProject: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.assess");
  const id = idParam(req, "id");
  const ifMatch = requireIfMatch(req);
  const { value } = await readJson(req, AssessmentInputSchema, s.config.maxBodyBytes);
  return jsonWithEtag(200, await s.projects.assess(id, value, ifMatch, identity));
};

/** `POST /api/projects/{id}/decision` with If-Match (steering group). */
export const decideProject: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.decide");
  const id = idParam(req, "id");
  const ifMatch = requireIfMatch(req);
  const { value } = await readJson(req, DecisionInputSchema, s.config.maxBodyBytes);
  const { project } = await s.projects.decide(id, value, ifMatch, identity);
  return jsonWithEtag(200, project);
};

/** `POST /api/projects/{id}/status` with If-Match: lifecycle moves other than assessment and decision. */
export const changeProjectStatus: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const id = idParam(req, "id");
  const ifMatch = requireIfMatch(req);
  const { value } = await readJson(req, StatusChangeInputSchema, s.config.maxBodyBytes);
  return jsonWithEtag(200, await s.projects.changeStatus(id, value, ifMatch, identity));
};

/** `POST /api/projects/similar`: efforts resembling an application being written (any member). */
export const similarProjects: ApiHandler = async (req, _ctx, s) => {
  const identity = await s.auth.authenticate(req);
  requirePermission(identity, "portfolio.read");
  const { value } = await readJson(req, SimilarQuerySchema, s.config.maxBodyBytes);
  return json(200, { items: await s.similarity.similar(value, localeOf(req)) });
};

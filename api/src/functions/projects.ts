import {
  ApplicationInputSchema,
  AssessmentInputSchema,
  DecisionInputSchema,
  ProjectListQuerySchema,
  ProjectPatchSchema,
  SimilarQuerySchema,
  StatusChangeInputSchema,
  type ProjectFields,
} from "../contracts/index.js";
import { defineRoute } from "../http/pipeline.js";
import { sentKeys } from "../http/request.js";
import { json, jsonWithEtag } from "../http/response.js";
import { IdParams } from "./params.js";

export const projectRoutes = [
  /** `GET /api/projects?q=&sort=&dir=&…`: the portfolio, searched, filtered and sorted on the server, paged. */
  defineRoute("projectsList", {
    access: { permission: "portfolio.read" },
    query: ProjectListQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.projects.list(query, identity)),
  }),

  /** `GET /api/projects/summary`: counts by status and colour and the first efforts, for the bot's `portfölj`. */
  defineRoute("projectsSummary", {
    access: { permission: "portfolio.read" },
    handler: async (_req, s) => json(200, await s.projects.summary()),
  }),

  /** `GET /api/projects/{id}`: the effort with its decisions and latest history. */
  defineRoute("projectsGet", {
    access: { permission: "portfolio.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => jsonWithEtag(200, await s.projects.detail(params.id, identity)),
  }),

  /** `POST /api/projects`: an application (201), or with a repeated Idempotency-Key the first result (200). */
  defineRoute("projectsCreate", {
    access: { permission: "portfolio.apply" },
    idempotent: true,
    body: ApplicationInputSchema,
    handler: async ({ body, identity, idempotencyKey }, s) => {
      const { project, created } = await s.projects.create(body, identity, idempotencyKey);
      return jsonWithEtag(created ? 201 : 200, project, { Location: `/api/projects/${project.id}` });
    },
  }),

  /** `PATCH /api/projects/{id}` with If-Match: only the fields sent change (who may edit is the service's rule). */
  defineRoute("projectsPatch", {
    access: { permission: "portfolio.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: ProjectPatchSchema,
    handler: async ({ params, body, rawBody, ifMatch, identity }, s) => {
      const keys = sentKeys(rawBody);
      // The schema fills defaults for absent fields; keep only what the client sent.
      const patch = Object.fromEntries(Object.entries(body).filter(([k]) => keys.has(k))) as Partial<ProjectFields>;
      return jsonWithEtag(200, await s.projects.patch(params.id, patch, ifMatch, identity));
    },
  }),

  /** `POST /api/projects/{id}/assessment` with If-Match (program office). */
  defineRoute("projectsAssess", {
    access: { permission: "portfolio.assess" },
    params: IdParams,
    precondition: "ifMatch",
    body: AssessmentInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, await s.projects.assess(params.id, body, ifMatch, identity)),
  }),

  /** `POST /api/projects/{id}/decision` with If-Match (steering group). */
  defineRoute("projectsDecide", {
    access: { permission: "portfolio.decide" },
    params: IdParams,
    precondition: "ifMatch",
    body: DecisionInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, (await s.projects.decide(params.id, body, ifMatch, identity)).project),
  }),

  /** `POST /api/projects/{id}/status` with If-Match: lifecycle moves other than assessment and decision. */
  defineRoute("projectsStatus", {
    access: { permission: "portfolio.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: StatusChangeInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, await s.projects.changeStatus(params.id, body, ifMatch, identity)),
  }),

  /** `POST /api/projects/similar`: efforts resembling an application being written (any member). */
  defineRoute("projectsSimilar", {
    access: { permission: "portfolio.read" },
    body: SimilarQuerySchema,
    handler: async ({ body, locale }, s) => json(200, { items: await s.similarity.similar(body, locale) }),
  }),
];

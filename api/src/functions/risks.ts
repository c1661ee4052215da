import { RiskInputSchema, RiskListQuerySchema, RiskPatchSchema, RiskReviewInputSchema, RiskSettingsInputSchema, XLSX_CONTENT_TYPE } from "../contracts/index.js";
import { swedishDate } from "../domain/clock.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { riskWorkbook } from "../services/riskExport.js";
import { IdParams } from "./params.js";

/** The risk list (SPEC 3.2). Everyone in the program reads; writes are risks.manage or the risk's owner (service). */
export const riskRoutes = [
  /** `GET /api/risks?level=&category=&status=&owner=&project=&probability=&consequence=&reviewDue=`: sorted by value, highest first. */
  defineRoute("risksList", {
    access: { permission: "risks.read" },
    query: RiskListQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.risks.list(query, identity)),
  }),

  /** `GET /api/risks/settings`: scale, thresholds and review interval, with the ETag a change sends back. */
  defineRoute("risksSettings", {
    access: { permission: "risks.read" },
    handler: async (_req, s) => jsonWithEtag(200, await s.risks.settings()),
  }),

  /** `PUT /api/risks/settings` with If-Match (program office). */
  defineRoute("risksSettingsPut", {
    access: { permission: "risks.manage" },
    precondition: "ifMatch",
    body: RiskSettingsInputSchema,
    handler: async ({ body, ifMatch, identity }, s) => jsonWithEtag(200, await s.risks.putSettings(body, ifMatch, identity)),
  }),

  /** `GET /api/risks/export.xlsx`: the (filtered) list as an Excel workbook for the steering group. */
  defineRoute("risksExport", {
    access: { permission: "risks.read" },
    query: RiskListQuerySchema,
    handler: async ({ query, identity }, s) => {
      const [risks, settings] = await Promise.all([s.risks.sorted(query, identity), s.risks.settings()]);
      const now = s.clock();
      const body = await riskWorkbook(risks, { scale: settings.scale, exportedAt: now.toISOString() });
      return {
        status: 200,
        body,
        headers: {
          "Content-Type": XLSX_CONTENT_TYPE,
          "Content-Disposition": `attachment; filename="risklista-${swedishDate(now)}.xlsx"`,
          "Cache-Control": "no-store",
        },
      };
    },
  }),

  /** `GET /api/risks/{id}`: the risk with its history. */
  defineRoute("risksGet", {
    access: { permission: "risks.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => jsonWithEtag(200, await s.risks.detail(params.id, identity)),
  }),

  /** `POST /api/risks` (201), or with a repeated Idempotency-Key the first result (200). */
  defineRoute("risksCreate", {
    access: { permission: "risks.manage" },
    idempotent: true,
    body: RiskInputSchema,
    handler: async ({ body, identity, idempotencyKey }, s) => {
      const { risk, created } = await s.risks.create(body, identity, idempotencyKey);
      return jsonWithEtag(created ? 201 : 200, risk, { Location: `/api/risks/${risk.id}` });
    },
  }),

  /** `PATCH /api/risks/{id}` with If-Match: only the fields sent change. */
  defineRoute("risksPatch", {
    access: { permission: "risks.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: RiskPatchSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, await s.risks.patch(params.id, body, ifMatch, identity)),
  }),

  /** `POST /api/risks/{id}/review` with If-Match: reassessed or unchanged, a note, the next review date. */
  defineRoute("risksReview", {
    access: { permission: "risks.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: RiskReviewInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => jsonWithEtag(200, await s.risks.review(params.id, body, ifMatch, identity)),
  }),

  /** `POST /api/risks/{id}/escalate`: raises the escalation of a high risk, or answers with the one raised. */
  defineRoute("risksEscalate", {
    access: { permission: "risks.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => json(200, await s.risks.escalate(params.id, identity)),
  }),
];

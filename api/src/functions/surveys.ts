import {
  MyResponseQuerySchema,
  SurveyInputSchema,
  SurveyListQuerySchema,
  SurveyEscalateInputSchema,
  SurveyResponseInputSchema,
  SurveySettingsInputSchema,
  SurveySummaryQuerySchema,
} from "../contracts/index.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { XLSX_CONTENT_TYPE } from "../export/xlsx.js";
import { resultsCsv, resultsXlsx } from "../services/surveyExport.js";
import { IdParams } from "./params.js";

function fileName(title: string, ext: string): string {
  const safe = title.normalize("NFKD").replace(/[^\w -]/g, "").trim().replace(/\s+/g, "-").slice(0, 60) || "enkat";
  return `attachment; filename="${safe}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${title.slice(0, 60)}.${ext}`)}`;
}

/**
 * Follow-up questionnaires (SPEC 3.3). Being a recipient is the permission to answer: answering and reading one's own
 * rounds are `signedIn` and the service checks the recipient list; running rounds and reading results need a permission.
 */
export const surveyRoutes = [
  /** `GET /api/surveys`: rounds, newest first, with response counts (those who run or read rounds). */
  defineRoute("surveysList", {
    access: { permission: "surveys.read" },
    query: SurveyListQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.surveys.list(query, identity)),
  }),

  /** `POST /api/surveys`: a round (201); with a repeated Idempotency-Key the first result (200). */
  defineRoute("surveysCreate", {
    access: { permission: "surveys.manage" },
    idempotent: true,
    body: SurveyInputSchema,
    handler: async ({ body, identity, idempotencyKey }, s) => {
      const { round, created } = await s.surveys.create(body, identity, idempotencyKey);
      return jsonWithEtag(created ? 201 : 200, round, { Location: `/api/surveys/${round.id}` });
    },
  }),

  /** `GET /api/surveys/mine`: open rounds asking the caller (`mina enkäter`), member or not. */
  defineRoute("surveysMine", {
    access: "signedIn",
    handler: async ({ identity }, s) => json(200, await s.surveys.mine(identity)),
  }),

  /** `GET /api/surveys/summary?period=2026-Q1&programArea=`: the quarterly (or half-year) roll-up. */
  defineRoute("surveysSummary", {
    access: { permission: "surveys.read" },
    query: SurveySummaryQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.surveys.summary(query, identity)),
  }),

  /** `GET /api/surveys/{id}`: the round (its readers, or a recipient). */
  defineRoute("surveysGet", {
    access: "signedIn",
    params: IdParams,
    handler: async ({ params, identity }, s) => jsonWithEtag(200, await s.surveys.get(params.id, identity)),
  }),

  /** `POST /api/surveys/{id}/close` with If-Match: no more answers; activity answers are unlinked from people. */
  defineRoute("surveysClose", {
    access: { permission: "surveys.manage" },
    params: IdParams,
    precondition: "ifMatch",
    handler: async ({ params, ifMatch, identity }, s) => jsonWithEtag(200, await s.surveys.close(params.id, ifMatch, identity)),
  }),

  /** `GET /api/surveys/{id}/recipients`: who has not answered and who the bot could not reach (not what anyone answered). */
  defineRoute("surveysRecipients", {
    access: { permission: "surveys.manage" },
    params: IdParams,
    handler: async ({ params }, s) => json(200, await s.surveys.recipients(params.id)),
  }),

  /** `GET /api/surveys/{id}/responses/me?projectId=`: the caller's current answer. */
  defineRoute("surveysMyResponse", {
    access: "signedIn",
    params: IdParams,
    query: MyResponseQuerySchema,
    handler: async ({ params, query, identity }, s) => json(200, await s.surveys.myResponse(params.id, identity, query.projectId)),
  }),

  /** `PUT /api/surveys/{id}/responses/me`: the caller's answer; replaces an earlier one until the deadline. */
  defineRoute("surveysRespond", {
    access: "signedIn",
    params: IdParams,
    body: SurveyResponseInputSchema,
    handler: async ({ params, body, identity }, s) => json(200, await s.surveys.respond(params.id, body, identity)),
  }),

  /** `POST /api/surveys/{id}/responses/me/escalation`: escalate the deviation in the caller's own status answer (once). */
  defineRoute("surveysEscalate", {
    access: "signedIn",
    params: IdParams,
    body: SurveyEscalateInputSchema,
    handler: async ({ params, body, identity }, s) => json(200, await s.surveys.escalate(params.id, body.projectId, identity)),
  }),

  /** `GET /api/surveys/{id}/results`: counts always; mean, distribution and free text from three responses. */
  defineRoute("surveysResults", {
    access: { permission: "surveys.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => json(200, await s.surveys.results(params.id, identity)),
  }),

  /** `GET /api/surveys/{id}/results.xlsx`: the same figures as an Excel workbook. */
  defineRoute("surveysResultsXlsx", {
    access: { permission: "surveys.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => {
      const { results, questions } = await s.surveys.resultsWithQuestions(params.id, identity);
      return {
        status: 200,
        body: await resultsXlsx(results, questions),
        headers: { "Content-Type": XLSX_CONTENT_TYPE, "Content-Disposition": fileName(results.title, "xlsx"), "Cache-Control": "no-store" },
      };
    },
  }),

  /** `GET /api/surveys/{id}/results.csv`: semicolon-separated UTF-8 with BOM, as Swedish Excel opens it. */
  defineRoute("surveysResultsCsv", {
    access: { permission: "surveys.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => {
      const { results, questions } = await s.surveys.resultsWithQuestions(params.id, identity);
      return {
        status: 200,
        body: resultsCsv(results, questions),
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": fileName(results.title, "csv"), "Cache-Control": "no-store" },
      };
    },
  }),

  /** `GET /api/surveys/settings`: which recurring rounds the sweep opens (the yearly effect follow-up, status requests). */
  defineRoute("surveysSettings", {
    access: { permission: "surveys.read" },
    handler: async (_req, s) => jsonWithEtag(200, await s.surveys.settings()),
  }),

  /** `PUT /api/surveys/settings` with If-Match (`defaults` the first time; program office). */
  defineRoute("surveysSettingsPut", {
    access: { permission: "surveys.manage" },
    precondition: "ifMatch",
    body: SurveySettingsInputSchema,
    handler: async ({ body, ifMatch, identity }, s) => jsonWithEtag(200, await s.surveys.putSettings(body, ifMatch, identity)),
  }),
];

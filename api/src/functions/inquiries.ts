import {
  DevClockInputSchema,
  InquiryAnsweredInputSchema,
  InquiryAssignInputSchema,
  InquiryListQuerySchema,
  InquirySettingsSchema,
  isoDurationMs,
  msToIsoDuration,
} from "../contracts/index.js";
import { DomainErrors } from "../domain/errors.js";
import { defineRoute } from "../http/pipeline.js";
import { json, jsonWithEtag } from "../http/response.js";
import { IdParams } from "./params.js";

export const inquiryRoutes = [
  /** `GET /api/inquiries?status=`: the shared mailbox's inquiries with the API's `now` (clients count time left from it). */
  defineRoute("inquiriesList", {
    access: { permission: "inquiries.read" },
    query: InquiryListQuerySchema,
    handler: async ({ query, identity }, s) => json(200, await s.inquiries.list(query, identity)),
  }),

  /** `GET /api/inquiries/stats`: per month, the share answered within 36 h and the median first-response time. */
  defineRoute("inquiriesStats", {
    access: { permission: "inquiries.read" },
    handler: async (_req, s) => json(200, { months: await s.inquiries.monthly() }),
  }),

  /** `GET /api/inquiries/assignees`: who *Tilldela* offers (the change leaders); assigning itself is checked on assign. */
  defineRoute("inquiriesAssignees", {
    access: { permission: "inquiries.read" },
    handler: async (_req, s) => json(200, { items: await s.inquiries.assignees() }),
  }),

  /** `GET /api/inquiries/settings`: working time, reminder lead time, excerpt retention. */
  defineRoute("inquirySettingsGet", {
    access: { permission: "inquiries.read" },
    handler: async (_req, s) => json(200, await s.inquiries.settings()),
  }),

  /** `PUT /api/inquiries/settings`: `If-None-Match: *` for the first version, `If-Match` after. */
  defineRoute("inquirySettingsPut", {
    access: { permission: "inquiries.settings" },
    precondition: "createOrReplace",
    body: InquirySettingsSchema,
    handler: async ({ body, write }, s) => jsonWithEtag(200, await s.inquiries.putSettings(body, write ?? { kind: "create" })),
  }),

  /** `GET /api/inquiries/{id}`. */
  defineRoute("inquiriesGet", {
    access: { permission: "inquiries.read" },
    params: IdParams,
    handler: async ({ params, identity }, s) => {
      const inquiry = await s.inquiries.get(params.id, identity);
      return jsonWithEtag(200, { ...inquiry, etag: inquiry.etag ?? "" });
    },
  }),

  /** `POST /api/inquiries/{id}/assign` `{assignee}` with If-Match: take it (yourself) or assign it (programledare, koordinator). */
  defineRoute("inquiriesAssign", {
    access: { permission: "inquiries.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: InquiryAssignInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => {
      const inquiry = await s.inquiries.assign(params.id, body.assignee, ifMatch, identity);
      return jsonWithEtag(200, { ...inquiry, etag: inquiry.etag ?? "" });
    },
  }),

  /** `POST /api/inquiries/{id}/answered` `{note}` with If-Match: the first response, recorded by hand. */
  defineRoute("inquiriesAnswered", {
    access: { permission: "inquiries.read" },
    params: IdParams,
    precondition: "ifMatch",
    body: InquiryAnsweredInputSchema,
    handler: async ({ params, body, ifMatch, identity }, s) => {
      const inquiry = await s.inquiries.answered(params.id, body.note, ifMatch, identity);
      return jsonWithEtag(200, { ...inquiry, etag: inquiry.etag ?? "" });
    },
  }),

  /** Local only: `GET /api/dev/clock` — the API's time and how far it runs ahead. */
  defineRoute("devClockGet", {
    access: "public",
    localOnly: true,
    handler: (_req, s) => {
      const clock = s.devClock;
      if (!clock) throw DomainErrors.notFound();
      return Promise.resolve(json(200, { now: clock().toISOString(), offset: msToIsoDuration(clock.offsetMs()) }));
    },
  }),

  /** Local only: `POST /api/dev/clock {"advance":"PT37H"}` — moves the API's clock forward for a demo of the rule. */
  defineRoute("devClockAdvance", {
    access: "public",
    localOnly: true,
    body: DevClockInputSchema,
    handler: (req, s) => {
      const clock = s.devClock;
      if (!clock) throw DomainErrors.notFound();
      clock.advance(isoDurationMs(req.body.advance));
      return Promise.resolve(json(200, { now: clock().toISOString(), offset: msToIsoDuration(clock.offsetMs()) }));
    },
  }),
];

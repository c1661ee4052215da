/**
 * The HTTP surface of the API, as clients see it. The API's route table (api/src/routes/) implements
 * exactly these; the typed client in bot and tabs is built from them.
 *
 * Identity: production — `Authorization: Bearer <Entra ID token>`; the bot adds `x-acting-user: <email>`.
 * Local mode — `x-dev-user: <demo email>` (the bot is `bot@naravard.test` and also sends `x-acting-user`).
 * Language: `Accept-Language` (sv default, en). Updates: `If-Match: <etag>` (missing → 428, stale → 412).
 * Members: `PUT /api/members/{email}` creates with `If-None-Match: *` or replaces with `If-Match`.
 */
export const apiRoutes = {
  health: "GET /api/health",
  me: "GET /api/me",
  reference: "GET /api/reference",
  referenceCreate: "POST /api/reference/{kind}",
  referenceUpdate: "PUT /api/reference/{kind}/{id}",
  projectsList: "GET /api/projects",
  projectsGet: "GET /api/projects/{id}",
  projectsCreate: "POST /api/projects",
  projectsPatch: "PATCH /api/projects/{id}",
  projectsAssess: "POST /api/projects/{id}/assessment",
  projectsDecide: "POST /api/projects/{id}/decision",
  projectsStatus: "POST /api/projects/{id}/status",
  projectsSimilar: "POST /api/projects/similar",
  projectsSummary: "GET /api/projects/summary",
  decisionsList: "GET /api/decisions",
  botConversationsPut: "PUT /api/bot/conversations",
  botProgramOfficeChannel: "POST /api/bot/program-office-channel",
  botConversationForTarget: "POST /api/bot/conversations/resolve",
  botDeliveryClaim: "POST /api/bot/deliveries/{notificationId}/claim",
  botDeliveryResult: "PUT /api/bot/deliveries/{notificationId}",
  deliveriesList: "GET /api/deliveries",
  deliveriesRetry: "POST /api/deliveries/{notificationId}/retry",
  membersList: "GET /api/members",
  membersPut: "PUT /api/members/{email}",
  membersDelete: "DELETE /api/members/{email}",
  escalationsList: "GET /api/escalations",
  escalationsCreate: "POST /api/escalations",
  escalationsGet: "GET /api/escalations/{id}",
  escalationsAct: "POST /api/escalations/{id}/actions",
  escalationSettingsGet: "GET /api/escalations/settings",
  escalationSettingsPut: "PUT /api/escalations/settings",
  botSentCardsGet: "GET /api/bot/cards/{cardKey}",
  botSentCardsPut: "PUT /api/bot/cards/{cardKey}",
  risksList: "GET /api/risks",
  risksGet: "GET /api/risks/{id}",
  risksCreate: "POST /api/risks",
  risksPatch: "PATCH /api/risks/{id}",
  risksReview: "POST /api/risks/{id}/review",
  risksEscalate: "POST /api/risks/{id}/escalate",
  risksExport: "GET /api/risks/export.xlsx",
  risksSettings: "GET /api/risks/settings",
  risksSettingsPut: "PUT /api/risks/settings",
  surveysList: "GET /api/surveys",
  surveysCreate: "POST /api/surveys",
  surveysMine: "GET /api/surveys/mine",
  surveysSummary: "GET /api/surveys/summary",
  surveysGet: "GET /api/surveys/{id}",
  surveysClose: "POST /api/surveys/{id}/close",
  surveysRecipients: "GET /api/surveys/{id}/recipients",
  surveysMyResponse: "GET /api/surveys/{id}/responses/me",
  surveysRespond: "PUT /api/surveys/{id}/responses/me",
  surveysEscalate: "POST /api/surveys/{id}/responses/me/escalation",
  surveysResults: "GET /api/surveys/{id}/results",
  surveysResultsXlsx: "GET /api/surveys/{id}/results.xlsx",
  surveysResultsCsv: "GET /api/surveys/{id}/results.csv",
  surveysSettings: "GET /api/surveys/settings",
  surveysSettingsPut: "PUT /api/surveys/settings",
  inquiriesList: "GET /api/inquiries",
  inquiriesGet: "GET /api/inquiries/{id}",
  inquiriesAssign: "POST /api/inquiries/{id}/assign",
  inquiriesAnswered: "POST /api/inquiries/{id}/answered",
  inquiriesStats: "GET /api/inquiries/stats",
  inquiriesAssignees: "GET /api/inquiries/assignees",
  inquirySettingsGet: "GET /api/inquiries/settings",
  inquirySettingsPut: "PUT /api/inquiries/settings",
  devClockGet: "GET /api/dev/clock",
  devClockAdvance: "POST /api/dev/clock",
  mailboxNotifications: "POST /api/mailbox/notifications",
} as const;
export type ApiRouteName = keyof typeof apiRoutes;

/** Method and path (below the client's base URL, e.g. `/projects/abc`) of a route, parameters filled in and encoded. */
export function routeRequest(name: ApiRouteName, params: Record<string, string> = {}): { method: string; path: string } {
  const [method = "GET", template = ""] = apiRoutes[name].split(" ");
  const path = template.replace(/^\/api/, "").replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`route ${name} needs the parameter ${key}`);
    return encodeURIComponent(value);
  });
  return { method, path };
}

/** Demo users seeded in local mode (issue 2). */
export const DEMO_USERS = {
  programledare: "programledare@naravard.test",
  koordinator: "koordinator@naravard.test",
  forandringsledare1: "forandringsledare1@naravard.test",
  ordforande: "styrgrupp.ordforande@naravard.test",
  bestallare: "bestallare@naravard.test",
  ledamot1: "styrgrupp.ledamot1@naravard.test",
  projektledare1: "projektledare1@naravard.test",
  deltagare1: "deltagare1@naravard.test",
  bot: "bot@naravard.test",
} as const;

export const DEV_USER_HEADER = "x-dev-user";
export const ACTING_USER_HEADER = "x-acting-user";
/** Production: the Entra object id of the person the bot acts for (Teams `from.aadObjectId`); decides who they are. */
export const ACTING_USER_OID_HEADER = "x-acting-user-oid";
export const NOTIFICATIONS_QUEUE = "notifications";

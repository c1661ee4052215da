import type { ErrorBody, Page } from "./common.js";
import type { Me } from "./roles.js";
import type { ReferenceData, ReferenceKind } from "./reference.js";
import type {
  ApplicationInput,
  AssessmentInput,
  DecisionInput,
  Project,
  ProjectDetail,
  PortfolioSummary,
  ProjectListQuery,
  ProjectPatch,
  SimilarProject,
  SimilarQuery,
  StatusChangeInput,
} from "./projects.js";
import type { Decision, DecisionListQuery } from "./decisions.js";
import type { DevClock, Inquiry, InquiryAssigneeList, InquiryList, InquiryListQuery, InquirySettings, InquiryStats } from "./inquiries.js";
import type {
  ConversationRef,
  ConversationRefInput,
  Delivery,
  DeliveryOutcome,
  NotificationTarget,
} from "./bot.js";
import type { z } from "zod";
import { routeRequest, type ApiRouteName } from "./routes.js";
import { XLSX_CONTENT_TYPE } from "./mediaTypes.js";
import type { DeliveryClaimInputSchema, DeliveryResultInputSchema } from "./bot.js";
import type { MemberInputSchema, MemberListQuery, MemberRecord } from "./members.js";
import type { SentCard, SentCardInput } from "./bot.js";
import type { Escalation, EscalationActionInputSchema, EscalationInputSchema, EscalationListQuery, EscalationSettings } from "./escalations.js";
import type {
  Risk,
  RiskDetail,
  RiskEscalationResult,
  RiskInput,
  RiskListQuery,
  RiskPatch,
  RiskReviewInput,
  RiskSettings,
  RiskSettingsInput,
} from "./risks.js";
import type {
  SurveyInput,
  SurveyListQuery,
  SurveyRecipientsReport,
  SurveyResponse,
  SurveyResponseInput,
  SurveyResults,
  SurveyEscalation,
  SurveyRound,
  SurveySettings,
  SurveySettingsInput,
  SurveySummary,
  SurveySummaryQuery,
} from "./surveys.js";

/** An error answer from the API, carrying its one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = "ApiError";
  }
  /** Message for a field (dotted path), if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.body.details.find((d) => d.field === field)?.message;
  }
}

export interface ApiClientOptions {
  /** E.g. `http://localhost:7071/api` or `/api`. No trailing slash. */
  baseUrl: string;
  /** Identity and language headers for each request (bearer token, x-dev-user, x-acting-user, Accept-Language). */
  headers: () => Promise<Record<string, string>> | Record<string, string>;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

type Query = Record<string, string | number | undefined>;
type Body<S extends z.ZodType> = z.input<S>;

/**
 * The API as bot and tabs see it. Every method is one route of `apiRoutes` (method and path live there only);
 * errors come back as `ApiError` with the API's one error shape.
 */
export interface ApiClient {
  health(): Promise<{ status: string }>;
  me(): Promise<Me>;
  reference(): Promise<ReferenceData>;
  createReference(kind: ReferenceKind, item: unknown): Promise<unknown>;
  updateReference(kind: ReferenceKind, id: string, item: unknown, etag: string): Promise<unknown>;

  /** Searched (`q`), filtered and sorted on the server, paged. */
  listProjects(query?: Partial<ProjectListQuery>): Promise<Page<Project>>;
  /** Counts and the first efforts for the bot's portfolio card, in one call. */
  portfolioSummary(): Promise<PortfolioSummary>;
  getProject(id: string): Promise<ProjectDetail>;
  apply(input: ApplicationInput, idempotencyKey?: string): Promise<Project>;
  patchProject(id: string, patch: ProjectPatch, etag: string): Promise<Project>;
  assess(id: string, input: AssessmentInput, etag: string): Promise<Project>;
  decide(id: string, input: DecisionInput, etag: string): Promise<Project>;
  changeStatus(id: string, input: StatusChangeInput, etag: string): Promise<Project>;
  similar(input: Partial<SimilarQuery>): Promise<{ items: SimilarProject[] }>;

  listDecisions(query?: Partial<DecisionListQuery>): Promise<Page<Decision>>;

  putConversation(input: ConversationRefInput): Promise<ConversationRef>;
  markProgramOfficeChannel(conversationId: string): Promise<ConversationRef>;
  resolveConversation(target: NotificationTarget): Promise<ConversationRef>;
  claimDelivery(notificationId: string, input: Body<typeof DeliveryClaimInputSchema>): Promise<Delivery>;
  recordDelivery(notificationId: string, input: Body<typeof DeliveryResultInputSchema>): Promise<Delivery>;
  listDeliveries(query?: { outcome?: DeliveryOutcome; pageSize?: number; continuationToken?: string }): Promise<Page<Delivery>>;
  /** The program office sends a notification that did not arrive again. */
  retryDelivery(notificationId: string): Promise<Delivery>;

  listMembers(query?: Partial<MemberListQuery>): Promise<Page<MemberRecord>>;
  /** Adds a member (`If-None-Match: *`: 412 if the email is already a member). */
  createMember(email: string, input: Body<typeof MemberInputSchema>): Promise<MemberRecord>;
  /** Replaces a member's name, roles, organisation and title (`If-Match`). */
  updateMember(email: string, input: Body<typeof MemberInputSchema>, etag: string): Promise<MemberRecord>;
  /** Removes the member's access (`If-Match`). */
  deleteMember(email: string, etag: string): Promise<undefined>;

  /** `holder: "me"` lists what the asking user holds. */
  listEscalations(query?: Partial<EscalationListQuery>): Promise<Page<Escalation>>;
  getEscalation(id: string): Promise<Escalation>;
  /** Raises one (201), or returns the open one of the same source / the same Idempotency-Key (200). */
  raiseEscalation(input: Body<typeof EscalationInputSchema>, idempotencyKey?: string): Promise<Escalation>;
  /** acknowledge / escalate / return / decide / close, with the version acted on (`If-Match`). */
  actOnEscalation(id: string, input: Body<typeof EscalationActionInputSchema>, etag: string): Promise<Escalation>;
  escalationSettings(): Promise<EscalationSettings & { etag: string | null }>;

  /** Every sent copy of a card (bot only). */
  listSentCards(cardKey: string): Promise<{ items: SentCard[] }>;
  /** Records a sent copy of a card (bot only). */
  recordSentCard(cardKey: string, input: SentCardInput): Promise<SentCard>;
  /** The risk list sorted by value (highest first, unassessed last), filtered, paged. */
  listRisks(query?: Partial<RiskListQuery>): Promise<Page<Risk>>;
  getRisk(id: string): Promise<RiskDetail>;
  createRisk(input: RiskInput, idempotencyKey?: string): Promise<Risk>;
  patchRisk(id: string, patch: RiskPatch, etag: string): Promise<Risk>;
  reviewRisk(id: string, input: RiskReviewInput, etag: string): Promise<Risk>;
  /** Raises the escalation of a high risk (once per risk and level). */
  escalateRisk(id: string): Promise<RiskEscalationResult>;
  riskSettings(): Promise<RiskSettings>;
  updateRiskSettings(input: RiskSettingsInput, etag: string): Promise<RiskSettings>;
  /** The (filtered) list as an .xlsx workbook. */
  exportRisks(query?: Partial<RiskListQuery>): Promise<Blob>;
  listSurveys(query?: Partial<SurveyListQuery>): Promise<Page<SurveyRound>>;
  /** A round (program office, programområdesansvariga); the Idempotency-Key makes a retry return the first. */
  createSurvey(input: SurveyInput, idempotencyKey?: string): Promise<SurveyRound>;
  /** Open rounds asking the caller (`mina enkäter`). */
  mySurveys(): Promise<{ items: SurveyRound[] }>;
  surveySummary(query: SurveySummaryQuery): Promise<SurveySummary>;
  getSurvey(id: string): Promise<SurveyRound>;
  closeSurvey(id: string, etag: string): Promise<SurveyRound>;
  surveyRecipients(id: string): Promise<SurveyRecipientsReport>;
  /** The caller's current answer (404 if none). */
  mySurveyResponse(id: string, projectId?: string): Promise<SurveyResponse>;
  /** The caller's answer; replaces an earlier one until the deadline (409 after it). */
  respondToSurvey(id: string, input: SurveyResponseInput): Promise<SurveyResponse>;
  surveyResults(id: string): Promise<SurveyResults>;
  /** Escalates the deviation in the caller's own status answer (once: the answer is the escalation's source). */
  escalateSurveyAnswer(id: string, projectId?: string): Promise<SurveyEscalation>;
  /** Which recurring rounds the sweep opens (yearly effect follow-up, status requests); ETag `defaults` until changed. */
  surveySettings(): Promise<SurveySettings>;
  updateSurveySettings(input: SurveySettingsInput, etag: string): Promise<SurveySettings>;

  /** The shared mailbox's inquiries with the API's `now` (count time left from it). */
  listInquiries(query?: Partial<InquiryListQuery>): Promise<InquiryList>;
  getInquiry(id: string): Promise<Inquiry>;
  /** Take it (`assignee` = yourself) or assign it to a change leader (`If-Match`). */
  assignInquiry(id: string, assignee: string, etag: string): Promise<Inquiry>;
  /** The first response, recorded by hand with how it was given (`If-Match`). */
  markInquiryAnswered(id: string, note: string, etag: string): Promise<Inquiry>;
  inquiryStats(): Promise<InquiryStats>;
  /** Who the card's *Tilldela* offers (the change leaders); anyone who reads inquiries sees it, the API rules who may assign. */
  listInquiryAssignees(): Promise<InquiryAssigneeList>;
  inquirySettings(): Promise<InquirySettings>;
  /**
   * Replaces the 36-hour rule's settings with `If-Match: etag`; without an ETag (never saved: `inquirySettings()` gave
   * the defaults without one) creates the first version with `If-None-Match: *`.
   */
  updateInquirySettings(input: Omit<InquirySettings, "etag">, etag: string | undefined): Promise<InquirySettings>;
  /** Local mode only. */
  devClock(): Promise<DevClock>;
}

interface CallInit {
  params?: Record<string, string>;
  body?: unknown;
  query?: Query;
  etag?: string;
  headers?: Record<string, string>;
}

/** Typed client of the API for bot and tabs; shapes come from the contracts, routes from `apiRoutes`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));

  async function send(name: ApiRouteName, init: CallInit, accept: string): Promise<Response> {
    const { method, path } = routeRequest(name, init.params);
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
    const url = `${options.baseUrl}${path}${qs.size ? `?${qs.toString()}` : ""}`;
    const headers: Record<string, string> = { Accept: accept, ...(await options.headers()), ...init.headers };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    if (init.etag) headers["If-Match"] = init.etag;
    const res = await doFetch(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    if (!res.ok) {
      const text = await res.text();
      const parsed: unknown = text ? safeJson(text) : undefined;
      const body = isErrorBody(parsed)
        ? { ...parsed, details: parsed.details ?? [] }
        : { code: "internal" as const, message: `HTTP ${res.status}`, details: [] };
      throw new ApiError(res.status, body);
    }
    return res;
  }

  async function call<T>(name: ApiRouteName, init: CallInit = {}): Promise<T> {
    const res = await send(name, init, "application/json");
    const text = await res.text();
    return (text ? safeJson(text) : undefined) as T;
  }

  return {
    health: () => call("health"),
    me: () => call("me"),
    reference: () => call("reference"),
    createReference: (kind, item) => call("referenceCreate", { params: { kind }, body: item }),
    updateReference: (kind, id, item, etag) => call("referenceUpdate", { params: { kind, id }, body: item, etag }),

    listProjects: (query = {}) => call("projectsList", { query }),
    portfolioSummary: () => call("projectsSummary"),
    getProject: (id) => call("projectsGet", { params: { id } }),
    apply: (input, idempotencyKey) => call("projectsCreate", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} }),
    patchProject: (id, patch, etag) => call("projectsPatch", { params: { id }, body: patch, etag }),
    assess: (id, input, etag) => call("projectsAssess", { params: { id }, body: input, etag }),
    decide: (id, input, etag) => call("projectsDecide", { params: { id }, body: input, etag }),
    changeStatus: (id, input, etag) => call("projectsStatus", { params: { id }, body: input, etag }),
    similar: (input) => call("projectsSimilar", { body: input }),

    listDecisions: (query = {}) => call("decisionsList", { query }),

    putConversation: (input) => call("botConversationsPut", { body: input }),
    markProgramOfficeChannel: (conversationId) => call("botProgramOfficeChannel", { body: { conversationId } }),
    resolveConversation: (target) => call("botConversationForTarget", { body: target }),
    claimDelivery: (notificationId, input) => call("botDeliveryClaim", { params: { notificationId }, body: input }),
    recordDelivery: (notificationId, input) => call("botDeliveryResult", { params: { notificationId }, body: input }),
    listDeliveries: (query = {}) => call("deliveriesList", { query }),
    retryDelivery: (notificationId) => call("deliveriesRetry", { params: { notificationId } }),

    listMembers: (query = {}) => call("membersList", { query }),
    createMember: (email, input) => call("membersPut", { params: { email }, body: input, headers: { "If-None-Match": "*" } }),
    updateMember: (email, input, etag) => call("membersPut", { params: { email }, body: input, etag }),
    deleteMember: (email, etag) => call("membersDelete", { params: { email }, etag }),

    listEscalations: (query = {}) => call("escalationsList", { query }),
    getEscalation: (id) => call("escalationsGet", { params: { id } }),
    raiseEscalation: (input, idempotencyKey) =>
      call("escalationsCreate", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} }),
    actOnEscalation: (id, input, etag) => call("escalationsAct", { params: { id }, body: input, etag }),
    escalationSettings: () => call("escalationSettingsGet"),

    listSentCards: (cardKey) => call("botSentCardsGet", { params: { cardKey } }),
    recordSentCard: (cardKey, input) => call("botSentCardsPut", { params: { cardKey }, body: input }),
    listRisks: (query = {}) => call("risksList", { query }),
    getRisk: (id) => call("risksGet", { params: { id } }),
    createRisk: (input, idempotencyKey) => call("risksCreate", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} }),
    patchRisk: (id, patch, etag) => call("risksPatch", { params: { id }, body: patch, etag }),
    reviewRisk: (id, input, etag) => call("risksReview", { params: { id }, body: input, etag }),
    escalateRisk: (id) => call("risksEscalate", { params: { id } }),
    riskSettings: () => call("risksSettings"),
    updateRiskSettings: (input, etag) => call("risksSettingsPut", { body: input, etag }),
    exportRisks: async (query = {}) => (await send("risksExport", { query }, XLSX_CONTENT_TYPE)).blob(),
    listSurveys: (query = {}) => call("surveysList", { query }),
    createSurvey: (input, idempotencyKey) => call("surveysCreate", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} }),
    mySurveys: () => call("surveysMine"),
    surveySummary: (query) => call("surveysSummary", { query: { ...query } }),
    getSurvey: (id) => call("surveysGet", { params: { id } }),
    closeSurvey: (id, etag) => call("surveysClose", { params: { id }, etag }),
    surveyRecipients: (id) => call("surveysRecipients", { params: { id } }),
    mySurveyResponse: (id, projectId) => call("surveysMyResponse", { params: { id }, query: { projectId } }),
    respondToSurvey: (id, input) => call("surveysRespond", { params: { id }, body: input }),
    surveyResults: (id) => call("surveysResults", { params: { id } }),
    escalateSurveyAnswer: (id, projectId) => call("surveysEscalate", { params: { id }, body: projectId ? { projectId } : {} }),
    surveySettings: () => call("surveysSettings"),
    updateSurveySettings: (input, etag) => call("surveysSettingsPut", { body: input, etag }),

    listInquiries: (query = {}) => call("inquiriesList", { query }),
    getInquiry: (id) => call("inquiriesGet", { params: { id } }),
    assignInquiry: (id, assignee, etag) => call("inquiriesAssign", { params: { id }, body: { assignee }, etag }),
    markInquiryAnswered: (id, note, etag) => call("inquiriesAnswered", { params: { id }, body: { note }, etag }),
    inquiryStats: () => call("inquiriesStats"),
    listInquiryAssignees: () => call("inquiriesAssignees"),
    inquirySettings: () => call("inquirySettingsGet"),
    updateInquirySettings: (input, etag) =>
      call("inquirySettingsPut", etag ? { body: input, etag } : { body: input, headers: { "If-None-Match": "*" } }),
    devClock: () => call("devClockGet"),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not JSON: treated as an error without a body below
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** At most this many pages of 100 open inquiries are read for one view. */
const OPEN_INQUIRY_PAGES = 50;

/**
 * Every inquiry still waiting for its first response (`status=open`, all pages), earliest due first, with the API's
 * `now`: what the tab and the bot's `ärenden` / `mina ärenden` show.
 */
export async function readOpenInquiries(api: Pick<ApiClient, "listInquiries">, query: { assignee?: string } = {}): Promise<{ items: Inquiry[]; now: string }> {
  const items: Inquiry[] = [];
  let now: string | undefined;
  let continuationToken: string | undefined;
  // The open ones are the office's working set (dozens, not thousands); the bound only guards against a loop.
  for (let pages = 0; pages < OPEN_INQUIRY_PAGES; pages++) {
    const page = await api.listInquiries({ status: "open", pageSize: 100, ...query, ...(continuationToken ? { continuationToken } : {}) });
    items.push(...page.items);
    now ??= page.now;
    continuationToken = page.continuationToken ?? undefined;
    if (!continuationToken) break;
  }
  return { items: items.sort((a, b) => a.dueAt.localeCompare(b.dueAt)), now: now ?? new Date().toISOString() };
}

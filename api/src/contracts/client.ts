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
import type {
  ConversationRef,
  ConversationRefInput,
  Delivery,
  DeliveryOutcome,
  NotificationTarget,
} from "./bot.js";
import type { z } from "zod";
import type { DeliveryClaimInputSchema, DeliveryResultInputSchema } from "./bot.js";
import type { MemberInputSchema, MemberListQuery, MemberRecord } from "./members.js";

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

/** Typed client of the API for bot and tabs; all shapes come from the contracts. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, init: { body?: unknown; query?: Query; etag?: string; headers?: Record<string, string> } = {}): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
    const url = `${options.baseUrl}${path}${qs.size ? `?${qs.toString()}` : ""}`;
    const headers: Record<string, string> = { Accept: "application/json", ...(await options.headers()), ...init.headers };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    if (init.etag) headers["If-Match"] = init.etag;
    const res = await doFetch(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const body = isErrorBody(parsed)
        ? { ...parsed, details: parsed.details ?? [] }
        : { code: "internal" as const, message: `HTTP ${res.status}`, details: [] };
      throw new ApiError(res.status, body);
    }
    return parsed as T;
  }

  return {
    health: () => call<{ status: string }>("GET", "/health"),
    me: () => call<Me>("GET", "/me"),
    reference: () => call<ReferenceData>("GET", "/reference"),
    createReference: (kind: ReferenceKind, item: unknown) => call<unknown>("POST", `/reference/${kind}`, { body: item }),
    updateReference: (kind: ReferenceKind, id: string, item: unknown, etag: string) =>
      call<unknown>("PUT", `/reference/${kind}/${encodeURIComponent(id)}`, { body: item, etag }),

    listProjects: (query: Partial<ProjectListQuery> = {}) => call<Page<Project>>("GET", "/projects", { query }),
    portfolioSummary: () => call<PortfolioSummary>("GET", "/projects/summary"),
    getProject: (id: string) => call<ProjectDetail>("GET", `/projects/${encodeURIComponent(id)}`),
    apply: (input: ApplicationInput, idempotencyKey?: string) =>
      call<Project>("POST", "/projects", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} }),
    patchProject: (id: string, patch: ProjectPatch, etag: string) =>
      call<Project>("PATCH", `/projects/${encodeURIComponent(id)}`, { body: patch, etag }),
    assess: (id: string, input: AssessmentInput, etag: string) =>
      call<Project>("POST", `/projects/${encodeURIComponent(id)}/assessment`, { body: input, etag }),
    decide: (id: string, input: DecisionInput, etag: string) =>
      call<Project>("POST", `/projects/${encodeURIComponent(id)}/decision`, { body: input, etag }),
    changeStatus: (id: string, input: StatusChangeInput, etag: string) =>
      call<Project>("POST", `/projects/${encodeURIComponent(id)}/status`, { body: input, etag }),
    similar: (input: Partial<SimilarQuery>) => call<{ items: SimilarProject[] }>("POST", "/projects/similar", { body: input }),

    listDecisions: (query: Partial<DecisionListQuery> = {}) => call<Page<Decision>>("GET", "/decisions", { query }),

    putConversation: (input: ConversationRefInput) => call<ConversationRef>("PUT", "/bot/conversations", { body: input }),
    markProgramOfficeChannel: (conversationId: string) =>
      call<ConversationRef>("POST", "/bot/program-office-channel", { body: { conversationId } }),
    resolveConversation: (target: NotificationTarget) => call<ConversationRef>("POST", "/bot/conversations/resolve", { body: target }),
    claimDelivery: (notificationId: string, input: z.input<typeof DeliveryClaimInputSchema>) =>
      call<Delivery>("POST", `/bot/deliveries/${encodeURIComponent(notificationId)}/claim`, { body: input }),
    recordDelivery: (notificationId: string, input: z.input<typeof DeliveryResultInputSchema>) =>
      call<Delivery>("PUT", `/bot/deliveries/${encodeURIComponent(notificationId)}`, { body: input }),
    listDeliveries: (query: { outcome?: DeliveryOutcome; pageSize?: number; continuationToken?: string } = {}) =>
      call<Page<Delivery>>("GET", "/deliveries", { query }),

    listMembers: (query: Partial<MemberListQuery> = {}) => call<Page<MemberRecord>>("GET", "/members", { query }),
    /** Adds a member (`If-None-Match: *`: 412 if the email is already a member). */
    createMember: (email: string, input: z.input<typeof MemberInputSchema>) =>
      call<MemberRecord>("PUT", `/members/${encodeURIComponent(email)}`, { body: input, headers: { "If-None-Match": "*" } }),
    /** Replaces a member's name, roles, organisation and title (`If-Match`). */
    updateMember: (email: string, input: z.input<typeof MemberInputSchema>, etag: string) =>
      call<MemberRecord>("PUT", `/members/${encodeURIComponent(email)}`, { body: input, etag }),
    /** Removes the member's access (`If-Match`). */
    deleteMember: (email: string, etag: string) => call<undefined>("DELETE", `/members/${encodeURIComponent(email)}`, { etag }),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;

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

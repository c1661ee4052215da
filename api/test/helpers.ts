import { randomBytes } from "node:crypto";
import { QueueClient } from "@azure/storage-queue";
import { inject } from "../../tests/setup/provided.js";
import { createServices, type ServiceOverrides, type Services } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { z } from "zod";
import {
  ConversationRefSchema,
  decodeNotificationMessage,
  DecisionSchema,
  DeliverySchema,
  DEV_USER_HEADER,
  EscalationSchema,
  ErrorBodySchema,
  MemberRecordSchema,
  MeSchema,
  NotificationSchema,
  pageOf,
  ProjectDetailSchema,
  ProjectSchema,
  ReferenceDataSchema,
  SimilarProjectSchema,
  type ApplicationInput,
  type ErrorBody,
  type Notification,
} from "../src/contracts/index.js";
import { startLocalServer } from "../src/local/server.js";
import { routes } from "../src/routes.js";
import { silentLogger } from "../src/services/log.js";

/** A unique table prefix / program id / queue per test file, so files running in parallel never collide. */
export function uniqueName(prefix = "t"): string {
  return `${prefix}${randomBytes(5).toString("hex")}`;
}

export function connectionString(): string {
  return inject("storageConnectionString");
}

export interface TestApi {
  url: string;
  services: Services;
  queueName: string;
  close(): Promise<void>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** Decoded notifications currently on this API's queue (peeked, up to 32). */
  notifications(): Promise<Notification[]>;
}

export interface CallOptions {
  user?: string | null;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: unknown;
  /** The body parsed with a contract schema (fails the test with zod's message if it does not match). */
  as<S extends z.ZodType>(schema: S): z.output<S>;
  /** The body as the error shape (plus any extra properties, e.g. `delivery`). */
  err(): ErrorBody & Record<string, unknown>;
}

const LooseError = ErrorBodySchema.loose();

/** Contract schemas of the responses, for `as()`. */
export const R = {
  project: ProjectSchema,
  detail: ProjectDetailSchema,
  projects: pageOf(ProjectSchema),
  decisions: pageOf(DecisionSchema),
  me: MeSchema,
  reference: ReferenceDataSchema,
  similar: z.object({ items: z.array(SimilarProjectSchema) }),
  conversation: ConversationRefSchema,
  delivery: DeliverySchema,
  deliveries: pageOf(DeliverySchema),
  member: MemberRecordSchema,
  members: pageOf(MemberRecordSchema),
  escalation: EscalationSchema,
  escalations: pageOf(EscalationSchema),
};

export async function startTestApi(env: Record<string, string> = {}, overrides: ServiceOverrides = {}): Promise<TestApi> {
  const queueName = uniqueName("q");
  const config = loadConfig({
    NARAVARD_MODE: "local",
    STORAGE_CONNECTION_STRING: connectionString(),
    TABLE_PREFIX: uniqueName("t"),
    PROGRAM_ID: uniqueName("p"),
    NOTIFICATIONS_QUEUE: queueName,
    ...env,
  });
  const services = await createServices(config, { log: silentLogger, ...overrides });
  const server = await startLocalServer(services, { table: routes, port: 0, host: "127.0.0.1", logHandler: () => undefined });
  const queue = new QueueClient(config.storageConnectionString, queueName);
  return {
    url: server.url,
    services,
    queueName,
    close: () => server.close(),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const user = options.user === undefined ? "programledare@naravard.test" : options.user;
      if (user) headers[DEV_USER_HEADER] = user;
      let body: string | Uint8Array | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return {
        status: response.status,
        headers: response.headers,
        json,
        as: (schema) => schema.parse(json),
        err: () => LooseError.parse(json),
      };
    },
    async notifications() {
      const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
      return peekedMessageItems.map((m) => NotificationSchema.parse(decodeNotificationMessage(m.messageText)));
    },
  };
}

export const USERS = {
  programledare: "programledare@naravard.test",
  koordinator: "koordinator@naravard.test",
  forandringsledare: "forandringsledare1@naravard.test",
  ordforande: "styrgrupp.ordforande@naravard.test",
  bestallare: "bestallare@naravard.test",
  vice: "styrgrupp.vice@naravard.test",
  ledamot: "styrgrupp.ledamot1@naravard.test",
  projektledare: "projektledare1@naravard.test",
  deltagare: "deltagare1@naravard.test",
  bot: "bot@naravard.test",
} as const;

/** A valid application body. */
export function application(overrides: Record<string, unknown> = {}): ApplicationInput {
  return {
    name: "Hemmonitorering i Kramfors",
    description: "Digital hemmonitorering för äldre med närsjukvårdsteam mellan hälsocentral och kommunal hemsjukvård.",
    ownerOrganisationId: "kramfors",
    partnerOrganisationIds: ["rvn"],
    projectLeader: { name: "Annika Strömberg", email: "projektledare1@naravard.test" },
    criteriaIds: ["samverkan-region-kommun", "tillganglighet"],
    programAreaIds: ["samverkan", "digital-formaga"],
    subGoalIds: ["tillganglig-vard"],
    targetGroupIds: ["aldre"],
    financing: { secured: true, source: "Kramfors kommun och RVN" },
    ...overrides,
  };
}

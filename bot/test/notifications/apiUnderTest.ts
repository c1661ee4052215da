import { randomBytes } from "node:crypto";
import {
  ApiError,
  DEMO_USERS,
  DEV_USER_HEADER,
  ACTING_USER_HEADER,
  createApiClient,
  type ApiClient,
  type Delivery,
} from "@naravard/api/contracts";
import { createServices } from "../../../api/src/app.js";
import { loadConfig } from "../../../api/src/config.js";
import { startLocalServer } from "../../../api/src/local/server.js";
import { routes } from "../../../api/src/routes.js";
import { silentLogger } from "../../../api/src/services/log.js";
import { startFakeBotApi } from "../../../tests/support/fakeBotApi.js";
import { botApiClient, conversationRef, TENANT_ID } from "../../../tests/support/scenario.js";

/**
 * The API side of the notification tests, in one of two forms with the same interface:
 *
 * - `startRealApi`: the REAL API (its route table, services and Table Storage repositories) in this process, on
 *   loopback, against the test project's Azurite, with its own table prefix and program id;
 * - `startFakeApi`: the small in-process fake of only the three bot routes (`bench/lib/fakeBotApi.ts`), same
 *   contract, no storage: cheap enough for 1,000 notifications at full speed on a busy machine.
 *
 * Either way the bot talks to it over HTTP through the typed client, as in production (local identity:
 * `x-dev-user: bot@naravard.test`).
 */
export interface ApiUnderTest {
  baseUrl: string;
  /** The bot's client, with a counter of outcome writes and an optional injected outage of them. */
  bot: ApiClient;
  recordCalls: Map<string, number>;
  /** While set, `recordDelivery` for these ids fails with 503 before reaching the API (a crash at that point). */
  failRecordFor: Set<string>;
  /** `onInjectedFailure` is called each time such a failure is injected. */
  hooks: { onInjectedFailure?: (notificationId: string) => void };
  /** Stores a user's 1:1 conversation reference (as the bot does on install). */
  addUser(email: string, conversationId: string, serviceUrl: string): Promise<void>;
  addProgramOfficeChannel(conversationId: string, serviceUrl: string): Promise<void>;
  /** Every delivery the program office sees (`GET /api/deliveries`, all pages). */
  deliveries(): Promise<Map<string, Delivery>>;
  close(): Promise<void>;
}

const hex = () => randomBytes(4).toString("hex");

export async function startRealApi(storageConnectionString: string, queueName: string): Promise<ApiUnderTest> {
  const config = loadConfig({
    NARAVARD_MODE: "local",
    STORAGE_CONNECTION_STRING: storageConnectionString,
    TABLE_PREFIX: `n${hex()}`,
    PROGRAM_ID: `p${hex()}`,
    NOTIFICATIONS_QUEUE: queueName,
  });
  const services = await createServices(config, { log: silentLogger });
  const server = await startLocalServer(services, { table: routes, port: 0, host: "127.0.0.1", logHandler: () => undefined });
  const baseUrl = `${server.url}/api`;
  const raw = createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.bot }) });
  const asProgramledare = createApiClient({
    baseUrl,
    headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.bot, [ACTING_USER_HEADER]: DEMO_USERS.programledare }),
  });
  const office = createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.programledare }) });
  const { bot, recordCalls, failRecordFor, hooks } = instrumented(raw);
  const reference = (conversationId: string, serviceUrl: string, conversationType: string) => ({
    serviceUrl,
    channelId: "msteams",
    conversation: { id: conversationId, tenantId: TENANT_ID, conversationType },
    bot: { id: "28:bot", name: "Nära vård" },
    locale: "sv-SE",
  });
  return {
    baseUrl,
    bot,
    recordCalls,
    failRecordFor,
    hooks,
    async addUser(email, conversationId, serviceUrl) {
      await raw.putConversation({
        conversationId,
        kind: "personal",
        serviceUrl,
        tenantId: TENANT_ID,
        userEmail: email,
        reference: reference(conversationId, serviceUrl, "personal"),
      });
    },
    async addProgramOfficeChannel(conversationId, serviceUrl) {
      await raw.putConversation({
        conversationId,
        kind: "channel",
        serviceUrl,
        tenantId: TENANT_ID,
        name: "Programkontoret",
        reference: reference(conversationId, serviceUrl, "channel"),
      });
      await asProgramledare.markProgramOfficeChannel(conversationId);
    },
    async deliveries() {
      const all = new Map<string, Delivery>();
      let continuationToken: string | undefined;
      do {
        const page = await office.listDeliveries({ pageSize: 100, continuationToken });
        for (const d of page.items) all.set(d.notificationId, d);
        continuationToken = page.continuationToken ?? undefined;
      } while (continuationToken);
      return all;
    },
    close: () => server.close(),
  };
}

export async function startFakeApi(): Promise<ApiUnderTest> {
  const fake = await startFakeBotApi();
  const { bot, recordCalls, failRecordFor, hooks } = instrumented(botApiClient(fake.baseUrl));
  return {
    baseUrl: fake.baseUrl,
    bot,
    recordCalls,
    failRecordFor,
    hooks,
    addUser: (email, conversationId, serviceUrl) => {
      fake.addConversation(conversationRef(serviceUrl, conversationId, { userEmail: email }), { kind: "user", email });
      return Promise.resolve();
    },
    addProgramOfficeChannel: (conversationId, serviceUrl) => {
      fake.addConversation(conversationRef(serviceUrl, conversationId, { kind: "channel", isProgramOfficeChannel: true }), { kind: "programOfficeChannel" });
      return Promise.resolve();
    },
    deliveries: () => Promise.resolve(new Map(fake.deliveries)),
    close: () => fake.close(),
  };
}

/** The bot's client with a counter of outcome writes and an injectable failure of them (a crash at that point). */
function instrumented(raw: ApiClient): Pick<ApiUnderTest, "bot" | "recordCalls" | "failRecordFor" | "hooks"> {
  const recordCalls = new Map<string, number>();
  const failRecordFor = new Set<string>();
  const hooks: ApiUnderTest["hooks"] = {};
  const bot: ApiClient = {
    ...raw,
    recordDelivery: (id, input) => {
      if (failRecordFor.has(id)) {
        hooks.onInjectedFailure?.(id);
        return Promise.reject(new ApiError(503, { code: "internal", message: "simulated crash before the API write", details: [] }));
      }
      recordCalls.set(id, (recordCalls.get(id) ?? 0) + 1);
      return raw.recordDelivery(id, input);
    },
  };
  return { bot, recordCalls, failRecordFor, hooks };
}

/** Runs `fn` over `items`, `parallel` at a time. */
export async function inParallel<T>(items: readonly T[], parallel: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

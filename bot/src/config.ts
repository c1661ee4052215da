import { z } from "zod";
import { DEMO_USERS } from "@naravard/api/contracts";

/** Loopback hosts local mode may bind to (it must never be reachable from the network). */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/** Fixed dev GUID for deep links when TEAMS_APP_ID is not set (local mode only). */
export const DEV_TEAMS_APP_ID = "6f0c3a2e-5b7d-4e1a-9c8f-2d4b6a8e0c11";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const url = (fallback: string) =>
  z.preprocess(emptyToUndefined, z.string().trim().url("ska vara en URL, t.ex. http://127.0.0.1:7071/api").default(fallback)).transform((u) => u.replace(/\/+$/, ""));

const EnvSchema = z.object({
  // Fail closed: without the setting the bot is production (Bot Framework tokens required), never the open local mode.
  NARAVARD_MODE: z.preprocess(emptyToUndefined, z.enum(["local", "production"]).default("production")),
  BOT_HOST: z.preprocess(emptyToUndefined, z.string().trim().default("127.0.0.1")),
  BOT_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3978)),
  API_BASE_URL: url("http://127.0.0.1:7071/api"),
  TABS_BASE_URL: url("http://localhost:53000"),
  STORAGE_CONNECTION_STRING: optionalString,
  /** Azure: the account's queue endpoint, reached with the bot's managed identity (its only storage access). */
  STORAGE_QUEUE_ENDPOINT: z.preprocess(emptyToUndefined, z.string().trim().url("ska vara en URL, t.ex. https://konto.queue.core.windows.net/").optional()),
  LOCAL_DEMO_USER: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().email("ska vara en e-postadress").default(DEMO_USERS.programledare)),
  TEAMS_APP_ID: optionalString,
  /** `auto` follows the Teams locale; `sv`/`en` force one (the Playground always says en-US, so local mode defaults to sv). */
  BOT_LOCALE: z.preprocess(emptyToUndefined, z.enum(["auto", "sv", "en"]).optional()),
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  BOT_TYPE: z.preprocess(emptyToUndefined, z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("SingleTenant")),
  API_AUDIENCE: optionalString,
  /** Where the delivery journal lives (see notifications/README.md). Must be writable and survive restarts. */
  NOTIFICATION_JOURNAL_PATH: optionalString,
});

export interface BotConfig {
  mode: "local" | "production";
  host: string;
  port: number;
  apiBaseUrl: string;
  tabsBaseUrl: string;
  teamsAppId: string;
  /** Queue consumer (notification worker); optional for the conversation part. */
  storageConnectionString: string | undefined;
  /** Or the queue endpoint, used with the managed identity (Azure); the connection string wins when both are set. */
  storageQueueEndpoint: string | undefined;
  localeMode: "auto" | "sv" | "en";
  /** Local mode: whom the Playground's user acts as unless a conversation switched with `som [e-post]`. */
  localDemoUser: string;
  /** Bot Framework identity. Empty app id in local mode (the Agents Playground needs none). */
  bot: { appId: string; password: string | undefined; tenantId: string | undefined; type: "MultiTenant" | "SingleTenant" | "UserAssignedMSI" };
  /** Production: the API's application ID URI (token audience), e.g. `api://naravard-api`. */
  apiAudience: string | undefined;
  /** Delivery journal file; undefined → the worker's default under `.data/bot/` (local mode only). */
  notificationJournalPath: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Botens konfiguration är ogiltig:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the bot's settings; throws a ConfigError naming every missing or bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): BotConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "(okänd)"}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NARAVARD_MODE === "local") {
    if (!LOOPBACK_HOSTS.has(e.BOT_HOST)) {
      problems.push(`BOT_HOST: lokalt läge lyssnar bara på loopback (127.0.0.1, ::1 eller localhost), inte ${e.BOT_HOST}`);
    }
    if (e.BOT_ID || e.BOT_PASSWORD) {
      problems.push("BOT_ID/BOT_PASSWORD: sätts bara i produktionsläge (NARAVARD_MODE=production); lokalt läge kör utan app-id");
    }
  } else {
    if (!e.BOT_ID) problems.push("BOT_ID: saknas (botens app-id i Entra ID) – krävs i produktionsläge");
    if (e.BOT_TYPE !== "UserAssignedMSI" && !e.BOT_PASSWORD) problems.push("BOT_PASSWORD: saknas (botens klienthemlighet) – krävs i produktionsläge");
    if (e.BOT_TYPE !== "MultiTenant" && !e.BOT_TENANT_ID) problems.push(`BOT_TENANT_ID: saknas – krävs när BOT_TYPE=${e.BOT_TYPE}`);
    if (!e.API_AUDIENCE) problems.push("API_AUDIENCE: saknas (API:ets app-id-URI, t.ex. api://naravard-api) – boten behöver en token till API:et");
    if (!e.STORAGE_CONNECTION_STRING && !e.STORAGE_QUEUE_ENDPOINT) {
      problems.push("STORAGE_QUEUE_ENDPOINT: saknas (kö-adressen till lagringskontot med notifieringskön, eller STORAGE_CONNECTION_STRING) – krävs i produktionsläge");
    }
    if (!e.TEAMS_APP_ID) problems.push("TEAMS_APP_ID: saknas (Teams-appens id, för djuplänkar till flikarna)");
    if (!e.NOTIFICATION_JOURNAL_PATH) {
      problems.push("NOTIFICATION_JOURNAL_PATH: saknas (en skrivbar fil som överlever omstarter, t.ex. /home/data/notification-journal.jsonl i App Service)");
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode: e.NARAVARD_MODE,
    host: e.BOT_HOST,
    port: e.BOT_PORT,
    apiBaseUrl: e.API_BASE_URL,
    tabsBaseUrl: e.TABS_BASE_URL,
    teamsAppId: e.TEAMS_APP_ID ?? DEV_TEAMS_APP_ID,
    storageConnectionString: e.STORAGE_CONNECTION_STRING,
    storageQueueEndpoint: e.STORAGE_QUEUE_ENDPOINT,
    localeMode: e.BOT_LOCALE ?? (e.NARAVARD_MODE === "local" ? "sv" : "auto"),
    localDemoUser: e.LOCAL_DEMO_USER,
    bot: { appId: e.BOT_ID ?? "", password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, type: e.BOT_TYPE },
    apiAudience: e.API_AUDIENCE,
    notificationJournalPath: e.NOTIFICATION_JOURNAL_PATH,
  };
}

/** botbuilder's credential settings for the bot's identity (adapter, Bot Connector tokens, API tokens). */
export function botCredentialOptions(config: BotConfig): {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppType: string;
  MicrosoftAppTenantId: string;
} {
  if (config.mode === "local") return { MicrosoftAppId: "", MicrosoftAppPassword: "", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" };
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password ?? "",
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId ?? "",
  };
}

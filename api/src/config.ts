import { z } from "zod";

/**
 * The API's one configuration, read from the environment and validated at start. A missing or wrong setting stops
 * the start with a message that names it (ARCHITECTURE: fail fast, readable).
 *
 * | variable                  | default                      | meaning |
 * |---------------------------|------------------------------|---------|
 * | NARAVARD_MODE             | production                   | `production` (Entra ID) or `local` (demo users, dev header: the local host on loopback only; the Functions entry refuses it) |
 * | STORAGE_CONNECTION_STRING | — (this or the two endpoints)| Azurite / a storage account by key: tables and the notification queue (local, tests) |
 * | STORAGE_TABLE_ENDPOINT    | —                            | Azure: the account's table endpoint; with STORAGE_QUEUE_ENDPOINT, reached with the managed identity |
 * | STORAGE_QUEUE_ENDPOINT    | —                            | Azure: the account's queue endpoint (tables and the queue then exist already: infra creates them) |
 * | API_HOST / API_PORT       | 127.0.0.1 / 7071             | local host only; local mode refuses a non-loopback host |
 * | PROGRAM_ID                | gnv                          | tenant id; every PartitionKey starts with it |
 * | SEED_ON_START             | true (local), false (prod)   | seed reference data (+ demo members in local mode) and the 2023 portfolio once |
 * | TABLE_PREFIX              | (empty)                      | prefix of every table name (tests: one per file) |
 * | NOTIFICATIONS_QUEUE       | notifications                | queue the bot reads |
 * | MAX_BODY_BYTES            | 262144                       | request body limit (413 above) |
 * | OUTBOX_SWEEP_SECONDS      | 30                           | local host: how often the outbox sweep runs |
 * | ENTRA_TENANT_ID           | — (production)               | Entra ID tenant (GUID) |
 * | API_AUDIENCE              | — (production)               | accepted `aud` (app id URI or client id; comma-separated for several) |
 * | ENTRA_JWKS_URL            | tenant discovery keys        | signing keys |
 * | ENTRA_ISSUER              | tenant v2.0 and v1 issuers   | accepted `iss` (comma-separated) |
 * | BOT_CLIENT_ID             | — (production)               | the bot's app id: the only caller allowed to send x-acting-user |
 * | BOOTSTRAP_PROGRAMLEDARE   | (none)                       | production: email made programledare at start if not yet a member (never overwrites) |
 */
export type Mode = "local" | "production";

const boolFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "ska vara true eller false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

const EnvSchema = z
  .object({
    // Fail closed: a setting lost in a slot swap or a settings reset leaves production's checks on, never demo users.
    NARAVARD_MODE: z.enum(["local", "production"], { message: "ska vara local eller production" }).default("production"),
    STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
    STORAGE_TABLE_ENDPOINT: z.string().url("ska vara en URL, t.ex. https://konto.table.core.windows.net/").optional(),
    STORAGE_QUEUE_ENDPOINT: z.string().url("ska vara en URL, t.ex. https://konto.queue.core.windows.net/").optional(),
    API_HOST: z.string().min(1).default("127.0.0.1"),
    API_PORT: z.coerce.number({ message: "ska vara ett portnummer" }).int().min(0).max(65535).default(7071),
    PROGRAM_ID: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "ska vara gemena a–z, 0–9 och bindestreck (t.ex. gnv)")
      .default("gnv"),
    SEED_ON_START: boolFromEnv.optional(),
    TABLE_PREFIX: z
      .string()
      .regex(/^([A-Za-z][A-Za-z0-9]{0,29})?$/, "ska börja med en bokstav och bara innehålla bokstäver och siffror")
      .default(""),
    NOTIFICATIONS_QUEUE: z
      .string()
      .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, "ogiltigt könamn")
      .default("notifications"),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
    OUTBOX_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    ENTRA_TENANT_ID: z.string().min(1).optional(),
    API_AUDIENCE: z.string().min(1).optional(),
    ENTRA_JWKS_URL: z.string().url("ska vara en URL").optional(),
    ENTRA_ISSUER: z.string().min(1).optional(),
    BOT_CLIENT_ID: z.string().min(1).optional(),
    BOOTSTRAP_PROGRAMLEDARE: z.string().trim().toLowerCase().email("ska vara en e-postadress").max(254).optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.STORAGE_CONNECTION_STRING) {
      for (const key of ["STORAGE_TABLE_ENDPOINT", "STORAGE_QUEUE_ENDPOINT"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "saknas (ange STORAGE_TABLE_ENDPOINT och STORAGE_QUEUE_ENDPOINT för hanterad identitet, eller STORAGE_CONNECTION_STRING för Azurite)",
          });
        }
      }
    }
    if (env.NARAVARD_MODE === "production") {
      for (const key of ["ENTRA_TENANT_ID", "API_AUDIENCE", "BOT_CLIENT_ID"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "saknas (krävs i production-läge)" });
      }
    } else if (!isLoopbackHost(env.API_HOST)) {
      ctx.addIssue({
        code: "custom",
        path: ["API_HOST"],
        message: `är ${env.API_HOST}, men local-läget lyssnar bara på loopback (127.0.0.1, ::1 eller localhost) så att demoanvändarna aldrig nås utifrån`,
      });
    }
  });

/** How the API reaches its storage account: a connection string (Azurite, tests), or endpoints and a managed identity (Azure). */
export type StorageAccess =
  | { kind: "connectionString"; connectionString: string }
  | { kind: "identity"; tableEndpoint: string; queueEndpoint: string };

export interface Config {
  mode: Mode;
  storage: StorageAccess;
  /** The connection string when `storage.kind` is `connectionString`; empty with a managed identity. */
  storageConnectionString: string;
  apiHost: string;
  apiPort: number;
  programId: string;
  seedOnStart: boolean;
  tablePrefix: string;
  notificationsQueue: string;
  maxBodyBytes: number;
  outboxSweepSeconds: number;
  /** Production: the first programledare, created at start unless already a member. */
  bootstrapProgramledare?: string;
  /** Present in production mode. */
  entra?: {
    tenantId: string;
    audiences: string[];
    issuers: string[];
    jwksUrl: string;
    botClientId: string;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Felaktig konfiguration av API:t:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Reads and validates the configuration; throws ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "miljö"}: ${i.message}`));
  }
  const e = parsed.data;
  const config: Config = {
    mode: e.NARAVARD_MODE,
    storage: e.STORAGE_CONNECTION_STRING
      ? { kind: "connectionString", connectionString: e.STORAGE_CONNECTION_STRING }
      : { kind: "identity", tableEndpoint: e.STORAGE_TABLE_ENDPOINT ?? "", queueEndpoint: e.STORAGE_QUEUE_ENDPOINT ?? "" },
    storageConnectionString: e.STORAGE_CONNECTION_STRING ?? "",
    apiHost: e.API_HOST,
    apiPort: e.API_PORT,
    programId: e.PROGRAM_ID,
    seedOnStart: e.SEED_ON_START ?? e.NARAVARD_MODE === "local",
    tablePrefix: e.TABLE_PREFIX,
    notificationsQueue: e.NOTIFICATIONS_QUEUE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    outboxSweepSeconds: e.OUTBOX_SWEEP_SECONDS,
    ...(e.BOOTSTRAP_PROGRAMLEDARE ? { bootstrapProgramledare: e.BOOTSTRAP_PROGRAMLEDARE } : {}),
  };
  if (e.NARAVARD_MODE === "production") {
    const tenantId = e.ENTRA_TENANT_ID ?? "";
    config.entra = {
      tenantId,
      audiences: list(e.API_AUDIENCE ?? ""),
      issuers: e.ENTRA_ISSUER
        ? list(e.ENTRA_ISSUER)
        : [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
      jwksUrl: e.ENTRA_JWKS_URL ?? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
      botClientId: e.BOT_CLIENT_ID ?? "",
    };
  }
  return config;
}

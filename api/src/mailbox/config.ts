import { z } from "zod";
import { ConfigError, isLoopbackHost, type Mode } from "../config.js";
import { SHARED_MAILBOX } from "../contracts/index.js";
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SMTP_PORT } from "./smtpServer.js";
import { GRAPH_BASE_URL } from "./graphDelta.js";

/**
 * The mailbox's settings, read from the environment and validated at start like the API's own (config.ts).
 *
 * | variable                         | default                          | meaning |
 * |----------------------------------|----------------------------------|---------|
 * | MAILBOX_ADDRESS                  | naravard@rvn.se                  | the shared mailbox |
 * | MAILBOX_SMTP_HOST / _PORT        | 127.0.0.1 / 2525                 | local mode: the stand-in mail server (loopback only; port 0 = any free) |
 * | MAILBOX_SMTP_MAX_BYTES           | 10485760                         | largest mail accepted (552 above) |
 * | MAILBOX_SUBMISSION_PASSWORD      | lokalt-svar                      | local mode: password for SMTP AUTH as the mailbox, the only way a reply counts |
 * | GRAPH_BASE_URL                   | https://graph.microsoft.com/v1.0 | production: Graph (tests point it at a stand-in) |
 * | GRAPH_MANAGED_IDENTITY_CLIENT_ID | (system-assigned identity)       | production: client id of a user-assigned identity |
 * | MAILBOX_SYNC_SINCE               | (the last 14 days)               | production: a full sync reads only mail received from this ISO time |
 * | MAILBOX_SYNC_PAGE_SIZE           | 50                               | production: messages per delta page |
 * | MAILBOX_NOTIFICATION_URL         | (none: the timer alone)          | production: public https URL of `POST /api/mailbox/notifications` for Graph's change notifications |
 * | MAILBOX_NOTIFICATION_SECRET      | (required with the URL)          | production: the `clientState` Graph echoes in each notification (16–128 characters) |
 *
 * Local mode reads mail only from the local SMTP server, production only from Graph: there is one way in each.
 */
export interface MailboxConfig {
  address: string;
  /** Local mode only. */
  smtp: {
    host: string;
    port: number;
    maxMessageBytes: number;
    submission: { username: string; password: string };
  } | null;
  /** Production only. */
  graph: {
    baseUrl: string;
    managedIdentityClientId: string | null;
    /** undefined: the reader's default look-back. */
    since: Date | undefined;
    pageSize: number;
    /** Change notifications cut the timer's delay; null: the timer alone reads the mailbox. */
    notifications: { url: string; clientState: string } | null;
  } | null;
}

/** Local demo password for replies; documented in the README. Loopback only, so it opens nothing to the network. */
export const LOCAL_SUBMISSION_PASSWORD = "lokalt-svar";

const EnvSchema = z.object({
  MAILBOX_ADDRESS: z.string().trim().toLowerCase().email("ska vara en e-postadress").default(SHARED_MAILBOX),
  MAILBOX_SMTP_HOST: z.string().min(1).default("127.0.0.1").refine(isLoopbackHost, "ska vara en loopback-adress (127.0.0.1, ::1 eller localhost)"),
  MAILBOX_SMTP_PORT: z.coerce.number({ message: "ska vara ett portnummer" }).int().min(0).max(65535).default(DEFAULT_SMTP_PORT),
  MAILBOX_SMTP_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(50 * 1024 * 1024).default(DEFAULT_MAX_MESSAGE_BYTES),
  MAILBOX_SUBMISSION_PASSWORD: z.string().min(8, "ska vara minst 8 tecken").default(LOCAL_SUBMISSION_PASSWORD),
  GRAPH_BASE_URL: z.string().url("ska vara en URL").default(GRAPH_BASE_URL),
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: z.string().uuid("ska vara ett klient-id (GUID)").optional(),
  MAILBOX_SYNC_SINCE: z.string().datetime({ offset: true, message: "ska vara en ISO-tid, t.ex. 2026-06-01T00:00:00Z" }).optional(),
  MAILBOX_SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  MAILBOX_NOTIFICATION_URL: z.string().url("ska vara en URL").optional(),
  // Graph limits clientState to 128 characters; 16 keeps it from being guessable.
  MAILBOX_NOTIFICATION_SECRET: z
    .string()
    .min(16, "ska vara minst 16 tecken")
    .max(128, "får vara högst 128 tecken")
    // App Service leaves a Key Vault reference it cannot resolve as its own text, which is no secret at all.
    .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "Key Vault-referensen löstes inte (ge API:ets identitet rollen Key Vault Secrets User på hemligheten)")
    .optional(),
});

export function loadMailboxConfig(mode: Mode, env: Record<string, string | undefined> = process.env): MailboxConfig {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  if (mode === "local") {
    return {
      address: e.MAILBOX_ADDRESS,
      smtp: {
        host: e.MAILBOX_SMTP_HOST,
        port: e.MAILBOX_SMTP_PORT,
        maxMessageBytes: e.MAILBOX_SMTP_MAX_BYTES,
        submission: { username: e.MAILBOX_ADDRESS, password: e.MAILBOX_SUBMISSION_PASSWORD },
      },
      graph: null,
    };
  }
  if (!e.GRAPH_BASE_URL.startsWith("https://")) {
    throw new ConfigError(["GRAPH_BASE_URL: ska börja med https:// i production-läge"]);
  }
  // Graph delivers notifications only to https endpoints, and an unsigned notification must be told by its secret.
  if (e.MAILBOX_NOTIFICATION_URL !== undefined && !e.MAILBOX_NOTIFICATION_URL.startsWith("https://")) {
    throw new ConfigError(["MAILBOX_NOTIFICATION_URL: ska börja med https://"]);
  }
  if (e.MAILBOX_NOTIFICATION_URL !== undefined && e.MAILBOX_NOTIFICATION_SECRET === undefined) {
    throw new ConfigError(["MAILBOX_NOTIFICATION_SECRET: krävs när MAILBOX_NOTIFICATION_URL är satt"]);
  }
  return {
    address: e.MAILBOX_ADDRESS,
    smtp: null,
    graph: {
      baseUrl: e.GRAPH_BASE_URL,
      managedIdentityClientId: e.GRAPH_MANAGED_IDENTITY_CLIENT_ID ?? null,
      since: e.MAILBOX_SYNC_SINCE ? new Date(e.MAILBOX_SYNC_SINCE) : undefined,
      pageSize: e.MAILBOX_SYNC_PAGE_SIZE,
      notifications:
        e.MAILBOX_NOTIFICATION_URL !== undefined && e.MAILBOX_NOTIFICATION_SECRET !== undefined
          ? { url: e.MAILBOX_NOTIFICATION_URL, clientState: e.MAILBOX_NOTIFICATION_SECRET }
          : null,
    },
  };
}

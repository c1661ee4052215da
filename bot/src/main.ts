import { DefaultAzureCredential } from "@azure/identity";
import { QueueClient } from "@azure/storage-queue";
import { NOTIFICATIONS_QUEUE } from "@naravard/api/contracts";
import { createAdapter } from "./adapter.js";
import { createApiAccess } from "./apiAccess.js";
import { ConfigError, botCredentialOptions, loadConfig, type BotConfig } from "./config.js";
import { createLogger } from "./log.js";
import { botConnectorTokenProvider, startNotificationWorker } from "./notifications/index.js";
import { createBotServer } from "./server.js";
import { NaravardBot } from "./teamsBot.js";

/**
 * The bot service: `tsx bot/src/main.ts`. Settings come from the environment (see config.ts and bot/README.md).
 */
const log = createLogger("bot");
const notificationLog = createLogger("notifications");

function readConfig(): BotConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const adapter = createAdapter(config, log);
const apis = createApiAccess(config);
const bot = new NaravardBot({ config, apis, log });
const server = createBotServer(adapter, bot, log);

// ── Notification worker (owned by the notification path, bot/src/notifications/) ──────────────────────────
// The single call site: it consumes the API's `notifications` queue and sends the cards proactively.
// Azurite and tests use a connection string; Azure gives the bot a managed identity whose only storage role is on
// this one queue, so no account key ever reaches the bot.
const queueAccess = config.storageConnectionString
  ? { storageConnectionString: config.storageConnectionString }
  : config.storageQueueEndpoint
    ? { queue: new QueueClient(`${config.storageQueueEndpoint.replace(/\/+$/, "")}/${NOTIFICATIONS_QUEUE}`, new DefaultAzureCredential()) }
    : null;
const notifications = queueAccess
  ? startNotificationWorker({
      ...queueAccess,
      api: apis.forBot(),
      tokenProvider: botConnectorTokenProvider(botCredentialOptions(config)),
      tabsBaseUrl: config.tabsBaseUrl,
      teamsAppId: config.teamsAppId,
      ...(config.notificationJournalPath ? { journalPath: config.notificationJournalPath } : {}),
      log: (level, message, data) => (level === "error" ? notificationLog.error(message, undefined, data) : notificationLog[level](message, data)),
    })
  : null;
if (!notifications) log.warn("STORAGE_CONNECTION_STRING och STORAGE_QUEUE_ENDPOINT saknas: inga proaktiva notifieringar skickas (lokalt läge)");

server.listen(config.port, config.host, () => {
  log.info(`Boten lyssnar på http://${config.host}:${config.port}/api/messages (${config.mode === "local" ? "lokalt läge" : "produktion"}, API ${config.apiBaseUrl})`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`Avslutar (${signal})`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await notifications?.stop();
  } catch (err) {
    log.error("Notifieringsarbetaren kunde inte stoppas", err);
  }
  server.close(() => process.exit(0));
  server.server.closeIdleConnections(); // keep-alive sockets (the Playground) would hold close() open
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

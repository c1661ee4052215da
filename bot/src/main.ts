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
const notifications = config.storageConnectionString
  ? startNotificationWorker({
      storageConnectionString: config.storageConnectionString,
      api: apis.forBot(),
      tokenProvider: botConnectorTokenProvider(botCredentialOptions(config)),
      tabsBaseUrl: config.tabsBaseUrl,
      teamsAppId: config.teamsAppId,
      ...(config.notificationJournalPath ? { journalPath: config.notificationJournalPath } : {}),
      log: (level, message, data) => (level === "error" ? notificationLog.error(message, undefined, data) : notificationLog[level](message, data)),
    })
  : null;
if (!notifications) log.warn("STORAGE_CONNECTION_STRING saknas: inga proaktiva notifieringar skickas (lokalt läge)");

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

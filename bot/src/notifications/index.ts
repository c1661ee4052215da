import { QueueClient } from "@azure/storage-queue";
import { NOTIFICATIONS_QUEUE, type ApiClient } from "@naravard/api/contracts";
import { localeOf, renderNotification } from "./cards.js";
import { createDeliverer, type DeliveryEvent, type NotificationLog } from "./delivery.js";
import { defaultJournalPath, memoryJournal, openFileJournal, type DeliveryJournal } from "./journal.js";
import type { WindowRule } from "./rateLimiter.js";
import type { RetryPolicy } from "./retryPolicy.js";
import { createConnectorSender, type ConnectorSenderOptions } from "./sender.js";
import { QueueWorker, errorText } from "./queueWorker.js";

export { botConnectorTokenProvider } from "./tokenProvider.js";
export type { DeliveryEvent, NotificationLog } from "./delivery.js";

export interface NotificationWorkerDeps {
  /** Same storage account as the API's tables (Azurite locally). */
  storageConnectionString?: string;
  /** Or a ready client of the queue (Azure: signed in with the bot's managed identity). */
  queue?: QueueClient;
  /** Typed API client acting as the bot (`x-dev-user: bot@naravard.test` locally, bot token in production). */
  api: ApiClient;
  /** Bot Connector bearer token; resolves to undefined for the local Playground. See `botConnectorTokenProvider`. */
  tokenProvider: () => Promise<string | undefined>;
  /** Where the tabs are served, for deep links in cards. */
  tabsBaseUrl: string;
  /** Teams app id (manifest `id`), for deep links. */
  teamsAppId: string;
  log?: NotificationLog;

  // Optional tuning; the defaults are the production values.
  queueName?: string;
  /** Local delivery journal (JSON lines). Default `.data/bot/notification-journal.jsonl` under the working directory. */
  journalPath?: string;
  /** A ready journal instead of `journalPath` (tests). */
  journal?: DeliveryJournal;
  leaseSeconds?: number;
  maxInFlight?: number;
  visibilityTimeoutSeconds?: number;
  /** Back-off of a message kept after a transient failure (seconds); see QueueWorkerOptions. */
  redelivery?: { baseSeconds: number; capSeconds: number };
  idlePollMs?: { min: number; max: number };
  rateLimits?: { perConversation?: readonly WindowRule[]; perTenant?: readonly WindowRule[]; marginMs?: number };
  retry?: Partial<RetryPolicy>;
  fetch?: ConnectorSenderOptions["fetch"];
  /** Each notification's outcome (benchmarks, metrics). */
  observe?: (event: DeliveryEvent) => void;
  /** Each HTTP attempt to the Bot Connector. */
  onAttempt?: ConnectorSenderOptions["onAttempt"];
}

export interface NotificationWorker {
  /** Stops polling and waits until every notification in flight is settled. */
  stop(): Promise<void>;
  /** Resolves once the worker polls the queue (rejects only if it could not be set up at all). */
  ready: Promise<void>;
}

const consoleLog: NotificationLog = (level, message, data) => {
  const line = JSON.stringify({ level, component: "notifications", message, ...data });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

/**
 * Starts the proactive notification path: consumes the `notifications` queue the API fills and delivers each
 * notification once as an Adaptive Card through the Bot Connector, within Teams' rate limits, recording each
 * outcome through the API. See `README.md` in this folder.
 */
export function startNotificationWorker(deps: NotificationWorkerDeps): NotificationWorker {
  const log = deps.log ?? consoleLog;
  let worker: QueueWorker | undefined;
  let journal: DeliveryJournal | undefined;
  let stopped = false;

  const ready = (async () => {
    journal = deps.journal ?? (await openJournal(deps.journalPath ?? defaultJournalPath(), log));
    if (stopped) return;
    const sender = createConnectorSender({
      tokenProvider: deps.tokenProvider,
      perConversation: deps.rateLimits?.perConversation,
      perTenant: deps.rateLimits?.perTenant,
      limiterMarginMs: deps.rateLimits?.marginMs,
      retry: deps.retry,
      fetch: deps.fetch,
      onAttempt: deps.onAttempt,
    });
    const links = { teamsAppId: deps.teamsAppId, tabsBaseUrl: deps.tabsBaseUrl };
    const deliverer = createDeliverer({
      api: deps.api,
      sender,
      journal,
      render: (n, locale) => renderNotification(n, locale, links),
      localeOf,
      cards: deps.api,
      leaseSeconds: deps.leaseSeconds,
      log,
      observe: deps.observe,
      redeliveryBaseSeconds: deps.redelivery?.baseSeconds,
      redeliveryCapSeconds: deps.redelivery?.capSeconds,
    });
    worker = new QueueWorker({
      queue: deps.queue ?? new QueueClient(deps.storageConnectionString ?? "", deps.queueName ?? NOTIFICATIONS_QUEUE),
      deliverer,
      log,
      maxInFlight: deps.maxInFlight,
      visibilityTimeoutSeconds: deps.visibilityTimeoutSeconds,
      redeliveryBaseSeconds: deps.redelivery?.baseSeconds,
      redeliveryCapSeconds: deps.redelivery?.capSeconds,
      idleMinMs: deps.idlePollMs?.min,
      idleMaxMs: deps.idlePollMs?.max,
    });
    worker.start();
    log("info", "notification worker started", { queue: deps.queueName ?? NOTIFICATIONS_QUEUE });
  })();
  ready.catch((err: unknown) => log("error", "notification worker could not start", { error: errorText(err) }));

  return {
    ready,
    async stop() {
      stopped = true;
      await ready.catch(() => undefined);
      await worker?.stop();
      // A journal passed in belongs to the caller.
      if (!deps.journal) await journal?.close();
      log("info", "notification worker stopped");
    },
  };
}

async function openJournal(file: string, log: NotificationLog): Promise<DeliveryJournal> {
  try {
    return await openFileJournal(file);
  } catch (err) {
    log("warn", "delivery journal not available; using memory (a crash mid-send may then resend once)", { file, error: errorText(err) });
    return memoryJournal();
  }
}

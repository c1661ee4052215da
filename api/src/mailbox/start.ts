import { systemClock, type Clock } from "../domain/clock.js";
import { silentLogger, type Logger } from "../services/log.js";
import type { CandidateSink } from "./candidate.js";
import type { MailboxConfig } from "./config.js";
import { GRAPH_FOLDERS, syncFolder, syncMailbox, type DeltaStateStore, type GraphFolder, type GraphReaderOptions, type SyncResult, type TokenProvider } from "./graphDelta.js";
import { managedIdentityTokenProvider } from "./graphToken.js";
import { smtpIngest } from "./ingest.js";
import { coalescingSync, type CoalescingSync, type NotificationTarget } from "./notifications.js";
import { ensureSubscriptions, type SubscriptionOutcome, type SubscriptionStore } from "./subscriptions.js";
import { startMailboxSmtpServer, type RunningSmtpServer } from "./smtpServer.js";

/** Wiring for the hosts: one call each, so the local host and the Functions timer stay thin. */
export interface MailboxDeps {
  sink: CandidateSink;
  clock: Clock;
  logger?: Logger;
}

/** Local mode: the stand-in mail server for the configured mailbox, feeding the sink. */
export function startLocalMailbox(config: MailboxConfig, deps: MailboxDeps): Promise<RunningSmtpServer> {
  if (!config.smtp) throw new Error("Den lokala e-postservern finns bara i local-läget");
  return startMailboxSmtpServer({
    mailbox: config.address,
    host: config.smtp.host,
    port: config.smtp.port,
    maxMessageBytes: config.smtp.maxMessageBytes,
    submission: config.smtp.submission,
    clock: deps.clock,
    logger: deps.logger ?? silentLogger,
    onMessage: smtpIngest({ mailbox: config.address, sink: deps.sink }),
  });
}

export type GraphMailboxDeps = MailboxDeps & { state: DeltaStateStore; getToken?: TokenProvider; fetch?: typeof fetch };

function readerOptions(
  config: MailboxConfig,
  deps: GraphMailboxDeps,
): { graph: NonNullable<MailboxConfig["graph"]>; getToken: TokenProvider; options: GraphReaderOptions } {
  const graph = config.graph;
  if (!graph) throw new Error("Graph-läsaren finns bara i production-läget");
  const getToken = deps.getToken ?? managedIdentityTokenProvider(graph.managedIdentityClientId ?? undefined);
  return {
    graph,
    getToken,
    options: {
      mailbox: config.address,
      baseUrl: graph.baseUrl,
      getToken,
      state: deps.state,
      sink: deps.sink,
      pageSize: graph.pageSize,
      ...(graph.since ? { since: graph.since } : {}),
      clock: deps.clock,
      logger: deps.logger ?? silentLogger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    },
  };
}

/** Production: one run of the Graph reader over Inbox and Sent Items, for the timer. */
export function graphMailboxSync(config: MailboxConfig, deps: GraphMailboxDeps): () => Promise<Record<GraphFolder, SyncResult>> {
  const { options } = readerOptions(config, deps);
  return () => syncMailbox(options);
}

/**
 * Production with MAILBOX_NOTIFICATION_URL: keeping the subscriptions (from the timer) and the target of the
 * notification route, whose sync of the notified folders is coalesced. null without the setting: the timer alone.
 */
export interface GraphNotifications {
  ensureSubscriptions(): Promise<Record<GraphFolder, SubscriptionOutcome>>;
  target: NotificationTarget;
  sync: CoalescingSync;
}

export function graphMailboxNotifications(
  config: MailboxConfig,
  deps: GraphMailboxDeps & { subscriptions: SubscriptionStore; delayMs?: number },
): GraphNotifications | null {
  const { graph, getToken, options } = readerOptions(config, deps);
  const notifications = graph.notifications;
  if (!notifications) return null;
  const sync = coalescingSync(
    async (folders) => {
      for (const folder of folders) await syncFolder(folder, options);
    },
    { ...(deps.delayMs !== undefined ? { delayMs: deps.delayMs } : {}), logger: deps.logger ?? silentLogger },
  );
  return {
    sync,
    ensureSubscriptions: () =>
      ensureSubscriptions({
        mailbox: config.address,
        baseUrl: graph.baseUrl,
        getToken,
        store: deps.subscriptions,
        notificationUrl: notifications.url,
        clientState: notifications.clientState,
        clock: deps.clock,
        logger: deps.logger ?? silentLogger,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
    target: {
      clientState: notifications.clientState,
      async folderOf(subscriptionId) {
        for (const folder of ["inbox", "sentitems"] as const) {
          if ((await deps.subscriptions.get(folder))?.id === subscriptionId) return folder;
        }
        return null;
      },
      request: (folders) => sync.request(folders),
      async lifecycle(subscriptionId, event) {
        if (event === "missed") return;
        for (const folder of GRAPH_FOLDERS) {
          const known = await deps.subscriptions.get(folder);
          if (known?.id !== subscriptionId) continue;
          const now = (deps.clock ?? systemClock)().getTime();
          // Gone: no id and already expired, so the next run creates one. To reauthorize: due for renewal now.
          const record =
            event === "subscriptionRemoved"
              ? { id: "", expiresAt: new Date(now).toISOString() }
              : { id: known.id, expiresAt: new Date(Math.min(Date.parse(known.expiresAt), now + REAUTHORIZE_WITHIN_MS)).toISOString() };
          await deps.subscriptions.set(folder, record);
          deps.logger?.warn(`Graph: ${event} för prenumerationen på ${folder}; nästa körning av timern ${event === "subscriptionRemoved" ? "prenumererar på nytt" : "förnyar den"}`);
        }
      },
    },
  };
}

/** A subscription Graph wants reauthorized is treated as expiring within this, so the next timer run renews it. */
const REAUTHORIZE_WITHIN_MS = 3_600_000;

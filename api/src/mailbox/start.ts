import type { Clock } from "../domain/clock.js";
import { silentLogger, type Logger } from "../services/log.js";
import type { CandidateSink } from "./candidate.js";
import type { MailboxConfig } from "./config.js";
import { syncMailbox, type DeltaStateStore, type GraphFolder, type SyncResult, type TokenProvider } from "./graphDelta.js";
import { managedIdentityTokenProvider } from "./graphToken.js";
import { smtpIngest } from "./ingest.js";
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

/** Production: one run of the Graph reader over Inbox and Sent Items, for the timer (and change notifications). */
export function graphMailboxSync(
  config: MailboxConfig,
  deps: MailboxDeps & { state: DeltaStateStore; getToken?: TokenProvider; fetch?: typeof fetch },
): () => Promise<Record<GraphFolder, SyncResult>> {
  const graph = config.graph;
  if (!graph) throw new Error("Graph-läsaren finns bara i production-läget");
  const getToken = deps.getToken ?? managedIdentityTokenProvider(graph.managedIdentityClientId ?? undefined);
  return () =>
    syncMailbox({
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
    });
}

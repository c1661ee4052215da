/**
 * The local API host: `NARAVARD_MODE=local tsx api/src/local/main.ts` (or `npm run start:local -w api`). Reads the configuration from
 * the environment, refuses a non-loopback host in local mode, creates tables/queue, seeds once, serves the route
 * table on http://API_HOST:API_PORT/api, runs the outbox sweep, the escalation reminders, the risk review reminders,
 * the survey sweep and the inquiry sweep on intervals (the Functions timers' stand-ins), and starts the stand-in for the shared mailbox (SMTP on MAILBOX_SMTP_HOST:MAILBOX_SMTP_PORT).
 */
import { createServices } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { loadMailboxConfig, type MailboxConfig } from "../mailbox/config.js";
import { startLocalMailbox } from "../mailbox/start.js";
import { routes } from "../routes.js";
import { INQUIRY_SWEEP_SECONDS } from "../services/inquiries.js";
import { startLocalServer } from "./server.js";


async function main(): Promise<void> {
  let config;
  let mailboxConfig: MailboxConfig;
  try {
    config = loadConfig();
    mailboxConfig = loadMailboxConfig(config.mode);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const services = await createServices(config);
  // The mailbox starts before the API announces itself, so "ready" means both listen.
  const mailbox = await startLocalMailbox(mailboxConfig, { sink: (c) => services.inquiries.receive(c), clock: services.clock, logger: services.log });
  const server = await startLocalServer(services, { table: routes });
  const shownHost = config.apiHost.includes(":") && !config.apiHost.startsWith("[") ? `[${config.apiHost}]` : config.apiHost;
  console.log(`API lyssnar på http://${shownHost}:${server.port}/api`);
  console.log(`Funktionsbrevlåda (SMTP) ${mailboxConfig.smtp?.host ?? "127.0.0.1"}:${mailbox.port} tar emot post till ${mailboxConfig.address}`);

  // The 36-hour rule: once a minute, like the Functions timer. One run at a time.
  let inquirySweeping = false;
  let sweepAgain = false;
  const sweepInquiries = (): void => {
    if (inquirySweeping) {
      // Asked while a sweep runs (the clock jumped): one more right after, with the new time.
      sweepAgain = true;
      return;
    }
    inquirySweeping = true;
    services.inquiries
      .sweep()
      .catch((error: unknown) => services.log.error("Ärendesvepet misslyckades", error))
      .finally(() => {
        inquirySweeping = false;
        if (sweepAgain) {
          sweepAgain = false;
          sweepInquiries();
        }
      });
  };
  const inquirySweep = setInterval(sweepInquiries, INQUIRY_SWEEP_SECONDS * 1000);
  // A demo that moves the clock past a due time sees the rule act at once, not at the next minute.
  services.devClock?.onAdvance(sweepInquiries);

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    services.outbox
      .sweep()
      .catch((error: unknown) => services.log.error("Outbox-svepet misslyckades", error))
      .then(() => services.escalations.remind())
      .catch((error: unknown) => services.log.error("Påminnelser om eskaleringar misslyckades", error))
      .then(() => services.risks.remindDue())
      .catch((error: unknown) => services.log.error("Riskpåminnelserna misslyckades", error))
      // Survey cards and reminders that are due (the Functions timer `surveySweep` in Azure).
      .then(() => services.surveys.sweep())
      .catch((error: unknown) => services.log.error("Enkätsvepet misslyckades", error))
      .finally(() => {
        sweeping = false;
      });
  }, config.outboxSweepSeconds * 1000);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`API stängs (${signal}).`);
    clearInterval(sweep);
    clearInterval(inquirySweep);
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    Promise.all([server.close(), mailbox.close()])
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("API:t kunde inte starta:", error instanceof Error ? error.message : error);
  process.exit(1);
});

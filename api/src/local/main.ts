/**
 * The local API host: `NARAVARD_MODE=local tsx api/src/local/main.ts` (or `npm run start:local -w api`). Reads the configuration from
 * the environment, refuses a non-loopback host in local mode, creates tables/queue, seeds once, serves the route
 * table on http://API_HOST:API_PORT/api, and runs the outbox sweep, the escalation reminders, the risk review
 * reminders and the survey sweep on an interval (the
 * Functions timers' stand-in).
 */
import { createServices } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { routes } from "../routes.js";
import { startLocalServer } from "./server.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const services = await createServices(config);
  const server = await startLocalServer(services, { table: routes });
  const shownHost = config.apiHost.includes(":") && !config.apiHost.startsWith("[") ? `[${config.apiHost}]` : config.apiHost;
  console.log(`API lyssnar på http://${shownHost}:${server.port}/api`);

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
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    server
      .close()
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

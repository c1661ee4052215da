/**
 * Azure Functions entry, bundled by `npm run package` into build/deploy/api/dist/index.js (that package's "main").
 * Registers the route table with `app.http` and the outbox sweep with `app.timer`. The configuration is read at load: a missing setting stops the
 * function app with a message naming it. Services (tables, queue, seed) are created on first use and shared.
 *
 * Local mode (demo users chosen by the `x-dev-user` header) exists only in the local host on loopback
 * (api/src/local/main.ts). Here it is refused before any function is registered, so a Function App can never
 * serve it, whatever its settings say.
 */
import { app } from "@azure/functions";
import { createServices, type Services } from "../app.js";
import { loadConfig } from "../config.js";
import { routes } from "../routes.js";
import { registerFunctions } from "./register.js";

const config = loadConfig();
if (config.mode !== "production") {
  throw new Error(
    "NARAVARD_MODE=local gäller bara den lokala värden (npm start) på loopback. Azure Functions startar bara i " +
      "production-läge: ta bort inställningen NARAVARD_MODE eller sätt den till production.",
  );
}
let services: Promise<Services> | null = null;

function getServices(): Promise<Services> {
  services ??= createServices(config).catch((error: unknown) => {
    services = null; // try again on the next request instead of failing forever
    throw error;
  });
  return services;
}

registerFunctions(app, routes, getServices);

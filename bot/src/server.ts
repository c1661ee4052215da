import restify from "restify";
import type { ActivityHandler, CloudAdapter } from "botbuilder";
import type { Logger } from "./log.js";

/** restify: `POST /api/messages` → the adapter and the bot; `GET /healthz` for probes. */
export function createBotServer(adapter: CloudAdapter, bot: ActivityHandler, log: Logger): restify.Server {
  const server = restify.createServer({ name: "naravard-bot" });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }));
  server.post("/api/messages", async (req, res) => {
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      log.error("POST /api/messages misslyckades", err);
      if (!res.headersSent) res.send(500);
    }
  });
  server.get("/healthz", (_req, res, next) => {
    res.json(200, { status: "ok" });
    next();
  });
  return server;
}

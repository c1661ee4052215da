import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Server } from "restify";
import { createAdapter } from "../src/adapter.js";
import type { ApiAccess } from "../src/apiAccess.js";
import { loadConfig } from "../src/config.js";
import { memoryLogger } from "../src/log.js";
import { createBotServer } from "../src/server.js";
import { NaravardBot } from "../src/teamsBot.js";
import { fakeApi } from "./support/fakeApi.js";

/** The HTTP edge: restify + CloudAdapter in local mode (no app id: the Playground sends no token). */
describe("bot server", () => {
  let server: Server;
  let base: string;
  const log = memoryLogger();
  beforeAll(async () => {
    const config = loadConfig({ NARAVARD_MODE: "local" });
    const apis: ApiAccess = { forUser: () => fakeApi(), forBot: () => fakeApi({ putConversation: () => Promise.reject(new Error("no API here")) }) };
    server = createBotServer(createAdapter(config, log), new NaravardBot({ config, apis, log }), log);
    await new Promise<void>((resolve) => {
      server.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }));

  it("answers GET /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers a card action on POST /api/messages without authentication in local mode", async () => {
    const res = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "invoke",
        name: "adaptiveCard/action",
        channelId: "msteams",
        serviceUrl: "http://127.0.0.1:1/_connector",
        from: { id: "user-1", name: "Maria" },
        recipient: { id: "bot-1", name: "Nära vård" },
        conversation: { id: "personal-1", conversationType: "personal" },
        value: { action: { type: "Action.Execute", verb: "okänt", data: {} } },
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
  });
});

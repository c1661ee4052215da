import { describe, expect, it } from "@jest/globals";
import { ConfigError, DEV_TEAMS_APP_ID, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("fails closed: with no mode setting it is production and names what production needs", () => {
    expect(() => loadConfig({})).toThrow(/BOT_ID: saknas/);
    expect(() => loadConfig({ NARAVARD_MODE: "" })).toThrow(/krävs i produktionsläge/);
  });

  it("has local defaults once local mode is asked for", () => {
    expect(loadConfig({ NARAVARD_MODE: "local" })).toEqual({
      mode: "local",
      host: "127.0.0.1",
      port: 3978,
      apiBaseUrl: "http://127.0.0.1:7071/api",
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: DEV_TEAMS_APP_ID,
      storageConnectionString: undefined,
      storageQueueEndpoint: undefined,
      localeMode: "sv",
      localDemoUser: "programledare@naravard.test",
      bot: { appId: "", password: undefined, tenantId: undefined, type: "SingleTenant" },
      apiAudience: undefined,
    });
  });

  it("reads the settings the stack passes", () => {
    const c = loadConfig({ NARAVARD_MODE: "local", BOT_PORT: "4000", API_BASE_URL: "http://127.0.0.1:5000/api/", LOCAL_DEMO_USER: "Projektledare1@naravard.test", STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true" });
    expect(c).toMatchObject({ port: 4000, apiBaseUrl: "http://127.0.0.1:5000/api", localDemoUser: "projektledare1@naravard.test", storageConnectionString: "UseDevelopmentStorage=true" });
  });

  it("refuses a non-loopback host in local mode", () => {
    expect(() => loadConfig({ NARAVARD_MODE: "local", BOT_HOST: "0.0.0.0" })).toThrow(/BOT_HOST: lokalt läge lyssnar bara på loopback/);
  });

  it("names every missing production setting", () => {
    const err = (() => {
      try {
        loadConfig({ NARAVARD_MODE: "production", BOT_HOST: "0.0.0.0" });
        return null;
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).message;
    for (const name of ["BOT_ID", "BOT_PASSWORD", "BOT_TENANT_ID", "API_AUDIENCE", "STORAGE_QUEUE_ENDPOINT", "STORAGE_CONNECTION_STRING", "TEAMS_APP_ID", "NOTIFICATION_JOURNAL_PATH"]) expect(text).toContain(name);
  });

  it("accepts a complete production configuration, following the Teams locale", () => {
    const c = loadConfig({
      NARAVARD_MODE: "production",
      BOT_HOST: "0.0.0.0",
      BOT_ID: "app-id",
      BOT_PASSWORD: "secret",
      BOT_TENANT_ID: "tenant",
      API_AUDIENCE: "api://naravard-api",
      STORAGE_QUEUE_ENDPOINT: "https://naravardst.queue.core.windows.net/",
      TEAMS_APP_ID: "teams-app",
      NOTIFICATION_JOURNAL_PATH: "/home/data/notification-journal.jsonl",
    });
    expect(c).toMatchObject({
      mode: "production",
      localeMode: "auto",
      bot: { appId: "app-id", type: "SingleTenant" },
      teamsAppId: "teams-app",
      notificationJournalPath: "/home/data/notification-journal.jsonl",
      storageConnectionString: undefined,
      storageQueueEndpoint: "https://naravardst.queue.core.windows.net/",
    });
  });

  it("rejects bad values with the setting's name", () => {
    expect(() => loadConfig({ NARAVARD_MODE: "local", BOT_PORT: "hundra" })).toThrow(/BOT_PORT/);
    expect(() => loadConfig({ NARAVARD_MODE: "test" })).toThrow(/NARAVARD_MODE/);
    expect(() => loadConfig({ NARAVARD_MODE: "local", LOCAL_DEMO_USER: "inte-en-adress" })).toThrow(/LOCAL_DEMO_USER/);
    expect(() => loadConfig({ NARAVARD_MODE: "local", BOT_ID: "x" })).toThrow(/produktionsläge/);
  });
});

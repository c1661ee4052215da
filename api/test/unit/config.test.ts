import { describe, expect, it } from "@jest/globals";
import { ConfigError, isLoopbackHost, loadConfig } from "../../src/config.js";

const CS = "UseDevelopmentStorage=true";
const LOCAL = { NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: CS };
const ENTRA = { ENTRA_TENANT_ID: "tid", API_AUDIENCE: "api://naravard", BOT_CLIENT_ID: "bot-id" };

describe("config", () => {
  it("has local defaults once local mode is asked for", () => {
    const c = loadConfig(LOCAL);
    expect(c).toMatchObject({ mode: "local", apiHost: "127.0.0.1", apiPort: 7071, programId: "gnv", seedOnStart: true, notificationsQueue: "notifications" });
    expect(c.storage).toEqual({ kind: "connectionString", connectionString: CS });
    expect(c.entra).toBeUndefined();
  });

  it("fails closed: with no mode setting it is production and wants the Entra settings", () => {
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS })).toThrow(/ENTRA_TENANT_ID/);
    expect(loadConfig({ STORAGE_CONNECTION_STRING: CS, ...ENTRA }).mode).toBe("production");
    expect(loadConfig({ STORAGE_CONNECTION_STRING: CS, NARAVARD_MODE: "", ...ENTRA }).mode).toBe("production");
  });

  it("names the missing storage settings", () => {
    expect(() => loadConfig({ NARAVARD_MODE: "local" })).toThrow(ConfigError);
    expect(() => loadConfig({ NARAVARD_MODE: "local" })).toThrow(/STORAGE_TABLE_ENDPOINT.*STORAGE_CONNECTION_STRING/s);
  });

  it("reaches storage with the managed identity when given the account's endpoints instead of a connection string", () => {
    const c = loadConfig({
      ...ENTRA,
      STORAGE_TABLE_ENDPOINT: "https://naravardst.table.core.windows.net/",
      STORAGE_QUEUE_ENDPOINT: "https://naravardst.queue.core.windows.net/",
    });
    expect(c.storage).toEqual({
      kind: "identity",
      tableEndpoint: "https://naravardst.table.core.windows.net/",
      queueEndpoint: "https://naravardst.queue.core.windows.net/",
    });
    expect(c.storageConnectionString).toBe("");
    expect(() => loadConfig({ ...ENTRA, STORAGE_TABLE_ENDPOINT: "https://x.table.core.windows.net/" })).toThrow(/STORAGE_QUEUE_ENDPOINT/);
  });

  it("refuses a non-loopback host in local mode", () => {
    for (const host of ["0.0.0.0", "192.168.1.10", "example.org", "::"]) {
      expect(() => loadConfig({ ...LOCAL, API_HOST: host })).toThrow(/API_HOST.*loopback/s);
    }
    for (const host of ["127.0.0.1", "::1", "localhost"]) {
      expect(loadConfig({ ...LOCAL, API_HOST: host }).apiHost).toBe(host);
      expect(isLoopbackHost(host)).toBe(true);
    }
  });

  it("requires the Entra settings in production, and names each", () => {
    try {
      loadConfig({ STORAGE_CONNECTION_STRING: CS, NARAVARD_MODE: "production" });
      throw new Error("expected ConfigError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const key of ["ENTRA_TENANT_ID", "API_AUDIENCE", "BOT_CLIENT_ID"]) expect(message).toContain(key);
    }
  });

  it("derives production issuers and JWKS from the tenant; seeding off by default", () => {
    const c = loadConfig({
      STORAGE_CONNECTION_STRING: CS,
      NARAVARD_MODE: "production",
      API_HOST: "0.0.0.0",
      ENTRA_TENANT_ID: "tid",
      API_AUDIENCE: "api://naravard, 1234",
      BOT_CLIENT_ID: "bot-id",
    });
    expect(c.seedOnStart).toBe(false);
    expect(c.entra).toEqual({
      tenantId: "tid",
      audiences: ["api://naravard", "1234"],
      issuers: ["https://login.microsoftonline.com/tid/v2.0", "https://sts.windows.net/tid/"],
      jwksUrl: "https://login.microsoftonline.com/tid/discovery/v2.0/keys",
      botClientId: "bot-id",
    });
  });

  it("reads BOOTSTRAP_PROGRAMLEDARE as a lowercased email, and names it when it is not one", () => {
    expect(loadConfig(LOCAL).bootstrapProgramledare).toBeUndefined();
    expect(loadConfig({ ...LOCAL, BOOTSTRAP_PROGRAMLEDARE: " Anna.Chef@RVN.se " }).bootstrapProgramledare).toBe("anna.chef@rvn.se");
    expect(() => loadConfig({ ...LOCAL, BOOTSTRAP_PROGRAMLEDARE: "anna" })).toThrow(/BOOTSTRAP_PROGRAMLEDARE: ska vara en e-postadress/);
  });

  it("validates formats", () => {
    expect(() => loadConfig({ ...LOCAL, API_PORT: "abc" })).toThrow(/API_PORT/);
    expect(() => loadConfig({ ...LOCAL, PROGRAM_ID: "GNV|x" })).toThrow(/PROGRAM_ID/);
    expect(() => loadConfig({ ...LOCAL, SEED_ON_START: "kanske" })).toThrow(/SEED_ON_START/);
    expect(loadConfig({ ...LOCAL, SEED_ON_START: "false" }).seedOnStart).toBe(false);
    expect(() => loadConfig({ ...LOCAL, NARAVARD_MODE: "test" })).toThrow(/NARAVARD_MODE/);
  });
});

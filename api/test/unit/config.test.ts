import { describe, expect, it } from "@jest/globals";
import { ConfigError, isLoopbackHost, loadConfig } from "../../src/config.js";

const CS = "UseDevelopmentStorage=true";

describe("config", () => {
  it("has local defaults", () => {
    const c = loadConfig({ STORAGE_CONNECTION_STRING: CS });
    expect(c).toMatchObject({ mode: "local", apiHost: "127.0.0.1", apiPort: 7071, programId: "gnv", seedOnStart: true, notificationsQueue: "notifications" });
    expect(c.entra).toBeUndefined();
  });

  it("names a missing connection string", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/STORAGE_CONNECTION_STRING/);
  });

  it("refuses a non-loopback host in local mode", () => {
    for (const host of ["0.0.0.0", "192.168.1.10", "example.org", "::"]) {
      expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS, API_HOST: host })).toThrow(/API_HOST.*loopback/s);
    }
    for (const host of ["127.0.0.1", "::1", "localhost"]) {
      expect(loadConfig({ STORAGE_CONNECTION_STRING: CS, API_HOST: host }).apiHost).toBe(host);
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
    expect(loadConfig({ STORAGE_CONNECTION_STRING: CS }).bootstrapProgramledare).toBeUndefined();
    expect(loadConfig({ STORAGE_CONNECTION_STRING: CS, BOOTSTRAP_PROGRAMLEDARE: " Anna.Chef@RVN.se " }).bootstrapProgramledare).toBe("anna.chef@rvn.se");
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS, BOOTSTRAP_PROGRAMLEDARE: "anna" })).toThrow(/BOOTSTRAP_PROGRAMLEDARE: ska vara en e-postadress/);
  });

  it("validates formats", () => {
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS, API_PORT: "abc" })).toThrow(/API_PORT/);
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS, PROGRAM_ID: "GNV|x" })).toThrow(/PROGRAM_ID/);
    expect(() => loadConfig({ STORAGE_CONNECTION_STRING: CS, SEED_ON_START: "kanske" })).toThrow(/SEED_ON_START/);
    expect(loadConfig({ STORAGE_CONNECTION_STRING: CS, SEED_ON_START: "false" }).seedOnStart).toBe(false);
  });
});

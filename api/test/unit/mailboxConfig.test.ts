import { describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config.js";
import { LOCAL_SUBMISSION_PASSWORD, loadMailboxConfig } from "../../src/mailbox/config.js";

describe("mailbox settings", () => {
  it("local mode: the stand-in server on 127.0.0.1:2525 for naravard@rvn.se, replies with the local password, no Graph", () => {
    const config = loadMailboxConfig("local", {});
    expect(config).toEqual({
      address: "naravard@rvn.se",
      smtp: {
        host: "127.0.0.1",
        port: 2525,
        maxMessageBytes: 10 * 1024 * 1024,
        submission: { username: "naravard@rvn.se", password: LOCAL_SUBMISSION_PASSWORD },
      },
      graph: null,
    });
  });

  it("production mode: Graph only, never a local mail server", () => {
    const config = loadMailboxConfig("production", {
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: "8f4c2f7e-9a55-4c1e-8d7e-1f2a3b4c5d6e",
      MAILBOX_SYNC_SINCE: "2026-06-01T00:00:00Z",
    });
    expect(config.smtp).toBeNull();
    expect(config.graph).toEqual({
      baseUrl: "https://graph.microsoft.com/v1.0",
      managedIdentityClientId: "8f4c2f7e-9a55-4c1e-8d7e-1f2a3b4c5d6e",
      since: new Date("2026-06-01T00:00:00Z"),
      pageSize: 50,
      notifications: null,
    });
  });

  it("production mode: change notifications only with an https URL and its secret", () => {
    const secret = "en-hemlighet-som-graph-ekar";
    const config = loadMailboxConfig("production", { MAILBOX_NOTIFICATION_URL: "https://api.example.se/api/mailbox/notifications", MAILBOX_NOTIFICATION_SECRET: secret });
    expect(config.graph?.notifications).toEqual({ url: "https://api.example.se/api/mailbox/notifications", clientState: secret });
    expect(() => loadMailboxConfig("production", { MAILBOX_NOTIFICATION_URL: "https://api.example.se/api/mailbox/notifications" })).toThrow(/MAILBOX_NOTIFICATION_SECRET/);
    expect(() => loadMailboxConfig("production", { MAILBOX_NOTIFICATION_URL: "http://api.example.se/n", MAILBOX_NOTIFICATION_SECRET: secret })).toThrow(/MAILBOX_NOTIFICATION_URL/);
    expect(() => loadMailboxConfig("production", { MAILBOX_NOTIFICATION_URL: "https://api.example.se/n", MAILBOX_NOTIFICATION_SECRET: "kort" })).toThrow(/MAILBOX_NOTIFICATION_SECRET/);
    // A Key Vault reference App Service could not resolve stays as its (public) text: never taken for the secret.
    const unresolved = "@Microsoft.KeyVault(VaultName=naravarddev-kv;SecretName=mailbox-notification-secret)";
    expect(() => loadMailboxConfig("production", { MAILBOX_NOTIFICATION_URL: "https://api.example.se/n", MAILBOX_NOTIFICATION_SECRET: unresolved })).toThrow(/Key Vault/);
  });

  it("names each bad setting", () => {
    const bad = () =>
      loadMailboxConfig("local", { MAILBOX_SMTP_HOST: "0.0.0.0", MAILBOX_SMTP_PORT: "abc", MAILBOX_SUBMISSION_PASSWORD: "kort", MAILBOX_ADDRESS: "inte-en-adress" });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      for (const name of ["MAILBOX_SMTP_HOST", "MAILBOX_SMTP_PORT", "MAILBOX_SUBMISSION_PASSWORD", "MAILBOX_ADDRESS"]) expect(problems).toContain(name);
    }
    expect(() => loadMailboxConfig("production", { GRAPH_BASE_URL: "http://127.0.0.1:1/v1.0" })).toThrow(/GRAPH_BASE_URL/);
  });

  it("accepts port 0 (any free port) and another mailbox", () => {
    const config = loadMailboxConfig("local", { MAILBOX_SMTP_PORT: "0", MAILBOX_ADDRESS: "Test@Rvn.se" });
    expect(config.smtp?.port).toBe(0);
    expect(config.address).toBe("test@rvn.se");
    expect(config.smtp?.submission.username).toBe("test@rvn.se");
  });
});

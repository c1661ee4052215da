import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { apiRoutes, NOTIFICATIONS_QUEUE } from "../../api/src/contracts/routes.js";
import { TABLE_NAMES } from "../../api/src/store/table.js";

// The Bicep CLI cannot be installed here, so the template is read as text: its top-level declarations are split
// into blocks, and the least-privilege properties are checked on those blocks.

const root = path.resolve(import.meta.dirname, "../..");
const bicep = fs.readFileSync(path.join(root, "infra/azure.bicep"), "utf8");
/** Code without `//` comments, so a comment can never satisfy (or break) a check (a URL's `https://` stays). */
const code = bicep.replace(/(^|\s)\/\/[^\n]*/g, "$1");

interface Block {
  kind: "resource" | "var" | "output" | "param";
  name: string;
  type: string;
  text: string;
}

function blocks(): Block[] {
  const lines = code.split("\n");
  const found: Block[] = [];
  let current: Block | null = null;
  for (const line of lines) {
    const head = /^(resource|var|output|param)\s+(\w+)\s*(?:'([^']+)')?/.exec(line);
    if (head) {
      current = { kind: head[1] as Block["kind"], name: head[2] ?? "", type: head[3] ?? "", text: "" };
      found.push(current);
    }
    if (current) current.text += `${line}\n`;
  }
  return found;
}

const all = blocks();
const resource = (name: string): Block => {
  const block = all.find((b) => b.kind === "resource" && b.name === name);
  if (!block) throw new Error(`infra/azure.bicep has no resource ${name}`);
  return block;
};
const variable = (name: string): string => all.find((b) => b.kind === "var" && b.name === name)?.text ?? "";

/** `{ name: 'X', value: Y }` app settings of a site. */
function appSettings(site: string): Map<string, string> {
  return new Map([...resource(site).text.matchAll(/\{\s*name:\s*'([^']+)',\s*value:\s*(.+?)\s*\}\s*$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

const roleIds = Object.fromEntries([...variable("roles").matchAll(/^\s*(\w+):\s*'([0-9a-f-]{36})'/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));

/** Every role assignment as principal → role → scope. */
const assignments = all
  .filter((b) => b.kind === "resource" && b.type.startsWith("Microsoft.Authorization/roleAssignments@"))
  .map((b) => ({
    name: b.name,
    scope: /scope:\s*([\w[\]]+)/.exec(b.text)?.[1] ?? "",
    role: /roleDefinitions',\s*roles\.(\w+)\)/.exec(b.text)?.[1] ?? "(not from the roles variable)",
    principal: /principalId:\s*(\w+)\.identity\.principalId/.exec(b.text)?.[1] ?? "",
  }));

describe("infra/azure.bicep: least privilege", () => {
  it("puts no account key or connection string anywhere", () => {
    expect(code).not.toMatch(/listKeys\(/);
    expect(code).not.toMatch(/AccountKey=/);
    expect(code).not.toMatch(/listAccountSas\(|listServiceSas\(/);
    for (const site of ["api", "bot"]) {
      const names = [...appSettings(site).keys()];
      expect([site, names.filter((n) => /CONNECTION_STRING|^AzureWebJobsStorage$/.test(n))]).toEqual([site, []]);
    }
  });

  it("turns shared-key access off on the data account, and the API and bot use managed identities", () => {
    expect(resource("data").text).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(resource("data").text).toMatch(/allowBlobPublicAccess:\s*false/);
    for (const site of ["api", "bot"]) expect(resource(site).text).toMatch(/identity:\s*\{\s*type:\s*'SystemAssigned'\s*\}/);
    // Identity-based connections: the Functions host's storage and the app's own are endpoints, not secrets.
    const api = appSettings("api");
    expect(api.get("AzureWebJobsStorage__blobServiceUri")).toBe("data.properties.primaryEndpoints.blob");
    expect(api.get("STORAGE_TABLE_ENDPOINT")).toBe("data.properties.primaryEndpoints.table");
    expect(api.get("STORAGE_QUEUE_ENDPOINT")).toBe("data.properties.primaryEndpoints.queue");
    expect(appSettings("bot").get("STORAGE_QUEUE_ENDPOINT")).toBe("data.properties.primaryEndpoints.queue");
  });

  it("creates exactly the API's tables and the notification queue", () => {
    const declared = [...variable("tableNames").matchAll(/^\s*'(\w+)'\s*$/gm)].map((m) => m[1]);
    expect(["tableNames in infra/azure.bicep must list every table of api/src/store/table.ts", declared]).toEqual(["tableNames in infra/azure.bicep must list every table of api/src/store/table.ts", Object.values(TABLE_NAMES)]);
    expect(variable("notificationsQueueName")).toContain(`'${NOTIFICATIONS_QUEUE}'`);
    expect(resource("tables").text).toMatch(/for name in tableNames/);
  });

  it("gives the API data-plane roles on its tables and send-only on the queue; the bot only the queue and its secret", () => {
    expect(Object.keys(roleIds).length).toBeGreaterThan(0);
    const summary = assignments.map((a) => `${a.principal} ${a.role} @ ${a.scope}`).sort();
    expect(summary).toEqual(
      [
        "api storageTableDataContributor @ tables[i]",
        "api storageQueueDataMessageSender @ notificationsQueue",
        "api storageBlobDataOwner @ data",
        "bot storageQueueDataContributor @ notificationsQueue",
        "bot keyVaultSecretsUser @ botSecret",
        "api keyVaultSecretsUser @ mailboxSecret",
      ].sort(),
    );
    // The per-table assignment covers every table.
    expect(resource("apiTables").text).toMatch(/for i in range\(0, length\(tableNames\)\)/);
    // Only data-plane roles: none of these can read keys or change resources.
    expect(roleIds).toEqual({
      storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
      storageQueueDataMessageSender: "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a",
      storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
      storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    });
  });

  it("keeps the bot's secret in Key Vault: the app setting is a Key Vault reference", () => {
    expect(appSettings("bot").get("BOT_PASSWORD")).toBe("'@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})'");
    expect(resource("vault").text).toMatch(/enableRbacAuthorization:\s*true/);
    // The secure parameter goes into the vault and nowhere else.
    const uses = [...code.matchAll(/\bbotEntraAppClientSecret\b/g)].length;
    expect(uses).toBe(2); // its declaration and the secret's value
    expect(resource("botSecret").text).toMatch(/value:\s*botEntraAppClientSecret/);
  });

  it("connects the shared mailbox: its address, and change notifications only with a secret, kept in Key Vault, to the API's own route", () => {
    const api = appSettings("api");
    expect(api.get("MAILBOX_ADDRESS")).toBe("mailboxAddress");
    expect(code).toMatch(/param mailboxAddress string = 'naravard@rvn\.se'/);
    expect(bicep).toMatch(/@secure\(\)[^\n]*\n(@[^\n]*\n)*param mailboxNotificationSecret string = ''/);
    expect(variable("mailboxNotifications")).toMatch(/!empty\(mailboxNotificationSecret\)/);
    expect(resource("mailboxSecret").text).toMatch(/= if \(mailboxNotifications\)/);
    expect(resource("mailboxSecret").text).toMatch(/value:\s*mailboxNotificationSecret/);
    expect(resource("apiMailboxSecretReader").text).toMatch(/= if \(mailboxNotifications\)/);
    expect(api.get("MAILBOX_NOTIFICATION_SECRET")).toBe("'@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${mailboxSecretName})'");
    expect(variable("mailboxSecretName")).toContain("'mailbox-notification-secret'");
    expect(api.get("MAILBOX_NOTIFICATION_URL")).toBe("mailboxNotificationUrl");
    const route = apiRoutes.mailboxNotifications.split(" ")[1] ?? "";
    expect(variable("mailboxNotificationUrl")).toContain(`'https://\${resourceBaseName}-api.azurewebsites.net${route}'`);
    // The URL and the secret are set only together (the API refuses one without the other).
    expect(resource("api").text).toMatch(/\], mailboxNotifications \? \[\s*\{ name: 'MAILBOX_NOTIFICATION_URL'[^\n]*\n\s*\{ name: 'MAILBOX_NOTIFICATION_SECRET'[^\n]*\n\s*\] : \[\]\)/);
    // The secure parameter goes into the vault and decides whether notifications are on; it is never an app setting.
    expect([...code.matchAll(/\bmailboxNotificationSecret\b/g)].length).toBe(3);
  });

  it("reads the static website's endpoint from the account instead of guessing its zone", () => {
    expect(code).not.toMatch(/\.z\d+\.web\./);
    expect(variable("tabsEndpoint")).toMatch(/web\.properties\.primaryEndpoints\.web/);
    expect(appSettings("bot").get("TABS_BASE_URL")).toBe("tabsOrigin");
    expect(resource("api").text).toMatch(/allowedOrigins:\s*\[tabsOrigin\]/);
  });

  it("runs the API and the bot in production mode", () => {
    expect(appSettings("api").get("NARAVARD_MODE")).toBe("'production'");
    expect(appSettings("bot").get("NARAVARD_MODE")).toBe("'production'");
  });
});

import { describe, expect, it } from "@jest/globals";
import { storageClients } from "../../src/store/storage.js";

describe("storage access", () => {
  it("Azure: the account's endpoints with the managed identity, and nothing is created", () => {
    const s = storageClients({
      kind: "identity",
      tableEndpoint: "https://naravarddata.table.core.windows.net/",
      queueEndpoint: "https://naravarddata.queue.core.windows.net/",
    });
    expect(s.mayCreate).toBe(false);
    const table = s.table("Members");
    expect([table.url, table.tableName]).toEqual(["https://naravarddata.table.core.windows.net/", "Members"]);
    expect(s.queue("notifications").url).toBe("https://naravarddata.queue.core.windows.net/notifications");
  });

  it("Azurite: the connection string, and the API creates its tables and queue", () => {
    const s = storageClients({
      kind: "connectionString",
      connectionString:
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1",
    });
    expect(s.mayCreate).toBe(true);
    const table = s.table("Members");
    expect([table.url, table.tableName]).toEqual(["http://127.0.0.1:10002/devstoreaccount1", "Members"]);
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { inject } from "../../../tests/setup/provided.js";
import { tableDeltaState } from "../../src/mailbox/deltaState.js";
import { ConcurrencyError } from "../../src/store/errors.js";
import { MetaRepository } from "../../src/store/meta.js";
import { createTableClient, ensureTable } from "../../src/store/table.js";

/** The Graph reader's saved place, in Table Storage (Azurite). */
async function meta(): Promise<MetaRepository> {
  const client = createTableClient(inject("storageConnectionString"), `t${randomBytes(5).toString("hex")}Meta`);
  await ensureTable(client);
  return new MetaRepository(client, "gnv");
}

describe("the Graph delta state in Table Storage", () => {
  it("starts empty, keeps a link per folder across readers (restarts), and clears to empty", async () => {
    const repo = await meta();
    const first = tableDeltaState(repo);
    expect(await first.get("inbox")).toBeNull();
    await first.set("inbox", "https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$skiptoken=a");
    await first.set("inbox", "https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=b");
    expect(await first.get("sentitems")).toBeNull();

    const afterRestart = tableDeltaState(repo);
    expect(await afterRestart.get("inbox")).toContain("$deltatoken=b");
    await afterRestart.clear("inbox");
    expect(await afterRestart.get("inbox")).toBeNull();
    await afterRestart.set("inbox", "https://graph.microsoft.com/v1.0/x?$deltatoken=c");
    expect(await tableDeltaState(repo).get("inbox")).toContain("$deltatoken=c");
  });

  it("refuses to move the link when another run wrote it since this run read it", async () => {
    const repo = await meta();
    await tableDeltaState(repo).set("inbox", "https://graph.microsoft.com/v1.0/x?$deltatoken=1");
    const slow = tableDeltaState(repo);
    const fast = tableDeltaState(repo);
    await slow.get("inbox");
    await fast.get("inbox");
    await fast.set("inbox", "https://graph.microsoft.com/v1.0/x?$deltatoken=2");
    await expect(slow.set("inbox", "https://graph.microsoft.com/v1.0/x?$skiptoken=old")).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await tableDeltaState(repo).get("inbox")).toContain("$deltatoken=2");
  });
});

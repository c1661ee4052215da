import { QueueClient } from "@azure/storage-queue";
import { afterEach, describe, expect, it } from "@jest/globals";
import { inject } from "../../../tests/setup/provided.js";
import { createApiClient, DEV_USER_HEADER, type ApiClient } from "@naravard/api/contracts";
import { startNotificationWorker, type NotificationWorker } from "../../src/notifications/index.js";
import { memoryJournal } from "../../src/notifications/journal.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../../../tests/support/connectorStandIn.js";
import { waitUntil } from "../../../tests/support/scenario.js";
import { startRealApi, type ApiUnderTest } from "./apiUnderTest.js";

/**
 * An escalation's card through the real path — API (outbox → queue) → worker → stand-in Bot Connector — and the
 * shared "update a sent card everywhere": each step updates every copy in place, in every conversation it went to.
 */
const connectionString = inject("storageConnectionString");

const as = (baseUrl: string, email: string): ApiClient => createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: email }) });
const textOf = (activity: Record<string, unknown>) => JSON.stringify(activity.attachments);

describe("escalation cards: sent to the holders and the office, then updated in place everywhere", () => {
  let standIn: ConnectorStandIn | undefined;
  let api: ApiUnderTest | undefined;
  let worker: NotificationWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await standIn?.close();
    await api?.close();
    worker = standIn = api = undefined;
  });

  it("three raises of one source → one card per recipient; escalate and decide update every copy", async () => {
    const queueName = `esc-e2e-${Date.now().toString(36)}`;
    await new QueueClient(connectionString, queueName).create();
    standIn = await startConnectorStandIn({ requireToken: "token-1" });
    api = await startRealApi(connectionString, queueName);
    const pl = "a:1programledare";
    const chair = "a:1ordforande";
    const office = "19:programkontoret@thread.tacv2";
    await api.addUser("programledare@naravard.test", pl, standIn.serviceUrl);
    await api.addUser("styrgrupp.ordforande@naravard.test", chair, standIn.serviceUrl);
    await api.addProgramOfficeChannel(office, standIn.serviceUrl);
    worker = startNotificationWorker({
      storageConnectionString: connectionString,
      api: api.bot,
      tokenProvider: () => Promise.resolve("token-1"),
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: "app-id",
      log: () => undefined,
      queueName,
      journal: memoryJournal(),
      idlePollMs: { min: 50, max: 200 },
    });

    const input = { title: "Risken för bemanning är hög", description: "Två kommuner saknar personal.", urgency: "normal" as const, source: { kind: "risk" as const, id: "risk-7" } };
    const raised = await Promise.all([
      as(api.baseUrl, "forandringsledare1@naravard.test").raiseEscalation(input),
      as(api.baseUrl, "koordinator@naravard.test").raiseEscalation(input),
      as(api.baseUrl, "forandringsledare1@naravard.test").raiseEscalation(input),
    ]);
    expect(new Set(raised.map((e) => e.id)).size).toBe(1);
    const id = raised[0].id;

    await waitUntil(() => standIn!.acceptedFor(pl).length >= 1 && standIn!.acceptedFor(office).length >= 1, 30_000, () => `accepted ${standIn!.accepted.length}`);
    expect(textOf(standIn.acceptedFor(pl)[0]!.activity)).toContain("Risken för bemanning är hög");

    const plApi = as(api.baseUrl, "programledare@naravard.test");
    const current = await plApi.getEscalation(id);
    await plApi.actOnEscalation(id, { action: "escalate", reason: "Utanför programmets mandat" }, current.etag);
    // The chair gets a new card; the programledare's and the office's copies are updated in place.
    await waitUntil(() => standIn!.acceptedFor(chair).length >= 1 && standIn!.updated.length >= 2, 30_000, () => `updated ${standIn!.updated.length}`);
    expect(standIn.updated.map((u) => u.conversationId).sort()).toEqual([office, pl].sort());
    expect(standIn.updated.every((u) => textOf(u.activity).includes("eskalerade vidare"))).toBe(true);

    const chairApi = as(api.baseUrl, "styrgrupp.ordforande@naravard.test");
    const atChair = await chairApi.getEscalation(id);
    await chairApi.actOnEscalation(id, { action: "decide", decision: "Regionen bemannar tills vidare.", rationale: "Patientsäkerheten går först." }, atChair.etag);
    await waitUntil(() => standIn!.updated.length >= 5, 30_000, () => `updated ${standIn!.updated.length}`);
    const afterDecision = standIn.updated.slice(2);
    expect(afterDecision.map((u) => u.conversationId).sort()).toEqual([chair, office, pl].sort());
    for (const u of afterDecision) {
      expect(textOf(u.activity)).toContain("Regionen bemannar tills vidare.");
      expect(textOf(u.activity)).not.toContain("Action.Execute");
    }
    // One card per recipient, however often it was raised.
    expect(standIn.accepted.map((a) => a.conversationId).sort()).toEqual([chair, office, pl].sort());
    const log = await plApi.listDecisions({ escalationId: id });
    expect(log.items.map((d) => d.concerns)).toEqual([{ kind: "escalation", id, title: input.title }]);
  });
});

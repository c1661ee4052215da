import { QueueClient } from "@azure/storage-queue";
import { afterEach, describe, expect, it } from "@jest/globals";
import nodemailer from "nodemailer";
import { inject } from "../../../tests/setup/provided.js";
import { ACTING_USER_HEADER, createApiClient, DEMO_USERS, DEV_USER_HEADER, SHARED_MAILBOX, type ApiClient } from "@naravard/api/contracts";
import { createServices } from "../../../api/src/app.js";
import { loadConfig } from "../../../api/src/config.js";
import { startLocalServer } from "../../../api/src/local/server.js";
import { loadMailboxConfig } from "../../../api/src/mailbox/config.js";
import type { RunningSmtpServer } from "../../../api/src/mailbox/smtpServer.js";
import { startLocalMailbox } from "../../../api/src/mailbox/start.js";
import { routes } from "../../../api/src/routes.js";
import { silentLogger } from "../../../api/src/services/log.js";
import { startNotificationWorker, type NotificationWorker } from "../../src/notifications/index.js";
import { memoryJournal } from "../../src/notifications/journal.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../../../tests/support/connectorStandIn.js";
import { TENANT_ID, waitUntil } from "../../../tests/support/scenario.js";

/**
 * An inquiry's channel card through the real path — mail over SMTP → API → queue → worker → stand-in Bot
 * Connector — and main's sent-cards update: when a change leader takes it and when it is answered, the card the
 * channel already shows is redrawn in place (the same copy, for everyone), not posted again.
 */
const connectionString = inject("storageConnectionString");
const hex = () => Math.random().toString(16).slice(2, 10);
const textOf = (activity: Record<string, unknown>) => JSON.stringify(activity.attachments);

describe("inquiry cards: posted once to the program office channel, then updated in place", () => {
  let standIn: ConnectorStandIn | undefined;
  let worker: NotificationWorker | undefined;
  let closeApi: (() => Promise<void>) | undefined;
  let smtp: RunningSmtpServer | undefined;
  afterEach(async () => {
    await worker?.stop();
    await standIn?.close();
    await smtp?.close();
    await closeApi?.();
    worker = standIn = smtp = closeApi = undefined;
  });

  it("a mail → one channel card without the mail's text; taking it and answering it redraw that card", async () => {
    const queueName = `inq-cards-${hex()}`;
    await new QueueClient(connectionString, queueName).create();
    standIn = await startConnectorStandIn({ requireToken: "token-1" });
    const config = loadConfig({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: `i${hex()}`, PROGRAM_ID: `p${hex()}`, NOTIFICATIONS_QUEUE: queueName });
    const services = await createServices(config, { log: silentLogger });
    const server = await startLocalServer(services, { table: routes, port: 0, host: "127.0.0.1", logHandler: () => undefined });
    closeApi = () => server.close();
    smtp = await startLocalMailbox(loadMailboxConfig("local", { MAILBOX_SMTP_PORT: "0" }), { sink: (c) => services.inquiries.receive(c), clock: services.clock });
    const baseUrl = `${server.url}/api`;
    const as = (email: string, actingFor?: string): ApiClient =>
      createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: email, ...(actingFor ? { [ACTING_USER_HEADER]: actingFor } : {}) }) });
    const bot = as(DEMO_USERS.bot);

    const office = "19:programkontoret@thread.tacv2";
    await bot.putConversation({
      conversationId: office,
      kind: "channel",
      serviceUrl: standIn.serviceUrl,
      tenantId: TENANT_ID,
      name: "Programkontoret",
      reference: { serviceUrl: standIn.serviceUrl, channelId: "msteams", conversation: { id: office, tenantId: TENANT_ID, conversationType: "channel" }, bot: { id: "28:bot", name: "Nära vård" }, locale: "sv-SE" },
    });
    await as(DEMO_USERS.bot, DEMO_USERS.programledare).markProgramOfficeChannel(office);
    worker = startNotificationWorker({
      storageConnectionString: connectionString,
      api: bot,
      tokenProvider: () => Promise.resolve("token-1"),
      tabsBaseUrl: "http://localhost:53000",
      teamsAppId: "app-id",
      log: () => undefined,
      queueName,
      journal: memoryJournal(),
      idlePollMs: { min: 50, max: 200 },
    });

    const mail = { from: "Anna Berg <anna.berg@example.se>", to: SHARED_MAILBOX, subject: "Fråga om anslutning", text: "Jag har diabetes och undrar …", messageId: `<${hex()}@example.se>` };
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    await waitUntil(() => standIn!.acceptedFor(office).length >= 1, 30_000, () => `accepted ${standIn!.accepted.length}`);
    const card = standIn.acceptedFor(office)[0]!;
    expect(textOf(card.activity)).toContain("Fråga om anslutning");
    expect(textOf(card.activity)).toContain("Ta ärendet");
    expect(textOf(card.activity)).not.toContain("diabetes");

    const leader = as("forandringsledare1@naravard.test");
    const [inquiry] = (await leader.listInquiries()).items;
    expect(inquiry).toBeDefined();
    const taken = await leader.assignInquiry(inquiry!.id, "forandringsledare1@naravard.test", inquiry!.etag ?? "");
    await waitUntil(() => standIn!.updated.length >= 1, 30_000, () => `updated ${standIn!.updated.length}`);
    expect(standIn.updated[0]).toMatchObject({ conversationId: office, id: card.id });
    expect(textOf(standIn.updated[0]!.activity)).toContain("Ärendet har tagits av forandringsledare1@naravard.test");
    expect(textOf(standIn.updated[0]!.activity)).not.toContain("Ta ärendet");

    await leader.markInquiryAnswered(inquiry!.id, "Ringde upp Anna", taken.etag ?? "");
    await waitUntil(() => standIn!.updated.length >= 2, 30_000, () => `updated ${standIn!.updated.length}`);
    expect(standIn.updated[1]).toMatchObject({ conversationId: office, id: card.id });
    expect(textOf(standIn.updated[1]!.activity)).toContain("Ärendet är besvarat");
    // One card in the channel, however often the mail came: the changes were updates of it.
    expect(standIn.acceptedFor(office)).toHaveLength(1);
  });
});

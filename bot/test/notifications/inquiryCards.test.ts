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
import type { CardAttachment } from "../../src/cards/render.js";
import { assignInquiry } from "../../src/handlers/inquiries.js";
import { allText, ofType } from "../support/cardQuery.js";
import { input } from "../support/env.js";
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
/** The card an activity carries. */
const cardOf = (activity: Record<string, unknown>): CardAttachment => (activity.attachments as CardAttachment[])[0]!;

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

  /** API with the local mailbox, the worker on its own queue, the stand-in Connector and the office channel. */
  async function start() {
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

    const personal = async (email: string): Promise<string> => {
      const conversationId = `a:1:${email}`;
      await bot.putConversation({
        conversationId,
        kind: "personal",
        serviceUrl: standIn!.serviceUrl,
        tenantId: TENANT_ID,
        userEmail: email,
        reference: { serviceUrl: standIn!.serviceUrl, channelId: "msteams", conversation: { id: conversationId, tenantId: TENANT_ID, conversationType: "personal" }, bot: { id: "28:bot", name: "Nära vård" }, locale: "sv-SE" },
      });
      return conversationId;
    };
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    const sendMail = async (mail: Parameters<typeof transport.sendMail>[0]): Promise<void> => {
      await transport.sendMail(mail);
    };
    return { as, office, personal, sendMail, standIn };
  }

  it("a mail → one channel card without the mail's text; taking it and answering it redraw that card", async () => {
    const { as, office, sendMail, standIn: connector } = await start();

    const mail = { from: "Anna Berg <anna.berg@example.se>", to: SHARED_MAILBOX, subject: "Fråga om anslutning", text: "Jag har diabetes och undrar …", messageId: `<${hex()}@example.se>` };
    await sendMail(mail);
    await sendMail(mail);
    await waitUntil(() => connector.acceptedFor(office).length >= 1, 30_000, () => `accepted ${connector.accepted.length}`);
    const card = connector.acceptedFor(office)[0]!;
    expect(textOf(card.activity)).toContain("Fråga om anslutning");
    expect(textOf(card.activity)).toContain("Ta ärendet");
    expect(textOf(card.activity)).not.toContain("diabetes");

    const leader = as("forandringsledare1@naravard.test");
    const [inquiry] = (await leader.listInquiries()).items;
    expect(inquiry).toBeDefined();
    const taken = await leader.assignInquiry(inquiry!.id, "forandringsledare1@naravard.test", inquiry!.etag ?? "");
    await waitUntil(() => connector.updated.length >= 1, 30_000, () => `updated ${connector.updated.length}`);
    expect(connector.updated[0]).toMatchObject({ conversationId: office, id: card.id });
    expect(textOf(connector.updated[0]!.activity)).toContain("Ärendet har tagits av forandringsledare1@naravard.test");
    expect(textOf(connector.updated[0]!.activity)).not.toContain("Ta ärendet");

    await leader.markInquiryAnswered(inquiry!.id, "Ringde upp Anna", taken.etag ?? "");
    await waitUntil(() => connector.updated.length >= 2, 30_000, () => `updated ${connector.updated.length}`);
    expect(connector.updated[1]).toMatchObject({ conversationId: office, id: card.id });
    expect(textOf(connector.updated[1]!.activity)).toContain("Ärendet är besvarat");
    // One card in the channel, however often the mail came: the changes were updates of it.
    expect(connector.acceptedFor(office)).toHaveLength(1);
  });

  it("the channel card offers Tilldela to everyone: the koordinator assigns from it, a change leader is refused on it", async () => {
    const { as, office, personal, sendMail, standIn: connector } = await start();
    const erik = "forandringsledare2@naravard.test";
    const erikChat = await personal(erik);
    await sendMail({ from: "Anna Berg <anna.berg@example.se>", to: SHARED_MAILBOX, subject: "Fråga om remiss", text: "Jag undrar …", messageId: `<${hex()}@example.se>` });
    await waitUntil(() => connector.acceptedFor(office).length >= 1, 30_000, () => `accepted ${connector.accepted.length}`);
    const posted = connector.acceptedFor(office)[0]!;
    const card = cardOf(posted.activity);

    // The choice lists the program's change leaders from the members list, and nobody else.
    const changeLeaders = (await as(DEMO_USERS.programledare).listMembers({ role: "forandringsledare", pageSize: 100 })).items.map((m) => m.email).sort();
    expect(changeLeaders.length).toBeGreaterThan(1);
    const choice = ofType(card, "Input.ChoiceSet")[0]!;
    expect(choice).toMatchObject({ id: "assignee", label: "Tilldela en förändringsledare" });
    expect((choice.choices as Array<{ value: string }>).map((c) => c.value).sort()).toEqual(changeLeaders);
    expect(allText(card)).toContain("Erik Nyström");
    const actions = ofType(card, "Action.Execute");
    expect(actions.map((a) => a.title)).toEqual(["Ta ärendet", "Tilldela"]);
    const assignData = actions.find((a) => a.verb === "assignInquiry")!.data as { inquiryId: string };

    // What Teams sends when a person picks Erik and presses Tilldela: the action's data with the input merged in.
    const press = (user: string) => assignInquiry(input({ ...assignData, assignee: erik }, { api: as(DEMO_USERS.bot, user), user: { email: user } }));

    // A change leader may take, not assign others: the refusal shows on the card, Erik still chosen, nothing moved.
    const refused = await press(DEMO_USERS.forandringsledare1);
    expect(allText(refused.updatedCard!)).toContain("Bara programledaren och koordinatorn får tilldela andra ett ärende.");
    expect(ofType(refused.updatedCard!, "Input.ChoiceSet")[0]).toMatchObject({ value: erik });
    expect((await as(DEMO_USERS.koordinator).getInquiry(assignData.inquiryId)).assignee).toBeNull();

    // The koordinator assigns it to Erik from the same card.
    const done = await press(DEMO_USERS.koordinator);
    expect(allText(done.updatedCard!)).toContain(`Ärendet har tagits av ${erik}`);
    const after = await as(DEMO_USERS.koordinator).getInquiry(assignData.inquiryId);
    expect(after).toMatchObject({ assignee: erik, status: "assigned" });

    // Everyone's copy of the channel card is redrawn in place: it names Erik and still offers reassigning.
    await waitUntil(() => connector.updated.length >= 1, 30_000, () => `updated ${connector.updated.length}`);
    expect(connector.updated[0]).toMatchObject({ conversationId: office, id: posted.id });
    const redrawn = cardOf(connector.updated[0]!.activity);
    expect(allText(redrawn)).toContain(`Ärendet har tagits av ${erik}`);
    expect(ofType(redrawn, "Action.Execute").map((a) => a.title)).toEqual(["Tilldela"]);
    expect(ofType(redrawn, "Input.ChoiceSet")[0]).toMatchObject({ id: "assignee", value: erik });

    // Erik gets it in 1:1 chat with the time left.
    await waitUntil(() => connector.acceptedFor(erikChat).length >= 1, 30_000, () => `accepted ${connector.accepted.length}`);
    const mine = cardOf(connector.acceptedFor(erikChat)[0]!.activity);
    expect(allText(mine)).toContain("Du har ett ärende att besvara");
    expect(allText(mine)).toMatch(/\d+ h \d+ min kvar till första återkoppling/);
    expect(connector.acceptedFor(office)).toHaveLength(1);
  });
});

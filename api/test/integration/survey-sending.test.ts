import { QueueClient } from "@azure/storage-queue";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { decodeNotificationMessage, NotificationSchema, SurveyRoundSchema, type Notification } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { StorageNotificationQueue, type NotificationQueue } from "../../src/services/queue.js";
import { connectionString, R, startTestApi, uniqueName, USERS, type TestApi } from "../helpers.js";

/**
 * SPEC 3.3 / issue 11: "a bot restart mid-send neither skips nor doubles a recipient; reminders are sent once per
 * reminder time". Two API processes share one program's tables and queue: the first dies after queuing one card,
 * the second takes over. The bot's side is the delivery claim: it sends a queued card only when its claim succeeds.
 */
const HOUR = 3_600_000;
const clock = fixedClock("2026-03-02T08:00:00.000Z");
const inHours = (h: number) => new Date(clock().getTime() + h * HOUR).toISOString();
const shared = { TABLE_PREFIX: uniqueName("t"), PROGRAM_ID: uniqueName("p"), NOTIFICATIONS_QUEUE: uniqueName("q") };
const queueClient = new QueueClient(connectionString(), shared.NOTIFICATIONS_QUEUE);
const RECIPIENTS = [USERS.programledare, USERS.deltagare, USERS.koordinator];

let restarted: TestApi;
let roundId: string;

/** Everything on the queue for the round, oldest first (messages stay until the bot takes them). */
async function queued(): Promise<Array<Extract<Notification, { kind: "survey_request" }>>> {
  const { peekedMessageItems } = await queueClient.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems
    .map((m) => NotificationSchema.parse(decodeNotificationMessage(m.messageText)))
    .filter((n): n is Extract<Notification, { kind: "survey_request" }> => n.kind === "survey_request" && n.survey.id === roundId);
}
const emailOf = (n: Notification) => (n.target.kind === "user" ? n.target.email : "");

/** What the bot does with each queued message: claim it, send only if the claim is granted, record the send. */
async function deliverAsTheBot(messages: readonly Notification[]): Promise<string[]> {
  const delivered: string[] = [];
  for (const n of messages) {
    const claim = await restarted.call("POST", `/api/bot/deliveries/${encodeURIComponent(n.id)}/claim`, {
      user: USERS.bot,
      body: { kind: n.kind, target: n.target, leaseSeconds: 60 },
    });
    if (claim.status !== 200) {
      expect(claim.status).toBe(409);
      continue;
    }
    const claimId = claim.as(R.delivery).claimId ?? "";
    const sent = await restarted.call("PUT", `/api/bot/deliveries/${encodeURIComponent(n.id)}`, { user: USERS.bot, body: { outcome: "sent", attempts: 1, claimId, lastStatus: 201 } });
    expect(sent.status).toBe(200);
    delivered.push(emailOf(n));
  }
  return delivered;
}

beforeAll(async () => {
  const real = new StorageNotificationQueue(queueClient);
  await real.ensure();
  // The first process queues one card, then stops: every later send fails, as a process that is gone.
  let accepted = 0;
  const dying: NotificationQueue = {
    send: async (n) => {
      if (accepted >= 1) throw new Error("processen stannade mitt i utskicket");
      accepted++;
      await real.send(n);
    },
  };
  const first = await startTestApi(shared, { clock, queue: dying });
  const created = await first.call("POST", "/api/surveys", {
    body: {
      kind: "activity",
      title: "Lärseminarium: omstart mitt i utskicket",
      activity: { name: "Hemsjukvård", date: "2026-03-02", programAreaId: "personcentrerat" },
      recipients: RECIPIENTS,
      deadline: inHours(24 * 10),
      reminders: [inHours(48), inHours(96)],
    },
  });
  expect(created.status).toBe(201);
  roundId = created.as(SurveyRoundSchema).id;
  await first.close();
  restarted = await startTestApi(shared, { clock });
}, 60_000);
afterAll(async () => {
  await restarted.close();
});

describe("sending survey cards across a restart", () => {
  it("the process that takes over sends to everyone; the card already queued is not delivered twice", async () => {
    expect((await queued()).map(emailOf)).toHaveLength(1);
    await restarted.services.surveys.sweep();
    await restarted.services.surveys.sweep();
    const messages = await queued();
    // Each recipient's card has one id, whichever process queued it.
    const idsByRecipient = new Map<string, Set<string>>();
    for (const n of messages) idsByRecipient.set(emailOf(n), (idsByRecipient.get(emailOf(n)) ?? new Set()).add(n.id));
    expect([...idsByRecipient.keys()].sort()).toEqual([...RECIPIENTS].sort());
    expect([...idsByRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    // The one card queued before the restart is on the queue twice; the bot's claim lets it through once.
    expect(messages).toHaveLength(RECIPIENTS.length + 1);
    expect((await deliverAsTheBot(messages)).sort()).toEqual([...RECIPIENTS].sort());
  });

  it("reminds those who have not answered once per reminder time, also when sweeps repeat", async () => {
    const ratings = { innehall: 4, mojlighet: 4, nytta: 4, "strategiskt-mal": 4, larande: 4, samverkan: 4, expert: 4, engagemang: 4 };
    expect((await restarted.call("PUT", `/api/surveys/${roundId}/responses/me`, { user: USERS.deltagare, body: { answers: ratings } })).status).toBe(200);
    const reminders = async (n: number) => (await queued()).filter((m) => m.reminder === n);

    clock.advance(47 * HOUR);
    await restarted.services.surveys.sweep();
    expect(await reminders(1)).toEqual([]);

    clock.advance(2 * HOUR);
    await Promise.all([restarted.services.surveys.sweep(), restarted.services.surveys.sweep()]);
    await restarted.services.surveys.sweep();
    const firstIds = new Set((await reminders(1)).map((m) => m.id));
    expect(firstIds.size).toBe(2);
    expect((await deliverAsTheBot(await reminders(1))).sort()).toEqual([USERS.programledare, USERS.koordinator].sort());
    expect((await deliverAsTheBot(await reminders(1))).length).toBe(0);

    // The koordinator answers between the reminders: the second one goes to the programledare only.
    expect((await restarted.call("PUT", `/api/surveys/${roundId}/responses/me`, { user: USERS.koordinator, body: { answers: ratings } })).status).toBe(200);
    clock.advance(48 * HOUR);
    await restarted.services.surveys.sweep();
    await restarted.services.surveys.sweep();
    expect((await reminders(2)).map(emailOf)).toEqual([USERS.programledare]);
    expect(await deliverAsTheBot(await reminders(2))).toEqual([USERS.programledare]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { DeliveryClaimConflictSchema, NotificationSchema, type Notification } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

const clock = fixedClock("2025-03-03T09:00:00.000Z");
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { clock });
});
afterAll(async () => {
  await api.close();
});

const asBot = (acting?: string): { user: string; headers: Record<string, string> } => ({ user: USERS.bot, headers: acting ? { "x-acting-user": acting } : {} });

/** A kept notification (a decision card) for `target`, as the API puts it on the queue. */
function decisionCard(id: string, target: Notification["target"]): Notification {
  return NotificationSchema.parse({
    id,
    kind: "decision_made",
    programId: "gnv",
    createdAt: "2025-03-03T08:00:00.000Z",
    target,
    project: { id: "p", name: "P", status: "inkluderad" },
    decision: { id: "d", outcome: "inkluderad", rationale: "Uppfyller kriterierna.", date: "2025-03-03", bodyName: "Programstyrgruppen" },
  });
}

/** The bot claimed it and found no conversation for its target (recorded `no_conversation`, kept for a re-drive). */
async function notReached(n: Notification): Promise<void> {
  const r = await api.call("POST", `/api/bot/deliveries/${encodeURIComponent(n.id)}/claim`, { ...asBot(), body: { kind: n.kind, target: n.target, leaseSeconds: 60, notification: n } });
  const recorded = await api.call("PUT", `/api/bot/deliveries/${encodeURIComponent(n.id)}`, { ...asBot(), body: { outcome: "no_conversation", attempts: 0, claimId: r.as(R.delivery).claimId, lastStatus: 404 } });
  expect(recorded.status).toBe(200);
}

/** How many times the notification is on the queue. */
const onQueue = async (id: string) => (await api.notifications()).filter((x) => x.id === id).length;

function conversation(id: string, kind: "personal" | "channel", userEmail?: string) {
  return {
    conversationId: id,
    kind,
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    tenantId: "tenant-1",
    ...(userEmail ? { userEmail } : {}),
    name: kind === "channel" ? "Programkontoret" : undefined,
    reference: { conversation: { id }, bot: { id: "28:bot" }, channelId: "msteams" },
  };
}

describe("bot routes: conversations", () => {
  it("only the bot may store conversations", async () => {
    const r = await api.call("PUT", "/api/bot/conversations", { user: USERS.programledare, body: conversation("a:1", "personal", USERS.deltagare) });
    expect(r.status).toBe(403);
    const x = await api.call("PUT", "/api/bot/conversations", { user: USERS.programledare, body: conversation("a:1", "personal"), headers: { "x-acting-user": USERS.deltagare } });
    expect(x.status).toBe(403);
  });

  it("stores (201) and updates (200) a personal chat, and resolves it by email", async () => {
    const first = await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:personal-1", "personal", "Deltagare1@Naravard.test") });
    expect(first.status).toBe(201);
    const ref = first.as(R.conversation);
    expect(ref.key).toMatch(/^[0-9a-f]{32}$/);
    expect(ref.isProgramOfficeChannel).toBe(false);
    expect(ref.userEmail).toBe(USERS.deltagare);
    const second = await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:personal-1", "personal", USERS.deltagare) });
    expect(second.status).toBe(200);
    expect(second.as(R.conversation).key).toBe(ref.key);

    const resolved = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "user", email: USERS.deltagare } });
    expect(resolved.status).toBe(200);
    expect(resolved.as(R.conversation)).toMatchObject({ conversationId: "a:personal-1", kind: "personal", reference: { conversation: { id: "a:personal-1" } } });
    const unknown = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "user", email: "okand@naravard.test" } });
    expect(unknown.status).toBe(404);
    expect(unknown.err().code).toBe("not_found");
    expect((await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "programOfficeChannel" } })).status).toBe(404);
  });

  it("a personal chat that came to act as someone else no longer brings the first person's cards", async () => {
    // Local mode's `som` makes one Playground chat act as another demo user; the cards of the first must not land there.
    await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:personal-shared", "personal", USERS.koordinator) });
    const moved = await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:personal-shared", "personal", USERS.programledare) });
    expect(moved.status).toBe(200);
    const now = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "user", email: USERS.programledare } });
    expect(now.as(R.conversation).conversationId).toBe("a:personal-shared");
    const before = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "user", email: USERS.koordinator } });
    expect(before.status).toBe(404);
  });

  it("the program office channel is set by the programledare through the bot; a new one replaces the old", async () => {
    await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("19:kanal-1@thread.tacv2", "channel") });
    await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("19:kanal-2@thread.tacv2", "channel") });
    const mark = (conversationId: string, acting?: string, user: string = USERS.bot) => {
      const headers: Record<string, string> = acting ? { "x-acting-user": acting } : {};
      return api.call("POST", "/api/bot/program-office-channel", { user, headers, body: { conversationId } });
    };

    expect((await mark("19:kanal-1@thread.tacv2")).status).toBe(403);
    expect((await mark("19:kanal-1@thread.tacv2", USERS.koordinator)).status).toBe(403);
    expect((await mark("19:kanal-1@thread.tacv2", undefined, USERS.programledare)).status).toBe(403);
    expect((await mark("19:okand", USERS.programledare)).status).toBe(404);

    const one = await mark("19:kanal-1@thread.tacv2", USERS.programledare);
    expect(one.status).toBe(200);
    expect(one.as(R.conversation).isProgramOfficeChannel).toBe(true);
    const resolved = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "programOfficeChannel" } });
    expect(resolved.as(R.conversation).conversationId).toBe("19:kanal-1@thread.tacv2");

    await mark("19:kanal-2@thread.tacv2", USERS.programledare);
    const now = await api.call("POST", "/api/bot/conversations/resolve", { ...asBot(), body: { kind: "programOfficeChannel" } });
    expect(now.as(R.conversation).conversationId).toBe("19:kanal-2@thread.tacv2");
    const old = await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("19:kanal-1@thread.tacv2", "channel") });
    expect(old.as(R.conversation).isProgramOfficeChannel).toBe(false);
  });
});

describe("bot routes: deliveries", () => {
  /** The claim id of each notification's latest claim, as the bot keeps it. */
  const claims = new Map<string, string>();
  const claim = async (id: string, leaseSeconds = 60, notification?: Notification) => {
    const r = await api.call("POST", `/api/bot/deliveries/${encodeURIComponent(id)}/claim`, {
      ...asBot(),
      body: { kind: "decision_made", target: { kind: "user", email: USERS.projektledare }, leaseSeconds, ...(notification ? { notification } : {}) },
    });
    if (r.status === 200) claims.set(id, r.as(R.delivery).claimId ?? "");
    return r;
  };
  const result = (id: string, outcome: string, attempts = 1, claimId = claims.get(id) ?? "none") =>
    api.call("PUT", `/api/bot/deliveries/${encodeURIComponent(id)}`, { ...asBot(), body: { outcome, attempts, claimId, lastStatus: outcome === "sent" ? 201 : 503 } });

  it("claim → sent → a second claim is 409 with the delivery", async () => {
    const id = "decision_made:beslut-abc";
    const first = await claim(id);
    expect(first.status).toBe(200);
    expect(first.as(R.delivery)).toMatchObject({ notificationId: id, outcome: "sending", attempts: 0 });
    const busy = await claim(id);
    expect(busy.status).toBe(409);
    expect(busy.err().code).toBe("conflict");
    const sent = await result(id, "sent");
    expect(sent.status).toBe(200);
    expect(sent.as(R.delivery).outcome).toBe("sent");
    expect(sent.as(R.delivery).claimedUntil).toBeUndefined();
    const again = await claim(id);
    expect(again.status).toBe(409);
    expect(again.as(DeliveryClaimConflictSchema)).toMatchObject({ code: "conflict", message: "Notifieringen är redan skickad.", details: [], delivery: { notificationId: id, outcome: "sent" } });
  });

  it("an expired lease is taken over; the old claim can no longer record; failed deliveries may be retried", async () => {
    const id = "application_submitted:proj/with?odd#chars";
    expect((await claim(id, 5)).status).toBe(200);
    const firstClaim = claims.get(id);
    expect((await claim(id, 5)).status).toBe(409);
    clock.advance(6_000);
    const takeover = await claim(id, 5);
    expect(takeover.status).toBe(200);
    // The worker that lost its lease comes back late: it cannot overwrite what the new holder records.
    const late = await result(id, "sent", 1, firstClaim);
    expect(late.status).toBe(409);
    expect((await result(id, "failed", 5)).as(R.delivery).outcome).toBe("failed");
    expect((await claim(id)).status).toBe(200);
  });

  it("a sent delivery is never overwritten", async () => {
    const id = "decision_made:fenced";
    await claim(id);
    expect((await result(id, "sent")).status).toBe(200);
    expect((await result(id, "failed")).status).toBe(409);
  });

  it("the program office sends a failed notification again: it goes back on the queue and can be claimed", async () => {
    const notification = decisionCard("decision_made:redrive", { kind: "user", email: USERS.projektledare });
    const id = `${notification.id}:redrive`;
    const redo = { ...notification, id };
    await claim(id, 60, redo);
    await result(id, "failed", 8);
    const before = (await api.notifications()).filter((x) => x.id === id).length;
    const r = await api.call("POST", `/api/deliveries/${encodeURIComponent(id)}/retry`, { user: USERS.koordinator });
    expect(r.status).toBe(202);
    expect(r.as(R.delivery)).toMatchObject({ outcome: "failed", retryable: true });
    expect((await api.notifications()).filter((x) => x.id === id).length).toBe(before + 1);
    expect((await claim(id)).status).toBe(200);
    await result(id, "sent");
    expect((await api.call("POST", `/api/deliveries/${encodeURIComponent(id)}/retry`, { user: USERS.koordinator })).status).toBe(409);
    expect((await api.call("POST", `/api/deliveries/${encodeURIComponent(id)}/retry`, { user: USERS.deltagare })).status).toBe(403);
    expect((await api.call("POST", "/api/deliveries/none/retry", { user: USERS.koordinator })).status).toBe(404);
  });

  it("an outcome needs a claim first; only the bot may claim", async () => {
    expect((await result("never-claimed", "sent")).status).toBe(404);
    const r = await api.call("POST", "/api/bot/deliveries/x/claim", { user: USERS.programledare, body: { kind: "k", target: { kind: "programOfficeChannel" } } });
    expect(r.status).toBe(403);
  });

  it("the program office lists who was not reached", async () => {
    const id = "decision_made:not-reached";
    await claim(id);
    await result(id, "no_conversation");
    const list = await api.call("GET", "/api/deliveries?outcome=no_conversation", { user: USERS.koordinator });
    expect(list.status).toBe(200);
    expect(list.as(R.deliveries).items.map((d) => d.notificationId)).toEqual([id]);
    expect((await api.call("GET", "/api/deliveries", { user: USERS.deltagare })).status).toBe(403);
    const paged = await api.call("GET", "/api/deliveries?pageSize=1", { user: USERS.programledare });
    expect(paged.as(R.deliveries).items).toHaveLength(1);
    expect(typeof paged.as(R.deliveries).continuationToken).toBe("string");
  });
  it("a card that found no chat is sent again when the person first chats with the bot, once, and only theirs", async () => {
    const mine = decisionCard("decision_made:waiting-for-chat", { kind: "user", email: USERS.forandringsledare });
    const others = decisionCard("decision_made:someone-else", { kind: "user", email: USERS.koordinator });
    for (const n of [mine, others]) await notReached(n);
    const before = { mine: await onQueue(mine.id), others: await onQueue(others.id) };

    const first = await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:first-chat", "personal", USERS.forandringsledare) });
    expect(first.status).toBe(201);
    expect(await onQueue(mine.id)).toBe(before.mine + 1);
    expect(await onQueue(others.id)).toBe(before.others);

    // The same chat saved again (every message refreshes it) sends nothing more.
    expect((await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("a:first-chat", "personal", USERS.forandringsledare) })).status).toBe(200);
    expect(await onQueue(mine.id)).toBe(before.mine + 1);
  });

  it("a card for the program office channel that came before the channel was named arrives once it is", async () => {
    const n = decisionCard("decision_made:before-the-channel", { kind: "programOfficeChannel" });
    await notReached(n);
    const before = await onQueue(n.id);

    await api.call("PUT", "/api/bot/conversations", { ...asBot(), body: conversation("19:kanal-sent@thread.tacv2", "channel") });
    const mark = () => api.call("POST", "/api/bot/program-office-channel", { ...asBot(USERS.programledare), body: { conversationId: "19:kanal-sent@thread.tacv2" } });
    expect((await mark()).status).toBe(200);
    expect(await onQueue(n.id)).toBe(before + 1);
    // Naming the same channel again changes nothing.
    expect((await mark()).status).toBe(200);
    expect(await onQueue(n.id)).toBe(before + 1);
  });
});

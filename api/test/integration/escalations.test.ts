import { QueueClient } from "@azure/storage-queue";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { decodeNotificationMessage, NotificationSchema, type Escalation, type Notification } from "../../src/contracts/index.js";
import { connectionString, R, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const SIP = "SIP på distans - breddinförande av videodistansteknik";

const body = (overrides: Record<string, unknown> = {}) => ({
  title: "Förändringsledare saknas i Timrå",
  description: "Timrå har ingen förändringsledare sedan oktober; två utvecklingsarbeten står still.",
  urgency: "normal",
  ...overrides,
});

async function raise(overrides: Record<string, unknown> = {}, user: string = USERS.forandringsledare, headers: Record<string, string> = {}) {
  return api.call("POST", "/api/escalations", { user, body: body(overrides), headers });
}

async function raised(overrides: Record<string, unknown> = {}, user: string = USERS.forandringsledare): Promise<Escalation> {
  const r = await raise(overrides, user);
  expect([JSON.stringify(r.json), r.status]).toEqual([JSON.stringify(r.json), 201]);
  return r.as(R.escalation);
}

async function act(e: Escalation, input: Record<string, unknown>, user: string, etag = e.etag) {
  return api.call("POST", `/api/escalations/${e.id}/actions`, { user, body: input, headers: { "if-match": etag } });
}

async function acted(e: Escalation, input: Record<string, unknown>, user: string): Promise<Escalation> {
  const r = await act(e, input, user);
  expect([JSON.stringify(r.json), r.status]).toEqual([JSON.stringify(r.json), 200]);
  expect(r.headers.get("etag")).toBe(r.as(R.escalation).etag);
  return r.as(R.escalation);
}

/** Every notification this file's API queued so far (the queue is drained as we go: a peek sees only 32). */
const seen: Notification[] = [];
async function notificationsFor(id: string): Promise<Notification[]> {
  const queue = new QueueClient(connectionString(), api.queueName);
  for (;;) {
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
    if (receivedMessageItems.length === 0) break;
    for (const m of receivedMessageItems) {
      seen.push(NotificationSchema.parse(decodeNotificationMessage(m.messageText)));
      await queue.deleteMessage(m.messageId, m.popReceipt);
    }
  }
  return seen.filter((n) => (n.kind === "escalation" || n.kind === "escalation_updated") && n.escalation.id === id);
}

describe("raising (PP 9.5)", () => {
  it("a change leader's escalation starts at the programledare, who holds it, with a timeline", async () => {
    const e = await raised();
    expect(e).toMatchObject({ status: "open", level: "programledare", holder: USERS.programledare, raisedBy: USERS.forandringsledare });
    expect(e.source).toEqual({ kind: "manual", id: e.id });
    expect(e.holders.map((h) => h.email)).toEqual([USERS.programledare]);
    expect(e.timeline).toHaveLength(1);
    expect(e.timeline[0]).toMatchObject({ by: USERS.forandringsledare, what: "raised", level: "programledare" });
    const r = await api.call("GET", `/api/escalations/${e.id}`, { user: USERS.programledare });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe(e.etag);
    expect(r.as(R.escalation).allowedActions).toEqual(["acknowledge", "decide", "escalate", "close"]);
  });

  it("the programledare's acute one goes straight to the chair; a normal one stays in the program", async () => {
    expect((await raised({ urgency: "akut" }, USERS.programledare)).level).toBe("styrgrupp_ordforande");
    expect((await raised({}, USERS.programledare)).level).toBe("programledare");
    expect((await raised({ urgency: "akut" }, USERS.koordinator)).level).toBe("programledare");
  });

  it("the chair's own escalation goes to the commissioner", async () => {
    const e = await raised({}, USERS.ordforande);
    expect(e).toMatchObject({ level: "bestallare", holder: USERS.bestallare });
  });

  it("notifies the holder 1:1 and copies the program office channel, with deterministic ids", async () => {
    const e = await raised();
    const sent = await notificationsFor(e.id);
    expect(sent.map((n) => n.target)).toEqual([{ kind: "user", email: USERS.programledare }, { kind: "programOfficeChannel" }]);
    expect(sent.every((n) => n.kind === "escalation" && n.event === "raised" && n.cardKey === `escalation:${e.id}`)).toBe(true);
    expect(new Set(sent.map((n) => n.id)).size).toBe(2);
  });

  it("the same source three times at once → one escalation (201 once, 200 twice) and one card per recipient", async () => {
    const source = { kind: "risk", id: "risk-bemanning-timra" };
    const answers = await Promise.all([
      raise({ source }, USERS.forandringsledare),
      raise({ source }, USERS.koordinator),
      raise({ source }, USERS.deltagare),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const ids = new Set(answers.map((a) => a.as(R.escalation).id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const cards = await notificationsFor(id ?? "");
    expect(cards).toHaveLength(2);
    const list = (await api.call("GET", "/api/escalations?sourceKind=risk", { user: USERS.programledare })).as(R.escalations);
    expect(list.items.filter((x) => x.source.id === source.id)).toHaveLength(1);
  });

  it("after the source's escalation is decided, the same source may escalate again", async () => {
    const source = { kind: "inquiry", id: "arende-42" };
    const first = await raised({ source });
    await acted(first, { action: "decide", decision: "Svara inom en vecka.", rationale: "Ärendet är enkelt." }, USERS.programledare);
    const again = await raise({ source });
    expect(again.status).toBe(201);
    expect(again.as(R.escalation).id).not.toBe(first.id);
  });

  it("a manual one with the same Idempotency-Key twice → one escalation (201, then 200)", async () => {
    const headers = { "Idempotency-Key": "dubbelklick-1" };
    const a = await raise({}, USERS.forandringsledare, headers);
    const b = await raise({}, USERS.forandringsledare, headers);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.as(R.escalation).id).toBe(a.as(R.escalation).id);
  });
});

describe("bad input", () => {
  it("an unknown project → 400 naming projectId (Swedish first, English on request)", async () => {
    const r = await raise({ projectId: "finns-inte" });
    expect(r.status).toBe(400);
    expect(r.err().details).toContainEqual({ field: "projectId", message: "Utvecklingsarbetet finns inte." });
    const en = await api.call("POST", "/api/escalations", { user: USERS.forandringsledare, body: body({ projectId: "finns-inte" }), headers: { "accept-language": "en" } });
    expect(en.err().details).toContainEqual({ field: "projectId", message: "The development effort does not exist." });
  });

  it("missing title, bad urgency, unknown source kind → 400 naming each field", async () => {
    const r = await api.call("POST", "/api/escalations", {
      user: USERS.forandringsledare,
      body: { description: "x", urgency: "bråttom", source: { kind: "mejl", id: "1" } },
    });
    expect(r.status).toBe(400);
    const fields = r.err().details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "urgency", "source.kind"]));
  });

  it("a decision without rationale → 400 naming rationale, nothing changes", async () => {
    const e = await raised();
    const r = await act(e, { action: "decide", decision: "Ja" }, USERS.programledare);
    expect(r.status).toBe(400);
    expect(r.err().details.map((d) => d.field)).toContain("rationale");
    expect((await api.call("GET", `/api/escalations/${e.id}`, { user: USERS.programledare })).as(R.escalation).status).toBe("open");
  });

  it("acting when not the holder → 403 naming who holds it", async () => {
    const e = await raised();
    const r = await act(e, { action: "acknowledge" }, USERS.ordforande);
    expect(r.status).toBe(403);
    expect(r.err().message).toContain(USERS.programledare);
    expect(r.err()["holder"]).toBe(USERS.programledare);
  });

  it("a stale ETag → 412 and nothing changes; no If-Match → 428", async () => {
    const e = await raised();
    const ack = await acted(e, { action: "acknowledge" }, USERS.programledare);
    const stale = await act(e, { action: "escalate", reason: "Utanför mandatet" }, USERS.programledare);
    expect(stale.status).toBe(412);
    const now = (await api.call("GET", `/api/escalations/${e.id}`, { user: USERS.programledare })).as(R.escalation);
    expect(now).toMatchObject({ level: "programledare", etag: ack.etag });
    const none = await api.call("POST", `/api/escalations/${e.id}/actions`, { user: USERS.programledare, body: { action: "acknowledge" } });
    expect(none.status).toBe(428);
  });

  it("acting on a decided or closed escalation → 409, whatever version the caller had", async () => {
    const e = await raised();
    const decided = await acted(e, { action: "decide", decision: "Nej", rationale: "Ingen budget" }, USERS.programledare);
    expect((await act(decided, { action: "escalate", reason: "Vill överklaga" }, USERS.programledare)).status).toBe(409);
    expect((await act(e, { action: "decide", decision: "Ja", rationale: "Ändrat mig" }, USERS.programledare)).status).toBe(409);
    const other = await raised();
    const closed = await acted(other, { action: "close", reason: "Löst på annat sätt" }, USERS.forandringsledare);
    expect(closed.status).toBe("closed");
    expect((await act(closed, { action: "acknowledge" }, USERS.programledare)).status).toBe(409);
  });

  it("returning at the first level or escalating past the commissioner → 400 rule_violation", async () => {
    const e = await raised();
    const r = await act(e, { action: "return", reason: "Vad menas?" }, USERS.programledare);
    expect(r.status).toBe(400);
    expect(r.err().code).toBe("rule_violation");
    const top = await raised({}, USERS.ordforande);
    const up = await act(top, { action: "escalate", reason: "Högre" }, USERS.bestallare);
    expect(up.status).toBe(400);
  });

  it("unknown escalation → 404; an unknown user → 401", async () => {
    expect((await api.call("GET", "/api/escalations/esk-finns-inte", { user: USERS.programledare })).status).toBe(404);
    expect((await api.call("GET", "/api/escalations", { user: "okand@naravard.test" })).status).toBe(401);
    // The bot's own identity, acting for nobody, may not raise or read escalations.
    expect((await raise({}, USERS.bot)).status).toBe(403);
  });
});

describe("the chain: raise → escalate → decide, logged", () => {
  it("the programledare escalates, the chair decides; the decision is in the log linked to the escalation and its effort", async () => {
    const e = await raised({ projectId: "sip-pa-distans" });
    expect(e.projectName).toBe(SIP);
    const up = await acted(e, { action: "escalate", reason: "Kräver beslut om resurser" }, USERS.programledare);
    expect(up).toMatchObject({ level: "styrgrupp_ordforande", holder: USERS.ordforande });
    expect(up.acknowledged).toBeUndefined();
    // The chair is notified 1:1; every earlier copy is updated in place.
    const moved = (await notificationsFor(e.id)).filter((n) => n.kind === "escalation" && n.event === "moved");
    expect(moved.map((n) => n.target)).toContainEqual({ kind: "user", email: USERS.ordforande });
    expect((await notificationsFor(e.id)).some((n) => n.kind === "escalation_updated" && n.target.kind === "sentCards")).toBe(true);

    const decided = await acted(up, { action: "decide", decision: "Regionen bemannar tills vidare.", rationale: "Patientsäkerheten går först." }, USERS.ordforande);
    expect(decided.status).toBe("decided");
    expect(decided.decisionId).toBeDefined();
    expect(decided.timeline.map((t) => t.what)).toEqual(["raised", "escalated", "decided"]);
    expect(decided.timeline[2]).toMatchObject({ by: USERS.ordforande, level: "styrgrupp_ordforande" });

    const log = (await api.call("GET", `/api/decisions?escalationId=${e.id}`, { user: USERS.deltagare })).as(R.decisions);
    expect(log.items).toHaveLength(1);
    const d = log.items[0];
    expect(d).toMatchObject({ id: decided.decisionId, bodyName: "Programstyrgrupp", rationale: "Patientsäkerheten går först.", decidedBy: USERS.ordforande });
    expect(d?.concerns).toEqual({ kind: "escalation", id: e.id, title: e.title });
    expect(d?.links).toContainEqual({ kind: "project", id: "sip-pa-distans", title: SIP });
    const forProject = (await api.call("GET", "/api/decisions?projectId=sip-pa-distans", { user: USERS.deltagare })).as(R.decisions);
    expect(forProject.items.map((x) => x.id)).toContain(decided.decisionId);
  });

  it("the body's name comes from reference data: with Länsledning HälSam active the chain reads it", async () => {
    const ref = (await api.call("GET", "/api/reference", { user: USERS.koordinator })).as(R.reference);
    const styr = ref.bodies.find((b) => b.id === "styrgrupp");
    const lans = ref.bodies.find((b) => b.id === "lansledning-halsam");
    if (!styr || !lans) throw new Error("seeded bodies missing");
    const { etag: se, ...styrItem } = styr;
    const { etag: le, ...lansItem } = lans;
    expect((await api.call("PUT", "/api/reference/bodies/styrgrupp", { user: USERS.koordinator, body: { ...styrItem, active: false }, headers: { "if-match": se } })).status).toBe(200);
    expect((await api.call("PUT", "/api/reference/bodies/lansledning-halsam", { user: USERS.koordinator, body: { ...lansItem, active: true }, headers: { "if-match": le } })).status).toBe(200);
    try {
      const e = await raised({ urgency: "akut" }, USERS.programledare);
      const decided = await acted(e, { action: "decide", decision: "Ja", rationale: "Akut" }, USERS.ordforande);
      expect(decided.decision?.bodyName).toBe("Länsledning HälSam");
    } finally {
      const now = (await api.call("GET", "/api/reference", { user: USERS.koordinator })).as(R.reference);
      for (const [id, active] of [["styrgrupp", true], ["lansledning-halsam", false]] as const) {
        const b = now.bodies.find((x) => x.id === id);
        if (!b) continue;
        const { etag, ...item } = b;
        await api.call("PUT", `/api/reference/bodies/${id}`, { user: USERS.koordinator, body: { ...item, active }, headers: { "if-match": etag } });
      }
    }
  });

  it("acknowledging is recorded beside the state; returning goes back one level with the question", async () => {
    const e = await raised({ urgency: "akut" }, USERS.programledare);
    const ack = await acted(e, { action: "acknowledge" }, USERS.vice);
    expect(ack.acknowledged).toMatchObject({ by: USERS.vice });
    expect(ack.status).toBe("open");
    const up = await acted(ack, { action: "escalate", reason: "Oenighet i styrgruppen" }, USERS.ordforande);
    expect(up.level).toBe("bestallare");
    const back = await acted(up, { action: "return", reason: "Vilka alternativ har prövats?" }, USERS.bestallare);
    expect(back).toMatchObject({ level: "styrgrupp_ordforande", status: "open" });
    expect(back.timeline.at(-1)).toMatchObject({ what: "returned", text: "Vilka alternativ har prövats?", by: USERS.bestallare });
  });
});

describe("listing", () => {
  it("filters by status, level, holder and source kind, and pages", async () => {
    await raised();
    const mine = (await api.call("GET", "/api/escalations?status=open&holder=me", { user: USERS.ordforande })).as(R.escalations);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x) => x.level === "styrgrupp_ordforande" && x.status === "open")).toBe(true);
    const byEmail = (await api.call(`GET`, `/api/escalations?holder=${encodeURIComponent(USERS.programledare)}`, { user: USERS.koordinator })).as(R.escalations);
    expect(byEmail.items.every((x) => x.level === "programledare")).toBe(true);
    const decided = (await api.call("GET", "/api/escalations?status=decided", { user: USERS.koordinator })).as(R.escalations);
    expect(decided.items.every((x) => x.status === "decided")).toBe(true);
    const page1 = (await api.call("GET", "/api/escalations?pageSize=2", { user: USERS.koordinator })).as(R.escalations);
    expect(page1.items).toHaveLength(2);
    expect(page1.continuationToken).not.toBeNull();
    const page2 = (
      await api.call("GET", `/api/escalations?pageSize=2&continuationToken=${encodeURIComponent(page1.continuationToken ?? "")}`, { user: USERS.koordinator })
    ).as(R.escalations);
    expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
    expect((await api.call("GET", "/api/escalations?status=oppen", { user: USERS.koordinator })).err().details[0]?.field).toBe("status");
  });

  it("the demo data: one open at the chair, one decided with its decision in the log", async () => {
    const open = (await api.call("GET", "/api/escalations/esk-demo-bemanning-sip", { user: USERS.ordforande })).as(R.escalation);
    expect(open).toMatchObject({ status: "open", level: "styrgrupp_ordforande", holder: USERS.ordforande });
    const decided = (await api.call("GET", "/api/escalations/esk-demo-lokal-hemmonitorering", { user: USERS.ordforande })).as(R.escalation);
    expect(decided.status).toBe("decided");
    const log = (await api.call("GET", "/api/decisions?escalationId=esk-demo-lokal-hemmonitorering", { user: USERS.deltagare })).as(R.decisions);
    expect(log.items.map((d) => d.id)).toEqual([decided.decisionId]);
  });
});

describe("sent cards (the bot's record of where a card went)", () => {
  it("the bot records each copy once per conversation and reads them back; nobody else may", async () => {
    const copy = { conversationId: "a:1chair", serviceUrl: "http://127.0.0.1:1/", activityId: "act-1", locale: "sv" };
    const put = (body: unknown, user: string = USERS.bot) => api.call("PUT", "/api/bot/cards/escalation:esk-x", { user, body });
    expect((await put(copy)).status).toBe(200);
    expect((await put({ ...copy, activityId: "act-2" })).status).toBe(200);
    expect((await put({ ...copy, conversationId: "19:office@thread.tacv2", activityId: "act-3" })).status).toBe(200);
    const got = await api.call("GET", "/api/bot/cards/escalation:esk-x", { user: USERS.bot });
    const items = (got.json as { items: Array<{ conversationId: string; activityId: string }> }).items;
    expect(items.map((i) => [i.conversationId, i.activityId]).sort()).toEqual([
      ["19:office@thread.tacv2", "act-3"],
      ["a:1chair", "act-2"],
    ]);
    expect((await put(copy, USERS.programledare)).status).toBe(403);
    expect((await put({ ...copy, activityId: "" })).err().details[0]?.field).toBe("activityId");
    expect((await api.call("GET", "/api/bot/cards/not a key", { user: USERS.bot })).status).toBe(404);
  });
});

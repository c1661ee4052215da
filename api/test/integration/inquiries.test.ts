import nodemailer from "nodemailer";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { DevClockSchema, InquiryAssigneeListSchema, InquiryListSchema, InquirySchema, InquirySettingsSchema, SHARED_MAILBOX, type Inquiry } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { loadMailboxConfig } from "../../src/mailbox/config.js";
import { startLocalMailbox } from "../../src/mailbox/start.js";
import type { RunningSmtpServer } from "../../src/mailbox/smtpServer.js";
import { MAILBOX_ACTOR } from "../../src/services/inquiries.js";
import { R, startTestApi, USERS, type TestApi } from "../helpers.js";

/**
 * The shared mailbox and the 36-hour rule end to end: real mail (nodemailer) to the local SMTP stand-in, stored in
 * Azurite, read and changed through the API's routes, and the sweep against the API's (local, adjustable) clock.
 */
const HOUR = 3_600_000;

const escalationsOf = async (api: TestApi, inquiryId: string) => {
  const r = await api.call("GET", "/api/escalations?sourceKind=inquiry", { user: USERS.programledare });
  expect(r.status).toBe(200);
  return r.as(R.escalations).items.filter((e) => e.source.id === inquiryId);
};

interface Stack {
  api: TestApi;
  smtp: RunningSmtpServer;
  clock: ReturnType<typeof fixedClock>;
}

let stacks: Stack[] = [];

async function start(at = "2026-06-18T14:00:00Z"): Promise<Stack> {
  const clock = fixedClock(at);
  const api = await startTestApi({}, { clock });
  const smtp = await startLocalMailbox(loadMailboxConfig("local", { MAILBOX_SMTP_PORT: "0" }), {
    sink: (c) => api.services.inquiries.receive(c),
    clock: api.services.clock,
  });
  const stack = { api, smtp, clock };
  stacks.push(stack);
  return stack;
}

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(stacks.flatMap((s) => [s.api.close(), s.smtp.close()]));
  stacks = [];
});

function transport(smtp: RunningSmtpServer, auth?: { user: string; pass: string }) {
  return nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
}

const question = {
  from: "Anna Berg <anna.berg@example.se>",
  to: SHARED_MAILBOX,
  subject: "Fråga om anslutning",
  text: "Hej! Jag har diabetes och undrar hur vår vårdcentral ansluter till programmet.",
  messageId: "<fraga-1@example.se>",
};

async function list(api: TestApi, status?: string, user: string = USERS.programledare) {
  const r = await api.call("GET", `/api/inquiries${status ? `?status=${status}` : ""}`, { user });
  expect(r.status).toBe(200);
  return r.as(InquiryListSchema);
}

async function only(api: TestApi): Promise<Inquiry> {
  const { items } = await list(api);
  expect(items).toHaveLength(1);
  return items[0] as Inquiry;
}

describe("inquiries from the shared mailbox", () => {
  it("a mail becomes one inquiry due 36 hours after receipt, announced to the channel without the excerpt; sent twice, still one", async () => {
    const { api, smtp } = await start();
    await transport(smtp).sendMail(question);
    await transport(smtp).sendMail(question);
    const answer = await list(api);
    expect(answer.now).toBe("2026-06-18T14:00:00.000Z");
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({
      messageId: "<fraga-1@example.se>",
      from: "anna.berg@example.se",
      subject: "Fråga om anslutning",
      receivedAt: "2026-06-18T14:00:00.000Z",
      dueAt: "2026-06-20T02:00:00.000Z",
      status: "new",
      assignee: null,
      firstResponseAt: null,
      escalationId: null,
    });
    expect(answer.items[0]?.excerpt).toContain("diabetes");

    const received = (await api.notifications()).filter((n) => n.kind === "inquiry_received");
    expect(received).toHaveLength(1);
    expect(received[0]?.target).toEqual({ kind: "programOfficeChannel" });
    expect(JSON.stringify(received[0])).not.toContain("diabetes");
    // The card's Tilldela choice travels with it: the change leaders, as the API lists them to anyone in the office.
    const offered = await api.call("GET", "/api/inquiries/assignees", { user: USERS.forandringsledare });
    expect(offered.status).toBe(200);
    const people = offered.as(InquiryAssigneeListSchema).items.map((p) => p.email);
    expect(people).toContain(USERS.forandringsledare);
    expect(people).not.toContain(USERS.programledare);
    expect(received[0] && "assignees" in received[0] ? received[0].assignees : null).toEqual(offered.as(InquiryAssigneeListSchema).items);
  });

  it("auto-replies are not inquiries", async () => {
    const { api, smtp } = await start();
    await transport(smtp).sendMail({ ...question, messageId: "<ooo@example.se>", subject: "Frånvaro", headers: { "Auto-Submitted": "auto-replied" } });
    expect((await list(api)).items).toHaveLength(0);
  });

  it("a reply from the mailbox through authenticated submission records the first response; the sweep escalates nothing", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    clock.advance(3 * HOUR);
    await transport(smtp, { user: SHARED_MAILBOX, pass: "lokalt-svar" }).sendMail({
      from: SHARED_MAILBOX,
      to: "anna.berg@example.se",
      subject: "SV: Fråga om anslutning",
      text: "Hej Anna, vi ringer dig i morgon.",
      inReplyTo: "<fraga-1@example.se>",
      references: ["<fraga-1@example.se>"],
    });
    const inquiry = await only(api);
    expect(inquiry).toMatchObject({ status: "answered", firstResponseAt: "2026-06-18T17:00:00.000Z", breachedAt: null });

    clock.advance(40 * HOUR);
    expect((await api.services.inquiries.sweep()).escalated).toBe(0);
    expect(await escalationsOf(api, inquiry.id)).toHaveLength(0);
  });

  it("a reply claiming to be from the mailbox without signing in is no first response", async () => {
    const { api, smtp } = await start();
    await transport(smtp).sendMail(question);
    await transport(smtp)
      .sendMail({ from: SHARED_MAILBOX, to: ["anna.berg@example.se", SHARED_MAILBOX], subject: "SV: Fråga", text: "Falskt svar", inReplyTo: "<fraga-1@example.se>" })
      .catch(() => undefined);
    const inquiries = (await list(api)).items;
    expect(inquiries.find((i) => i.messageId === "<fraga-1@example.se>")?.firstResponseAt).toBeNull();
  });

  it("after advancing the dev clock 37 hours the sweep escalates once to the programledare, and the inquiry shows breached", async () => {
    const { api, smtp } = await start();
    await transport(smtp).sendMail(question);
    const moved = await api.call("POST", "/api/dev/clock", { user: null, body: { advance: "PT37H" } });
    expect(moved.status).toBe(200);
    expect(moved.as(DevClockSchema).now).toBe("2026-06-20T03:00:00.000Z");
    expect((await api.call("GET", "/api/dev/clock", { user: null })).as(DevClockSchema).offset).toBe("PT37H0M0S");

    await api.services.inquiries.sweep();
    await api.services.inquiries.sweep();
    const inquiry = await only(api);
    const escalations = await escalationsOf(api, inquiry.id);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ source: { kind: "inquiry", id: inquiry.id }, level: "programledare", status: "open" });
    expect(inquiry).toMatchObject({ status: "breached", breachedAt: "2026-06-20T02:00:00.000Z", escalationId: escalations[0]?.id });
    expect((await list(api, "breached")).items).toHaveLength(1);
    expect((await list(api, "new")).items).toHaveLength(0);
  });

  it("a sweep that died after raising the escalation but before recording it raises no second one", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    const inquiry = await only(api);
    clock.advance(37 * HOUR);
    // What the dead sweep left behind: the escalation exists, the inquiry still reads as open.
    const first = await api.services.escalations.raise(
      { title: "Ärende utan svar efter 36 timmar", description: "Avbrutet svep.", urgency: "normal", source: { kind: "inquiry", id: inquiry.id } },
      MAILBOX_ACTOR,
    );
    expect((await only(api)).status).toBe("new");
    expect((await api.services.inquiries.sweep()).escalated).toBe(1);
    expect((await api.services.inquiries.sweep()).escalated).toBe(0);
    expect((await escalationsOf(api, inquiry.id)).map((e) => e.id)).toEqual([first.id]);
    expect((await only(api)).escalationId).toBe(first.id);
  });

  it("…nor when that escalation was closed before the next sweep came", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    const inquiry = await only(api);
    clock.advance(37 * HOUR);
    const first = await api.services.escalations.raise(
      { title: "Ärende utan svar efter 36 timmar", description: "Avbrutet svep.", urgency: "normal", source: { kind: "inquiry", id: inquiry.id } },
      MAILBOX_ACTOR,
    );
    const open = (await api.call("GET", `/api/escalations/${first.id}`, { user: USERS.programledare })).as(R.escalation);
    const closed = await api.call("POST", `/api/escalations/${first.id}/actions`, { user: USERS.programledare, body: { action: "close", reason: "Besvarat per telefon" }, headers: { "If-Match": open.etag } });
    expect(closed.status).toBe(200);
    expect((await api.services.inquiries.sweep()).escalated).toBe(1);
    expect((await escalationsOf(api, inquiry.id)).map((e) => e.id)).toEqual([first.id]);
    expect(await only(api)).toMatchObject({ status: "breached", escalationId: first.id });
  });

  it("reminds the channel once before the due time while nobody has the inquiry", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    clock.advance(25 * HOUR);
    expect((await api.services.inquiries.sweep()).reminded).toBe(1);
    expect((await api.services.inquiries.sweep()).reminded).toBe(0);
    const reminders = (await api.notifications()).filter((n) => n.kind === "inquiry_reminder");
    expect(reminders.map((n) => n.target)).toEqual([{ kind: "programOfficeChannel" }]);
  });

  it("a sweep before anything is due reads only the open index, not the inquiries (its cost stays with the open ones)", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    const reads = jest.spyOn(api.services.repos.inquiries, "get");
    clock.advance(HOUR);
    expect(await api.services.inquiries.sweep()).toMatchObject({ reminded: 0, escalated: 0, failed: 0 });
    expect(reads).not.toHaveBeenCalled();
    clock.advance(24 * HOUR);
    expect((await api.services.inquiries.sweep()).reminded).toBe(1);
    expect(reads).toHaveBeenCalled();
  });

  it("an escalation that fails is retried by the next sweep, and still raised only once", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    clock.advance(37 * HOUR);
    jest.spyOn(api.services.escalations, "raise").mockRejectedValueOnce(new Error("eskaleringstjänsten svarar inte"));
    expect((await api.services.inquiries.sweep()).failed).toBe(1);
    const inquiry = await only(api);
    expect(inquiry.status).toBe("new");
    expect(await escalationsOf(api, inquiry.id)).toHaveLength(0);
    expect((await api.services.inquiries.sweep()).escalated).toBe(1);
    expect((await api.services.inquiries.sweep()).escalated).toBe(0);
    expect(await escalationsOf(api, inquiry.id)).toHaveLength(1);
  });

  it("a change leader takes it with If-Match; it goes to them in 1:1; answered after the breach it keeps when it breached", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    const inquiry = await only(api);
    const path = `/api/inquiries/${inquiry.id}`;

    expect((await api.call("POST", `${path}/assign`, { user: USERS.forandringsledare, body: { assignee: USERS.forandringsledare } })).status).toBe(428);
    const bad = await api.call("POST", `${path}/assign`, { user: USERS.programledare, body: { assignee: USERS.ordforande }, headers: { "If-Match": inquiry.etag ?? "" } });
    expect(bad.status).toBe(400);
    expect(bad.err().details?.[0]?.field).toBe("assignee");

    const taken = await api.call("POST", `${path}/assign`, { user: USERS.forandringsledare, body: { assignee: USERS.forandringsledare }, headers: { "If-Match": inquiry.etag ?? "" } });
    expect(taken.status).toBe(200);
    expect(taken.as(InquirySchema)).toMatchObject({ status: "assigned", assignee: USERS.forandringsledare });
    const stale = await api.call("POST", `${path}/assign`, { user: USERS.forandringsledare, body: { assignee: USERS.forandringsledare }, headers: { "If-Match": inquiry.etag ?? "" } });
    expect(stale.status).toBe(412);
    const assigned = (await api.notifications()).filter((n) => n.kind === "inquiry_assigned");
    expect(assigned.map((n) => n.target)).toEqual([{ kind: "user", email: USERS.forandringsledare }]);
    // The channel card (kept under its card key) is redrawn in place for everyone, as escalation cards are.
    const cardKey = `inquiry:${inquiry.id}`;
    const announced = (await api.notifications()).find((n) => n.kind === "inquiry_received");
    expect(announced && "cardKey" in announced ? announced.cardKey : null).toBe(cardKey);
    const cardUpdates = async () =>
      (await api.notifications()).flatMap((n) => (n.kind === "inquiry_updated" ? [{ target: n.target, cardKey: n.cardKey, status: n.inquiry.status, assignee: n.inquiry.assignee }] : []));
    expect(await cardUpdates()).toEqual([{ target: { kind: "sentCards", cardKey }, cardKey, status: "assigned", assignee: USERS.forandringsledare }]);
    // The redrawn card still offers reassigning: the update carries the same choice as the first card.
    const updated = (await api.notifications()).find((n) => n.kind === "inquiry_updated");
    expect(updated && "assignees" in updated ? updated.assignees : null).toEqual(announced && "assignees" in announced ? announced.assignees : undefined);
    expect(updated && "assignees" in updated ? updated.assignees?.length : 0).toBeGreaterThan(0);

    clock.advance(37 * HOUR);
    await api.services.inquiries.sweep();
    const breached = (await api.call("GET", path, { user: USERS.forandringsledare })).as(InquirySchema);
    expect(breached.status).toBe("breached");
    const answered = await api.call("POST", `${path}/answered`, { user: USERS.forandringsledare, body: { note: "Ringde upp Anna" }, headers: { "If-Match": breached.etag ?? "" } });
    expect(answered.status).toBe(200);
    expect(answered.as(InquirySchema)).toMatchObject({ status: "answered", breachedAt: "2026-06-20T02:00:00.000Z", firstResponseAt: "2026-06-20T03:00:00.000Z" });
    expect((await cardUpdates()).map((u) => u.status)).toEqual(["assigned", "breached", "answered"]);
  });

  it("lists the open ones (new, assigned, breached) and one assignee's, page by page, never an answered one", async () => {
    const { api, smtp, clock } = await start();
    const send = (n: number) => transport(smtp).sendMail({ ...question, subject: `Fråga ${n}`, messageId: `<fraga-open-${n}@example.se>` });
    for (const n of [1, 2, 3, 4]) await send(n);
    const bySubject = new Map((await list(api)).items.map((i) => [i.subject, i]));
    const take = async (subject: string) => {
      const i = bySubject.get(subject)!;
      const r = await api.call("POST", `/api/inquiries/${i.id}/assign`, { user: USERS.forandringsledare, body: { assignee: USERS.forandringsledare }, headers: { "If-Match": i.etag ?? "" } });
      expect(r.status).toBe(200);
      return r.as(InquirySchema);
    };
    await take("Fråga 1");
    const second = await take("Fråga 2");
    const answered = await api.call("POST", `/api/inquiries/${second.id}/answered`, { user: USERS.forandringsledare, body: { note: "Svarade per telefon" }, headers: { "If-Match": second.etag ?? "" } });
    expect(answered.status).toBe(200);
    clock.advance(37 * HOUR);
    await send(5); // arrives after the others fell due: still new
    await api.services.inquiries.sweep();

    const pages = async (query: string) => {
      const subjects: string[] = [];
      let token: string | undefined;
      let reads = 0;
      do {
        const r = await api.call("GET", `/api/inquiries?${query}&pageSize=1${token ? `&continuationToken=${encodeURIComponent(token)}` : ""}`, { user: USERS.programledare });
        expect(r.status).toBe(200);
        const page = r.as(InquiryListSchema);
        subjects.push(...page.items.map((i) => i.subject));
        token = page.continuationToken ?? undefined;
        reads++;
      } while (token && reads < 20);
      return subjects.sort();
    };
    expect(await pages("status=open")).toEqual(["Fråga 1", "Fråga 3", "Fråga 4", "Fråga 5"]);
    expect(await pages(`status=open&assignee=${encodeURIComponent(USERS.forandringsledare)}`)).toEqual(["Fråga 1"]);
    expect(await pages("status=answered")).toEqual(["Fråga 2"]);
    const bad = await api.call("GET", "/api/inquiries?status=closed", { user: USERS.programledare });
    expect(bad.status).toBe(400);
    expect(bad.err().details?.[0]?.field).toBe("status");
  });

  it("taking an inquiry while the queue is down still brings the 1:1 card and the channel card, once, after the outbox sweep", async () => {
    const { api, smtp, clock } = await start();
    await transport(smtp).sendMail(question);
    const inquiry = await only(api);
    const down = jest.spyOn(api.services.queue, "send").mockRejectedValue(new Error("kön svarar inte"));
    const taken = await api.call("POST", `/api/inquiries/${inquiry.id}/assign`, { user: USERS.forandringsledare, body: { assignee: USERS.forandringsledare }, headers: { "If-Match": inquiry.etag ?? "" } });
    expect(taken.status).toBe(200);
    expect(taken.as(InquirySchema).assignee).toBe(USERS.forandringsledare);
    down.mockRestore();
    const cards = async () => (await api.notifications()).filter((n) => n.kind === "inquiry_assigned" || n.kind === "inquiry_updated").map((n) => n.kind);
    expect(await cards()).toEqual([]);

    clock.advance(60_000); // past the outbox's grace period
    expect((await api.services.outbox.sweep()).applied).toBe(1);
    expect((await cards()).sort()).toEqual(["inquiry_assigned", "inquiry_updated"]);
    expect((await api.services.outbox.sweep()).applied).toBe(0);
    expect(await cards()).toHaveLength(2);
  });

  it("a mail that arrived while the queue was down is announced to the channel by the outbox sweep, once", async () => {
    const { api, smtp, clock } = await start();
    const down = jest.spyOn(api.services.queue, "send").mockRejectedValue(new Error("kön svarar inte"));
    await transport(smtp).sendMail(question);
    down.mockRestore();
    await transport(smtp).sendMail(question); // the sender's server delivers it again: still one inquiry, not announced twice
    expect((await list(api)).items).toHaveLength(1);
    const announced = async () => (await api.notifications()).filter((n) => n.kind === "inquiry_received").length;
    expect(await announced()).toBe(0);
    clock.advance(60_000);
    await api.services.outbox.sweep();
    expect(await announced()).toBe(1);
  });

  it("only the program office sees inquiries; a note is required to mark one answered", async () => {
    const { api, smtp } = await start();
    await transport(smtp).sendMail(question);
    expect((await api.call("GET", "/api/inquiries", { user: USERS.deltagare })).status).toBe(403);
    expect((await api.call("GET", "/api/inquiries", { user: null })).status).toBe(401);
    const inquiry = await only(api);
    const r = await api.call("POST", `/api/inquiries/${inquiry.id}/answered`, { user: USERS.programledare, body: { note: " " }, headers: { "If-Match": inquiry.etag ?? "" } });
    expect(r.status).toBe(400);
    expect(r.err().details?.[0]?.field).toBe("note");
  });

  it("with working hours, a mail at 16:00 on the Thursday before midsommarafton is due at 16:00 the next Thursday", async () => {
    const { api, smtp } = await start("2026-06-18T14:00:00Z");
    const put = await api.call("PUT", "/api/inquiries/settings", {
      user: USERS.koordinator,
      body: { workingTime: { mode: "working" } },
      headers: { "If-None-Match": "*" },
    });
    expect(put.status).toBe(200);
    expect(put.as(InquirySettingsSchema).workingTime.mode).toBe("working");
    await transport(smtp).sendMail(question);
    // Thu 16–17 (1 h), Fri midsommarafton and the weekend skipped, Mon–Wed 27 h, Thu 08–16 (8 h) = 36 h.
    expect((await only(api)).dueAt).toBe("2026-06-25T14:00:00.000Z");
  });

  it("deletes excerpts after the retention period the program office set, and keeps the inquiry", async () => {
    const { api, smtp, clock } = await start();
    const put = await api.call("PUT", "/api/inquiries/settings", { user: USERS.programledare, body: { excerptRetentionDays: 1 }, headers: { "If-None-Match": "*" } });
    expect(put.status).toBe(200);
    const stale = await api.call("PUT", "/api/inquiries/settings", { user: USERS.programledare, body: { excerptRetentionDays: 2 }, headers: { "If-Match": 'W/"gammal"' } });
    expect(stale.status).toBe(412);
    expect((await api.call("PUT", "/api/inquiries/settings", { user: USERS.forandringsledare, body: {}, headers: { "If-Match": put.headers.get("etag") ?? "" } })).status).toBe(403);
    await transport(smtp).sendMail(question);
    clock.advance(23 * HOUR);
    expect((await api.services.inquiries.sweep()).excerptsDeleted).toBe(0);
    clock.advance(2 * HOUR);
    expect((await api.services.inquiries.sweep()).excerptsDeleted).toBe(1);
    expect(await only(api)).toMatchObject({ excerpt: null, subject: "Fråga om anslutning" });
  });
});

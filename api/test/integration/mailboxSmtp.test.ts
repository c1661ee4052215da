import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { SHARED_MAILBOX } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { MailCandidate } from "../../src/mailbox/candidate.js";
import { smtpIngest } from "../../src/mailbox/ingest.js";
import { startMailboxSmtpServer, type RunningSmtpServer, type SmtpEnvelope } from "../../src/mailbox/smtpServer.js";

/**
 * The local mailbox end to end: a real SMTP client (nodemailer) against the real server on a free loopback port,
 * through parsing, into a sink that behaves like the inquiry store (idempotent per key).
 */
const submission = { username: SHARED_MAILBOX, password: "lokalt-test-lösen" };
const clock = fixedClock("2026-06-18T14:00:00Z");

let server: RunningSmtpServer;
let stored: Map<string, MailCandidate>;
let envelopes: SmtpEnvelope[];
let failNext = 0;

beforeAll(async () => {
  const ingest = smtpIngest({
    mailbox: SHARED_MAILBOX,
    sink: (candidate) => {
      if (failNext > 0) {
        failNext -= 1;
        return Promise.reject(new Error("lagringen svarar inte"));
      }
      if (!stored.has(candidate.key)) stored.set(candidate.key, candidate);
      return Promise.resolve();
    },
  });
  server = await startMailboxSmtpServer({
    mailbox: SHARED_MAILBOX,
    port: 0,
    maxMessageBytes: 5 * 1024 * 1024,
    submission,
    clock,
    onMessage: async (raw, envelope) => {
      await ingest(raw, envelope);
      envelopes.push(envelope);
    },
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  stored = new Map();
  envelopes = [];
  failNext = 0;
});

function client(auth?: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: false,
    ignoreTLS: true,
    ...(auth ? { auth } : {}),
    connectionTimeout: 5_000,
    socketTimeout: 20_000,
  });
}

const question = {
  from: "Anna Berg <anna.berg@example.se>",
  to: SHARED_MAILBOX,
  subject: "Fråga om anslutning",
  text: "Hej! Hur ansluter vi vår vårdcentral till programmet?",
  messageId: "<fraga-1@example.se>",
};

describe("the local mailbox over SMTP", () => {
  it("listens on loopback and turns a mail to naravard@rvn.se into an inquiry candidate, received by the API's clock", async () => {
    expect(server.host).toBe("127.0.0.1");
    const info = await client().sendMail(question);
    expect(info.accepted).toEqual([SHARED_MAILBOX]);
    expect(info.response).toMatch(/^250/);
    const [candidate] = [...stored.values()];
    expect(candidate).toMatchObject({
      kind: "inquiry",
      messageId: "<fraga-1@example.se>",
      from: "anna.berg@example.se",
      fromName: "Anna Berg",
      subject: "Fråga om anslutning",
      at: "2026-06-18T14:00:00.000Z",
      excerpt: "Hej! Hur ansluter vi vår vårdcentral till programmet?",
    });
  });

  it("the same mail sent twice gives one stored candidate", async () => {
    await client().sendMail(question);
    await client().sendMail(question);
    expect(stored.size).toBe(1);
  });

  it("takes mail from many clients at once, each mail once", async () => {
    const sends = Array.from({ length: 12 }, (_, i) =>
      client().sendMail({ ...question, subject: `Fråga ${i % 6}`, messageId: `<samtidig-${i % 6}@example.se>` }),
    );
    const results = await Promise.all(sends);
    expect(results.every((info) => info.response.startsWith("250"))).toBe(true);
    expect([...stored.values()].map((c) => c.subject).sort()).toEqual(["Fråga 0", "Fråga 1", "Fråga 2", "Fråga 3", "Fråga 4", "Fråga 5"]);
  });

  it("refuses mail for any other address with 550, and keeps nothing", async () => {
    await expect(client().sendMail({ ...question, to: "annan@rvn.se" })).rejects.toMatchObject({ responseCode: 550 });
    expect(stored.size).toBe(0);
  });

  it("with one good and one bad recipient, accepts the mailbox and reports the other as rejected", async () => {
    const info = await client().sendMail({ ...question, to: [SHARED_MAILBOX, "annan@rvn.se"] });
    expect(info.accepted).toEqual([SHARED_MAILBOX]);
    expect(info.rejected).toEqual(["annan@rvn.se"]);
    expect(stored.size).toBe(1);
  });

  it("refuses a 25 MB mail with 552 without crashing, and takes the next mail as usual", async () => {
    const big = Buffer.alloc(25 * 1024 * 1024, "a");
    await expect(
      client().sendMail({ ...question, messageId: "<stor@example.se>", attachments: [{ filename: "stor.bin", content: big }] }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(stored.size).toBe(0);
    await client().sendMail(question);
    expect(stored.size).toBe(1);
  }, 60_000);

  it("answers 451 when the mail cannot be stored, so the sender retries and nothing is lost", async () => {
    failNext = 1;
    await expect(client().sendMail(question)).rejects.toMatchObject({ responseCode: 451 });
    expect(stored.size).toBe(0);
    await client().sendMail(question);
    expect([...stored.values()].map((c) => c.messageId)).toEqual(["<fraga-1@example.se>"]);
  });

  it("takes a mail without Message-ID and gives it a stable key, so a resend is not a second inquiry", async () => {
    // nodemailer always adds a Message-ID, so send the raw MIME as a client that does not would.
    const raw = [
      "From: anna.berg@example.se",
      `To: ${SHARED_MAILBOX}`,
      "Subject: Utan id",
      "Date: Thu, 18 Jun 2026 15:59:00 +0200",
      "",
      "Hej",
      "",
    ].join("\r\n");
    const envelope = { from: "anna.berg@example.se", to: [SHARED_MAILBOX] };
    await client().sendMail({ envelope, raw });
    await client().sendMail({ envelope, raw });
    expect(stored.size).toBe(1);
    expect([...stored.values()][0]).toMatchObject({ kind: "inquiry", messageIdDerived: true, subject: "Utan id" });
  });

  it("accepts malformed MIME without crashing", async () => {
    const envelope = { from: "anna.berg@example.se", to: [SHARED_MAILBOX] };
    await client().sendMail({ envelope, raw: "Content-Type: multipart/mixed; boundary=x\r\n\r\n--y\r\n\u0000\u0001 trasigt\r\n" });
    expect(stored.size).toBe(1);
    await client().sendMail(question);
    expect(stored.size).toBe(2);
  });

  it("treats a bounce sent with the null sender as no inquiry", async () => {
    const envelope = { from: "", to: [SHARED_MAILBOX] };
    const raw = `From: MAILER-DAEMON@mx.example.se\r\nTo: ${SHARED_MAILBOX}\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn1@mx.example.se>\r\n\r\nDelivery failed\r\n`;
    await client().sendMail({ envelope, raw });
    expect([...stored.values()][0]).toMatchObject({ kind: "ignored", reason: "bounce" });
    expect(envelopes[0]?.mailFrom).toBeNull();
  });
});

describe("replies from the mailbox", () => {
  const reply = {
    from: SHARED_MAILBOX,
    to: "anna.berg@example.se",
    subject: "SV: Fråga om anslutning",
    text: "Hej Anna, vi återkommer med en mötestid.",
    inReplyTo: "<fraga-1@example.se>",
    references: ["<fraga-1@example.se>"],
  };

  it("sent through authenticated submission, count as the mailbox's reply to the mail they name", async () => {
    const info = await client({ user: submission.username, pass: submission.password }).sendMail(reply);
    expect(info.accepted).toEqual(["anna.berg@example.se"]);
    const [candidate] = [...stored.values()];
    expect(candidate).toMatchObject({ kind: "reply", from: SHARED_MAILBOX, inReplyTo: ["<fraga-1@example.se>"] });
    expect(envelopes[0]?.authenticatedUser).toBe(SHARED_MAILBOX);
  });

  it("claiming to be from the mailbox without authenticating, are ordinary inbound mail and never a first response", async () => {
    await client().sendMail({ ...reply, to: SHARED_MAILBOX });
    const [candidate] = [...stored.values()];
    expect(candidate?.kind).toBe("inquiry");
  });

  it("to an outside address without authenticating, are refused (the server relays nothing)", async () => {
    await expect(client().sendMail(reply)).rejects.toMatchObject({ responseCode: 550 });
    expect(stored.size).toBe(0);
  });

  it("with a wrong password, are refused with 535", async () => {
    await expect(client({ user: submission.username, pass: "fel" }).sendMail(reply)).rejects.toMatchObject({ responseCode: 535 });
    expect(stored.size).toBe(0);
  });

  it("authenticated but sending as someone else, are refused with 553", async () => {
    await expect(
      client({ user: submission.username, pass: submission.password }).sendMail({ ...reply, from: "kollega@rvn.se" }),
    ).rejects.toMatchObject({ responseCode: 553 });
    expect(stored.size).toBe(0);
  });
});

describe("starting the server", () => {
  it("refuses a non-loopback address", async () => {
    await expect(
      startMailboxSmtpServer({ mailbox: SHARED_MAILBOX, host: "0.0.0.0", port: 0, clock, onMessage: () => Promise.resolve() }),
    ).rejects.toThrow(/loopback/);
  });

  it("without a submission credential, no login succeeds", async () => {
    const plain = await startMailboxSmtpServer({ mailbox: SHARED_MAILBOX, port: 0, clock, onMessage: () => Promise.resolve() });
    try {
      const transport = nodemailer.createTransport({ host: plain.host, port: plain.port, secure: false, ignoreTLS: true, auth: { user: SHARED_MAILBOX, pass: "gissat" } });
      await expect(transport.sendMail({ from: SHARED_MAILBOX, to: "anna.berg@example.se", text: "x" })).rejects.toMatchObject({
        responseCode: 535,
      });
    } finally {
      await plain.close();
    }
  });

  it("reports a port in use instead of hanging", async () => {
    await expect(
      startMailboxSmtpServer({ mailbox: SHARED_MAILBOX, port: server.port, clock, onMessage: () => Promise.resolve() }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

import { describe, expect, it } from "@jest/globals";
import { EXCERPT_MAX_CHARS, SHARED_MAILBOX, SUBJECT_MAX_CHARS } from "../../src/contracts/index.js";
import type { MailCandidate } from "../../src/mailbox/candidate.js";
import { parseMail, type ParseOptions } from "../../src/mailbox/parse.js";

const receivedAt = new Date("2026-06-18T14:00:00Z");
const inbound: ParseOptions = {
  mailbox: SHARED_MAILBOX,
  direction: "inbound",
  receivedAt,
  envelope: { mailFrom: "anna.berg@example.se", rcptTo: [SHARED_MAILBOX] },
};

function mime(headers: Record<string, string>, body = "Hej! Jag undrar hur vi ansluter vår vårdcentral till programmet."): Buffer {
  const all: Record<string, string> = {
    From: "Anna Berg <Anna.Berg@Example.se>",
    To: "Nära vård <naravard@rvn.se>",
    Subject: "Fråga om anslutning",
    Date: "Thu, 18 Jun 2026 15:59:00 +0200",
    "Message-ID": "<abc123@example.se>",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=utf-8",
    ...headers,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}: ${value}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}\r\n`, "utf8");
}

async function parse(raw: Buffer, options: Partial<ParseOptions> = {}): Promise<MailCandidate> {
  return parseMail(raw, { ...inbound, ...options });
}

describe("parsing a mail to the shared mailbox", () => {
  it("gives an inquiry with sender, subject, received time, excerpt and a storage-safe key", async () => {
    const candidate = await parse(mime({}));
    expect(candidate).toMatchObject({
      kind: "inquiry",
      source: "smtp",
      messageId: "<abc123@example.se>",
      messageIdDerived: false,
      from: "anna.berg@example.se",
      fromName: "Anna Berg",
      subject: "Fråga om anslutning",
      at: "2026-06-18T14:00:00.000Z",
      to: [SHARED_MAILBOX],
      excerpt: "Hej! Jag undrar hur vi ansluter vår vårdcentral till programmet.",
      malformed: false,
      inReplyTo: [],
      conversationId: null,
    });
    expect(candidate.key).toMatch(/^[0-9a-f]{40}$/);
  });

  it("gives the same key when the same mail is delivered again, and another for another mail", async () => {
    const first = await parse(mime({}));
    const again = await parse(mime({}), { receivedAt: new Date("2026-06-18T15:00:00Z") });
    const other = await parse(mime({ "Message-ID": "<other@example.se>" }));
    expect(again.key).toBe(first.key);
    expect(other.key).not.toBe(first.key);
  });

  it("decodes encoded Swedish subjects and quoted-printable bodies", async () => {
    const candidate = await parse(
      mime(
        { Subject: "=?UTF-8?B?w4RyZW5kZTogdsOlcmRwbGF0cyBpIMOWcm5za8O2bGRzdmlr?=", "Content-Transfer-Encoding": "quoted-printable" },
        "V=C3=A5r v=C3=A5rdcentral i =C3=96rnsk=C3=B6ldsvik vill vara med.",
      ),
    );
    expect(candidate.subject).toBe("Ärende: vårdplats i Örnsköldsvik");
    expect(candidate.kind === "inquiry" && candidate.excerpt).toBe("Vår vårdcentral i Örnsköldsvik vill vara med.");
  });

  it("keeps a short text-only excerpt: HTML turned to text, attachments left out, long text capped", async () => {
    const boundary = "b1";
    const body = [
      `--${boundary}`,
      "Content-Type: text/html; charset=utf-8",
      "",
      `<html><body><p>Hej <b>programkontoret</b>,</p><p>${"mycket lång text ".repeat(200)}</p></body></html>`,
      `--${boundary}`,
      "Content-Type: application/pdf; name=journal.pdf",
      "Content-Disposition: attachment; filename=journal.pdf",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("%PDF-1.4 personnummer 19121212-1212").toString("base64"),
      `--${boundary}--`,
    ].join("\r\n");
    const candidate = await parse(mime({ "Content-Type": `multipart/mixed; boundary=${boundary}` }, body));
    expect(candidate.kind).toBe("inquiry");
    if (candidate.kind !== "inquiry") return;
    expect(candidate.excerpt.slice(0, 40)).toBe("Hej programkontoret, mycket lång text my");
    expect(candidate.excerpt).not.toContain("<");
    expect(candidate.excerpt).not.toContain("19121212");
    expect(candidate.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(candidate.excerpt.endsWith("…")).toBe(true);
    expect(JSON.stringify(candidate)).not.toContain("journal.pdf");
  });

  it("derives a stable message id when the mail has none", async () => {
    const first = await parse(mime({ "Message-ID": "" }));
    const again = await parse(mime({ "Message-ID": "" }));
    const otherBody = await parse(mime({ "Message-ID": "" }, "En annan fråga."));
    const otherDate = await parse(mime({ "Message-ID": "", Date: "Fri, 19 Jun 2026 09:00:00 +0200" }));
    expect(first.messageIdDerived).toBe(true);
    expect(first.messageId).toMatch(/^<[0-9a-f]{40}@derived\.naravard\.invalid>$/);
    expect(again.messageId).toBe(first.messageId);
    expect(otherBody.messageId).not.toBe(first.messageId);
    expect(otherDate.messageId).not.toBe(first.messageId);
  });

  it("falls back to the envelope sender when the From header is missing", async () => {
    expect(await parse(mime({ From: "" }))).toMatchObject({ kind: "inquiry", from: "anna.berg@example.se", fromName: "" });
  });

  it("takes the mailbox on Bcc from the envelope, and ignores mail not for the mailbox", async () => {
    const bcc = await parse(mime({ To: "kollega@rvn.se" }));
    expect(bcc.kind).toBe("inquiry");
    const elsewhere = await parse(mime({}), { envelope: { mailFrom: "anna.berg@example.se", rcptTo: ["annan@rvn.se"] } });
    expect(elsewhere).toMatchObject({ kind: "ignored", reason: "not_for_mailbox" });
    const headersOnly = await parse(mime({ To: "annan@rvn.se" }), { envelope: undefined });
    expect(headersOnly).toMatchObject({ kind: "ignored", reason: "not_for_mailbox" });
  });
});

describe("mail a machine sent is not an inquiry", () => {
  it.each([
    ["Auto-Submitted: auto-replied", { "Auto-Submitted": "auto-replied" }],
    ["Auto-Submitted: auto-generated", { "Auto-Submitted": "auto-generated; owner-email=x@example.se" }],
    ["X-Autoreply", { "X-Autoreply": "yes" }],
    ["X-Autorespond", { "X-Autorespond": "Frånvaro" }],
    ["Precedence: bulk", { Precedence: "bulk" }],
    ["Precedence: junk", { Precedence: "junk" }],
    ["Precedence: auto_reply", { Precedence: "auto_reply" }],
    ["X-Auto-Response-Suppress: All (Exchange out-of-office)", { "X-Auto-Response-Suppress": "All" }],
    ["X-Auto-Response-Suppress: OOF", { "X-Auto-Response-Suppress": "DR, OOF, AutoReply" }],
    ["X-Autogenerated: Reply", { "X-Autogenerated": "Reply" }],
  ])("%s → auto-reply", async (_name, headers) => {
    expect(await parse(mime(headers))).toMatchObject({ kind: "ignored", reason: "auto_reply" });
  });

  it.each([
    ["Auto-Submitted: no", { "Auto-Submitted": "no" }],
    ["X-Auto-Response-Suppress: DR, RN (a person's client)", { "X-Auto-Response-Suppress": "DR, RN" }],
    ["Precedence: list", { Precedence: "list" }],
  ])("%s → still an inquiry", async (_name, headers) => {
    expect((await parse(mime(headers))).kind).toBe("inquiry");
  });

  it("a delivery status report is a bounce", async () => {
    const boundary = "dsn";
    const body = [
      `--${boundary}`,
      "Content-Type: text/plain",
      "",
      "Delivery to the following recipient failed: nobody@example.se",
      `--${boundary}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.se",
      "",
      "Final-Recipient: rfc822; nobody@example.se",
      "Action: failed",
      "Status: 5.1.1",
      `--${boundary}--`,
    ].join("\r\n");
    const candidate = await parse(
      mime({ From: "Mail Delivery System <mailer-daemon@mx.example.se>", "Content-Type": `multipart/report; report-type=delivery-status; boundary="${boundary}"` }, body),
    );
    expect(candidate).toMatchObject({ kind: "ignored", reason: "bounce" });
  });

  it("mail from MAILER-DAEMON or postmaster is a bounce even without a report part", async () => {
    expect(await parse(mime({ From: "MAILER-DAEMON@example.se" }))).toMatchObject({ kind: "ignored", reason: "bounce" });
    expect(await parse(mime({ From: "postmaster@example.se" }))).toMatchObject({ kind: "ignored", reason: "bounce" });
    expect(await parse(mime({ "X-Failed-Recipients": "nobody@example.se" }))).toMatchObject({ kind: "ignored", reason: "bounce" });
  });

  it("mail with the null envelope sender <> is automatic", async () => {
    const candidate = await parse(mime({}), { envelope: { mailFrom: null, rcptTo: [SHARED_MAILBOX] } });
    expect(candidate).toMatchObject({ kind: "ignored", reason: "auto_reply" });
  });

  it("a read receipt (disposition notification) is not an inquiry", async () => {
    const candidate = await parse(
      mime({ "Content-Type": 'multipart/report; report-type=disposition-notification; boundary="r"' }, "--r\r\nContent-Type: text/plain\r\n\r\nLäst\r\n--r--"),
    );
    expect(candidate).toMatchObject({ kind: "ignored", reason: "auto_reply" });
  });
});

describe("the mailbox's own mail", () => {
  const reply = () =>
    mime({
      From: "Nära vård <naravard@rvn.se>",
      To: "anna.berg@example.se",
      Subject: "SV: Fråga om anslutning",
      "Message-ID": "<reply1@rvn.se>",
      "In-Reply-To": "<abc123@example.se>",
      References: "<older@example.se>\r\n <abc123@example.se>",
    });

  it("sent through the trusted path, is a reply naming the mails it answers, newest first", async () => {
    const candidate = await parse(reply(), { direction: "sent", envelope: { mailFrom: SHARED_MAILBOX, rcptTo: ["anna.berg@example.se"] } });
    expect(candidate).toMatchObject({ kind: "reply", from: SHARED_MAILBOX, inReplyTo: ["<abc123@example.se>", "<older@example.se>"] });
  });

  it("claiming to be from the mailbox but arriving as ordinary mail, is an inquiry and never a reply", async () => {
    const candidate = await parse(reply(), { direction: "inbound" });
    expect(candidate.kind).toBe("inquiry");
  });

  it("an automatic reply the mailbox sent (its own out-of-office) is not a first response", async () => {
    const raw = mime({ From: SHARED_MAILBOX, "Auto-Submitted": "auto-replied", "In-Reply-To": "<abc123@example.se>" });
    expect(await parse(raw, { direction: "sent" })).toMatchObject({ kind: "ignored", reason: "auto_reply" });
  });
});

describe("malformed MIME never throws", () => {
  const cases: Array<[string, Buffer]> = [
    ["an empty message", Buffer.alloc(0)],
    ["binary garbage", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))],
    ["a header without a body or colon", Buffer.from("From anna@example.se\r\nthis is not a header\r\n")],
    [
      "a multipart with a missing boundary",
      Buffer.from('From: a@example.se\r\nTo: naravard@rvn.se\r\nContent-Type: multipart/mixed; boundary="nope"\r\n\r\n--other\r\nhej\r\n'),
    ],
    [
      "broken base64 and an unknown charset",
      Buffer.from("From: a@example.se\r\nTo: naravard@rvn.se\r\nContent-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n"),
    ],
    ["a huge header line", Buffer.from(`From: a@example.se\r\nTo: naravard@rvn.se\r\nSubject: ${"x".repeat(200_000)}\r\n\r\nhej\r\n`)],
  ];

  it.each(cases)("%s gives a candidate with a stable key", async (_name, raw) => {
    const first = await parse(raw);
    const again = await parse(raw);
    expect(["inquiry", "ignored"]).toContain(first.kind);
    expect(first.key).toMatch(/^[0-9a-f]{40}$/);
    expect(again.key).toBe(first.key);
    if (first.kind === "inquiry") expect(first.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(first.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_CHARS);
  });
});

import nodemailer from "nodemailer";
import { describe, expect, it } from "@jest/globals";
import { SHARED_MAILBOX } from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { MailCandidate } from "../../src/mailbox/candidate.js";
import { LOCAL_SUBMISSION_PASSWORD, loadMailboxConfig, type MailboxConfig } from "../../src/mailbox/config.js";
import { memoryDeltaState } from "../../src/mailbox/graphDelta.js";
import { graphMailboxSync, startLocalMailbox } from "../../src/mailbox/start.js";
import { startGraphStandIn } from "../support/graphStandIn.js";

const clock = fixedClock("2026-06-18T14:00:00Z");

describe("wiring the mailbox from its settings", () => {
  it("local mode: a question and the mailbox's authenticated answer, with the documented local password", async () => {
    const received: MailCandidate[] = [];
    const config = loadMailboxConfig("local", { MAILBOX_SMTP_PORT: "0" });
    const server = await startLocalMailbox(config, { clock, sink: (c) => Promise.resolve(void received.push(c)) });
    try {
      const transport = (auth?: { user: string; pass: string }) =>
        nodemailer.createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
      await transport().sendMail({ from: "anna@example.se", to: SHARED_MAILBOX, subject: "Fråga", text: "Hej", messageId: "<q1@example.se>" });
      await transport({ user: SHARED_MAILBOX, pass: LOCAL_SUBMISSION_PASSWORD }).sendMail({
        from: SHARED_MAILBOX,
        to: "anna@example.se",
        subject: "SV: Fråga",
        text: "Hej Anna",
        inReplyTo: "<q1@example.se>",
      });
      expect(received.map((c) => [c.kind, c.inReplyTo])).toEqual([
        ["inquiry", []],
        ["reply", ["<q1@example.se>"]],
      ]);
    } finally {
      await server.close();
    }
  });

  it("production mode: one timer run reads Inbox and Sent Items through Graph", async () => {
    const graph = await startGraphStandIn({ mailbox: SHARED_MAILBOX });
    try {
      graph.put("inbox", { subject: "Fråga", receivedDateTime: "2026-06-18T13:00:00Z", from: { emailAddress: { address: "anna@example.se", name: "Anna" } } });
      const config: MailboxConfig = {
        address: SHARED_MAILBOX,
        smtp: null,
        graph: { baseUrl: graph.baseUrl, managedIdentityClientId: null, since: undefined, pageSize: 10, notifications: null },
      };
      const received: MailCandidate[] = [];
      const run = graphMailboxSync(config, {
        clock,
        state: memoryDeltaState(),
        getToken: () => Promise.resolve(graph.token),
        sink: (c) => Promise.resolve(void received.push(c)),
      });
      const result = await run();
      expect(result.inbox.messages).toBe(1);
      expect(result.sentitems.messages).toBe(0);
      expect(received[0]).toMatchObject({ kind: "inquiry", subject: "Fråga", from: "anna@example.se" });
    } finally {
      await graph.close();
    }
  });

  it("each mode has only its own way in", () => {
    const sink = () => Promise.resolve();
    expect(() => startLocalMailbox(loadMailboxConfig("production", {}), { clock, sink })).toThrow(/local-läget/);
    expect(() => graphMailboxSync(loadMailboxConfig("local", {}), { clock, sink, state: memoryDeltaState() })).toThrow(/production-läget/);
  });
});

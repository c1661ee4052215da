import type { CandidateSink } from "./candidate.js";
import { parseMail } from "./parse.js";
import type { SmtpEnvelope } from "./smtpServer.js";

/**
 * The local server's `onMessage`: parse, classify, hand to the sink. A message is `sent` (and so may be a first
 * response) only when it came through authenticated submission; the server only authenticates the configured
 * mailbox credential, so a From header naming the mailbox proves nothing by itself.
 */
export function smtpIngest(options: { mailbox: string; sink: CandidateSink }): (raw: Buffer, envelope: SmtpEnvelope) => Promise<void> {
  return async (raw, envelope) => {
    const candidate = await parseMail(raw, {
      mailbox: options.mailbox,
      direction: envelope.authenticatedUser !== null ? "sent" : "inbound",
      receivedAt: envelope.receivedAt,
      envelope: { mailFrom: envelope.mailFrom, rcptTo: envelope.rcptTo },
    });
    await options.sink(candidate);
  };
}

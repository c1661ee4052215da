import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from "smtp-server";
import { isLoopbackHost } from "../config.js";
import type { Clock } from "../domain/clock.js";
import { silentLogger, type Logger } from "../services/log.js";

/**
 * The shared mailbox on a developer machine (issue 12): an SMTP server on loopback that stands in for
 * naravard@rvn.se, so any mail client or `curl --mail-rcpt` can drive the whole flow offline.
 *
 * Two ways in, told apart by SMTP AUTH:
 * - **Inbound** (no AUTH): mail *to* the mailbox. Only the mailbox is accepted as recipient (others: 550). Mail
 *   claiming to be *from* the mailbox is accepted too but is just inbound mail: anyone can write any From header,
 *   so it is never taken as the mailbox's answer.
 * - **Submission** (AUTH with the configured local credential): mail *sent by* the mailbox, i.e. its replies. The
 *   envelope sender must be the mailbox (553 otherwise) and any recipient is accepted: nothing is relayed, the
 *   mail is recorded as having left the mailbox, which is what counts as a first response. This mirrors
 *   production, where only mail in the mailbox's Sent Items (which only its users can put there) counts.
 *
 * Each message is answered 250 only after `onMessage` resolved; if it rejects the sender gets 451 and retries,
 * so a message is never acknowledged and then lost. Messages over `maxMessageBytes` get 552 and are not kept.
 */
export interface SmtpEnvelope {
  /** Envelope sender, lowercased; null for the null sender `<>` (bounces and automatic replies). */
  mailFrom: string | null;
  rcptTo: string[];
  /** The authenticated submission user, or null for inbound mail. */
  authenticatedUser: string | null;
  remoteAddress: string;
  /** When the server received the whole message, by the injected clock. */
  receivedAt: Date;
}

export interface SubmissionCredential {
  username: string;
  password: string;
}

export interface MailboxSmtpOptions {
  mailbox: string;
  /** Loopback only (127.0.0.1 by default): the local server has no spam or abuse protection. */
  host?: string;
  /** 2525 by default; 0 picks a free port. */
  port?: number;
  /** Largest accepted message (10 MiB by default). */
  maxMessageBytes?: number;
  /** Credential for the submission path; without it, AUTH always fails and no mail counts as sent. */
  submission?: SubmissionCredential | null;
  clock: Clock;
  onMessage(raw: Buffer, envelope: SmtpEnvelope): Promise<void>;
  logger?: Logger;
}

export interface RunningSmtpServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function smtpError(responseCode: number, message: string): SMTPServerError {
  const error: SMTPServerError = new Error(message);
  error.responseCode = responseCode;
  return error;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function userOf(session: SMTPServerSession): string | null {
  return typeof session.user === "string" ? session.user : null;
}

export async function startMailboxSmtpServer(options: MailboxSmtpOptions): Promise<RunningSmtpServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) throw new Error(`SMTP-servern lyssnar bara på loopback, inte ${host}`);
  const mailbox = options.mailbox.trim().toLowerCase();
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const logger = options.logger ?? silentLogger;
  const submission = options.submission ?? null;

  const server = new SMTPServer({
    banner: "Nära vård i Teams – lokal funktionsbrevlåda",
    size: maxBytes,
    rejectOversized: true,
    authOptional: true,
    authMethods: ["PLAIN", "LOGIN"],
    // Loopback only and no certificate to offer: AUTH in the clear is acceptable here and nowhere else.
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,

    onAuth(auth, _session, callback) {
      const ok =
        submission !== null &&
        (auth.method === "PLAIN" || auth.method === "LOGIN") &&
        sameSecret((auth.username ?? "").toLowerCase(), submission.username.toLowerCase()) &&
        sameSecret(auth.password ?? "", submission.password);
      if (!ok) return callback(smtpError(535, "5.7.8 Fel användarnamn eller lösenord"));
      callback(null, { user: submission.username.toLowerCase() });
    },

    onMailFrom(address, session, callback) {
      if (userOf(session) !== null && address.address.trim().toLowerCase() !== mailbox) {
        return callback(smtpError(553, `5.7.1 Inloggad kan du bara skicka som ${mailbox}`));
      }
      callback();
    },

    onRcptTo(address, session, callback) {
      if (userOf(session) !== null) return callback();
      if (address.address.trim().toLowerCase() !== mailbox) {
        return callback(smtpError(550, `5.1.1 Här tas bara post till ${mailbox} emot`));
      }
      callback();
    },

    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit the server answers 552 itself; keep draining but stop holding the bytes.
        if (bytes <= maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error) => {
        logger.warn("SMTP: fel i meddelandeströmmen", error);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded || bytes > maxBytes) return callback(smtpError(552, "5.3.4 Meddelandet är för stort"));
        const from = session.envelope.mailFrom;
        const envelope: SmtpEnvelope = {
          mailFrom: from && from.address ? from.address.trim().toLowerCase() : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address.trim().toLowerCase()),
          authenticatedUser: userOf(session),
          remoteAddress: session.remoteAddress,
          receivedAt: options.clock(),
        };
        options.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(null, "2.0.0 Mottaget"),
          (error: unknown) => {
            logger.error("SMTP: meddelandet kunde inte tas emot, avsändaren får försöka igen", error);
            callback(smtpError(451, "4.3.0 Tillfälligt fel, försök igen senare"));
          },
        );
      });
    },
  });

  server.on("error", (error) => logger.error("SMTP-servern:", error));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once("error", onError);
    server.listen(options.port ?? DEFAULT_SMTP_PORT, host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info(`Funktionsbrevlådan ${mailbox} tar emot e-post på smtp://${host}:${port}`);

  return {
    host,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

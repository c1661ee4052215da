import { createHash } from "node:crypto";
import { EXCERPT_MAX_CHARS, SUBJECT_MAX_CHARS } from "../contracts/index.js";

/**
 * What the mailbox readers (the local SMTP server and the Graph delta reader) hand on: one candidate per mail,
 * already classified. The inquiry service turns an `inquiry` candidate into an inquiry exactly once, keyed by
 * `key` (a redelivered or re-read mail gives the same key), and a `reply` candidate into a first response on the
 * inquiry it answers (by `inReplyTo`, or by Graph's `conversationId`). `ignored` candidates are only logged, with
 * their reason. The service should also require that a reply is addressed to the inquiry's sender (`to`): a
 * forward to a colleague in the same conversation is not an answer to the person who wrote.
 */
export type MailSource = "smtp" | "graph";

export type IgnoreReason =
  /** Out-of-office, vacation and other automatic replies, and read receipts (RFC 3834, Exchange's headers). */
  | "auto_reply"
  /** Delivery status notifications and other mail from MAILER-DAEMON/postmaster. */
  | "bounce"
  /** Mail that was not addressed to the shared mailbox. */
  | "not_for_mailbox"
  /** A copy in the Inbox of mail the mailbox itself sent (e.g. a reply with the mailbox on Cc). */
  | "own_mail";

interface CandidateBase {
  source: MailSource;
  /** The Internet message id with its angle brackets, e.g. `<abc@example.se>`; derived when the mail had none. */
  messageId: string;
  /** True when the mail had no usable Message-ID and `messageId` was derived from its content. */
  messageIdDerived: boolean;
  /** A key safe for Table Storage (hex), the same for every delivery or reading of the same mail. */
  key: string;
  /** Sender's address, lowercased; empty if the mail named none that could be read. */
  from: string;
  fromName: string;
  /** Addresses the mail was for (envelope recipients for SMTP, To and Cc otherwise), lowercased. */
  to: string[];
  subject: string;
  /** When the mailbox received the mail, or for a reply when it left the mailbox (ISO). */
  at: string;
  /** Message ids this mail answers: In-Reply-To first, then References newest first. */
  inReplyTo: string[];
  /** Graph's conversation id (same for a mail and its replies), or null for SMTP. */
  conversationId: string | null;
}

export type InquiryCandidate = CandidateBase & {
  kind: "inquiry";
  /** Text only, whitespace collapsed, at most EXCERPT_MAX_CHARS characters. Attachments are never kept. */
  excerpt: string;
  /** True when the MIME could not be read as a whole; the inquiry still exists so nothing sent is lost. */
  malformed: boolean;
};

export type ReplyCandidate = CandidateBase & { kind: "reply" };

export type IgnoredCandidate = CandidateBase & { kind: "ignored"; reason: IgnoreReason };

export type MailCandidate = InquiryCandidate | ReplyCandidate | IgnoredCandidate;

/** Where candidates go: the inquiry service. It must be idempotent per `key`; a rejection means "try again". */
export type CandidateSink = (candidate: MailCandidate) => Promise<void>;

const MAX_MESSAGE_ID_CHARS = 998;
const DERIVED_DOMAIN = "derived.naravard.invalid";

/** The first `<…>` token of a Message-ID-like header value, or the trimmed value in brackets; null if empty. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const inner = bracketed ? bracketed[1] : value.trim().replace(/\s+/g, "");
  if (!inner || inner.length + 2 > MAX_MESSAGE_ID_CHARS) return null;
  return `<${inner}>`;
}

/** Every `<…>` message id in a References/In-Reply-To value, in order, without duplicates. */
export function messageIdList(values: ReadonlyArray<string | null | undefined>): string[] {
  const ids: string[] = [];
  for (const value of values) {
    if (!value) continue;
    const tokens = value.match(/<[^<>\s]+>/g) ?? value.split(/\s+/);
    for (const token of tokens) {
      const id = normalizeMessageId(token);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * A stable id for a mail without Message-ID: the same sender, date, subject and body always give the same id, so
 * the same mail delivered twice is still one inquiry.
 */
export function deriveMessageId(parts: { from: string; date: string; subject: string; body: string }): string {
  const hash = createHash("sha256")
    .update([parts.from.toLowerCase(), parts.date, parts.subject, parts.body.replace(/\r\n/g, "\n").trim()].join("\u0000"))
    .digest("hex");
  return `<${hash.slice(0, 40)}@${DERIVED_DOMAIN}>`;
}

/** The storage key of a message id: hex, so it fits a Table Storage RowKey whatever characters the id holds. */
export function messageKey(messageId: string): string {
  return createHash("sha256").update(messageId).digest("hex").slice(0, 40);
}

/** A short plain-text excerpt: whitespace collapsed, cut at a word boundary with an ellipsis when too long. */
export function makeExcerpt(text: string | null | undefined, max = EXCERPT_MAX_CHARS): string {
  if (!text) return "";
  // Drop control characters a hostile or broken mail may carry; keep newlines out of a one-line preview.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A subject on one line, cut to what an inquiry keeps. */
export function cleanSubject(subject: string | null | undefined): string {
  return makeExcerpt(subject, SUBJECT_MAX_CHARS);
}

/** At most this many recipients are kept on a candidate; the mailbox check reads the full list before. */
export const MAX_RECIPIENTS = 50;

/** Lowercased, trimmed address; empty for anything that does not look like one. */
export function normalizeAddress(address: string | null | undefined): string {
  const value = (address ?? "").trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(value) ? value : "";
}

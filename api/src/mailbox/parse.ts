import { createHash } from "node:crypto";
import { convert as htmlToText } from "html-to-text";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { automaticKind, headerLookup, type HeaderLookup } from "./classify.js";
import {
  cleanSubject,
  deriveMessageId,
  MAX_RECIPIENTS,
  makeExcerpt,
  messageIdList,
  messageKey,
  normalizeAddress,
  normalizeMessageId,
  type MailCandidate,
} from "./candidate.js";

/**
 * Raw MIME → a classified candidate (issue 12). Never throws: a mail mailparser cannot read still becomes an
 * inquiry (flagged `malformed`, keyed by a hash of its bytes), because a person sent it and nothing sent is lost.
 */
export interface ParseOptions {
  /** The shared mailbox, e.g. naravard@rvn.se. */
  mailbox: string;
  /**
   * `inbound`: the mail arrived at the mailbox. `sent`: it left the mailbox through a trusted path (the
   * authenticated submission of the local server); only `sent` mail can be a first response.
   */
  direction: "inbound" | "sent";
  /** When the server accepted it (the API's clock); the Date header is the sender's word and is not used for this. */
  receivedAt: Date;
  /** SMTP envelope: recipients decide whether the mail was for the mailbox (Bcc is not in the headers). */
  envelope?: { mailFrom: string | null; rcptTo: string[] };
}

/** Only the start of the text is kept; no need to convert megabytes of HTML to get 500 characters. */
const MAX_HTML_CHARS = 200_000;

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: Array<{ address: string; name: string }> = [];
  const visit = (entries: AddressObject["value"]) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else result.push({ address: normalizeAddress(entry.address), name: (entry.name ?? "").trim() });
    }
  };
  for (const object of objects) visit(object.value);
  return result;
}

/** The raw header lines as name/value pairs (unfolded by headerLookup), so classification sees what was sent. */
function rawHeaders(parsed: ParsedMail): HeaderLookup {
  return headerLookup(
    parsed.headerLines.map(({ key, line }) => ({ name: key, value: line.slice(line.indexOf(":") + 1) })),
  );
}

function referencesOf(parsed: ParsedMail): string[] {
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  // References lists oldest first; the newest (the mail answered) is the most useful match after In-Reply-To.
  return messageIdList([parsed.inReplyTo, ...[...references].reverse()]);
}

/** Plain text of the mail; mailparser leaves `text` empty for some HTML-only multiparts, so convert those here. */
function textOf(parsed: ParsedMail): string {
  if (parsed.text && parsed.text.trim() !== "") return parsed.text;
  if (typeof parsed.html === "string" && parsed.html !== "") {
    return htmlToText(parsed.html.slice(0, MAX_HTML_CHARS), {
      wordwrap: false,
      selectors: [
        { selector: "a", options: { ignoreHref: true } },
        { selector: "img", format: "skip" },
      ],
    });
  }
  return "";
}

export async function parseMail(raw: Buffer, options: ParseOptions): Promise<MailCandidate> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepCidLinks: false });
  } catch {
    return malformed(raw, options);
  }
  try {
    return fromParsed(parsed, options);
  } catch {
    return malformed(raw, options);
  }
}

function fromParsed(parsed: ParsedMail, options: ParseOptions): MailCandidate {
  const mailbox = options.mailbox.toLowerCase();
  const named = addresses(parsed.from)[0] ?? { address: "", name: "" };
  // A mail without a readable From still has an envelope sender to answer.
  const sender = named.address ? named : { ...named, address: normalizeAddress(options.envelope?.mailFrom) };
  const subject = cleanSubject(parsed.subject);
  const text = textOf(parsed);
  const headerRecipients = [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address).filter(Boolean);
  const recipients = options.envelope ? options.envelope.rcptTo.map(normalizeAddress).filter(Boolean) : headerRecipients;

  const givenId = normalizeMessageId(parsed.messageId);
  const messageId =
    givenId ??
    deriveMessageId({ from: sender.address, date: parsed.date?.toISOString() ?? "", subject, body: text });

  const base = {
    source: "smtp" as const,
    messageId,
    messageIdDerived: givenId === null,
    key: messageKey(messageId),
    from: sender.address,
    fromName: sender.name.slice(0, 200),
    to: [...new Set(recipients)].slice(0, MAX_RECIPIENTS),
    subject,
    at: options.receivedAt.toISOString(),
    inReplyTo: referencesOf(parsed),
    conversationId: null,
  };

  const automatic = automaticKind({
    headers: rawHeaders(parsed),
    from: sender.address,
    subject,
    nullSender: options.envelope ? options.envelope.mailFrom === null : false,
  });
  if (automatic) return { ...base, kind: "ignored", reason: automatic };
  if (options.direction === "sent") return { ...base, kind: "reply" };
  if (!recipients.includes(mailbox)) return { ...base, kind: "ignored", reason: "not_for_mailbox" };
  return { ...base, kind: "inquiry", excerpt: makeExcerpt(text), malformed: false };
}

/**
 * A mail that could not be parsed: keyed by its bytes, so the same broken mail redelivered stays one inquiry. Sent
 * mail that cannot be read answers nothing (no message ids to match), so it can never be a false first response.
 */
function malformed(raw: Buffer, options: ParseOptions): MailCandidate {
  const messageId = `<${createHash("sha256").update(raw).digest("hex").slice(0, 40)}@derived.naravard.invalid>`;
  const base = {
    source: "smtp" as const,
    messageId,
    messageIdDerived: true,
    key: messageKey(messageId),
    from: normalizeAddress(options.envelope?.mailFrom),
    fromName: "",
    to: (options.envelope?.rcptTo ?? [options.mailbox]).map(normalizeAddress).filter(Boolean),
    subject: "",
    at: options.receivedAt.toISOString(),
    inReplyTo: [],
    conversationId: null,
  };
  if (options.direction === "sent") return { ...base, kind: "reply" };
  return { ...base, kind: "inquiry", excerpt: "", malformed: true };
}

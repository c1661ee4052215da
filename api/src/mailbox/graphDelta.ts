import { systemClock, type Clock } from "../domain/clock.js";
import { silentLogger, type Logger } from "../services/log.js";
import { automaticKind, headerLookup, noHeaders, type HeaderLookup } from "./classify.js";
import {
  cleanSubject,
  deriveMessageId,
  MAX_RECIPIENTS,
  makeExcerpt,
  messageIdList,
  messageKey,
  normalizeAddress,
  normalizeMessageId,
  type CandidateSink,
  type MailCandidate,
} from "./candidate.js";

/**
 * The production mailbox reader (issue 12): Microsoft Graph delta queries on the shared mailbox's Inbox (new
 * mail → inquiries) and Sent Items (its replies → first responses), run from a timer.
 *
 * Delta protocol: the first request lists the folder page by page (`@odata.nextLink`) and ends with an
 * `@odata.deltaLink`; the next run starts from that link and gets only what changed. The link to continue from is
 * saved after every page whose messages all reached the sink, so a crash re-reads at most one page, and the sink
 * (idempotent per message key) makes the re-read harmless. Faults, as Graph documents them: 429/503/504 are waited
 * out as `Retry-After` says; 410 (`SyncStateNotFound`, `resyncRequired`) drops the saved link and starts a full
 * sync again; 401 refreshes the token once.
 */
export type GraphFolder = "inbox" | "sentitems";
export const GRAPH_FOLDERS: readonly GraphFolder[] = ["inbox", "sentitems"];

export const GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

/** An access token for Graph; `forceRefresh` after a 401 (production: the managed identity, see graphToken.ts). */
export type TokenProvider = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** Where the link to continue from is kept per folder (production: a table row; tests: memory). */
export interface DeltaStateStore {
  get(folder: GraphFolder): Promise<string | null>;
  set(folder: GraphFolder, link: string): Promise<void>;
  clear(folder: GraphFolder): Promise<void>;
}

export function memoryDeltaState(): DeltaStateStore & { links: Map<GraphFolder, string> } {
  const links = new Map<GraphFolder, string>();
  return {
    links,
    get: (folder) => Promise.resolve(links.get(folder) ?? null),
    set: (folder, link) => {
      links.set(folder, link);
      return Promise.resolve();
    },
    clear: (folder) => {
      links.delete(folder);
      return Promise.resolve();
    },
  };
}

export interface GraphReaderOptions {
  mailbox: string;
  /** `https://graph.microsoft.com/v1.0` unless a stand-in is used. */
  baseUrl?: string;
  getToken: TokenProvider;
  state: DeltaStateStore;
  sink: CandidateSink;
  /** Messages per page (Graph's `odata.maxpagesize`, at most 1000). */
  pageSize?: number;
  /**
   * A full sync (the first, or after 410) reads only mail received from this instant: by default the last
   * DEFAULT_LOOKBACK_DAYS, so connecting the mailbox does not turn years of old mail into breached inquiries;
   * null reads the whole folder.
   */
  since?: Date | null;
  /** Attempts per request when throttled or unavailable before giving up until the next timer run. */
  maxAttempts?: number;
  /** Longest single wait; a longer Retry-After gives up this run (the timer tries again). */
  maxWaitMs?: number;
  /** Longest wait for one answer from Graph (60 s by default). */
  requestTimeoutMs?: number;
  /** The API's clock: the default look-back, and the date of a message Graph gives none. */
  clock?: Clock;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

export class GraphError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(`Graph ${status} ${code}: ${message}`);
    this.name = "GraphError";
  }
}

export interface SyncResult {
  pages: number;
  messages: number;
  /** Full syncs started because Graph no longer knew the saved state (410). */
  resets: number;
}

/** Graph's message, only the properties read here. */
export interface GraphMessage {
  id: string;
  "@removed"?: { reason?: string };
  internetMessageId?: string | null;
  subject?: string | null;
  from?: GraphRecipient | null;
  sender?: GraphRecipient | null;
  toRecipients?: GraphRecipient[] | null;
  ccRecipients?: GraphRecipient[] | null;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  bodyPreview?: string | null;
  conversationId?: string | null;
  isDraft?: boolean | null;
  internetMessageHeaders?: Array<{ name: string; value: string }> | null;
}
interface GraphRecipient {
  emailAddress?: { address?: string | null; name?: string | null } | null;
}

interface DeltaPage {
  value?: GraphMessage[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const SELECT = [
  "id",
  "internetMessageId",
  "subject",
  "from",
  "sender",
  "toRecipients",
  "ccRecipients",
  "receivedDateTime",
  "sentDateTime",
  "bodyPreview",
  "conversationId",
  "isDraft",
].join(",");

const MAX_RESETS_PER_RUN = 2;

/** How far back a full sync reads when no `since` is given. */
export const DEFAULT_LOOKBACK_DAYS = 14;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait `Retry-After` asks for (seconds or an HTTP date), or an exponential backoff when it says nothing. */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return Math.min(2 ** attempt * 1000, 60_000);
}

class Reader {
  private readonly base: URL;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: Logger;
  private readonly pageSize: number;
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private token: string | null = null;

  constructor(private readonly options: GraphReaderOptions) {
    this.base = new URL((options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, ""));
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 1000);
    this.maxAttempts = options.maxAttempts ?? 6;
    this.maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  private mailboxPath(): string {
    return `${this.base.pathname}/users/${encodeURIComponent(this.options.mailbox)}`;
  }

  initialLink(folder: GraphFolder): string {
    const url = new URL(`${this.mailboxPath()}/mailFolders/${folder}/messages/delta`, this.base);
    url.searchParams.set("$select", SELECT);
    const since = this.options.since === undefined ? new Date(this.clock().getTime() - DEFAULT_LOOKBACK_DAYS * 86_400_000) : this.options.since;
    if (since) url.searchParams.set("$filter", `receivedDateTime ge ${since.toISOString()}`);
    return url.toString();
  }

  /** Links come from Graph's answers and from storage: follow only those to Graph itself, so a token never leaks. */
  private checkLink(link: string): URL {
    const url = new URL(link);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(`${this.base.pathname}/`)) {
      throw new GraphError(0, "unexpectedLink", `länken pekar utanför Graph: ${url.origin}${url.pathname}`);
    }
    return url;
  }

  /** GET with the token, waiting out throttling; returns the response for any other status. */
  private async get(link: string): Promise<Response> {
    const url = this.checkLink(link);
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      this.token ??= await this.options.getToken();
      const response = await this.fetch(url, {
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: "application/json",
          Prefer: `odata.maxpagesize=${this.pageSize}, IdType="ImmutableId"`,
        },
        // A hung connection must not hold the timer run forever; the next run starts from the saved link.
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      if (response.status === 401 && !refreshed) {
        await response.body?.cancel();
        refreshed = true;
        this.token = await this.options.getToken({ forceRefresh: true });
        continue;
      }
      if ((response.status === 429 || response.status === 503 || response.status === 504) && attempt < this.maxAttempts) {
        const wait = retryAfterMs(response.headers.get("retry-after"), attempt);
        await response.body?.cancel();
        if (wait > this.maxWaitMs) throw new GraphError(response.status, "retryTooLate", `Graph ber om ${wait} ms väntan`);
        this.logger.warn(`Graph svarade ${response.status}; väntar ${wait} ms som Retry-After säger`);
        await this.sleep(wait);
        continue;
      }
      return response;
    }
  }

  private async fail(response: Response): Promise<never> {
    let code = "unknown";
    let message = response.statusText;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new GraphError(response.status, code, message);
  }

  /** Internet headers of one message (Auto-Submitted, In-Reply-To, …); null when Graph has none for it. */
  private async headersOf(message: GraphMessage): Promise<HeaderLookup | null> {
    if (message.internetMessageHeaders) return headerLookup(message.internetMessageHeaders);
    const url = new URL(`${this.mailboxPath()}/messages/${encodeURIComponent(message.id)}`, this.base);
    url.searchParams.set("$select", "internetMessageHeaders");
    const response = await this.get(url.toString());
    if (response.status === 404) {
      await response.body?.cancel();
      return null; // deleted since the delta page was made; classify by what the page said
    }
    if (!response.ok) return this.fail(response);
    const body = (await response.json()) as Pick<GraphMessage, "internetMessageHeaders">;
    return body.internetMessageHeaders && body.internetMessageHeaders.length > 0 ? headerLookup(body.internetMessageHeaders) : null;
  }

  async sync(folder: GraphFolder): Promise<SyncResult> {
    const result: SyncResult = { pages: 0, messages: 0, resets: 0 };
    let link = (await this.options.state.get(folder)) ?? this.initialLink(folder);
    for (;;) {
      const response = await this.get(link);
      if (response.status === 410) {
        await this.fail(response).catch((error: unknown) => this.logger.warn("Graph glömde synkläget; läser om mappen", error));
        result.resets += 1;
        if (result.resets > MAX_RESETS_PER_RUN) throw new GraphError(410, "resyncLoop", "Graph glömmer synkläget gång på gång");
        await this.options.state.clear(folder);
        link = this.initialLink(folder);
        continue;
      }
      if (!response.ok) await this.fail(response);
      const page = (await response.json()) as DeltaPage;
      result.pages += 1;
      for (const message of page.value ?? []) {
        if (message["@removed"] || message.isDraft) continue;
        const headers = await this.headersOf(message);
        await this.options.sink(candidateFromGraph(message, folder, this.options.mailbox, headers, this.clock()));
        result.messages += 1;
      }
      const next = page["@odata.nextLink"];
      const delta = page["@odata.deltaLink"];
      if (next) {
        link = this.checkLink(next).toString();
        await this.options.state.set(folder, link);
        continue;
      }
      if (delta) {
        await this.options.state.set(folder, this.checkLink(delta).toString());
        return result;
      }
      throw new GraphError(response.status, "noLink", "svaret saknar både nextLink och deltaLink");
    }
  }
}

/** One folder, from the saved link (or the start) to a new delta link. Rejects on faults it cannot wait out. */
export function syncFolder(folder: GraphFolder, options: GraphReaderOptions): Promise<SyncResult> {
  return new Reader(options).sync(folder);
}

/** Inbox, then Sent Items (so a reply read in the same run finds the inquiry it answers). */
export async function syncMailbox(options: GraphReaderOptions): Promise<Record<GraphFolder, SyncResult>> {
  const reader = new Reader(options);
  const inbox = await reader.sync("inbox");
  const sentitems = await reader.sync("sentitems");
  return { inbox, sentitems };
}

/**
 * A Graph message as a candidate. Inbox: an inquiry unless a machine sent it or it is the mailbox's own mail (a
 * copy of a reply with the mailbox on Cc; Exchange Online's spoofing checks keep others from sending as the
 * mailbox). Sent Items: a reply, unless it is the mailbox's own automatic reply.
 */
export function candidateFromGraph(
  message: GraphMessage,
  folder: GraphFolder,
  mailbox: string,
  headers: HeaderLookup | null,
  now: Date,
): MailCandidate {
  const who = message.from ?? message.sender;
  const from = normalizeAddress(who?.emailAddress?.address);
  const subject = cleanSubject(message.subject);
  const preview = message.bodyPreview ?? "";
  const at = (folder === "sentitems" ? message.sentDateTime ?? message.receivedDateTime : message.receivedDateTime ?? message.sentDateTime) ?? "";
  const givenId = normalizeMessageId(message.internetMessageId);
  const messageId = givenId ?? deriveMessageId({ from, date: at, subject, body: preview });
  const lookup = headers ?? noHeaders;
  // References lists the thread oldest first; the newest (the mail answered) matters most after In-Reply-To.
  const referencesNewestFirst = lookup("references")
    .flatMap((value) => value.match(/<[^<>\s]+>/g) ?? [])
    .reverse();
  const base = {
    source: "graph" as const,
    messageId,
    messageIdDerived: givenId === null,
    key: messageKey(messageId),
    from,
    fromName: (who?.emailAddress?.name ?? "").trim().slice(0, 200),
    to: [
      ...new Set([...(message.toRecipients ?? []), ...(message.ccRecipients ?? [])].map((r) => normalizeAddress(r.emailAddress?.address)).filter(Boolean)),
    ].slice(0, MAX_RECIPIENTS),
    subject,
    // Graph always dates a message; should it not, the reading time is the safe side for a due time.
    at: Number.isFinite(Date.parse(at)) ? new Date(at).toISOString() : now.toISOString(),
    inReplyTo: messageIdList([...lookup("in-reply-to"), ...referencesNewestFirst]),
    conversationId: message.conversationId ?? null,
  };
  const automatic = automaticKind({ headers: lookup, from, subject, headersUnavailable: headers === null });
  if (automatic) return { ...base, kind: "ignored", reason: automatic };
  if (folder === "sentitems") return { ...base, kind: "reply" };
  if (from === mailbox.trim().toLowerCase()) return { ...base, kind: "ignored", reason: "own_mail" };
  return { ...base, kind: "inquiry", excerpt: makeExcerpt(preview), malformed: false };
}

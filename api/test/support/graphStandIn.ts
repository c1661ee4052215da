import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphFolder, GraphMessage } from "../../src/mailbox/graphDelta.js";

/**
 * A stand-in for the part of Microsoft Graph the mailbox reader uses, over real HTTP on loopback (Graph cannot run
 * here). It behaves as Graph documents it:
 * - `GET /v1.0/users/{mailbox}/mailFolders/{inbox|sentitems}/messages/delta`: a full listing page by page
 *   (`Prefer: odata.maxpagesize`, `@odata.nextLink` with `$skiptoken`), ending with `@odata.deltaLink`
 *   (`$deltatoken`); from a delta link, only what changed since, deletions as `@removed`. `$select` and
 *   `$filter=receivedDateTime ge …` are honoured, and carried in the links as Graph does.
 * - `GET /v1.0/users/{mailbox}/messages/{id}?$select=internetMessageHeaders`.
 * - Faults: 401 `InvalidAuthenticationToken` for a wrong or expired token; 403 `ErrorAccessDenied` for any other
 *   mailbox (what Exchange RBAC for Applications answers outside its scope); 429 with `Retry-After` when told
 *   to throttle; 410 `SyncStateNotFound` for links issued before `expireSyncState()`.
 */
export interface StandInMessage extends GraphMessage {
  receivedDateTime: string;
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  prefer: string | undefined;
  status: number;
}

export interface GraphStandIn {
  /** Base URL to give the reader, e.g. `http://127.0.0.1:PORT/v1.0`. */
  baseUrl: string;
  mailbox: string;
  /** The bearer token currently accepted. */
  token: string;
  requests: RecordedRequest[];
  /** Adds (or replaces, same id) a message; returns it as stored. */
  put(folder: GraphFolder, message: Partial<StandInMessage> & { subject: string }): StandInMessage;
  remove(folder: GraphFolder, id: string): void;
  /** The next `count` requests answer 429 with `Retry-After: seconds`. */
  throttle(count: number, retryAfterSeconds: number | null): void;
  /** The next `count` requests get no answer at all (a hung connection). */
  stall(count: number): void;
  /** Every link issued so far answers 410 SyncStateNotFound. */
  expireSyncState(): void;
  /** A new token is required from now on; the old one gets 401. */
  rotateToken(): string;
  close(): Promise<void>;
}

interface Change {
  seq: number;
  id: string;
  removed: boolean;
}

interface FolderState {
  messages: Map<string, StandInMessage>;
  changes: Change[];
}

/** What a skiptoken or deltatoken carries (Graph's are opaque; these are base64url JSON). */
interface LinkState {
  folder: GraphFolder;
  generation: number;
  /** Changes after this sequence number are listed (0 for a full listing). */
  after: number;
  /** Changes up to this sequence number belong to this round. */
  upTo: number;
  offset: number;
  select: string | null;
  filter: string | null;
}

const encode = (state: LinkState) => Buffer.from(JSON.stringify(state)).toString("base64url");
const decode = (token: string): LinkState | null => {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as LinkState;
  } catch {
    return null;
  }
};

function graphError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { code, message, innerError: { "request-id": randomUUID(), date: new Date().toISOString() } } }));
}

function project(message: StandInMessage, select: string | null): Record<string, unknown> {
  if (!select) {
    const { internetMessageHeaders: _headers, ...rest } = message; // like Graph: headers only when selected
    return rest;
  }
  const fields = new Set(["id", ...select.split(",").map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(message).filter(([key]) => fields.has(key)));
}

/** `receivedDateTime ge 2026-06-01T00:00:00.000Z`, the one filter Graph's message delta supports. */
function matchesFilter(message: StandInMessage, filter: string | null): boolean {
  if (!filter) return true;
  const match = /^receivedDateTime (ge|gt) (\S+)$/.exec(filter.trim());
  if (!match) return true;
  const [, op, value] = match;
  const at = Date.parse(message.receivedDateTime);
  const bound = Date.parse(value ?? "");
  return op === "ge" ? at >= bound : at > bound;
}

export async function startGraphStandIn(options: { mailbox: string; defaultPageSize?: number }): Promise<GraphStandIn> {
  const folders: Record<GraphFolder, FolderState> = {
    inbox: { messages: new Map(), changes: [] },
    sentitems: { messages: new Map(), changes: [] },
  };
  let seq = 0;
  let generation = 1;
  let throttleLeft = 0;
  let stallLeft = 0;
  let throttleSeconds: number | null = 1;
  let token = `standin-${randomUUID()}`;
  const requests: RecordedRequest[] = [];
  const mailboxLower = options.mailbox.toLowerCase();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const record: RecordedRequest = {
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      prefer: typeof req.headers.prefer === "string" ? req.headers.prefer : undefined,
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      record.status = status;
      graphError(res, status, code, message, headers);
    };

    if (stallLeft > 0) {
      stallLeft -= 1;
      return; // never answered; closed with the server
    }
    if (req.method !== "GET") return fail(405, "BadRequest", "Only GET is supported by the stand-in.");
    if (throttleLeft > 0) {
      throttleLeft -= 1;
      return fail(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", throttleSeconds === null ? {} : { "Retry-After": String(throttleSeconds) });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return fail(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
    }
    const route = /^\/v1\.0\/users\/([^/]+)\/(?:mailFolders\/([^/]+)\/messages\/delta|messages\/([^/]+))$/.exec(url.pathname);
    if (!route) return fail(400, "BadRequest", `Resource not found for the segment '${url.pathname}'.`);
    const user = decodeURIComponent(route[1] ?? "").toLowerCase();
    if (user !== mailboxLower) return fail(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

    if (route[3] !== undefined) {
      const id = decodeURIComponent(route[3]);
      const message = folders.inbox.messages.get(id) ?? folders.sentitems.messages.get(id);
      if (!message) return fail(404, "ErrorItemNotFound", "The specified object was not found in the store.");
      const selected = project(message, url.searchParams.get("$select"));
      return reply(200, selected);
    }

    const folderName = route[2] as GraphFolder;
    if (!Object.hasOwn(folders, folderName)) return fail(404, "ErrorInvalidIdMalformed", "Id is malformed.");
    const folder = folders[folderName];

    const skip = url.searchParams.get("$skiptoken");
    const delta = url.searchParams.get("$deltatoken");
    let state: LinkState;
    if (skip !== null || delta !== null) {
      const decoded = decode(skip ?? delta ?? "");
      if (!decoded || decoded.folder !== folderName) return fail(400, "BadRequest", "Invalid token.");
      if (decoded.generation !== generation) {
        return fail(410, "SyncStateNotFound", `The sync state generation is not found; generation=${decoded.generation};[highest=${generation}]`);
      }
      // A delta link starts a new round: everything changed since it was issued, up to now.
      state = delta !== null ? { ...decoded, after: decoded.upTo, upTo: seq, offset: 0 } : decoded;
    } else {
      state = {
        folder: folderName,
        generation,
        after: 0,
        upTo: seq,
        offset: 0,
        select: url.searchParams.get("$select"),
        filter: url.searchParams.get("$filter"),
      };
    }

    // The latest change per message in (after, upTo], oldest first.
    const latest = new Map<string, Change>();
    for (const change of folder.changes) {
      if (change.seq > state.after && change.seq <= state.upTo) {
        latest.delete(change.id);
        latest.set(change.id, change);
      }
    }
    const items: Array<Record<string, unknown>> = [];
    for (const change of latest.values()) {
      const message = folder.messages.get(change.id);
      if (change.removed || !message) {
        if (state.after > 0) items.push({ id: change.id, "@removed": { reason: "deleted" } });
      } else if (matchesFilter(message, state.filter)) {
        items.push(project(message, state.select));
      }
    }

    const preferred = /odata\.maxpagesize=(\d+)/.exec(record.prefer ?? "");
    const pageSize = Math.min(Number(preferred?.[1] ?? options.defaultPageSize ?? 10), 1000);
    const page = items.slice(state.offset, state.offset + pageSize);
    const base = `http://${req.headers.host}/v1.0/users/${route[1]}/mailFolders/${folderName}/messages/delta`;
    const headers: Record<string, string> = preferred ? { "Preference-Applied": `odata.maxpagesize=${pageSize}` } : {};
    const body: Record<string, unknown> = { "@odata.context": `${base}/$metadata#Collection(message)`, value: page };
    if (state.offset + pageSize < items.length) {
      body["@odata.nextLink"] = `${base}?$skiptoken=${encode({ ...state, offset: state.offset + pageSize })}`;
    } else {
      body["@odata.deltaLink"] = `${base}?$deltatoken=${encode({ ...state, offset: 0 })}`;
    }
    return reply(200, body, headers);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    mailbox: options.mailbox,
    get token() {
      return token;
    },
    requests,
    put(folderName, partial) {
      const id = partial.id ?? `AAMk${randomUUID().replace(/-/g, "")}`;
      const now = new Date().toISOString();
      const message: StandInMessage = {
        id,
        internetMessageId: `<${randomUUID()}@example.se>`,
        receivedDateTime: now,
        sentDateTime: now,
        bodyPreview: "",
        conversationId: `AAQk${randomUUID().replace(/-/g, "")}`,
        isDraft: false,
        toRecipients: [{ emailAddress: { address: options.mailbox, name: "Nära vård" } }],
        ccRecipients: [],
        ...partial,
      };
      const folder = folders[folderName];
      folder.messages.set(id, message);
      seq += 1;
      folder.changes.push({ seq, id, removed: false });
      return message;
    },
    remove(folderName, id) {
      const folder = folders[folderName];
      folder.messages.delete(id);
      seq += 1;
      folder.changes.push({ seq, id, removed: true });
    },
    throttle(count, retryAfterSeconds) {
      throttleLeft = count;
      throttleSeconds = retryAfterSeconds;
    },
    stall(count) {
      stallLeft = count;
    },
    expireSyncState() {
      generation += 1;
    },
    rotateToken() {
      token = `standin-${randomUUID()}`;
      return token;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

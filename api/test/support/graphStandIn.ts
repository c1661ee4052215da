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
 * - Change notifications: `POST /v1.0/subscriptions` on `users/{mailbox}/mailFolders('Inbox'|'SentItems')/messages`
 *   checks the expiration (future, at most 4230 minutes ahead for messages), then validates the notificationUrl
 *   (POST `?validationToken=…`, which must answer 200 with the token within 10 s) and only then answers 201; a failed
 *   validation is 400 `ValidationError`. `PATCH /v1.0/subscriptions/{id}` renews; 404 `ResourceNotFound` once the
 *   subscription expired or was removed (`dropSubscriptions()`). `notify(folder)` posts a notification as Graph does.
 *   A `lifecycleNotificationUrl` is validated the same way; `lifecycle(folder, event)` posts a lifecycle notification
 *   there (`subscriptionRemoved` also removes the subscription, as Graph does before telling).
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
  /** Live subscriptions by id. */
  subscriptions: Map<string, StandInSubscription>;
  /** Graph forgets every subscription (as when they expire unrenewed or an administrator removes them). */
  dropSubscriptions(): void;
  /** Sends a `created` notification for the message to every subscription on the folder; the statuses answered. */
  notify(folder: GraphFolder, messageId: string, options?: { clientState?: string }): Promise<number[]>;
  /** Sends a lifecycle notification to every subscription on the folder that has a lifecycle URL; the statuses answered. */
  lifecycle(folder: GraphFolder, event: "missed" | "subscriptionRemoved" | "reauthorizationRequired", options?: { clientState?: string }): Promise<number[]>;
  close(): Promise<void>;
}

export interface StandInSubscription {
  id: string;
  resource: string;
  folder: GraphFolder;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
}

/** Graph's maximum lifetime of a subscription on Outlook messages. */
export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 4230;

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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Graph's validation call: POST with the token in the query, 200 with exactly that token within 10 seconds. */
async function validateEndpoint(notificationUrl: string): Promise<boolean> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const url = new URL(notificationUrl);
  url.searchParams.set("validationToken", token);
  try {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "", signal: AbortSignal.timeout(10_000) });
    return response.status === 200 && (await response.text()) === token;
  } catch {
    return false;
  }
}

export async function startGraphStandIn(options: { mailbox: string; defaultPageSize?: number; clock?: () => Date }): Promise<GraphStandIn> {
  const now = options.clock ?? (() => new Date());
  const subscriptions = new Map<string, StandInSubscription>();
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
    const isSubscription = /^\/v1\.0\/subscriptions(\/[^/]+)?$/.test(url.pathname);
    if (req.method !== "GET" && !isSubscription) return fail(405, "BadRequest", "Only GET is supported by the stand-in.");
    if (throttleLeft > 0) {
      throttleLeft -= 1;
      return fail(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", throttleSeconds === null ? {} : { "Retry-After": String(throttleSeconds) });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return fail(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
    }
    if (isSubscription) {
      void handleSubscription(req, url, reply, fail);
      return;
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

  const expired = (sub: StandInSubscription) => Date.parse(sub.expirationDateTime) <= now().getTime();

  /** The expiration Graph accepts for messages, or the error message it gives. */
  const checkExpiration = (value: unknown): string | null => {
    const at = typeof value === "string" ? Date.parse(value) : NaN;
    if (!Number.isFinite(at)) return "expirationDateTime is required.";
    if (at <= now().getTime()) return "Subscription expiration can only be in the future.";
    if (at > now().getTime() + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000) {
      return `Subscription expiration can only be ${MAX_MESSAGE_SUBSCRIPTION_MINUTES} minutes in the future.`;
    }
    return null;
  };

  async function handleSubscription(
    req: IncomingMessage,
    url: URL,
    reply: (status: number, body: unknown) => void,
    fail: (status: number, code: string, message: string) => void,
  ): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return fail(400, "BadRequest", "Unable to read JSON request payload.");
    }
    const id = /^\/v1\.0\/subscriptions\/([^/]+)$/.exec(url.pathname)?.[1];
    if (req.method === "PATCH" && id !== undefined) {
      const sub = subscriptions.get(decodeURIComponent(id));
      if (!sub || expired(sub)) {
        if (sub) subscriptions.delete(sub.id);
        return fail(404, "ResourceNotFound", "The object was not found.");
      }
      const problem = checkExpiration(body.expirationDateTime);
      if (problem) return fail(400, "ExtensionError", problem);
      sub.expirationDateTime = new Date(String(body.expirationDateTime)).toISOString();
      return reply(200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity", ...sub, folder: undefined });
    }
    if (req.method !== "POST" || id !== undefined) return fail(405, "BadRequest", "Method not allowed.");
    const resource = typeof body.resource === "string" ? body.resource : "";
    const match = /^\/?users\/([^/]+)\/mailFolders\('(Inbox|SentItems)'\)\/messages$/i.exec(resource);
    if (!match) return fail(400, "InvalidRequest", `Resource '${resource}' is not supported.`);
    if (decodeURIComponent(match[1] ?? "").toLowerCase() !== mailboxLower) return fail(403, "ExtensionError", "Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied.]");
    if (body.changeType !== "created") return fail(400, "InvalidRequest", "changeType must be 'created' for this resource in the stand-in.");
    const notificationUrl = typeof body.notificationUrl === "string" ? body.notificationUrl : "";
    if (!/^https?:\/\//.test(notificationUrl)) return fail(400, "InvalidRequest", "notificationUrl must be an absolute URL.");
    if (typeof body.clientState === "string" && body.clientState.length > 128) return fail(400, "InvalidRequest", "clientState must be at most 128 characters.");
    const problem = checkExpiration(body.expirationDateTime);
    if (problem) return fail(400, "ExtensionError", problem);
    const lifecycleNotificationUrl = typeof body.lifecycleNotificationUrl === "string" ? body.lifecycleNotificationUrl : null;
    if (lifecycleNotificationUrl !== null && !/^https?:\/\//.test(lifecycleNotificationUrl)) return fail(400, "InvalidRequest", "lifecycleNotificationUrl must be an absolute URL.");
    if (!(await validateEndpoint(notificationUrl)) || (lifecycleNotificationUrl !== null && !(await validateEndpoint(lifecycleNotificationUrl)))) {
      return fail(400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
    }
    const sub: StandInSubscription = {
      id: randomUUID(),
      resource,
      folder: (match[2] ?? "").toLowerCase() === "inbox" ? "inbox" : "sentitems",
      changeType: "created",
      notificationUrl,
      lifecycleNotificationUrl,
      clientState: typeof body.clientState === "string" ? body.clientState : null,
      expirationDateTime: new Date(String(body.expirationDateTime)).toISOString(),
    };
    subscriptions.set(sub.id, sub);
    return reply(201, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity", ...sub, folder: undefined });
  }

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
    subscriptions,
    dropSubscriptions() {
      subscriptions.clear();
    },
    async notify(folderName, messageId, notifyOptions = {}) {
      const statuses: number[] = [];
      for (const sub of subscriptions.values()) {
        if (sub.folder !== folderName || expired(sub)) continue;
        const body = {
          value: [
            {
              subscriptionId: sub.id,
              subscriptionExpirationDateTime: sub.expirationDateTime,
              changeType: "created",
              // Graph names the message, not the folder: the subscription id says which folder.
              resource: `Users/${randomUUID()}/Messages/${messageId}`,
              resourceData: { "@odata.type": "#Microsoft.Graph.Message", "@odata.id": `Users/x/Messages/${messageId}`, id: messageId },
              clientState: notifyOptions.clientState ?? sub.clientState,
              tenantId: randomUUID(),
            },
          ],
        };
        const response = await fetch(sub.notificationUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        await response.body?.cancel();
        statuses.push(response.status);
      }
      return statuses;
    },
    async lifecycle(folderName, event, lifecycleOptions = {}) {
      const statuses: number[] = [];
      for (const sub of [...subscriptions.values()]) {
        if (sub.folder !== folderName || !sub.lifecycleNotificationUrl) continue;
        if (event === "subscriptionRemoved") subscriptions.delete(sub.id);
        const body = {
          value: [
            {
              subscriptionId: sub.id,
              subscriptionExpirationDateTime: sub.expirationDateTime,
              tenantId: randomUUID(),
              clientState: lifecycleOptions.clientState ?? sub.clientState,
              lifecycleEvent: event,
            },
          ],
        };
        const response = await fetch(sub.lifecycleNotificationUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        await response.body?.cancel();
        statuses.push(response.status);
      }
      return statuses;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

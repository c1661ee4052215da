import fsp from "node:fs/promises";
import path from "node:path";

/**
 * The bot's local, durable record of what it did with each notification, consulted before sending a
 * notification whose claim it took over (see README.md for why it exists and what it guarantees).
 *
 * - `sending`: an attempt to the Bot Connector started (diagnostic: a takeover that finds only this knows
 *   the earlier send may or may not have reached Teams).
 * - `done`: the Bot Connector gave its answer (sent with activityId, forbidden, …). Written and fsynced
 *   BEFORE the outcome is recorded through the API, so a crash between the two does not lead to a resend.
 * - `recorded`: the API has the outcome; a redelivered queue message for it is simply deleted.
 */

export type JournalOutcome = "sent" | "forbidden" | "no_conversation" | "failed";

export interface JournalResult {
  outcome: JournalOutcome;
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  activityId?: string;
}

/** `messageId`: the queue message the entry is about (a redelivery of the same message has the same id). */
export type JournalEntry =
  | { id: string; state: "sending"; at: number; messageId?: string }
  | { id: string; state: "done"; at: number; result: JournalResult; messageId?: string }
  | { id: string; state: "recorded"; at: number; result: JournalResult; messageId?: string };

export interface DeliveryJournal {
  get(notificationId: string): JournalEntry | undefined;
  markSending(notificationId: string, messageId?: string): Promise<void>;
  /** Durable when it resolves. */
  markDone(notificationId: string, result: JournalResult, messageId?: string): Promise<void>;
  markRecorded(notificationId: string, result: JournalResult, messageId?: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryJournal(clock: () => number = Date.now): DeliveryJournal {
  const entries = new Map<string, JournalEntry>();
  return {
    get: (id) => entries.get(id),
    markSending: (id, messageId) => {
      entries.set(id, { id, state: "sending", at: clock(), messageId });
      return Promise.resolve();
    },
    markDone: (id, result, messageId) => {
      entries.set(id, { id, state: "done", at: clock(), result, messageId });
      return Promise.resolve();
    },
    markRecorded: (id, result, messageId) => {
      entries.set(id, { id, state: "recorded", at: clock(), result, messageId });
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

export interface FileJournalOptions {
  /** Entries older than this are dropped when the journal is opened. Default 8 days (a queue message lives 7). */
  retentionMs?: number;
  clock?: () => number;
}

/**
 * An append-only JSON-lines file. Opening it reads the file (a torn last line from a crash is skipped),
 * drops old entries and rewrites it compacted. One process at a time may have a given file open.
 */
export async function openFileJournal(file: string, options: FileJournalOptions = {}): Promise<DeliveryJournal> {
  const clock = options.clock ?? Date.now;
  const retentionMs = options.retentionMs ?? 8 * 24 * 3600_000;
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const entries = new Map<string, JournalEntry>();
  let text = "";
  try {
    text = await fsp.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  for (const line of text.split("\n")) {
    const entry = parseEntry(line);
    if (entry) entries.set(entry.id, entry);
  }
  const cutoff = clock() - retentionMs;
  for (const [id, entry] of entries) if (entry.at < cutoff) entries.delete(id);

  // Compact: write what is kept to a new file and move it into place atomically.
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, [...entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(""), { flush: true });
  await fsp.rename(tmp, file);

  const handle = await fsp.open(file, "a");
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let sincePrune = 0;
  const append = (entry: JournalEntry, durable: boolean): Promise<void> => {
    if (closed) return Promise.reject(new Error("delivery journal is closed"));
    entries.set(entry.id, entry);
    // A long-running bot forgets old entries in memory too (the file is compacted at the next start).
    if (++sincePrune >= 1000) {
      sincePrune = 0;
      const oldest = clock() - retentionMs;
      for (const [id, e] of entries) if (e.at < oldest) entries.delete(id);
    }
    const line = `${JSON.stringify(entry)}\n`;
    const next = chain.then(async () => {
      await handle.appendFile(line, "utf8");
      if (durable) await handle.datasync();
    });
    chain = next.catch(() => undefined); // one failed write must not block the ones after it
    return next;
  };

  return {
    get: (id) => entries.get(id),
    markSending: (id, messageId) => append({ id, state: "sending", at: clock(), messageId }, false),
    markDone: (id, result, messageId) => append({ id, state: "done", at: clock(), result, messageId }, true),
    markRecorded: (id, result, messageId) => append({ id, state: "recorded", at: clock(), result, messageId }, false),
    close: async () => {
      if (closed) return;
      closed = true;
      await chain;
      await handle.sync();
      await handle.close();
    },
  };
}

function parseEntry(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined; // a line torn by a crash mid-write
  }
  if (typeof value !== "object" || value === null) return undefined;
  const e = value as { id?: unknown; at?: unknown; state?: unknown; messageId?: unknown; result?: { outcome?: unknown } };
  if (typeof e.id !== "string" || typeof e.at !== "number") return undefined;
  const messageId = typeof e.messageId === "string" ? e.messageId : undefined;
  if (e.state === "sending") return { id: e.id, state: "sending", at: e.at, messageId };
  if ((e.state === "done" || e.state === "recorded") && e.result && typeof e.result.outcome === "string") {
    return { id: e.id, state: e.state, at: e.at, result: e.result as JournalResult, messageId };
  }
  return undefined;
}

/** Default place of the journal: `.data/bot/` under the working directory (persistent in dev and on App Service). */
export function defaultJournalPath(): string {
  return path.join(process.cwd(), ".data", "bot", "notification-journal.jsonl");
}


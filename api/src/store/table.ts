import { TableClient, type TableEntity, type TableEntityResult } from "@azure/data-tables";
import type { z } from "zod";
import type { Page } from "../contracts/index.js";
import { AlreadyExistsError, CorruptRowError, ConcurrencyError, InvalidContinuationTokenError, NotFoundError, restStatus } from "./errors.js";

/** Logical table names; the physical name is `${TABLE_PREFIX}${name}` (tests use a unique prefix per file). */
export const TABLE_NAMES = {
  members: "Members",
  reference: "Reference",
  projects: "Projects",
  history: "ProjectHistory",
  terms: "ProjectTerms",
  decisions: "Decisions",
  idempotency: "Idempotency",
  outbox: "Outbox",
  conversations: "Conversations",
  deliveries: "Deliveries",
  meta: "Meta",
  escalations: "Escalations",
  sentCards: "SentCards",
  risks: "Risks",
  surveyRounds: "SurveyRounds",
  surveyResponses: "SurveyResponses",
  surveyInbox: "SurveyInbox",
  inquiries: "Inquiries",
  inquiryIndex: "InquiryIndex",
} as const;
export type TableKey = keyof typeof TABLE_NAMES;

export function createTableClient(connectionString: string, tableName: string): TableClient {
  // Azurite speaks plain http on loopback; production connection strings use https and ignore this flag.
  return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
}

/** Creates the table if it is missing; an existing table (409 TableAlreadyExists) is fine. */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (error) {
    if (restStatus(error) !== 409) throw error;
  }
}

export type Entity = TableEntity<Record<string, unknown>>;
export type EntityResult = TableEntityResult<Record<string, unknown>>;

export async function getOrNull(client: TableClient, partitionKey: string, rowKey: string): Promise<EntityResult | null> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (restStatus(error) === 404) return null;
    throw error;
  }
}

/** Inserts; a row with the same keys → AlreadyExistsError. Returns the new ETag. */
export async function insert(client: TableClient, entity: Entity, what?: string): Promise<string> {
  try {
    const result = await client.createEntity(entity);
    return result.etag ?? "";
  } catch (error) {
    if (restStatus(error) === 409) throw new AlreadyExistsError(what);
    throw error;
  }
}

/** Inserts unless the row exists (idempotent seeding and log entries). Returns true when it wrote. */
export async function insertIfAbsent(client: TableClient, entity: Entity): Promise<boolean> {
  try {
    await client.createEntity(entity);
    return true;
  } catch (error) {
    if (restStatus(error) === 409) return false;
    throw error;
  }
}

/**
 * Updates with the caller's ETag — never the SDK's default "*". 412 → ConcurrencyError (nothing written),
 * 404 → NotFoundError. Returns the new ETag.
 */
export async function updateWithEtag(
  client: TableClient,
  entity: Entity,
  etag: string,
  mode: "Merge" | "Replace" = "Replace",
  what?: string,
): Promise<string> {
  if (!etag || etag === "*") throw new Error("updateWithEtag needs a concrete ETag");
  try {
    const result = await client.updateEntity(entity, mode, { etag });
    return result.etag ?? "";
  } catch (error) {
    const status = restStatus(error);
    if (status === 412) throw new ConcurrencyError(what);
    if (status === 404) throw new NotFoundError(what);
    throw error;
  }
}

/** Deletes; a missing row is fine. */
export async function deleteIfPresent(client: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
  } catch (error) {
    if (restStatus(error) !== 404) throw error;
  }
}

/** The SDK's continuation token is base64 JSON `{nextPartitionKey, nextRowKey?}`; reject anything else up front. */
export function assertContinuationToken(token: string | undefined): void {
  if (token === undefined) return;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
    const { nextPartitionKey, nextRowKey } = parsed as { nextPartitionKey?: unknown; nextRowKey?: unknown };
    if (typeof nextPartitionKey !== "string") throw new Error("no partition key");
    if (nextRowKey !== undefined && typeof nextRowKey !== "string") throw new Error("bad row key");
  } catch {
    throw new InvalidContinuationTokenError();
  }
}

/**
 * One page of a server-side filtered query. The service may return an empty page with a token when the filter
 * skips many rows; follow such tokens a few times so clients rarely see empty pages.
 */
export async function readPage<T>(
  client: TableClient,
  filter: string,
  pageSize: number,
  continuationToken: string | undefined,
  map: (entity: EntityResult) => T,
): Promise<Page<T>> {
  assertContinuationToken(continuationToken);
  let token = continuationToken;
  for (let hop = 0; hop < 10; hop++) {
    const iterator = client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
      .byPage({ maxPageSize: pageSize, ...(token ? { continuationToken: token } : {}) });
    const result = await iterator.next();
    if (result.done) return { items: [], continuationToken: null };
    const page = result.value;
    const next = page.continuationToken ?? null;
    if (page.length > 0 || next === null) return { items: page.map(map), continuationToken: next };
    token = next;
  }
  return { items: [], continuationToken: token ?? null };
}

/** Every row of one partition, up to `max` (reference lists are small by nature; this guards against surprises). */
export async function readPartition(client: TableClient, filter: string, max = 1000): Promise<EntityResult[]> {
  const rows: EntityResult[] = [];
  for await (const page of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(max, 1000) })) {
    rows.push(...page);
    if (rows.length >= max) break;
  }
  return rows.slice(0, max);
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Strings ≤ 64 KiB per property: JSON longer than this is split over numbered properties. */
const CHUNK_CHARS = 30_000;

export function putJson(entity: Record<string, unknown>, name: string, value: unknown): void {
  const json = JSON.stringify(value ?? null);
  if (json.length <= CHUNK_CHARS) {
    entity[name] = json;
    return;
  }
  const count = Math.ceil(json.length / CHUNK_CHARS);
  entity[`${name}__chunks`] = count;
  for (let i = 0; i < count; i++) entity[`${name}__${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
}

function rawJson(entity: Record<string, unknown>, name: string): string | undefined {
  const single = entity[name];
  if (typeof single === "string") return single;
  const count = entity[`${name}__chunks`];
  if (typeof count !== "number") return undefined;
  let json = "";
  for (let i = 0; i < count; i++) {
    const part = entity[`${name}__${i}`];
    if (typeof part !== "string") throw new CorruptRowError(`${name} of ${String(entity["rowKey"])}`, `missing chunk ${i}`);
    json += part;
  }
  return json;
}

/**
 * A JSON column, validated against its schema: a stored row is never trusted by a cast. Absent → undefined;
 * unparseable or not matching → CorruptRowError (logged, answered as a bare 500, never passed on).
 */
export function getJson<S extends z.ZodType>(entity: Record<string, unknown>, name: string, schema: S): z.output<S> | undefined {
  const text = rawJson(entity, name);
  if (text === undefined) return undefined;
  const what = `${name} of ${String(entity["partitionKey"])}/${String(entity["rowKey"])}`;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new CorruptRowError(what, "not JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptRowError(what, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

export function str(entity: Record<string, unknown>, name: string): string | undefined {
  const v = entity[name];
  return typeof v === "string" ? v : undefined;
}

/** Inverted, fixed-width milliseconds: newer instants sort first in a RowKey. */
export function invertedMillis(at: Date | string): string {
  const ms = typeof at === "string" ? new Date(at).getTime() : at.getTime();
  return String(9_999_999_999_999 - ms).padStart(13, "0");
}

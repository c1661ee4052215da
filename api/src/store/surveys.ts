/**
 * Survey tables (SPEC 3.3).
 *
 * SurveyRounds — PartitionKey = programId, RowKey = round id. The id starts with the inverted creation time, so a
 * ranged read lists the newest rounds first. Columns: kind, status (`open` | `closed`), opensAt, deadline,
 * activityDate, programAreaId (filters of the quarterly roll-up), doc (JSON: the round with its questions and its
 * resolved targets), dispatch (JSON: which cards and reminders were put on the queue). Updates use the ETag.
 *
 * SurveyResponses — PartitionKey = `${programId}|${roundId}`, RowKey = the target key (sha256 of e-mail and effort):
 * one row per person (and effort) and round, so answering again replaces it and a double click cannot add one.
 * Columns: responseId, email, projectId, submittedAt, answers (JSON). When an activity round closes, each row is
 * copied to RowKey `anon-<random>` without email and the original deleted: the answers stay, the link to the person
 * does not.
 *
 * SurveyInbox — PartitionKey = `${programId}|${emailKey}`, RowKey = `${roundId}|${projectId or "-"}`: the rounds a
 * person is asked in (`mina enkäter`: one partition read). Written before the round row, which is the commit point:
 * an inbox row whose round does not exist is ignored.
 */
import { createHash, randomBytes } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { odata } from "@azure/data-tables";
import { z } from "zod";
import {
  IdSchema,
  SurveyActivitySchema,
  SurveyAnswerValueSchema,
  SurveyKindSchema,
  SurveyQuestionSchema,
  SurveyTargetSchema,
  type Page,
  type SurveyKind,
  type SurveyTarget,
} from "../contracts/index.js";
import {
  deleteIfPresent,
  getJson,
  getOrNull,
  insert,
  insertIfAbsent,
  invertedMillis,
  mapLimit,
  putJson,
  readPage,
  readPartition,
  str,
  updateWithEtag,
  type EntityResult,
} from "./table.js";

export const StoredRoundSchema = z.object({
  id: IdSchema,
  kind: SurveyKindSchema,
  title: z.string(),
  activity: SurveyActivitySchema.optional(),
  questions: z.array(SurveyQuestionSchema),
  targets: z.array(SurveyTargetSchema),
  unresolved: z.array(z.object({ projectId: IdSchema, projectName: z.string() })).default([]),
  opensAt: z.string(),
  deadline: z.string(),
  reminders: z.array(z.string()),
  status: z.enum(["open", "closed"]),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
});
export type StoredRound = z.infer<typeof StoredRoundSchema>;

export const DispatchSchema = z.object({ invited: z.boolean(), reminded: z.array(z.number().int()) });
export type Dispatch = z.infer<typeof DispatchSchema>;

export interface RoundRecord {
  round: StoredRound;
  dispatch: Dispatch;
  etag: string;
}

export interface StoredResponse {
  responseId: string;
  email?: string;
  projectId?: string;
  submittedAt: string;
  answers: Record<string, number | string>;
}

const AnswersSchema = z.record(z.string(), SurveyAnswerValueSchema);

export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/** One person (and effort) in one round: the key of their response row and of their notifications. */
export function targetKey(target: Pick<SurveyTarget, "email" | "projectId">): string {
  return createHash("sha256").update(`${target.email.trim().toLowerCase()}\n${target.projectId ?? ""}`).digest("hex").slice(0, 32);
}

export function newRoundId(at: Date): string {
  return `r${invertedMillis(at)}-${randomBytes(3).toString("hex")}`;
}

export class SurveyRoundsRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private toEntity(round: StoredRound, dispatch: Dispatch) {
    const entity: Record<string, unknown> = {
      partitionKey: this.programId,
      rowKey: round.id,
      kind: round.kind,
      status: round.status,
      opensAt: round.opensAt,
      deadline: round.deadline,
      ...(round.activity ? { activityDate: round.activity.date, programAreaId: round.activity.programAreaId } : {}),
      createdAt: round.createdAt,
      dispatch: JSON.stringify(dispatch),
    };
    putJson(entity, "doc", round);
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  private toRecord(e: EntityResult): RoundRecord {
    const round = getJson(e, "doc", StoredRoundSchema);
    if (!round) throw new Error(`survey round ${e.rowKey} has no document`);
    return { round, dispatch: getJson(e, "dispatch", DispatchSchema) ?? { invited: false, reminded: [] }, etag: e.etag };
  }

  async create(round: StoredRound): Promise<RoundRecord> {
    const dispatch: Dispatch = { invited: false, reminded: [] };
    const etag = await insert(this.client, this.toEntity(round, dispatch), `survey round ${round.id}`);
    return { round, dispatch, etag };
  }

  async get(id: string): Promise<RoundRecord | null> {
    const e = await getOrNull(this.client, this.programId, id);
    return e ? this.toRecord(e) : null;
  }

  async replace(round: StoredRound, dispatch: Dispatch, etag: string): Promise<RoundRecord> {
    const newEtag = await updateWithEtag(this.client, this.toEntity(round, dispatch), etag, "Replace", `survey round ${round.id}`);
    return { round, dispatch, etag: newEtag };
  }

  async list(query: { status?: "open" | "closed" | undefined; kind?: SurveyKind | undefined; pageSize: number; continuationToken?: string | undefined }): Promise<Page<RoundRecord>> {
    let filter = odata`PartitionKey eq ${this.programId}`;
    if (query.status) filter += ` and ${odata`status eq ${query.status}`}`;
    if (query.kind) filter += ` and ${odata`kind eq ${query.kind}`}`;
    return readPage(this.client, filter, query.pageSize, query.continuationToken, (e) => this.toRecord(e));
  }

  /** Open rounds (the sweep's work list). */
  async open(max = 500): Promise<RoundRecord[]> {
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.programId} and status eq ${"open"}`, max);
    return rows.map((e) => this.toRecord(e));
  }

  /** Rounds of a kind whose activity date (or, without an activity, deadline day) falls within [from, to]. */
  async inPeriod(kind: SurveyKind, from: string, to: string, programAreaId?: string): Promise<RoundRecord[]> {
    let filter = odata`PartitionKey eq ${this.programId} and kind eq ${kind}`;
    if (kind === "activity") {
      filter += ` and ${odata`activityDate ge ${from} and activityDate le ${to}`}`;
      if (programAreaId) filter += ` and ${odata`programAreaId eq ${programAreaId}`}`;
    } else {
      filter += ` and ${odata`deadline ge ${from} and deadline le ${`${to}T99`}`}`;
    }
    return (await readPartition(this.client, filter, 2000)).map((e) => this.toRecord(e));
  }
}

export class SurveyResponsesRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private pk(roundId: string): string {
    return `${this.programId}|${roundId}`;
  }

  private toResponse(e: EntityResult): StoredResponse {
    const email = str(e, "email");
    const projectId = str(e, "projectId");
    return {
      responseId: str(e, "responseId") ?? "",
      ...(email ? { email } : {}),
      ...(projectId ? { projectId } : {}),
      submittedAt: str(e, "submittedAt") ?? "",
      answers: getJson(e, "answers", AnswersSchema) ?? {},
    };
  }

  /** Writes the person's answer, replacing an earlier one (the row key is theirs, so there is never a second). */
  async put(roundId: string, key: string, response: StoredResponse): Promise<void> {
    const entity: Record<string, unknown> = {
      partitionKey: this.pk(roundId),
      rowKey: key,
      responseId: response.responseId,
      submittedAt: response.submittedAt,
      ...(response.email ? { email: response.email } : {}),
      ...(response.projectId ? { projectId: response.projectId } : {}),
    };
    putJson(entity, "answers", response.answers);
    // An unconditional upsert is right here: the row is the caller's own answer and the last one given counts.
    await this.client.upsertEntity(entity as { partitionKey: string; rowKey: string }, "Replace");
  }

  async get(roundId: string, key: string): Promise<StoredResponse | null> {
    const e = await getOrNull(this.client, this.pk(roundId), key);
    return e ? this.toResponse(e) : null;
  }

  async all(roundId: string): Promise<Array<StoredResponse & { key: string }>> {
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.pk(roundId)}`, 5000);
    return rows.map((e) => ({ ...this.toResponse(e), key: e.rowKey ?? "" }));
  }

  /** Row keys only: who (which target key) has answered. */
  async answeredKeys(roundId: string): Promise<Set<string>> {
    const keys = new Set<string>();
    const pages = this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${this.pk(roundId)}`, select: ["RowKey"] } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) for (const e of page) if (e.rowKey) keys.add(e.rowKey);
    return keys;
  }

  /** Unlinks the answers from the people who gave them (activity rounds at closing). Safe to run again. */
  async anonymise(roundId: string): Promise<void> {
    const rows = await this.all(roundId);
    await mapLimit(
      rows.filter((r) => r.email !== undefined),
      8,
      async (r) => {
        const entity: Record<string, unknown> = {
          partitionKey: this.pk(roundId),
          rowKey: `anon-${randomBytes(8).toString("hex")}`,
          responseId: `anon-${randomBytes(8).toString("hex")}`,
          // The day only: the minute of an answer could point at a person.
          submittedAt: r.submittedAt.slice(0, 10),
        };
        putJson(entity, "answers", r.answers);
        await insertIfAbsent(this.client, entity as { partitionKey: string; rowKey: string });
        await deleteIfPresent(this.client, this.pk(roundId), r.key);
      },
    );
  }
}

export interface InboxEntry {
  roundId: string;
  projectId?: string;
  projectName?: string;
}

export class SurveyInboxRepository {
  constructor(
    private readonly client: TableClient,
    private readonly programId: string,
  ) {}

  private pk(email: string): string {
    return `${this.programId}|${emailKey(email)}`;
  }

  async add(roundId: string, targets: readonly SurveyTarget[]): Promise<void> {
    await mapLimit(targets, 8, (t) =>
      this.client.upsertEntity(
        {
          partitionKey: this.pk(t.email),
          rowKey: `${roundId}|${t.projectId ?? "-"}`,
          roundId,
          ...(t.projectId ? { projectId: t.projectId } : {}),
          ...(t.projectName ? { projectName: t.projectName } : {}),
        },
        "Replace",
      ),
    );
  }

  /** The person's rounds, newest first (round ids sort newest first). */
  async forPerson(email: string, max = 200): Promise<InboxEntry[]> {
    const rows = await readPartition(this.client, odata`PartitionKey eq ${this.pk(email)}`, max);
    return rows.map((e) => {
      const projectId = str(e, "projectId");
      const projectName = str(e, "projectName");
      return { roundId: str(e, "roundId") ?? "", ...(projectId ? { projectId } : {}), ...(projectName ? { projectName } : {}) };
    });
  }
}

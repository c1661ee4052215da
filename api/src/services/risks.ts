import { createHash, randomBytes } from "node:crypto";
import type {
  Notification,
  Page,
  Risk,
  RiskAction,
  RiskDetail,
  RiskHistoryEntry,
  RiskListQuery,
  RiskPatch,
  RiskSettings,
  RiskSettingsInput,
} from "../contracts/index.js";
import type { z } from "zod";
import type { RiskInputSchema, RiskReviewInputSchema } from "../contracts/index.js";
import { swedishDate, type Clock } from "../domain/clock.js";
import { DomainErrors } from "../domain/errors.js";
import type { Identity } from "../domain/identity.js";
import type { FieldProblem } from "../domain/localized.js";
import {
  DEFAULT_RISK_SETTINGS,
  addMonths,
  checkBothOrNeither,
  checkScores,
  checkSettings,
  compareRisks,
  reviewRound,
  riskLevel,
  riskValue,
  summarizeChanges,
} from "../domain/risks.js";
import { slugify } from "../domain/text.js";
import { AlreadyExistsError, ConcurrencyError, InvalidContinuationTokenError } from "../store/errors.js";
import type { IdempotencyRepository } from "../store/idempotency.js";
import type { MembersRepository } from "../store/members.js";
import type { ProjectsRepository } from "../store/projects.js";
import type { RiskRecord, RisksRepository, StoredRisk } from "../store/risks.js";
import type { EscalationRaiser } from "./escalations.js";
import type { Logger } from "./log.js";
import type { NotificationQueue } from "./queue.js";

type RiskInputParsed = z.output<typeof RiskInputSchema>;
type RiskReviewParsed = z.output<typeof RiskReviewInputSchema>;

/** The settings row's stand-in ETag while the program still uses the defaults (a PUT with it creates the row). */
export const DEFAULT_SETTINGS_ETAG = "defaults";

const notFound = () => DomainErrors.notFound({ sv: "Risken finns inte.", en: "The risk does not exist." });

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function str(v: number | string | null | undefined): string | null {
  return v === null || v === undefined || v === "" ? null : String(v);
}

/** The risk list's use cases (SPEC 3.2): list, read, add, edit, review, escalate, export, remind. */
export class RiskService {
  constructor(
    private readonly programId: string,
    private readonly risks: RisksRepository,
    private readonly members: MembersRepository,
    private readonly projects: ProjectsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly queue: NotificationQueue,
    private readonly escalations: EscalationRaiser,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  private today(): string {
    return swedishDate(this.clock());
  }

  async settings(): Promise<RiskSettings> {
    const stored = await this.risks.settings();
    if (!stored) return { ...DEFAULT_RISK_SETTINGS, etag: DEFAULT_SETTINGS_ETAG };
    return { ...stored.settings, etag: stored.etag, ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}), ...(stored.updatedBy ? { updatedBy: stored.updatedBy } : {}) };
  }

  /**
   * Changes scale, thresholds or interval (If-Match). A new scale does not convert any value: risks assessed on the
   * old scale read as `needsReassessment` until someone reassesses them.
   */
  async putSettings(input: RiskSettingsInput, ifMatch: string, identity: Identity): Promise<RiskSettings> {
    const stored = await this.risks.settings();
    const current = stored?.etag ?? DEFAULT_SETTINGS_ETAG;
    if (current !== ifMatch) throw DomainErrors.stale();
    const problems = checkSettings(input);
    if (problems.length > 0) throw DomainErrors.validation(problems);
    try {
      await this.risks.putSettings(input, { at: this.clock().toISOString(), by: identity.email }, stored ? stored.etag : null);
    } catch (error) {
      if (error instanceof AlreadyExistsError) throw DomainErrors.stale();
      throw error;
    }
    return this.settings();
  }

  private canWrite(identity: Identity, risk: StoredRisk): boolean {
    if (identity.permissions.includes("risks.manage")) return true;
    return identity.permissions.includes("risks.read") && risk.owner !== null && risk.owner === identity.email.toLowerCase();
  }

  private async names(emails: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(emails.filter((e): e is string => e !== null))];
    const found = await Promise.all(unique.map(async (e) => [e, (await this.members.get(e))?.displayName ?? e] as const));
    return new Map(found);
  }

  toApi(record: RiskRecord, settings: RiskSettingsInput, identity: Identity, names: Map<string, string>): Risk {
    const r = record.risk;
    const value = riskValue(r.probability, r.consequence);
    const level = riskLevel(value, settings);
    const today = this.today();
    const offered = level === "high" && r.status === "open" && r.escalation === null;
    const writable = this.canWrite(identity, r);
    const actions: RiskAction[] = writable ? ["edit", "review", ...(offered ? (["escalate"] as const) : [])] : [];
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      category: r.category,
      projectId: r.projectId,
      probability: r.probability,
      consequence: r.consequence,
      value,
      level,
      assessedOnScale: r.assessedOnScale,
      needsReassessment: value !== null && r.assessedOnScale !== settings.scale,
      handling: r.handling,
      actions: r.actions,
      owner: r.owner,
      ownerName: r.owner ? (names.get(r.owner) ?? r.owner) : null,
      status: r.status,
      nextReviewDate: r.nextReviewDate,
      reviewOverdue: r.status === "open" && r.nextReviewDate !== null && r.nextReviewDate < today,
      lastReviewedAt: r.lastReviewedAt,
      example: r.example,
      escalation: { offered, ...(r.escalation ? { escalationId: r.escalation.id } : {}) },
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      updatedAt: r.updatedAt,
      etag: record.etag,
      allowedActions: actions,
    };
  }

  private async one(record: RiskRecord, identity: Identity): Promise<Risk> {
    const [settings, names] = await Promise.all([this.settings(), this.names([record.risk.owner])]);
    return this.toApi(record, settings, identity, names);
  }

  /** All matching risks, sorted by value (highest first, unassessed last). */
  async sorted(query: Omit<RiskListQuery, "pageSize" | "continuationToken">, identity: Identity): Promise<Risk[]> {
    const [settings, records] = await Promise.all([
      this.settings(),
      this.risks.all({ category: query.category, status: query.status, owner: query.owner, projectId: query.project }),
    ]);
    const names = await this.names(records.map((r) => r.risk.owner));
    const today = this.today();
    return records
      .map((r) => this.toApi(r, settings, identity, names))
      .filter(
        (r) =>
          (query.level === undefined || r.level === query.level) &&
          (query.probability === undefined || r.probability === query.probability) &&
          (query.consequence === undefined || r.consequence === query.consequence) &&
          (query.reviewDue === undefined ||
            (query.reviewDue === "true") === (r.status === "open" && r.nextReviewDate !== null && r.nextReviewDate <= today)),
      )
      .sort(compareRisks);
  }

  async list(query: RiskListQuery, identity: Identity): Promise<Page<Risk>> {
    const offset = readToken(query);
    const all = await this.sorted(query, identity);
    const next = offset + query.pageSize;
    return { items: all.slice(offset, next), continuationToken: next < all.length ? pageToken(query, next) : null };
  }

  async detail(id: string, identity: Identity): Promise<RiskDetail> {
    const record = await this.load(id);
    const [risk, history] = await Promise.all([this.one(record, identity), this.risks.history(id)]);
    return { ...risk, history };
  }

  private async load(id: string): Promise<RiskRecord> {
    const record = await this.risks.get(id);
    if (!record) throw notFound();
    return record;
  }

  private async checkRefs(fields: { owner?: string | null | undefined; projectId?: string | null | undefined }): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (fields.owner && !(await this.members.get(fields.owner))) {
      problems.push({ field: "owner", message: { sv: "Ägaren måste vara medlem i programmet.", en: "The owner must be a member of the program." } });
    }
    if (fields.projectId && !(await this.projects.get(fields.projectId))) {
      problems.push({ field: "projectId", message: { sv: "Utvecklingsarbetet finns inte.", en: "The development effort does not exist." } });
    }
    return problems;
  }

  private entry(identity: Identity, action: RiskHistoryEntry["action"], summary: string, changes: RiskHistoryEntry["changes"] = [], note?: string): RiskHistoryEntry {
    return { at: this.clock().toISOString(), by: identity.email, action, summary, changes, ...(note ? { note } : {}) };
  }

  /** A new risk (risks.manage). With an Idempotency-Key a retry returns the first one (`created: false`). */
  async create(input: RiskInputParsed, identity: Identity, idempotencyKey?: string): Promise<{ risk: Risk; created: boolean }> {
    const settings = await this.settings();
    const problems = [...checkScores(input, settings.scale), ...checkBothOrNeither(input.probability, input.consequence), ...(await this.checkRefs(input))];
    if (problems.length > 0) throw DomainErrors.validation(problems);
    const nowIso = this.clock().toISOString();
    let id = `${slugify(input.title, 50)}-${randomBytes(3).toString("hex")}`;
    if (idempotencyKey) {
      const bound = await this.idempotency.bind(identity.email, `risk\n${idempotencyKey}`, id, nowIso);
      id = bound.projectId;
      if (!bound.fresh) {
        const existing = await this.risks.get(id);
        if (existing) return { risk: await this.one(existing, identity), created: false };
      }
    }
    const assessed = input.probability !== null;
    const stored: StoredRisk = {
      id,
      title: input.title,
      description: input.description,
      category: input.category,
      projectId: input.projectId ?? null,
      probability: input.probability,
      consequence: input.consequence,
      assessedOnScale: assessed ? settings.scale : null,
      handling: input.handling ?? null,
      actions: input.actions ?? "",
      owner: input.owner ?? identity.email.toLowerCase(),
      status: "open",
      nextReviewDate: input.nextReviewDate ?? addMonths(this.today(), settings.reviewIntervalMonths),
      lastReviewedAt: null,
      example: false,
      escalation: null,
      createdAt: nowIso,
      createdBy: identity.email,
      updatedAt: nowIso,
      version: 0,
    };
    const value = riskValue(stored.probability, stored.consequence);
    const summary = `Risken lades till${value !== null ? ` med riskvärde ${value}` : " (ej bedömd)"}.`;
    try {
      const record = await this.risks.create(stored, `create-${id}`, this.entry(identity, "created", summary));
      return { risk: await this.one(record, identity), created: true };
    } catch (error) {
      if (error instanceof AlreadyExistsError && idempotencyKey) return { risk: await this.one(await this.load(id), identity), created: false };
      throw error;
    }
  }

  /** Edits the fields sent (If-Match): risks.manage, or the risk's owner. */
  async patch(id: string, patch: RiskPatch, ifMatch: string, identity: Identity): Promise<Risk> {
    const record = await this.load(id);
    if (!this.canWrite(identity, record.risk)) throw DomainErrors.forbidden();
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    const settings = await this.settings();
    const before = record.risk;
    const next: StoredRisk = { ...before };
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.category !== undefined) next.category = patch.category;
    if (patch.probability !== undefined) next.probability = patch.probability;
    if (patch.consequence !== undefined) next.consequence = patch.consequence;
    if (patch.owner !== undefined) next.owner = patch.owner;
    if (patch.projectId !== undefined) next.projectId = patch.projectId;
    if (patch.handling !== undefined) next.handling = patch.handling;
    if (patch.actions !== undefined) next.actions = patch.actions;
    if (patch.nextReviewDate !== undefined) next.nextReviewDate = patch.nextReviewDate;
    if (patch.status !== undefined) next.status = patch.status;
    const problems = [
      ...checkScores(patch, settings.scale),
      ...checkBothOrNeither(next.probability, next.consequence),
      ...(await this.checkRefs({ owner: patch.owner, projectId: patch.projectId })),
    ];
    if (problems.length > 0) throw DomainErrors.validation(problems);
    const changes = diff(before, next);
    if (changes.length === 0) return this.one(record, identity);
    if (changes.some((c) => c.field === "probability" || c.field === "consequence")) next.assessedOnScale = next.probability === null ? null : settings.scale;
    this.settleEscalation(next, settings);
    next.updatedAt = this.clock().toISOString();
    const updated = await this.risks.replace(next, ifMatch, opId(), this.entry(identity, "updated", summarizeChanges(changes), changes)).catch(staleOn412);
    return this.one(updated, identity);
  }

  /** An escalation belongs to the risk's time at the high level: leaving it lets a later rise be offered again. */
  private settleEscalation(next: StoredRisk, settings: RiskSettingsInput): void {
    if (riskLevel(riskValue(next.probability, next.consequence), settings) !== "high") next.escalation = null;
  }

  /** The periodic review (PP 9.4): reassessed or unchanged, a note, and the next review date (If-Match). */
  async review(id: string, input: RiskReviewParsed, ifMatch: string, identity: Identity): Promise<Risk> {
    const record = await this.load(id);
    if (!this.canWrite(identity, record.risk)) throw DomainErrors.forbidden();
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    const settings = await this.settings();
    const today = this.today();
    const before = record.risk;
    const next: StoredRisk = { ...before };
    const problems: FieldProblem[] = [];
    if (input.outcome === "reassessed") {
      const p = input.probability ?? null;
      const c = input.consequence ?? null;
      for (const [field, v] of [["probability", p], ["consequence", c]] as const) {
        if (v === null) {
          problems.push({
            field,
            message:
              field === "probability"
                ? { sv: "Ange sannolikhet när risken omvärderas.", en: "Give the probability when reassessing." }
                : { sv: "Ange konsekvens när risken omvärderas.", en: "Give the consequence when reassessing." },
          });
        }
      }
      problems.push(...checkScores({ probability: p, consequence: c }, settings.scale));
      next.probability = p;
      next.consequence = c;
      next.assessedOnScale = settings.scale;
    }
    if (input.nextReviewDate !== undefined && input.nextReviewDate <= today) {
      problems.push({ field: "nextReviewDate", message: { sv: "Nästa granskning ska ligga efter i dag.", en: "The next review must be after today." } });
    }
    if (problems.length > 0) throw DomainErrors.validation(problems);
    next.nextReviewDate = input.nextReviewDate ?? addMonths(today, settings.reviewIntervalMonths);
    next.lastReviewedAt = this.clock().toISOString();
    next.updatedAt = next.lastReviewedAt;
    this.settleEscalation(next, settings);
    const changes = diff(before, next);
    const summary =
      input.outcome === "reassessed"
        ? `Granskad och omvärderad. ${summarizeChanges(changes)}`
        : `Granskad: bedömningen är oförändrad. Nästa granskning ${next.nextReviewDate}.`;
    const updated = await this.risks.replace(next, ifMatch, opId(), this.entry(identity, "reviewed", summary, changes, input.note)).catch(staleOn412);
    return this.one(updated, identity);
  }

  /**
   * Raises the escalation of a high risk (PP 9.5) through the escalation capability, once per risk and level: a
   * risk already escalated at this level answers with that escalation.
   */
  async escalate(id: string, identity: Identity): Promise<{ escalationId: string; risk: Risk }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = await this.load(id);
      if (!this.canWrite(identity, record.risk)) throw DomainErrors.forbidden();
      if (record.risk.escalation) return { escalationId: record.risk.escalation.id, risk: await this.one(record, identity) };
      const settings = await this.settings();
      const r = record.risk;
      if (riskLevel(riskValue(r.probability, r.consequence), settings) !== "high" || r.status !== "open") {
        throw DomainErrors.rule([
          { field: "level", message: { sv: "Bara öppna risker på hög nivå eskaleras.", en: "Only open risks at the high level are escalated." } },
        ]);
      }
      const value = riskValue(r.probability, r.consequence);
      const raised = await this.escalations.raise(
        {
          // The escalation's own limits (title 200, description 4000) are tighter than a risk's.
          title: clip(`Hög risk: ${r.title}`, 200),
          description: clip(`${r.description ? `${r.description}\n\n` : ""}Riskvärde ${value ?? "–"} (sannolikhet ${r.probability ?? "–"} × konsekvens ${r.consequence ?? "–"}).`, 4000),
          urgency: "normal",
          ...(r.projectId ? { projectId: r.projectId } : {}),
          source: { kind: "risk", id },
        },
        identity,
      );
      const nowIso = this.clock().toISOString();
      const next: StoredRisk = { ...r, escalation: { id: raised.id, at: nowIso }, updatedAt: nowIso };
      try {
        const updated = await this.risks.replace(next, record.etag, `esc-${raised.id}`, this.entry(identity, "escalated", `Eskalerad (${raised.id}).`));
        return { escalationId: raised.id, risk: await this.one(updated, identity) };
      } catch (error) {
        // Someone changed the risk meanwhile: read again; the escalation service answers with the same escalation.
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    throw DomainErrors.stale();
  }

  /**
   * Review reminders (PP 9.4): every owner with open risks due on or before today gets one notification per review
   * round. The id is deterministic and a mark is written after the enqueue, so neither a rerun nor a restart sends
   * a second one (a crash between the two re-enqueues the same id, which the bot claims once).
   */
  async remindDue(): Promise<{ reminded: number; skipped: number }> {
    const settings = await this.settings();
    const today = this.today();
    const round = reviewRound(today, settings.reviewIntervalMonths);
    const due = (await this.risks.all({ status: "open" })).filter((r) => r.risk.owner !== null && r.risk.nextReviewDate !== null && r.risk.nextReviewDate <= today);
    const byOwner = new Map<string, StoredRisk[]>();
    for (const { risk } of due) {
      const owner = risk.owner ?? "";
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), risk]);
    }
    let reminded = 0;
    let skipped = 0;
    for (const [email, risks] of byOwner) {
      if (await this.risks.wasReminded(round, email)) {
        skipped++;
        continue;
      }
      const notification: Notification = {
        id: `risk_review_due:${round}:${email}`,
        kind: "risk_review_due",
        programId: this.programId,
        createdAt: this.clock().toISOString(),
        target: { kind: "user", email },
        round,
        risks: risks
          .map((r) => {
            const value = riskValue(r.probability, r.consequence);
            return { id: r.id, title: r.title, value, level: riskLevel(value, settings), nextReviewDate: r.nextReviewDate };
          })
          .sort(compareRisks)
          .slice(0, 50),
      };
      await this.queue.send(notification);
      await this.risks.markReminded(round, email, this.clock().toISOString());
      reminded++;
    }
    if (reminded > 0) this.log.info(`risker: påminde ${reminded} ägare om granskning (omgång ${round})`);
    return { reminded, skipped };
  }
}

const DIFF_FIELDS = ["title", "description", "category", "probability", "consequence", "owner", "projectId", "handling", "actions", "nextReviewDate", "status"] as const;

function diff(before: StoredRisk, after: StoredRisk): RiskHistoryEntry["changes"] {
  return DIFF_FIELDS.filter((f) => str(before[f]) !== str(after[f])).map((field) => ({ field, from: str(before[field]), to: str(after[field]) }));
}

function opId(): string {
  return `op-${randomBytes(10).toString("hex")}`;
}

function staleOn412(error: unknown): never {
  if (error instanceof ConcurrencyError) throw DomainErrors.stale();
  throw error;
}

function queryHash(query: RiskListQuery): string {
  const { continuationToken: _t, pageSize: _p, ...rest } = query;
  return createHash("sha256").update(JSON.stringify(Object.entries(rest).sort())).digest("base64url").slice(0, 16);
}

function pageToken(query: RiskListQuery, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, h: queryHash(query) })).toString("base64url");
}

/** The token holds the offset and a hash of the query it belongs to: reused with another query it is refused. */
function readToken(query: RiskListQuery): number {
  const token = query.continuationToken;
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; h?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.h === queryHash(query)) return parsed.o;
  } catch {
    // falls through to the refusal below
  }
  throw new InvalidContinuationTokenError();
}

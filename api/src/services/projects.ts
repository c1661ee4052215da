import { createHash, randomBytes } from "node:crypto";
import {
  PORTFOLIO_SUMMARY_MAX_EFFORTS,
  ProjectStatusSchema,
  type PortfolioSummary,
  type ProjectStatus,
  type AssessmentInput,
  type Decision,
  type DecisionInput,
  type HistoryEntry,
  type Notification,
  type Page,
  type Project,
  type ProjectDetail,
  type ProjectFields,
  type ProjectListQuery,
  type StatusChangeInput,
  type StatusColour,
} from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { swedishDate } from "../domain/clock.js";
import {
  changedFields,
  summarizeAssessment,
  summarizeCreated,
  summarizeDecision,
  summarizeStatusChange,
  summarizeUpdate,
} from "../domain/history.js";
import { checkAssessment, checkClosing, checkDecision, checkInclusionRule, checkLinks, checkReferences, checkText } from "../domain/inclusion.js";
import { allowedActions, allowedTransitions, checkStatusChange } from "../domain/lifecycle.js";
import { canEditProject, type Actor } from "../domain/permissions.js";
import { termVector } from "../domain/similarity.js";
import { matchesQuery, queryWords, sortRows } from "../domain/portfolioSearch.js";
import { slugify } from "../domain/text.js";
import { InvalidContinuationTokenError } from "../store/errors.js";
import { mapLimit } from "../store/table.js";
import { DomainErrors } from "../domain/errors.js";
import type { Identity } from "../domain/identity.js";
import type { DecisionsRepository } from "../store/decisions.js";
import { AlreadyExistsError, ConcurrencyError } from "../store/errors.js";
import type { HistoryRepository } from "../store/history.js";
import type { IdempotencyRepository } from "../store/idempotency.js";
import type { Effect } from "../store/outbox.js";
import type { ProjectRecord, ProjectsRepository, StoredProject } from "../store/projects.js";
import type { OutboxService } from "./outbox.js";
import type { ReferenceService } from "./reference.js";

export function actorOf(identity: Identity): Actor {
  return { email: identity.email, permissions: identity.permissions };
}

const notFound = () =>
  DomainErrors.notFound({ sv: "Utvecklingsarbetet finns inte.", en: "The development effort does not exist." });

function newOpId(): string {
  return `op-${randomBytes(12).toString("hex")}`;
}

function newProjectId(name: string): string {
  return `${slugify(name, 50)}-${randomBytes(4).toString("hex").slice(0, 6)}`;
}

const COLOUR_SV: Record<StatusColour, string> = { gron: "Grön", gul: "Gul", rod: "Röd" };

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The portfolio's use cases: list, read, apply, edit, assess, decide, move. Handlers stay thin; rules live in domain/. */
export class ProjectService {
  constructor(
    private readonly programId: string,
    private readonly projects: ProjectsRepository,
    private readonly history: HistoryRepository,
    private readonly decisions: DecisionsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  toApi(record: ProjectRecord, identity: Identity): Project {
    const actor = actorOf(identity);
    const { id, name, status, ...rest } = record.project;
    return {
      id,
      name,
      status,
      ...rest,
      etag: record.etag,
      allowedActions: allowedActions(actor, record.project),
      allowedTransitions: allowedTransitions(actor, record.project),
    };
  }

  private async load(id: string): Promise<ProjectRecord> {
    const record = await this.projects.get(id);
    if (!record) throw notFound();
    return record;
  }

  /** Loads the effort and checks the client's version before any rule runs (the write checks it again, atomically). */
  private async loadForUpdate(id: string, ifMatch: string): Promise<ProjectRecord> {
    const record = await this.load(id);
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    return record;
  }

  /**
   * One page of the portfolio. Unsearched and in name order it is a plain ranged read (the RowKey is the slug of the
   * name). Searched or sorted otherwise, the lean index of the filtered partition is matched and sorted here, and
   * only the page's efforts are read; the token then holds the offset and a hash of the query it belongs to.
   */
  async list(query: ProjectListQuery, identity: Identity): Promise<Page<Project>> {
    const words = queryWords(query.q);
    const sort = query.sort ?? "name";
    const dir = query.dir ?? "asc";
    if (words.length === 0 && sort === "name" && dir === "asc" && !isIndexToken(query.continuationToken)) {
      const page = await this.projects.list(query);
      return { items: page.items.map((r) => this.toApi(r, identity)), continuationToken: page.continuationToken };
    }
    const ref = await this.reference.all();
    const parties = new Map(ref.parties.map((p) => [p.id, p.name]));
    const areas = new Map(ref.programAreas.map((a) => [a.id, a.number]));
    const partyName = (id: string) => parties.get(id) ?? id;
    const offset = readIndexToken(query);
    const rows = (await this.projects.listIndex(this.projects.filterFor(query))).filter((r) => matchesQuery(r, words, partyName));
    const sorted = sortRows(rows, sort, dir, { partyName, programAreaNumber: (id) => areas.get(id) ?? 99 });
    const slice = sorted.slice(offset, offset + query.pageSize);
    const records = await mapLimit(slice, 10, (r) => this.projects.get(r.id));
    const items = records.filter((r): r is ProjectRecord => r !== null).map((r) => this.toApi(r, identity));
    const next = offset + query.pageSize;
    return { items, continuationToken: next < sorted.length ? indexToken(query, next) : null };
  }

  /** Counts by status and colour and the first efforts by name: what `portfölj` shows, from the lean index. */
  async summary(): Promise<PortfolioSummary> {
    const rows = sortRows(await this.projects.listIndex(this.projects.filterFor({})), "name", "asc", { partyName: (id) => id, programAreaNumber: () => 0 });
    const byStatus = new Map<ProjectStatus, number>();
    const byColour = { gron: 0, gul: 0, rod: 0, none: 0 };
    for (const r of rows) {
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      byColour[r.colour ?? "none"]++;
    }
    return {
      total: rows.length,
      byStatus: ProjectStatusSchema.options.filter((st) => byStatus.has(st)).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
      byColour,
      efforts: rows.slice(0, PORTFOLIO_SUMMARY_MAX_EFFORTS).map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        ...(r.colour && r.reportedAt ? { latestStatus: { colour: r.colour, reportedAt: r.reportedAt } } : {}),
      })),
    };
  }

  async detail(id: string, identity: Identity): Promise<ProjectDetail> {
    const record = await this.load(id);
    const [history, decisions] = await Promise.all([this.history.latest(id, 100), this.decisions.forProject(id, 50)]);
    return { ...this.toApi(record, identity), history, decisions };
  }

  private async validateFields(fields: Partial<ProjectFields>, applyInclusionRule: boolean, full: ProjectFields): Promise<void> {
    const refProblems = [
      ...checkText(fields),
      ...checkReferences(fields, await this.reference.idSets()),
      ...(fields.links ? checkLinks(fields.links) : []),
    ];
    if (refProblems.length > 0) throw DomainErrors.validation(refProblems);
    if (applyInclusionRule) {
      const ruleProblems = checkInclusionRule(full, await this.reference.criteria());
      if (ruleProblems.length > 0) throw DomainErrors.rule(ruleProblems);
    }
  }

  private entry(identity: Identity, action: HistoryEntry["action"], summary: string, fields: string[] = []): HistoryEntry {
    return { at: this.clock().toISOString(), by: identity.email, action, summary, changedFields: fields };
  }

  private async ownerName(id: string): Promise<string> {
    return (await this.reference.all()).parties.find((p) => p.id === id)?.name ?? id;
  }

  /**
   * An application (PP 6.3.1) → status `ansokan_inlamnad`. With an Idempotency-Key, a retry returns the first
   * result (`created: false`) instead of a second application.
   */
  async create(input: ProjectFields, identity: Identity, idempotencyKey?: string): Promise<{ project: Project; created: boolean }> {
    const fields: ProjectFields = {
      ...input,
      partnerOrganisationIds: [...new Set(input.partnerOrganisationIds)],
      programAreaIds: [...new Set(input.programAreaIds)],
      criteriaIds: [...new Set(input.criteriaIds)],
      subGoalIds: [...new Set(input.subGoalIds)],
      targetGroupIds: [...new Set(input.targetGroupIds)],
      benefitObjectIds: [...new Set(input.benefitObjectIds)],
    };
    await this.validateFields(fields, true, fields);

    const nowIso = this.clock().toISOString();
    let id = newProjectId(fields.name);
    if (idempotencyKey) {
      const bound = await this.idempotency.bind(identity.email, idempotencyKey, id, nowIso);
      id = bound.projectId;
      if (!bound.fresh) {
        const existing = await this.projects.get(id);
        if (existing) return { project: this.toApi(existing, identity), created: false };
        // The first attempt bound the key but died before creating the effort: finish it under the same id.
      }
    }

    for (let attempt = 0; ; attempt++) {
      const stored: StoredProject = { ...fields, id, status: "ansokan_inlamnad", createdAt: nowIso, createdBy: identity.email, updatedAt: nowIso };
      const opId = `create-${id}`;
      const vector = termVector(stored.name, stored.description);
      const notification: Notification = {
        id: `application_submitted:${id}`,
        kind: "application_submitted",
        programId: this.programId,
        createdAt: nowIso,
        target: { kind: "programOfficeChannel" },
        project: {
          id,
          name: stored.name,
          status: stored.status,
          applicantEmail: identity.email,
          ownerOrganisationName: await this.ownerName(stored.ownerOrganisationId),
          description: truncate(stored.description, 1500),
        },
      };
      const effects: Effect[] = [
        { kind: "history", projectId: id, opId, entry: this.entry(identity, "created", summarizeCreated(stored.name)) },
        { kind: "reindex", projectId: id, remove: [] },
        { kind: "notify", notification },
      ];
      try {
        const record = await this.outbox.run({ opId, projectId: id, effects }, () => this.projects.create(stored, opId, [...vector.weights.keys()]));
        return { project: this.toApi(record, identity), created: true };
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
        if (idempotencyKey) {
          // A concurrent retry with the same key created it first.
          return { project: this.toApi(await this.load(id), identity), created: false };
        }
        if (attempt >= 3) throw error;
        id = newProjectId(fields.name);
      }
    }
  }

  /** Edits of the fields sent (`keys`), with If-Match. The applicant may edit while `ide`/`ansokan_inlamnad`. */
  async patch(id: string, patch: Partial<ProjectFields>, ifMatch: string, identity: Identity): Promise<Project> {
    const record = await this.load(id);
    if (!canEditProject(actorOf(identity), record.project)) throw DomainErrors.forbidden();
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    const before = record.project;
    const next: StoredProject = { ...before, ...patch };
    const changed = changedFields(before, next);
    if (changed.length === 0) return this.toApi(record, identity);
    const touchesRule = changed.includes("criteriaIds") || changed.includes("description");
    await this.validateFields(patch, touchesRule && before.status !== "ide", next);

    next.updatedAt = this.clock().toISOString();
    const opId = newOpId();
    const textChanged = changed.includes("name") || changed.includes("description");
    const newTerms = textChanged ? [...termVector(next.name, next.description).weights.keys()] : record.terms;
    const effects: Effect[] = [{ kind: "history", projectId: id, opId, entry: this.entry(identity, "updated", summarizeUpdate(changed), changed) }];
    if (textChanged) effects.push({ kind: "reindex", projectId: id, remove: record.terms.filter((t) => !newTerms.includes(t)) });
    const updated = await this.outbox.run({ opId, projectId: id, effects }, () => this.projects.replace(record, next, ifMatch, opId, newTerms));
    return this.toApi(updated, identity);
  }

  /** The program office's assessment per criterion: `ansokan_inlamnad` → `bedomd`. */
  async assess(id: string, input: AssessmentInput, ifMatch: string, identity: Identity): Promise<Project> {
    const record = await this.loadForUpdate(id, ifMatch);
    const known = new Set((await this.reference.all()).criteria.map((c) => c.id));
    const { rule, validation } = checkAssessment(record.project, input.criteria.map((c) => c.criterionId), known);
    if (validation.length > 0) throw DomainErrors.validation(validation);
    if (rule.length > 0) throw DomainErrors.rule(rule);
    const nowIso = this.clock().toISOString();
    const next: StoredProject = {
      ...record.project,
      status: "bedomd",
      assessment: { ...input, assessedBy: identity.email, assessedAt: nowIso },
      updatedAt: nowIso,
    };
    const opId = newOpId();
    const met = input.criteria.filter((c) => c.met).length;
    const effects: Effect[] = [
      {
        kind: "history",
        projectId: id,
        opId,
        entry: this.entry(identity, "assessed", summarizeAssessment(input.recommendation, met, input.criteria.length), ["status", "assessment"]),
      },
    ];
    const updated = await this.outbox.run({ opId, projectId: id, effects }, () => this.projects.replace(record, next, ifMatch, opId));
    return this.toApi(updated, identity);
  }

  /**
   * The steering group's decision: `bedomd` → `inkluderad` | `avslagen`. The effort is written first (ETag); the
   * decision-log entry and the applicant's notification follow through the outbox. The decision id is derived from
   * the effort and the version decided on, so a retry can never log a second decision.
   */
  async decide(id: string, input: DecisionInput, ifMatch: string, identity: Identity): Promise<{ project: Project; decision: Decision }> {
    const record = await this.loadForUpdate(id, ifMatch);
    const problems = checkDecision(record.project, input.outcome);
    if (problems.length > 0) throw DomainErrors.rule(problems);
    const body = (await this.reference.all()).bodies.filter((b) => b.active && b.decides === "inclusion")[0];
    if (!body) {
      throw DomainErrors.rule([
        {
          field: "bodyId",
          message: {
            sv: "Det finns inget aktivt organ som beslutar om inkludering. Programkontoret anger det under referensdata.",
            en: "There is no active body that decides inclusion. The program office sets it in the reference data.",
          },
        },
      ]);
    }
    const now = this.clock();
    const nowIso = now.toISOString();
    const decisionId = `beslut-${createHash("sha256").update(`${this.programId}|${id}|${ifMatch}`).digest("hex").slice(0, 24)}`;
    const decision: Decision = {
      id: decisionId,
      date: input.decisionDate ?? swedishDate(now),
      recordedAt: nowIso,
      bodyId: body.id,
      bodyName: body.name,
      decision: input.outcome === "inkluderad" ? "Inkluderas i utvecklingsportföljen" : "Avslås",
      outcome: input.outcome,
      rationale: input.rationale,
      concerns: { kind: "project", id, title: record.project.name },
      links: [{ kind: "project", id, title: record.project.name }],
      decidedBy: identity.email,
    };
    const next: StoredProject = {
      ...record.project,
      status: input.outcome,
      decision: { decisionId, outcome: input.outcome, rationale: input.rationale, date: decision.date },
      updatedAt: nowIso,
    };
    const notification: Notification = {
      id: `decision_made:${decisionId}`,
      kind: "decision_made",
      programId: this.programId,
      createdAt: nowIso,
      target: { kind: "user", email: record.project.createdBy },
      project: { id, name: next.name, status: next.status },
      decision: { id: decisionId, outcome: input.outcome, rationale: input.rationale, date: decision.date, bodyName: body.name },
    };
    const effects: Effect[] = [
      {
        kind: "history",
        projectId: id,
        opId: decisionId,
        entry: this.entry(identity, "decided", summarizeDecision(input.outcome, body.name, input.rationale), ["status", "decision"]),
      },
      { kind: "decisionLog", decision },
      { kind: "notify", notification },
    ];
    const updated = await this.outbox.run({ opId: decisionId, projectId: id, effects }, () => this.projects.replace(record, next, ifMatch, decisionId));
    return { project: this.toApi(updated, identity), decision };
  }

  /**
   * The effort's latest status (the colour the portfolio shows), reported by its leader in a status request. The
   * reporter holds no version of the effort, so a concurrent edit is not theirs to resolve: read again and re-apply
   * (a colour and a summary do not depend on the rest). History and ETag rules are the same as for any update.
   */
  async reportStatus(id: string, report: { colour: StatusColour; summary?: string | undefined; source: string }, by: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.load(id);
      const nowIso = this.clock().toISOString();
      const before = record.project.latestStatus?.colour;
      const next: StoredProject = {
        ...record.project,
        latestStatus: { colour: report.colour, reportedAt: nowIso, ...(report.summary ? { summary: truncate(report.summary, 4000) } : {}) },
        updatedAt: nowIso,
      };
      const opId = newOpId();
      const summary = `Lägesstatus: ${before ? `${COLOUR_SV[before]} → ` : ""}${COLOUR_SV[report.colour]} (${report.source})`;
      const effects: Effect[] = [
        { kind: "history", projectId: id, opId, entry: { at: nowIso, by, action: "statusReported", summary, changedFields: ["latestStatus"] } },
      ];
      try {
        await this.outbox.run({ opId, projectId: id, effects }, () => this.projects.replace(record, next, record.etag, opId));
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    throw DomainErrors.stale();
  }

  /** Lifecycle moves outside assessment and decision (SPEC 3.1). */
  async changeStatus(id: string, input: StatusChangeInput, ifMatch: string, identity: Identity): Promise<Project> {
    const record = await this.load(id);
    const check = checkStatusChange(actorOf(identity), record.project, input.status);
    if (!check.ok) {
      if (check.kind === "forbidden") throw DomainErrors.forbidden(check.message);
      throw DomainErrors.rule([{ field: check.field, message: check.message }]);
    }
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    const from = record.project.status;
    const to = input.status;
    const next: StoredProject = { ...record.project, status: to, updatedAt: this.clock().toISOString() };
    if (to === "avslutad") {
      const badLink = checkLinks({ finalReportUrl: input.finalReportUrl }, "");
      if (badLink.length > 0) throw DomainErrors.validation(badLink);
      const problems = checkClosing(input.finalReportUrl, record.project.links.finalReport);
      if (problems.length > 0) throw DomainErrors.rule(problems);
      if (input.finalReportUrl) next.links = { ...record.project.links, finalReport: input.finalReportUrl };
    }
    if (from === "ide" && to === "ansokan_inlamnad") {
      await this.validateFields(next, true, next);
    }
    const opId = newOpId();
    const changed = ["status", ...(next.links !== record.project.links ? ["links"] : [])];
    const effects: Effect[] = [
      { kind: "history", projectId: id, opId, entry: this.entry(identity, "statusChanged", summarizeStatusChange(from, to, input.comment), changed) },
    ];
    if (from === "ide" && to === "ansokan_inlamnad") {
      effects.push({
        kind: "notify",
        notification: {
          // One channel notification per application: a withdraw-and-resubmit toggle is the same application (the
          // bot's claim of an id already sent is refused), so nobody can flood the program office channel.
          id: `application_submitted:${id}`,
          kind: "application_submitted",
          programId: this.programId,
          createdAt: next.updatedAt,
          target: { kind: "programOfficeChannel" },
          project: {
            id,
            name: next.name,
            status: to,
            applicantEmail: next.createdBy,
            ownerOrganisationName: await this.ownerName(next.ownerOrganisationId),
            description: truncate(next.description, 1500),
          },
        },
      });
    }
    const updated = await this.outbox.run({ opId, projectId: id, effects }, () => this.projects.replace(record, next, ifMatch, opId));
    return this.toApi(updated, identity);
  }
}

const INDEX_TOKEN_PREFIX = "ix.";

function isIndexToken(token: string | undefined): boolean {
  return token?.startsWith(INDEX_TOKEN_PREFIX) ?? false;
}

/** A token is bound to the query it was issued for: reused with another query it is refused, not misapplied. */
function queryHash(query: ProjectListQuery): string {
  const { continuationToken: _t, pageSize: _p, ...rest } = query;
  return createHash("sha256").update(JSON.stringify(Object.entries(rest).sort())).digest("base64url").slice(0, 16);
}

function indexToken(query: ProjectListQuery, offset: number): string {
  return `${INDEX_TOKEN_PREFIX}${Buffer.from(JSON.stringify({ o: offset, h: queryHash(query) })).toString("base64url")}`;
}

function readIndexToken(query: ProjectListQuery): number {
  const token = query.continuationToken;
  if (token === undefined) return 0;
  if (!isIndexToken(token)) throw new InvalidContinuationTokenError();
  try {
    const parsed = JSON.parse(Buffer.from(token.slice(INDEX_TOKEN_PREFIX.length), "base64url").toString("utf8")) as { o?: unknown; h?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.h === queryHash(query)) return parsed.o;
  } catch {
    // falls through to the refusal below
  }
  throw new InvalidContinuationTokenError();
}

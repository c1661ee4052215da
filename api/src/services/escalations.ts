import { createHash, randomBytes } from "node:crypto";
import {
  DEFAULT_ESCALATION_SETTINGS,
  DEFAULT_WORKING_TIME,
  EscalationSettingsSchema,
  roleLabels,
  type Decision,
  type DecisionLink,
  type Escalation,
  type EscalationActionInput,
  type EscalationCardData,
  type EscalationInput,
  type EscalationLevel,
  type EscalationListQuery,
  type EscalationSettings,
  type EscalationTimelineEntry,
  type Notification,
  type Page,
} from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { swedishDate } from "../domain/clock.js";
import { DomainErrors } from "../domain/errors.js";
import {
  allowedEscalationActions,
  checkAction,
  decidingBodyKind,
  holdingRoles,
  reminderDue,
  startLevel,
  type EscalationState,
} from "../domain/escalations.js";
import type { Identity } from "../domain/identity.js";
import { addWorkingDays } from "../domain/workingTime.js";
import { ConcurrencyError } from "../store/errors.js";
import type { EscalationRecord, EscalationsRepository } from "../store/escalations.js";
import type { IdempotencyRepository } from "../store/idempotency.js";
import type { MembersRepository } from "../store/members.js";
import type { MetaRepository } from "../store/meta.js";
import type { Effect } from "../store/outbox.js";
import type { ProjectsRepository } from "../store/projects.js";
import { invertedMillis } from "../store/table.js";
import type { Logger } from "./log.js";
import type { OutboxService } from "./outbox.js";
import type { ReferenceService } from "./reference.js";

/** The outbox subject of escalation operations (see OutboxService.registerSubject). */
export const ESCALATION_SUBJECT = "escalation";
const SETTINGS_ROW = "settings.escalations";

const notFound = () => DomainErrors.notFound({ sv: "Eskaleringen finns inte.", en: "The escalation does not exist." });

const shortHash = (text: string, length = 24) => createHash("sha256").update(text).digest("hex").slice(0, length);

/** Who holds a level, resolved from the members' role index. */
interface Holders {
  holder: string;
  holders: Array<{ email: string; displayName: string }>;
}

/** Anyone a service acts as when it raises on its own (a risk turning high, an inquiry past its due time). */
export interface EscalationRaiser {
  raise(input: EscalationInput, actor: Identity): Promise<{ id: string }>;
}

/**
 * Escalations (issue 9, PP 9.5): raise (deduplicated by source while open), act (acknowledge, escalate, return,
 * decide, close) as the holder, list, and remind unacknowledged holders. Decisions go into the decision log and
 * every change reaches the holders and the program office channel through the outbox → queue → bot path.
 */
export class EscalationService implements EscalationRaiser {
  constructor(
    private readonly programId: string,
    private readonly repo: EscalationsRepository,
    private readonly members: MembersRepository,
    private readonly projects: ProjectsRepository,
    private readonly reference: ReferenceService,
    private readonly idempotency: IdempotencyRepository,
    private readonly meta: MetaRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    outbox.registerSubject(ESCALATION_SUBJECT, async (id, opId) => (await this.repo.get(id))?.recentOps.includes(opId) ?? false);
  }

  // ---- reading ---------------------------------------------------------------------------------------------------

  private async holdersOf(level: EscalationLevel, cache?: Map<EscalationLevel, Holders>): Promise<Holders> {
    const cached = cache?.get(level);
    if (cached) return cached;
    const people = new Map<string, string>();
    let primary: string[] = [];
    for (const role of holdingRoles(level)) {
      const page = await this.members.listByRole(role, 100, undefined);
      const emails = page.items.map((m) => m.email);
      if (role === level) primary = emails;
      for (const m of page.items) people.set(m.email, m.displayName);
    }
    const onlyOne = primary.length === 1 ? primary[0] : undefined;
    const result: Holders = {
      holder: onlyOne ?? roleLabels[level].sv,
      holders: [...people].map(([email, displayName]) => ({ email, displayName })),
    };
    cache?.set(level, result);
    return result;
  }

  private async toApi(record: EscalationRecord, identity: Identity, cache?: Map<EscalationLevel, Holders>): Promise<Escalation> {
    const s = record.state;
    const { holder, holders } = await this.holdersOf(s.level, cache);
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      urgency: s.urgency,
      status: s.status,
      level: s.level,
      holder,
      holders,
      levelSince: s.levelSince,
      ...(s.acknowledged ? { acknowledged: s.acknowledged } : {}),
      source: s.source,
      ...(s.projectId ? { projectId: s.projectId } : {}),
      ...(s.projectName ? { projectName: s.projectName } : {}),
      raisedBy: s.raisedBy,
      raisedAt: s.raisedAt,
      ...(s.decisionId ? { decisionId: s.decisionId } : {}),
      ...(s.decision ? { decision: s.decision } : {}),
      timeline: s.timeline,
      allowedActions: allowedEscalationActions(s, { email: identity.email, roles: identity.roles }),
      etag: record.etag,
    };
  }

  async get(id: string, identity: Identity): Promise<Escalation> {
    const record = await this.repo.get(id);
    if (!record) throw notFound();
    return this.toApi(record, identity);
  }

  async list(query: EscalationListQuery, identity: Identity): Promise<Page<Escalation>> {
    let levels: EscalationLevel[] | undefined;
    if (query.holder) {
      const roles = query.holder === "me" || query.holder === identity.email ? identity.roles : ((await this.members.get(query.holder))?.roles ?? []);
      levels = (["koordinator", "programledare", "styrgrupp_ordforande", "bestallare"] as const).filter((l) => holdingRoles(l).some((r) => roles.includes(r)));
    }
    const page = await this.repo.list(this.repo.filterFor(query, levels), query.pageSize, query.continuationToken);
    const cache = new Map<EscalationLevel, Holders>();
    const items: Escalation[] = [];
    for (const record of page.items) items.push(await this.toApi(record, identity, cache));
    return { items, continuationToken: page.continuationToken };
  }

  // ---- settings --------------------------------------------------------------------------------------------------

  async settings(): Promise<EscalationSettings & { etag: string | null }> {
    const row = await this.meta.get(SETTINGS_ROW);
    if (!row) return { ...DEFAULT_ESCALATION_SETTINGS, etag: null };
    const parsed = EscalationSettingsSchema.safeParse({ reminderWorkingDays: row["reminderWorkingDays"] });
    return { ...(parsed.success ? parsed.data : DEFAULT_ESCALATION_SETTINGS), etag: row.etag };
  }

  /** Replaces the settings: `If-Match` with the version read, or `If-None-Match: *` while none are stored. */
  async putSettings(input: EscalationSettings, etag: string | null): Promise<EscalationSettings & { etag: string }> {
    const current = await this.settings();
    if ((current.etag ?? null) !== etag) throw DomainErrors.stale();
    try {
      const next = await this.meta.put(SETTINGS_ROW, { reminderWorkingDays: input.reminderWorkingDays }, etag ?? undefined);
      return { ...input, etag: next };
    } catch (error) {
      if (error instanceof ConcurrencyError) throw DomainErrors.stale();
      throw error;
    }
  }

  // ---- notifications ---------------------------------------------------------------------------------------------

  private cardData(s: EscalationState, holder: string): EscalationCardData {
    const last = s.timeline[s.timeline.length - 1];
    if (!last) throw DomainErrors.internal("an escalation without a timeline");
    return {
      id: s.id,
      title: s.title,
      description: s.description.length > 1500 ? `${s.description.slice(0, 1499)}…` : s.description,
      urgency: s.urgency,
      status: s.status,
      level: s.level,
      holder,
      raisedBy: s.raisedBy,
      raisedAt: s.raisedAt,
      ...(s.projectId ? { projectId: s.projectId } : {}),
      ...(s.projectName ? { projectName: s.projectName } : {}),
      source: s.source,
      last,
      ...(s.decision
        ? { decision: { text: s.decision.text, rationale: s.decision.rationale, bodyName: s.decision.bodyName, decidedBy: s.decision.decidedBy, date: s.decision.date } }
        : {}),
      canReturn: s.path.length > 1,
      version: s.timeline.length,
    };
  }

  /**
   * The notifications of one operation. New cards go to the holders in 1:1 chat (and, when raised, a copy to the
   * program office channel); every sent copy is updated in place. The card carries the timeline's length, not the
   * ETag (the write that gives the ETag happens after the notifications are built).
   */
  private async notifications(opId: string, s: EscalationState, event: "raised" | "moved" | "reminder" | "updated"): Promise<Notification[]> {
    const { holder, holders } = await this.holdersOf(s.level);
    const card = this.cardData(s, holder);
    const createdAt = this.clock().toISOString();
    const cardKey = `escalation:${s.id}`;
    const base = { programId: this.programId, createdAt, cardKey, escalation: card };
    const out: Notification[] = [];
    if (event !== "raised") {
      out.push({ ...base, id: `escalation:${opId}:cards`, kind: "escalation_updated", target: { kind: "sentCards", cardKey } });
    }
    if (event !== "updated") {
      for (const h of holders) {
        out.push({ ...base, id: `escalation:${opId}:u-${shortHash(h.email, 16)}`, kind: "escalation", event, target: { kind: "user", email: h.email } });
      }
    }
    if (event === "raised") {
      out.push({ ...base, id: `escalation:${opId}:poc`, kind: "escalation", event, target: { kind: "programOfficeChannel" } });
    }
    return out;
  }

  // ---- raising ---------------------------------------------------------------------------------------------------

  private entry(identity: Identity | null, what: EscalationTimelineEntry["what"], level: EscalationLevel, text?: string): EscalationTimelineEntry {
    return {
      at: this.clock().toISOString(),
      by: identity?.email ?? "system",
      ...(identity ? { byName: identity.displayName } : {}),
      what,
      level,
      ...(text ? { text } : {}),
    };
  }

  /** For other services (a risk turning high, an inquiry past due): raise, or get the open one of the source. */
  async raise(input: EscalationInput, actor: Identity): Promise<{ id: string }> {
    return { id: (await this.create(input, actor)).escalation.id };
  }

  /** Raises one; with a source already open, returns that one (`created: false`). */
  async create(input: EscalationInput, identity: Identity, idempotencyKey?: string): Promise<{ escalation: Escalation; created: boolean }> {
    let projectName: string | undefined;
    if (input.projectId) {
      const project = await this.projects.get(input.projectId);
      if (!project) {
        throw DomainErrors.validation([
          { field: "projectId", message: { sv: "Utvecklingsarbetet finns inte.", en: "The development effort does not exist." } },
        ]);
      }
      projectName = project.project.name;
    }

    const now = this.clock();
    const nowIso = now.toISOString();
    let id = `esk-${invertedMillis(now)}-${randomBytes(3).toString("hex")}`;
    if (!input.source && idempotencyKey) {
      const bound = await this.idempotency.bind(identity.email, `escalation\n${idempotencyKey}`, id, nowIso);
      id = bound.projectId;
      if (!bound.fresh) {
        const existing = await this.repo.get(id);
        if (existing) return { escalation: await this.toApi(existing, identity), created: false };
        // The first attempt bound the key but died before writing: finish it under the same id.
      }
    }

    for (let attempt = 0; attempt < 5; attempt++) {
      const source = input.source ?? { kind: "manual" as const, id };
      const index = await this.repo.forSource(source);
      if (index) {
        const existing = await this.repo.get(index.escalationId);
        if (existing?.state.status === "open") return { escalation: await this.toApi(existing, identity), created: false };
      }
      const level = startLevel(identity.roles, input.urgency);
      const state: EscalationState = {
        id,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        status: "open",
        level,
        levelSince: nowIso,
        path: [level],
        source,
        ...(input.projectId ? { projectId: input.projectId } : {}),
        ...(projectName ? { projectName } : {}),
        raisedBy: identity.email,
        raisedAt: nowIso,
        timeline: [this.entry(identity, "raised", level, input.description.length > 500 ? `${input.description.slice(0, 499)}…` : input.description)],
        reminded: [],
      };
      const opId = `esk-raise-${id}`;
      const effects: Effect[] = (await this.notifications(opId, state, "raised")).map((notification) => ({ kind: "notify", notification }));
      try {
        const record = await this.outbox.run({ opId, projectId: id, subject: ESCALATION_SUBJECT, effects }, () =>
          this.repo.create(state, opId, index && index.escalationId !== id ? index.etag : null),
        );
        return { escalation: await this.toApi(record, identity), created: true };
      } catch (error) {
        // Another raise of the same source (or a retry with the same key) committed first: read again.
        if (!(error instanceof ConcurrencyError)) throw error;
        const mine = await this.repo.get(id);
        if (mine) return { escalation: await this.toApi(mine, identity), created: false };
      }
    }
    throw DomainErrors.internal("escalation raise: retries exhausted");
  }

  // ---- acting ----------------------------------------------------------------------------------------------------

  private async decidingBody(level: EscalationLevel, bodyId: string | undefined): Promise<{ id: string; name: string }> {
    const bodies = (await this.reference.all()).bodies.filter((b) => b.active);
    if (bodyId) {
      const chosen = bodies.find((b) => b.id === bodyId);
      if (!chosen) {
        throw DomainErrors.validation([{ field: "bodyId", message: { sv: "Det finns inget aktivt organ med detta id.", en: "There is no active body with this id." } }]);
      }
      return chosen;
    }
    const kind = decidingBodyKind(level);
    const body = bodies.filter((b) => b.decides === kind).sort((a, b) => a.sortOrder - b.sortOrder)[0];
    if (!body) {
      throw DomainErrors.rule([
        {
          field: "bodyId",
          message: {
            sv: "Det finns inget aktivt organ som beslutar på den här nivån. Programkontoret anger det under referensdata.",
            en: "There is no active body deciding at this level. The program office sets it in the reference data.",
          },
        },
      ]);
    }
    return body;
  }

  private links(s: EscalationState): DecisionLink[] {
    const links: DecisionLink[] = [{ kind: "escalation", id: s.id, title: s.title }];
    if (s.projectId) links.push({ kind: "project", id: s.projectId, title: s.projectName ?? s.projectId });
    if (s.source.kind !== "manual") links.push({ kind: s.source.kind, id: s.source.id, title: s.title });
    return links;
  }

  /** One action with If-Match. A decided or closed escalation is final (409) whatever version the caller had. */
  async act(id: string, input: EscalationActionInput, ifMatch: string, identity: Identity): Promise<Escalation> {
    const record = await this.repo.get(id);
    if (!record) throw notFound();
    const s = record.state;
    const { holder } = await this.holdersOf(s.level);
    if (s.status !== "open") checkAction(s, input, identity, holder); // throws the 409
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    const outcome = checkAction(s, input, identity, holder);

    const now = this.clock();
    const nowIso = now.toISOString();
    const opId = `esk-${shortHash(`${this.programId}|${id}|${ifMatch}|${input.action}`)}`;
    const next: EscalationState = {
      ...s,
      status: outcome.status,
      level: outcome.level,
      path: outcome.path,
      timeline: [...s.timeline, this.entry(identity, outcome.what, outcome.level, outcome.text)],
    };
    if (outcome.moved) {
      next.levelSince = nowIso;
      delete next.acknowledged;
    }
    if (outcome.what === "acknowledged") next.acknowledged = { by: identity.email, at: nowIso };

    const effects: Effect[] = [];
    if (input.action === "decide") {
      const body = await this.decidingBody(s.level, input.bodyId);
      const decisionId = `beslut-${shortHash(`${this.programId}|escalation|${id}|${ifMatch}`)}`;
      const date = swedishDate(now);
      const links = this.links(s);
      const decision: Decision = {
        id: decisionId,
        date,
        recordedAt: nowIso,
        bodyId: body.id,
        bodyName: body.name,
        decision: input.decision,
        rationale: input.rationale,
        concerns: links[0] ?? { kind: "escalation", id, title: s.title },
        links,
        decidedBy: identity.email,
      };
      next.decisionId = decisionId;
      next.decision = { text: input.decision, rationale: input.rationale, bodyId: body.id, bodyName: body.name, date, decidedBy: identity.email };
      effects.push({ kind: "decisionLog", decision });
    }
    const event = outcome.moved ? "moved" : "updated";
    for (const notification of await this.notifications(opId, next, event)) effects.push({ kind: "notify", notification });

    try {
      const updated = await this.outbox.run({ opId, projectId: id, subject: ESCALATION_SUBJECT, effects }, () => this.repo.replace(record, next, opId));
      return await this.toApi(updated, identity);
    } catch (error) {
      if (error instanceof ConcurrencyError) throw DomainErrors.stale();
      throw error;
    }
  }

  // ---- reminders -------------------------------------------------------------------------------------------------

  /**
   * Reminds the holders of open escalations not acknowledged within the program's number of working days since
   * they reached the level — once per level (the level's `levelSince` is recorded, ETag-guarded). Run by a timer.
   */
  async remind(): Promise<{ reminded: number }> {
    const { reminderWorkingDays } = await this.settings();
    const now = this.clock();
    let reminded = 0;
    for (const record of await this.repo.remindPending()) {
      const s = record.state;
      const due = addWorkingDays(new Date(s.levelSince), reminderWorkingDays, DEFAULT_WORKING_TIME);
      if (!reminderDue(s, due, now)) continue;
      const opId = `esk-remind-${shortHash(`${s.id}|${s.levelSince}`)}`;
      const next: EscalationState = {
        ...s,
        reminded: [...s.reminded, s.levelSince],
        timeline: [
          ...s.timeline,
          this.entry(null, "reminded", s.level, `Ej kvitterad inom ${reminderWorkingDays} arbetsdagar; påminnelse skickad.`),
        ],
      };
      const effects: Effect[] = (await this.notifications(opId, next, "reminder")).map((notification) => ({ kind: "notify", notification }));
      try {
        await this.outbox.run({ opId, projectId: s.id, subject: ESCALATION_SUBJECT, effects }, () => this.repo.replace(record, next, opId));
        reminded++;
      } catch (error) {
        // Acted on meanwhile (or another instance reminded): the next round sees the new state.
        if (!(error instanceof ConcurrencyError)) this.log.error(`escalations: reminder for ${s.id} failed`, error);
      }
    }
    return { reminded };
  }
}

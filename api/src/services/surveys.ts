import { createHash } from "node:crypto";
import {
  MIN_RESPONSES_FOR_FIGURES,
  type Notification,
  type Page,
  type SurveyInputData,
  type SurveyListQuery,
  type SurveyRecipientsReport,
  type SurveyResponse,
  type SurveyResponseInput,
  type SurveyResults,
  type SurveyRound,
  type SurveySummary,
  type SurveySummaryQueryData,
  type SurveyQuestion,
  type SurveySettings,
  type SurveySettingsData,
  SurveySettingsInputSchema,
  type SurveyTarget,
  type StatusColour,
  StatusColourSchema,
} from "../contracts/index.js";
import type { Clock } from "../domain/clock.js";
import { DomainError, DomainErrors } from "../domain/errors.js";
import type { Identity } from "../domain/identity.js";
import type { FieldProblem } from "../domain/localized.js";
import {
  aggregate,
  checkAnswers,
  checkRoundTimes,
  checkSurveySettings,
  DEFAULT_SURVEY_SETTINGS,
  dueEffectFollowUp,
  dueStatusRequests,
  formatDeadline,
  freeTexts,
  normaliseAnswers,
  periodRange,
  SURVEY_QUESTIONS,
} from "../domain/surveys.js";
import type { DeliveriesRepository } from "../store/deliveries.js";
import { AlreadyExistsError, ConcurrencyError } from "../store/errors.js";
import type { IdempotencyRepository } from "../store/idempotency.js";
import type { MembersRepository } from "../store/members.js";
import type { MetaRepository } from "../store/meta.js";
import type { ProjectsRepository } from "../store/projects.js";
import {
  newRoundId,
  targetKey,
  type RoundRecord,
  type StoredResponse,
  type StoredRound,
  type SurveyInboxRepository,
  type SurveyResponsesRepository,
  type SurveyRoundsRepository,
} from "../store/surveys.js";
import { getJson, mapLimit, str } from "../store/table.js";
import type { EscalationRaiser } from "./escalations.js";
import type { Logger } from "./log.js";
import type { ProjectService } from "./projects.js";
import type { NotificationQueue } from "./queue.js";
import type { ReferenceService } from "./reference.js";

/** Who opens the scheduled rounds (the sweep itself): recorded as `createdBy: "system"`. */
const SWEEP_IDENTITY: Identity = { email: "system", displayName: "Enkätsvepet", roles: [], permissions: ["surveys.manage"], member: null, callerIsBot: false, viaBot: false };

const roundNotFound = () => DomainErrors.notFound({ sv: "Enkätomgången finns inte.", en: "The survey round does not exist." });

/** The meta row holding the program's survey settings; absent = DEFAULT_SURVEY_SETTINGS. */
const SETTINGS_ROW = "settings.surveys";
/** The settings' stand-in ETag while the program still uses the defaults (a PUT with it creates the row). */
export const DEFAULT_SURVEY_SETTINGS_ETAG = "defaults";

function responseId(roundId: string, key: string): string {
  return `svar-${createHash("sha256").update(`${roundId}\n${key}`).digest("hex").slice(0, 24)}`;
}


/**
 * Follow-up questionnaires (SPEC 3.3): rounds, one answer per person (and effort) per round, results that protect
 * respondents, the quarterly roll-up, and the sweep that sends cards and reminders through the queue.
 */
export class SurveyService {
  constructor(
    private readonly programId: string,
    private readonly rounds: SurveyRoundsRepository,
    private readonly responses: SurveyResponsesRepository,
    private readonly inbox: SurveyInboxRepository,
    private readonly members: MembersRepository,
    private readonly projectsRepo: ProjectsRepository,
    private readonly projects: ProjectService,
    private readonly reference: ReferenceService,
    private readonly deliveries: DeliveriesRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly queue: NotificationQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** The escalations service: raising again for the same source returns the open one, so a deviation is escalated once. */
    private readonly escalations: EscalationRaiser,
    /** Holds the program's survey settings (one row, ETag-guarded). */
    private readonly meta: MetaRepository,
  ) {}

  // ---- settings --------------------------------------------------------------------------------------------------

  /** Which recurring rounds the sweep opens by itself, with the ETag a change sends back (`defaults` until changed). */
  async settings(): Promise<SurveySettings> {
    const row = await this.meta.get(SETTINGS_ROW);
    if (!row) return { ...DEFAULT_SURVEY_SETTINGS, etag: DEFAULT_SURVEY_SETTINGS_ETAG };
    const settings = getJson(row, "settings", SurveySettingsInputSchema) ?? DEFAULT_SURVEY_SETTINGS;
    const updatedAt = str(row, "updatedAt");
    const updatedBy = str(row, "updatedBy");
    return { ...settings, etag: row.etag, ...(updatedAt ? { updatedAt } : {}), ...(updatedBy ? { updatedBy } : {}) };
  }

  /** Replaces the settings (If-Match with the version read; `defaults` the first time). */
  async putSettings(input: SurveySettingsData, ifMatch: string, identity: Identity): Promise<SurveySettings> {
    const row = await this.meta.get(SETTINGS_ROW);
    if ((row?.etag ?? DEFAULT_SURVEY_SETTINGS_ETAG) !== ifMatch) throw DomainErrors.stale();
    const problems = checkSurveySettings(input);
    if (problems.length > 0) throw DomainErrors.validation(problems);
    try {
      const values = { settings: JSON.stringify(input), updatedAt: this.clock().toISOString(), updatedBy: identity.email };
      await this.meta.put(SETTINGS_ROW, values, row ? row.etag : undefined);
    } catch (error) {
      // Someone else changed (or first created) the settings since they were read.
      if (error instanceof AlreadyExistsError || error instanceof ConcurrencyError) throw DomainErrors.stale();
      throw error;
    }
    return this.settings();
  }

  // ---- reading --------------------------------------------------------------------------------------------------

  private async load(id: string): Promise<RoundRecord> {
    const record = await this.rounds.get(id);
    if (!record) throw roundNotFound();
    return record;
  }

  private targetsOf(round: StoredRound, email: string): SurveyTarget[] {
    const me = email.toLowerCase();
    return round.targets.filter((t) => t.email === me);
  }

  private canRead(identity: Identity): boolean {
    return identity.permissions.includes("surveys.read") || identity.permissions.includes("surveys.manage");
  }

  private async toApi(record: RoundRecord, identity: Identity, answered?: Set<string>): Promise<SurveyRound> {
    const { round } = record;
    const keys = answered ?? (await this.responses.answeredKeys(round.id));
    const mine = this.targetsOf(round, identity.email);
    const now = this.clock().getTime();
    return {
      id: round.id,
      kind: round.kind,
      title: round.title,
      ...(round.activity ? { activity: round.activity } : {}),
      questions: round.questions,
      recipientCount: round.targets.length,
      responseCount: keys.size,
      opensAt: round.opensAt,
      deadline: round.deadline,
      reminders: round.reminders,
      status: round.status === "open" && Date.parse(round.opensAt) > now ? "scheduled" : round.status,
      createdBy: round.createdBy,
      createdAt: round.createdAt,
      ...(round.closedAt ? { closedAt: round.closedAt } : {}),
      unresolved: round.unresolved,
      ...(mine.length > 0 && round.status === "open"
        ? {
            mine: mine.map((t) => ({
              ...(t.projectId ? { projectId: t.projectId } : {}),
              ...(t.projectName ? { projectName: t.projectName } : {}),
              answered: keys.has(targetKey(t)),
            })),
          }
        : {}),
      etag: record.etag,
    };
  }

  /** Those who run or read rounds see every round; a recipient sees the rounds they are asked in. */
  async get(id: string, identity: Identity): Promise<SurveyRound> {
    const record = await this.load(id);
    if (!this.canRead(identity) && this.targetsOf(record.round, identity.email).length === 0) throw DomainErrors.forbidden();
    return this.toApi(record, identity);
  }

  async list(query: SurveyListQuery, identity: Identity): Promise<Page<SurveyRound>> {
    if (!this.canRead(identity)) throw DomainErrors.forbidden();
    const status = query.status === "scheduled" ? "open" : query.status;
    const page = await this.rounds.list({ status, kind: query.kind, pageSize: query.pageSize, continuationToken: query.continuationToken });
    let items = await mapLimit(page.items, 8, (r) => this.toApi(r, identity));
    if (query.status) items = items.filter((r) => r.status === query.status);
    return { items, continuationToken: page.continuationToken };
  }

  /** Open rounds that ask the caller (`mina enkäter`), with whether they have answered each part. */
  async mine(identity: Identity): Promise<{ items: SurveyRound[] }> {
    const entries = await this.inbox.forPerson(identity.email);
    const ids = [...new Set(entries.map((e) => e.roundId))];
    const records = await mapLimit(ids, 8, (id) => this.rounds.get(id));
    const now = this.clock().getTime();
    const open = records.filter((r): r is RoundRecord => r !== null && r.round.status === "open" && Date.parse(r.round.opensAt) <= now && Date.parse(r.round.deadline) > now);
    return { items: await mapLimit(open, 8, (r) => this.toApi(r, identity)) };
  }

  // ---- creating and closing ---------------------------------------------------------------------------------------

  async create(input: SurveyInputData, identity: Identity, idempotencyKey?: string): Promise<{ round: SurveyRound; created: boolean }> {
    const now = this.clock();
    const opensAt = input.opensAt ?? now.toISOString();
    const problems: FieldProblem[] = [...checkRoundTimes({ opensAt, deadline: input.deadline, reminders: input.reminders }, now)];
    if (input.kind === "activity" && !input.activity) {
      problems.push({ field: "activity", message: { sv: "En aktivitetsuppföljning behöver aktiviteten: namn, datum och programområde.", en: "An activity survey needs the activity: name, date and program area." } });
    }
    if (input.activity) {
      const areas = (await this.reference.all()).programAreas.map((a) => a.id);
      if (!areas.includes(input.activity.programAreaId)) {
        problems.push({ field: "activity.programAreaId", message: { sv: "Programområdet finns inte.", en: "The program area does not exist." } });
      }
    }
    if (problems.length > 0) throw DomainErrors.validation(problems);

    let id = newRoundId(now);
    if (idempotencyKey) {
      const bound = await this.idempotency.bind(identity.email, `survey\n${idempotencyKey}`, id, now.toISOString());
      id = bound.projectId;
      if (!bound.fresh) {
        const existing = await this.rounds.get(id);
        if (existing) return { round: await this.toApi(existing, identity), created: false };
      }
    }

    const { targets, unresolved } = await this.resolveTargets(input);
    if (targets.length === 0) {
      throw DomainErrors.rule([{ field: "recipients", message: { sv: "Enkäten har inga mottagare.", en: "The survey has no recipients." } }]);
    }
    const round: StoredRound = {
      id,
      kind: input.kind,
      title: input.title,
      ...(input.activity ? { activity: input.activity } : {}),
      questions: SURVEY_QUESTIONS[input.kind],
      targets,
      unresolved,
      opensAt,
      deadline: input.deadline,
      reminders: [...input.reminders].sort(),
      status: "open",
      createdBy: identity.email,
      createdAt: now.toISOString(),
    };
    await this.inbox.add(id, targets);
    let record: RoundRecord;
    try {
      record = await this.rounds.create(round);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError) || !idempotencyKey) throw error;
      // A concurrent retry with the same key created it first.
      return { round: await this.toApi(await this.load(id), identity), created: false };
    }
    // Send now if it is open; if this fails the sweep sends later (the ids are deterministic, nothing doubles).
    await this.dispatch(record).catch((error: unknown) => this.log.error(`enkät ${id}: utskicket misslyckades; svepet försöker igen`, error));
    return { round: await this.toApi((await this.rounds.get(id)) ?? record, identity, new Set()), created: true };
  }

  /** E-mails, a role's members, or the leaders of the included (ongoing) efforts; a status request asks per effort. */
  private async resolveTargets(input: SurveyInputData): Promise<{ targets: SurveyTarget[]; unresolved: StoredRound["unresolved"] }> {
    const r = input.recipients;
    let people: string[] | "leaders";
    if (Array.isArray(r)) people = r;
    else if ("role" in r) {
      people = [];
      let token: string | undefined;
      do {
        const page = await this.members.listByRole(r.role, 100, token);
        people.push(...page.items.map((m) => m.email));
        token = page.continuationToken ?? undefined;
      } while (token);
    } else people = "leaders";

    const unresolved: StoredRound["unresolved"] = [];
    if (input.kind !== "status" && people !== "leaders") {
      return { targets: [...new Set(people.map((e) => e.toLowerCase()))].map((email) => ({ email })), unresolved };
    }
    const ongoing = await this.projectsRepo.listIndex(this.projectsRepo.filterFor({ status: "pagaende" }));
    const efforts = (await mapLimit(ongoing, 8, (row) => this.projectsRepo.get(row.id))).filter((e) => e !== null);
    const wanted = people === "leaders" ? null : new Set(people.map((e) => e.toLowerCase()));
    const targets: SurveyTarget[] = [];
    for (const { project } of efforts) {
      const leader = project.projectLeader.email?.toLowerCase();
      if (!leader) {
        if (!wanted) unresolved.push({ projectId: project.id, projectName: project.name });
        continue;
      }
      if (wanted && !wanted.has(leader)) continue;
      targets.push(input.kind === "status" ? { email: leader, projectId: project.id, projectName: project.name } : { email: leader });
    }
    if (wanted && input.kind === "status") {
      const leading = new Set(targets.map((t) => t.email));
      const none = [...wanted].filter((e) => !leading.has(e));
      if (none.length > 0) {
        throw DomainErrors.rule([
          {
            field: "recipients",
            message: { sv: `Leder inget pågående utvecklingsarbete: ${none.join(", ")}.`, en: `Leads no ongoing effort: ${none.join(", ")}.` },
          },
        ]);
      }
    }
    const unique = new Map(targets.map((t) => [targetKey(t), t]));
    return { targets: [...unique.values()], unresolved };
  }

  /** Closes a round (If-Match). An activity round's answers are then unlinked from the people who gave them. */
  async close(id: string, ifMatch: string, identity: Identity): Promise<SurveyRound> {
    const record = await this.load(id);
    if (record.etag !== ifMatch) throw DomainErrors.stale();
    if (record.round.status === "closed") return this.toApi(record, identity);
    const closed = await this.rounds.replace({ ...record.round, status: "closed", closedAt: this.clock().toISOString(), closedBy: identity.email }, record.dispatch, ifMatch);
    if (closed.round.kind === "activity") await this.responses.anonymise(id);
    return this.toApi(closed, identity);
  }

  // ---- answering --------------------------------------------------------------------------------------------------

  private pickTarget(round: StoredRound, identity: Identity, projectId: string | undefined): SurveyTarget {
    const mine = this.targetsOf(round, identity.email);
    if (mine.length === 0) {
      throw DomainErrors.forbidden({ sv: "Du är inte mottagare av den här enkäten.", en: "You are not a recipient of this survey." });
    }
    if (round.kind !== "status") return mine[0] as SurveyTarget;
    if (projectId) {
      const target = mine.find((t) => t.projectId === projectId);
      if (!target) {
        throw DomainErrors.validation([{ field: "projectId", message: { sv: "Du är inte ombedd att rapportera för det utvecklingsarbetet.", en: "You are not asked to report for that effort." } }]);
      }
      return target;
    }
    if (mine.length > 1) {
      throw DomainErrors.validation([{ field: "projectId", message: { sv: "Ange vilket utvecklingsarbete svaret gäller.", en: "Say which effort the answer is for." } }]);
    }
    return mine[0] as SurveyTarget;
  }

  private toResponse(round: StoredRound, stored: StoredResponse): SurveyResponse {
    return {
      id: stored.responseId,
      roundId: round.id,
      ...(stored.projectId ? { projectId: stored.projectId } : {}),
      answers: stored.answers,
      submittedAt: stored.submittedAt,
      deadline: round.deadline,
    };
  }

  /** The caller's current answer (the card's refresh shows it). */
  async myResponse(id: string, identity: Identity, projectId: string | undefined): Promise<SurveyResponse> {
    const { round } = await this.load(id);
    const target = this.pickTarget(round, identity, projectId);
    const stored = await this.responses.get(id, targetKey(target));
    if (!stored) throw DomainErrors.notFound({ sv: "Du har inte svarat ännu.", en: "You have not answered yet." });
    return this.toResponse(round, stored);
  }

  /**
   * The caller's answer: one per person (and effort) per round — the row key is theirs, so answering again replaces
   * it and a double click stores one. After the deadline → 409 naming it. A status answer sets the effort's colour.
   */
  async respond(id: string, input: SurveyResponseInput, identity: Identity): Promise<SurveyResponse> {
    const { round } = await this.load(id);
    const target = this.pickTarget(round, identity, input.projectId);
    const now = this.clock();
    if (round.status === "closed" || now.getTime() >= Date.parse(round.deadline)) {
      const when = formatDeadline(round.deadline);
      throw DomainErrors.conflict({
        sv: `Enkäten är stängd: sista svarsdag var ${when}. Ditt svar sparades inte.`,
        en: `The survey is closed: the deadline was ${when}. Your answer was not saved.`,
      });
    }
    if (now.getTime() < Date.parse(round.opensAt)) {
      throw DomainErrors.conflict({ sv: "Enkäten har inte öppnat ännu.", en: "The survey has not opened yet." });
    }
    const problems = checkAnswers(round.questions, input.answers);
    if (problems.length > 0) throw DomainErrors.validation(problems);
    const key = targetKey(target);
    const stored: StoredResponse = {
      responseId: responseId(id, key),
      email: target.email,
      ...(target.projectId ? { projectId: target.projectId } : {}),
      submittedAt: now.toISOString(),
      answers: normaliseAnswers(input.answers),
    };
    await this.responses.put(id, key, stored);
    if (round.kind === "status" && target.projectId) {
      const colour = StatusColourSchema.safeParse(stored.answers["overall"]);
      if (colour.success) await this.reportColour(round, target.projectId, colour.data, stored, identity.email);
    }
    return this.toResponse(round, stored);
  }

  private async reportColour(round: StoredRound, projectId: string, colour: StatusColour, stored: StoredResponse, by: string): Promise<void> {
    const parts = [stored.answers["deviations"], stored.answers["progress"]].filter((v): v is string => typeof v === "string" && v.length > 0);
    await this.projects.reportStatus(projectId, { colour, summary: parts.join(" — ") || undefined, source: `statusbegäran ”${round.title}”` }, by);
  }

  /**
   * Escalates the deviation in the caller's own status answer: the answer is the escalation's source, so asking again
   * gives the same escalation. Red is urgent (akut); yellow is normal.
   */
  async escalate(id: string, projectId: string | undefined, identity: Identity): Promise<{ escalationId: string; responseId: string }> {
    const { round } = await this.load(id);
    const target = this.pickTarget(round, identity, projectId);
    const stored = await this.responses.get(id, targetKey(target));
    const deviation = stored?.answers["deviations"];
    if (round.kind !== "status" || !stored || typeof deviation !== "string" || deviation.length === 0) {
      throw DomainErrors.rule([
        { field: "deviations", message: { sv: "Det finns ingen avvikelse i ditt statussvar att eskalera.", en: "There is no deviation in your status answer to escalate." } },
      ]);
    }
    const name = target.projectName ?? target.projectId ?? round.title;
    const escalation = await this.escalations.raise(
      {
        title: `Avvikelse i ${name}`,
        description: deviation,
        urgency: stored.answers["overall"] === "rod" ? "akut" : "normal",
        ...(target.projectId ? { projectId: target.projectId } : {}),
        source: { kind: "survey_answer", id: stored.responseId },
      },
      identity,
    );
    return { escalationId: escalation.id, responseId: stored.responseId };
  }

  // ---- results ---------------------------------------------------------------------------------------------------

  async results(id: string, identity: Identity): Promise<SurveyResults> {
    return (await this.resultsWithQuestions(id, identity)).results;
  }

  /** The results and the questions they are about (the exports print the questions' texts). */
  async resultsWithQuestions(id: string, identity: Identity): Promise<{ results: SurveyResults; questions: SurveyQuestion[] }> {
    if (!this.canRead(identity)) throw DomainErrors.forbidden();
    const { round } = await this.load(id);
    const rows = await this.responses.all(id);
    const answers = rows.map((r) => r.answers);
    const result: SurveyResults = {
      roundId: id,
      kind: round.kind,
      title: round.title,
      responses: rows.length,
      recipients: round.targets.length,
      responseRate: round.targets.length === 0 ? 0 : rows.length / round.targets.length,
      items: aggregate(round.questions, answers),
    };
    if (round.kind === "status") {
      // Status answers are not anonymous: the program reports each effort's status.
      result.statusAnswers = rows.map((r) => ({
        responseId: r.responseId,
        ...(r.projectId ? { projectId: r.projectId, projectName: round.targets.find((t) => t.projectId === r.projectId)?.projectName ?? r.projectId } : {}),
        email: r.email ?? "",
        answers: r.answers,
      }));
    } else if (rows.length >= MIN_RESPONSES_FOR_FIGURES) {
      result.freeText = freeTexts(round.questions, answers);
    }
    return { results: result, questions: round.questions };
  }

  /** Who has not answered and whether the card reached them — never what anyone answered. */
  async recipients(id: string): Promise<SurveyRecipientsReport> {
    const { round } = await this.load(id);
    const answered = await this.responses.answeredKeys(id);
    const items = await mapLimit(round.targets, 8, async (t) => {
      const key = targetKey(t);
      const delivery = await this.deliveries.get(requestId(id, key));
      return {
        email: t.email,
        ...(t.projectId ? { projectId: t.projectId } : {}),
        ...(t.projectName ? { projectName: t.projectName } : {}),
        answered: answered.has(key),
        ...(delivery ? { delivery: delivery.delivery.outcome } : {}),
      };
    });
    return { items, unreachable: items.filter((i) => i.delivery === "no_conversation" || i.delivery === "forbidden").length };
  }

  /** The roll-up of a quarter or half-year: every round of the kind in the period, pooled, and per program area. */
  async summary(query: SurveySummaryQueryData, identity: Identity): Promise<SurveySummary> {
    if (!this.canRead(identity)) throw DomainErrors.forbidden();
    const { from, to } = periodRange(query.period);
    const records = await this.rounds.inPeriod(query.kind, from, to, query.programArea);
    const questions = SURVEY_QUESTIONS[query.kind];
    const withAnswers = await mapLimit(records, 8, async (r) => ({ round: r.round, answers: (await this.responses.all(r.round.id)).map((x) => x.answers) }));
    const group = (list: typeof withAnswers, programAreaId?: string) => {
      const answers = list.flatMap((x) => x.answers);
      const recipients = list.reduce((n, x) => n + x.round.targets.length, 0);
      return {
        ...(programAreaId ? { programAreaId } : {}),
        rounds: list.length,
        responses: answers.length,
        recipients,
        responseRate: recipients === 0 ? 0 : answers.length / recipients,
        items: aggregate(questions, answers),
      };
    };
    const areas = [...new Set(withAnswers.map((x) => x.round.activity?.programAreaId).filter((a): a is string => a !== undefined))].sort();
    return {
      period: query.period,
      from,
      to,
      kind: query.kind,
      questions,
      total: group(withAnswers, query.programArea),
      byProgramArea: areas.map((a) => group(withAnswers.filter((x) => x.round.activity?.programAreaId === a), a)),
    };
  }

  // ---- sending ---------------------------------------------------------------------------------------------------

  private notification(round: StoredRound, target: SurveyTarget, reminder: number): Notification {
    const key = targetKey(target);
    return {
      id: reminder === 0 ? requestId(round.id, key) : `survey_reminder:${round.id}:${reminder}:${key}`,
      kind: "survey_request",
      programId: this.programId,
      createdAt: this.clock().toISOString(),
      target: { kind: "user", email: target.email },
      reminder,
      survey: {
        id: round.id,
        kind: round.kind,
        title: round.title,
        deadline: round.deadline,
        ...(round.activity ? { activityName: round.activity.name } : {}),
        ...(target.projectId ? { projectId: target.projectId } : {}),
        ...(target.projectName ? { projectName: target.projectName } : {}),
        questions: round.questions,
      },
    };
  }

  /**
   * Puts what is due on the queue: the cards once the round opens, each reminder at its time to those who have not
   * answered, and closes the round at its deadline. The mark is written after the sends: a crash in between sends
   * again, and the bot's claim of each deterministic id drops the repeat — nobody is skipped, nobody gets two.
   */
  private async dispatch(record: RoundRecord): Promise<RoundRecord> {
    const now = this.clock().getTime();
    let current = record;
    const { round } = current;
    if (round.status !== "open") return current;
    if (now >= Date.parse(round.deadline)) {
      const closed = await this.rounds.replace({ ...round, status: "closed", closedAt: new Date(now).toISOString(), closedBy: "system" }, current.dispatch, current.etag);
      if (round.kind === "activity") await this.responses.anonymise(round.id);
      return closed;
    }
    if (now < Date.parse(round.opensAt)) return current;
    if (!current.dispatch.invited) {
      await mapLimit(round.targets, 16, (t) => this.queue.send(this.notification(round, t, 0)));
      current = await this.rounds.replace(round, { ...current.dispatch, invited: true }, current.etag);
    }
    const due = round.reminders.map((at, i) => ({ at: Date.parse(at), n: i + 1 })).filter((r) => r.at <= now && !current.dispatch.reminded.includes(r.n));
    if (due.length > 0) {
      const answered = await this.responses.answeredKeys(round.id);
      const waiting = round.targets.filter((t) => !answered.has(targetKey(t)));
      // Reminders passed together (the API was down) become one: the latest.
      const n = Math.max(...due.map((d) => d.n));
      await mapLimit(waiting, 16, (t) => this.queue.send(this.notification(round, t, n)));
      current = await this.rounds.replace(round, { ...current.dispatch, reminded: [...current.dispatch.reminded, ...due.map((d) => d.n)] }, current.etag);
    }
    return current;
  }

  /**
   * Opens the recurring rounds that are due, once each: the status requests before the reporting milestones (B5–B7 in
   * reference data) and the year's effect follow-up, as the survey settings say. The milestone (or the year) is the
   * Idempotency-Key of the sweep's own creation, so overlapping sweeps and restarts make one round.
   */
  async openScheduledRounds(): Promise<number> {
    const settings = await this.settings();
    const now = this.clock();
    const due: Array<{ input: SurveyInputData; key: string }> = [];
    if (settings.statusRequests.enabled) {
      for (const request of dueStatusRequests((await this.reference.all()).milestones, now)) {
        due.push({
          input: { kind: "status", title: request.title, recipients: { leadersOf: "included" }, deadline: request.deadline, reminders: request.reminders },
          key: `milestone\n${request.milestoneId}`,
        });
      }
    }
    const effect = dueEffectFollowUp(settings.effectFollowUp, now);
    if (effect) {
      // PP 9.2.1: the change owners answer the yearly effect follow-up.
      due.push({
        input: { kind: "effect", title: effect.title, recipients: { role: "forandringsagare" }, deadline: effect.deadline, reminders: effect.reminders },
        key: `effect\n${effect.year}`,
      });
    }
    let opened = 0;
    for (const { input, key } of due) {
      try {
        const { created } = await this.create(input, SWEEP_IDENTITY, key);
        if (created) opened++;
      } catch (error) {
        // Nobody to ask yet (no ongoing effort with a leader's e-mail, no change owner): the next sweep tries again.
        if (error instanceof DomainError && error.kind === "rule") continue;
        throw error;
      }
    }
    return opened;
  }

  /** One pass over the open rounds (local: interval; Functions: timer). */
  async sweep(): Promise<{ rounds: number; failed: number }> {
    let failed = 0;
    try {
      await this.openScheduledRounds();
    } catch (error) {
      failed++;
      this.log.error("enkätsvepet: en återkommande enkät (statusbegäran, effektuppföljning) kunde inte öppnas", error);
    }
    const open = await this.rounds.open();
    for (const record of open) {
      try {
        await this.dispatch(record);
      } catch (error) {
        // A concurrent sweep or a close moved the round: the next pass sees the new state.
        if (!(error instanceof ConcurrencyError)) {
          failed++;
          this.log.error(`enkät ${record.round.id}: svepet misslyckades`, error);
        }
      }
    }
    return { rounds: open.length, failed };
  }
}

/** The id of a round's first card to one target (the delivery the program office looks up). */
export function requestId(roundId: string, key: string): string {
  return `survey_request:${roundId}:${key}`;
}

import type { JWTVerifyGetKey } from "jose";
import type { Config } from "./config.js";
import { adjustableClock, systemClock, type AdjustableClock, type Clock } from "./domain/clock.js";
import { EntraAuthenticator, LocalAuthenticator, type Authenticator } from "./http/auth.js";
import { BotService } from "./services/bot.js";
import { EscalationService } from "./services/escalations.js";
import { consoleLogger, type Logger } from "./services/log.js";
import { InquiryService } from "./services/inquiries.js";
import { MembershipService } from "./services/membership.js";
import { OutboxService } from "./services/outbox.js";
import { ProjectService } from "./services/projects.js";
import { StorageNotificationQueue, type NotificationQueue } from "./services/queue.js";
import { ReferenceService } from "./services/reference.js";
import { RiskService } from "./services/risks.js";
import { seedRisksIfNeeded } from "./seed/risks.js";
import { RisksRepository } from "./store/risks.js";
import { SimilarityService } from "./services/similarity.js";
import { SurveyService } from "./services/surveys.js";
import { seedIfNeeded } from "./seed/seed.js";
import { seedActivityRounds } from "./seed/activities.js";
import { DEMO_USERS } from "./contracts/index.js";
import { ConversationsRepository } from "./store/conversations.js";
import { DecisionsRepository } from "./store/decisions.js";
import { DeliveriesRepository } from "./store/deliveries.js";
import { EscalationsRepository } from "./store/escalations.js";
import { SentCardsRepository } from "./store/sentCards.js";
import { HistoryRepository } from "./store/history.js";
import { IdempotencyRepository } from "./store/idempotency.js";
import { InquiriesRepository } from "./store/inquiries.js";
import { MembersRepository } from "./store/members.js";
import { MetaRepository } from "./store/meta.js";
import { OutboxRepository } from "./store/outbox.js";
import { ProjectsRepository } from "./store/projects.js";
import { ReferenceRepository } from "./store/reference.js";
import { storageClients } from "./store/storage.js";
import { SurveyInboxRepository, SurveyResponsesRepository, SurveyRoundsRepository } from "./store/surveys.js";
import { ensureTable, TABLE_NAMES, type TableKey } from "./store/table.js";
import { TermsRepository } from "./store/terms.js";

/** Everything a handler needs, wired once per process (composition root). */
export interface Services {
  config: Config;
  clock: Clock;
  /** Local mode only: the API's clock, adjustable for demos (`POST /api/dev/clock`); absent in production. */
  devClock: AdjustableClock | null;
  log: Logger;
  auth: Authenticator;
  /** The Members table: identity's point reads, seeding. */
  members: MembersRepository;
  /** Who has access: list, add, change, remove members (the "at least one programledare" rule). */
  membership: MembershipService;
  reference: ReferenceService;
  decisions: DecisionsRepository;
  projects: ProjectService;
  similarity: SimilarityService;
  outbox: OutboxService;
  bot: BotService;
  /** Escalations (issue 9): the one owner of escalating; other services raise through it (`EscalationRaiser`). */
  escalations: EscalationService;
  /** Where each card was sent (activity ids per conversation), so the bot can update it in place everywhere. */
  sentCards: SentCardsRepository;
  /** The risk list (SPEC 3.2): list, edit, review, escalate, export, review reminders. */
  risks: RiskService;
  /** Follow-up questionnaires: rounds, answers, results; `sweep()` sends cards and reminders. */
  surveys: SurveyService;
  queue: NotificationQueue;
  /** The shared mailbox's inquiries and the 36-hour rule; `inquiries.receive` is the mailbox readers' sink. */
  inquiries: InquiryService;
  /** Raw repositories, for seeding and tests. */
  repos: {
    projects: ProjectsRepository;
    history: HistoryRepository;
    terms: TermsRepository;
    outbox: OutboxRepository;
    deliveries: DeliveriesRepository;
    conversations: ConversationsRepository;
    meta: MetaRepository;
    reference: ReferenceRepository;
    escalations: EscalationsRepository;
    risks: RisksRepository;
    inquiries: InquiriesRepository;
  };
}

export interface ServiceOverrides {
  clock?: Clock;
  log?: Logger;
  /** Production JWT key resolver (tests use a local JWKS; production fetches the tenant's keys). */
  getKey?: JWTVerifyGetKey;
  queue?: NotificationQueue;
  /** Outbox grace period before the sweep takes over an operation. */
  outboxGraceMs?: number;
}

/**
 * Creates tables and the queue if missing, wires repositories and services, builds the members' role index once,
 * seeds if configured, and in production adds BOOTSTRAP_PROGRAMLEDARE if that member does not exist.
 */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const baseClock = overrides.clock ?? systemClock;
  // Only local mode may move the API's clock (demo of the 36-hour rule); production has no such handle.
  const devClock = config.mode === "local" ? adjustableClock(baseClock) : null;
  const clock: Clock = devClock ?? baseClock;
  const log = overrides.log ?? consoleLogger;
  const storage = storageClients(config.storage);
  const clients = Object.fromEntries(
    (Object.keys(TABLE_NAMES) as TableKey[]).map((key) => [key, storage.table(`${config.tablePrefix}${TABLE_NAMES[key]}`)]),
  ) as Record<TableKey, ReturnType<typeof storage.table>>;
  if (storage.mayCreate) await Promise.all(Object.values(clients).map((c) => ensureTable(c)));

  let queue = overrides.queue;
  if (!queue) {
    const storageQueue = new StorageNotificationQueue(storage.queue(config.notificationsQueue));
    if (storage.mayCreate) await storageQueue.ensure();
    queue = storageQueue;
  }

  const pid = config.programId;
  const members = new MembersRepository(clients.members, pid);
  const referenceRepo = new ReferenceRepository(clients.reference, pid);
  const projectsRepo = new ProjectsRepository(clients.projects, pid);
  const history = new HistoryRepository(clients.history, pid);
  const terms = new TermsRepository(clients.terms, pid);
  const decisions = new DecisionsRepository(clients.decisions, pid);
  const idempotency = new IdempotencyRepository(clients.idempotency, pid);
  const outboxRepo = new OutboxRepository(clients.outbox, pid);
  const conversations = new ConversationsRepository(clients.conversations, pid);
  const deliveries = new DeliveriesRepository(clients.deliveries, pid);
  const meta = new MetaRepository(clients.meta, pid);
  const escalationsRepo = new EscalationsRepository(clients.escalations, pid);
  const sentCards = new SentCardsRepository(clients.sentCards, pid);

  const reference = new ReferenceService(referenceRepo, clock);
  const similarity = new SimilarityService(projectsRepo, terms, reference);
  const outbox = new OutboxService(outboxRepo, projectsRepo, history, decisions, queue, similarity, clock, log, overrides.outboxGraceMs);
  const projects = new ProjectService(pid, projectsRepo, history, decisions, idempotency, reference, outbox, clock);
  const bot = new BotService(conversations, deliveries, meta, clock, queue);
  const membership = new MembershipService(members, clock, log);
  const escalations = new EscalationService(pid, escalationsRepo, members, projectsRepo, reference, idempotency, meta, outbox, clock, log);
  const risksRepo = new RisksRepository(clients.risks, pid);
  const risks = new RiskService(pid, risksRepo, members, projectsRepo, idempotency, queue, escalations, clock, log);
  const surveyRounds = new SurveyRoundsRepository(clients.surveyRounds, pid);
  const surveyInbox = new SurveyInboxRepository(clients.surveyInbox, pid);
  const surveys = new SurveyService(
    pid,
    surveyRounds,
    new SurveyResponsesRepository(clients.surveyResponses, pid),
    surveyInbox,
    members,
    projectsRepo,
    projects,
    reference,
    deliveries,
    idempotency,
    queue,
    clock,
    log,
    escalations,
    meta,
  );
  const inquiriesRepo = new InquiriesRepository(clients.inquiries, clients.inquiryIndex, pid);
  // A breach escalates through the escalation service, which answers the open escalation of a source it knows.
  const inquiries = new InquiryService(pid, inquiriesRepo, members, queue, outbox, escalations, clock, log, (source) => escalationsRepo.forSource(source));
  await members.ensureIndex();

  const lookup = (email: string) => members.get(email);
  let auth: Authenticator;
  if (config.mode === "production") {
    if (!config.entra) throw new Error("production mode without Entra settings");
    auth = new EntraAuthenticator(
      config.entra,
      { byObjectId: (oid) => members.getByObjectId(oid), bind: (upn, oid) => members.bindObjectId(upn, oid) },
      clock,
      overrides.getKey,
    );
  } else {
    auth = new LocalAuthenticator(lookup);
  }

  if (config.seedOnStart) {
    await seedIfNeeded(
      { reference: referenceRepo, members, projects: projectsRepo, history, terms, decisions, meta, escalations: escalationsRepo, log },
      { members: config.mode === "local", at: clock().toISOString() },
    );
    await seedRisksIfNeeded({ risks: risksRepo, meta, log }, { local: config.mode === "local", at: clock().toISOString() });
  }
  // Demo only: the 2023 activities (annual report, table 1) as closed activity-survey rounds, an example mapping.
  if (config.seedOnStart && config.mode === "local") await seedActivityRounds(surveyRounds, surveyInbox, DEMO_USERS.deltagare1);
  if (config.bootstrapProgramledare) {
    if (config.mode === "production") await membership.bootstrap(config.bootstrapProgramledare);
    else log.warn("BOOTSTRAP_PROGRAMLEDARE gäller bara i production-läge; lokalt finns demoanvändarna.");
  }

  return {
    config,
    clock,
    devClock,
    log,
    auth,
    members,
    membership,
    reference,
    decisions,
    projects,
    similarity,
    outbox,
    bot,
    escalations,
    sentCards,
    surveys,
    queue,
    risks,
    inquiries,
    repos: {
      projects: projectsRepo,
      history,
      terms,
      outbox: outboxRepo,
      deliveries,
      conversations,
      meta,
      reference: referenceRepo,
      escalations: escalationsRepo,
      risks: risksRepo,
      inquiries: inquiriesRepo,
    },
  };
}

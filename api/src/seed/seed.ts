import type { Decision, ReferenceKind } from "../contracts/index.js";
import { summarizeSeeded } from "../domain/history.js";
import { termVector } from "../domain/similarity.js";
import type { Logger } from "../services/log.js";
import type { DecisionsRepository } from "../store/decisions.js";
import type { EscalationsRepository } from "../store/escalations.js";
import { AlreadyExistsError } from "../store/errors.js";
import type { HistoryRepository } from "../store/history.js";
import type { MembersRepository } from "../store/members.js";
import type { MetaRepository } from "../store/meta.js";
import type { ProjectsRepository, StoredProject } from "../store/projects.js";
import type { ReferenceItem, ReferenceRepository } from "../store/reference.js";
import { mapLimit } from "../store/table.js";
import type { TermsRepository } from "../store/terms.js";
import { SEED_ESCALATION_DECISION, SEED_ESCALATIONS } from "./escalations.js";
import { DEMO_MEMBERS } from "./members.js";
import { SEED_ACTOR, SEED_DECISION_RATIONALE, SEED_PROJECTS, SEED_SOURCE } from "./portfolio.js";
import { BENEFIT_OBJECTS, BODIES, CRITERIA, MILESTONES, PARTIES, PROGRAM_AREAS, SUB_GOALS, TARGET_GROUPS } from "./reference.js";

export interface SeedDeps {
  reference: ReferenceRepository;
  members: MembersRepository;
  projects: ProjectsRepository;
  history: HistoryRepository;
  terms: TermsRepository;
  decisions: DecisionsRepository;
  meta: MetaRepository;
  /** Demo escalations are seeded with the demo members (local mode). */
  escalations?: EscalationsRepository;
  log: Logger;
}

const SEED_MARKER = "seed";
const SEED_VERSION = 1;
/** Seeded efforts were last reported on in the annual report 2023. */
const REPORTED_AT = "2023-12-31T12:00:00.000Z";

const REFERENCE: Record<ReferenceKind, ReadonlyArray<ReferenceItem>> = {
  parties: PARTIES,
  programAreas: PROGRAM_AREAS,
  criteria: CRITERIA,
  subGoals: SUB_GOALS,
  benefitObjects: BENEFIT_OBJECTS,
  targetGroups: TARGET_GROUPS,
  milestones: MILESTONES,
  bodies: BODIES,
};

export function seedDecision(projectId: string, name: string, date: string): Decision {
  return {
    id: `seed-inkl-${projectId}`,
    date,
    recordedAt: `${date}T12:00:00.000Z`,
    bodyId: "styrgrupp",
    bodyName: "Programstyrgrupp",
    decision: "Inkluderas i utvecklingsportföljen",
    outcome: "inkluderad",
    rationale: SEED_DECISION_RATIONALE,
    concerns: { kind: "project", id: projectId, title: name },
    links: [{ kind: "project", id: projectId, title: name }],
    decidedBy: SEED_ACTOR,
  };
}

/**
 * Writes everything the seed holds. Idempotent: every row is keyed by a stable id and written only if absent, so
 * edits made in the app are never overwritten and a half-finished seed can simply run again.
 */
export async function seedAll(deps: SeedDeps, options: { members: boolean }): Promise<void> {
  const refRows = (Object.entries(REFERENCE) as Array<[ReferenceKind, ReadonlyArray<ReferenceItem>]>).flatMap(([kind, items]) =>
    items.map((item) => [kind, item] as const),
  );
  await mapLimit(refRows, 16, ([kind, item]) => deps.reference.createIfAbsent(kind, item));
  if (options.members) await mapLimit(DEMO_MEMBERS, 8, (m) => deps.members.createIfAbsent(m));
  const escalations = deps.escalations;
  if (options.members && escalations) {
    await mapLimit(SEED_ESCALATIONS, 2, (e) => escalations.createIfAbsent(e));
    await deps.decisions.add(SEED_ESCALATION_DECISION);
  }

  await mapLimit(SEED_PROJECTS, 4, async (seed) => {
    const decision = seedDecision(seed.id, seed.fields.name, seed.inclusion.date);
    const stored: StoredProject = {
      ...seed.fields,
      id: seed.id,
      status: seed.status,
      createdAt: `${seed.inclusion.date}T09:00:00.000Z`,
      createdBy: SEED_ACTOR,
      updatedAt: REPORTED_AT,
      latestStatus: { colour: seed.latestStatus.colour, reportedAt: REPORTED_AT, summary: seed.latestStatus.summary },
      decision: { decisionId: decision.id, outcome: "inkluderad", rationale: decision.rationale, date: decision.date },
    };
    const vector = termVector(stored.name, stored.description);
    try {
      await deps.projects.create(stored, "seed", [...vector.weights.keys()]);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Already there. If it was edited since, leave it alone; if only the seed ever wrote it (a seed that stopped
      // half-way), finish the idempotent rest below.
      const existing = await deps.projects.get(seed.id);
      if (!existing || existing.recentOps.some((op) => op !== "seed")) return;
    }
    await deps.terms.upsert(seed.id, vector.weights);
    await deps.history.append(seed.id, "seed", {
      at: REPORTED_AT,
      by: SEED_ACTOR,
      action: "seeded",
      summary: summarizeSeeded(SEED_SOURCE),
      changedFields: [],
    });
    await deps.decisions.add(decision);
  });
}

/** Seeds once per store: the marker row says it is done, so restarts keep user data and skip the work. */
export async function seedIfNeeded(deps: SeedDeps, options: { members: boolean; at: string }): Promise<"seeded" | "skipped"> {
  if (await deps.meta.get(SEED_MARKER)) return "skipped";
  await seedAll(deps, options);
  try {
    await deps.meta.put(SEED_MARKER, { version: SEED_VERSION, seededAt: options.at, members: options.members });
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error; // another instance finished first
  }
  deps.log.info(`Startdata inlästa (${SEED_PROJECTS.length} utvecklingsarbeten${options.members ? ", demoanvändare" : ""}).`);
  return "seeded";
}

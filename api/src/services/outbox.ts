import type { Clock } from "../domain/clock.js";
import { AlreadyExistsError, ConcurrencyError, NotFoundError } from "../store/errors.js";
import type { DecisionsRepository } from "../store/decisions.js";
import type { HistoryRepository } from "../store/history.js";
import type { Effect, OutboxOp, OutboxRepository } from "../store/outbox.js";
import type { ProjectsRepository } from "../store/projects.js";
import type { Logger } from "./log.js";
import type { NotificationQueue } from "./queue.js";

/** Answers whether the row of another kind of subject (e.g. an escalation) records the operation. */
export type OperationRecorded = (id: string, opId: string) => Promise<boolean>;

export interface Reindexer {
  reindex(projectId: string, remove: readonly string[]): Promise<void>;
}

/**
 * Never lose a side effect (history entry, decision-log entry, re-indexing, notification):
 *
 *  1. write the outbox row (the operation's effects) — idempotent, keyed by opId;
 *  2. write the effort, ETag-guarded, recording opId in its `recentOps`;
 *  3. apply the effects — each is idempotent (deterministic keys; notifications have deterministic ids and the bot
 *     claims each id once) — then delete the row.
 *
 * If the process dies between 2 and 3, or an effect fails (e.g. the queue is down), the row stays. The sweep
 * (`sweep()`, every OUTBOX_SWEEP_SECONDS in the local host, a timer in Azure Functions) takes rows older than the
 * grace period, checks that the effort records the opId (the operation really happened) and applies them; rows of
 * operations that did not happen (412, crash before step 2) are dropped. Delivery to the bot is therefore at least
 * once, never zero times.
 */
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly projects: ProjectsRepository,
    private readonly history: HistoryRepository,
    private readonly decisions: DecisionsRepository,
    private readonly queue: NotificationQueue,
    private readonly reindexer: Reindexer,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly graceMs = 30_000,
  ) {}

  private readonly subjects = new Map<string, OperationRecorded>();

  /** Lets operations on another kind of row (`subject`) use the outbox: `recorded` tells whether one happened. */
  registerSubject(subject: string, recorded: OperationRecorded): void {
    this.subjects.set(subject, recorded);
  }

  /** Runs `write` (step 2) inside the outbox protocol. Errors of `write` propagate unchanged. */
  async run<T>(op: { opId: string; projectId: string; subject?: string; effects: Effect[] }, write: () => Promise<T>): Promise<T> {
    const full: OutboxOp = { ...op, createdAt: this.clock().toISOString() };
    await this.outbox.put(full);
    let result: T;
    try {
      result = await write();
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError || error instanceof NotFoundError) {
        // A definite answer from storage: settle now (applies the effects only if the effort records the op).
        await this.settle(full).catch((e: unknown) => this.log.error(`outbox: settling ${op.opId} failed; the sweep will retry`, e));
      }
      // Anything else (timeout, connection reset) may or may not have been written: the sweep decides later.
      throw error;
    }
    await this.complete(full).catch((e: unknown) => this.log.error(`outbox: effects of ${op.opId} failed; the sweep will retry`, e));
    return result;
  }

  private async complete(op: OutboxOp): Promise<void> {
    await this.apply(op.effects);
    await this.outbox.delete(op.opId);
  }

  /** Applies the effects if the operation happened, then removes the row either way. */
  private async settle(op: OutboxOp): Promise<"applied" | "dropped"> {
    const recorded = op.subject ? this.subjects.get(op.subject) : undefined;
    if (op.subject && !recorded) throw new Error(`outbox: no subject ${op.subject} registered`);
    const happened = recorded ? await recorded(op.projectId, op.opId) : ((await this.projects.get(op.projectId))?.recentOps.includes(op.opId) ?? false);
    if (happened) {
      await this.complete(op);
      return "applied";
    }
    await this.outbox.delete(op.opId);
    return "dropped";
  }

  async apply(effects: readonly Effect[]): Promise<void> {
    const order: Effect["kind"][] = ["history", "decisionLog", "reindex", "notify"];
    for (const kind of order) {
      for (const effect of effects.filter((e) => e.kind === kind)) {
        switch (effect.kind) {
          case "history":
            await this.history.append(effect.projectId, effect.opId, effect.entry);
            break;
          case "decisionLog":
            await this.decisions.add(effect.decision);
            break;
          case "reindex":
            await this.reindexer.reindex(effect.projectId, effect.remove);
            break;
          case "notify":
            await this.queue.send(effect.notification);
            break;
        }
      }
    }
  }

  /** One sweep over operations older than the grace period. */
  async sweep(): Promise<{ applied: number; dropped: number; failed: number }> {
    const cutoff = new Date(this.clock().getTime() - this.graceMs).toISOString();
    const pending = await this.outbox.pendingBefore(cutoff);
    let applied = 0;
    let dropped = 0;
    let failed = 0;
    for (const op of pending) {
      try {
        if ((await this.settle(op)) === "applied") applied++;
        else dropped++;
      } catch (error) {
        failed++;
        this.log.error(`outbox: sweep could not complete ${op.opId}`, error);
      }
    }
    if (applied + dropped + failed > 0) this.log.info(`outbox: sweep applied ${applied}, dropped ${dropped}, failed ${failed}`);
    return { applied, dropped, failed };
  }
}

import { TableClient, type TransactionAction } from "@azure/data-tables";
import { startAzurite } from "../scripts/lib/azurite.js";
import { createServices } from "../api/src/app.js";
import { loadConfig } from "../api/src/config.js";
import { fixedClock } from "../api/src/domain/clock.js";
import { INQUIRY_SWEEP_SECONDS } from "../api/src/services/inquiries.js";
import { silentLogger } from "../api/src/services/log.js";
import type { StoredInquiry } from "../api/src/store/inquiries.js";
import { mapLimit, TABLE_NAMES } from "../api/src/store/table.js";
import { percentile } from "../tests/support/scenario.js";

/**
 * The 36-hour rule's sweep (issue 12): its time with 100 open + 100,000 closed inquiries as a ratio to 100 open +
 * 100 closed (aim ≤ 1.1: the sweep reads only the open index), and the delay from due time to escalation (aim
 * ≤ 60 s: the timer's period (30 s) plus the time the sweep takes to escalate what fell due).
 */

export interface InquirySweepBenchOptions {
  closed: number;
  rounds: number;
}

const NOW = "2026-06-01T08:00:00.000Z";
const HOUR = 3_600_000;

function inquiry(id: string, open: boolean): StoredInquiry {
  const received = new Date(Date.parse(NOW) - (open ? 1 : 100) * HOUR);
  return {
    id,
    messageId: `<${id}@bench.example>`,
    from: "anna@example.se",
    fromName: "Anna",
    subject: `Fråga ${id}`,
    receivedAt: received.toISOString(),
    dueAt: new Date(received.getTime() + 36 * HOUR).toISOString(),
    remindAt: new Date(received.getTime() + 24 * HOUR).toISOString(),
    remindedAt: null,
    recentOps: [],
    status: open ? "new" : "answered",
    assignee: null,
    assignedBy: null,
    firstResponseAt: open ? null : new Date(received.getTime() + 2 * HOUR).toISOString(),
    breachedAt: null,
    escalationId: null,
    excerpt: open ? "Hej! En fråga." : null,
    answeredNote: open ? null : "Ringde upp",
    answeredBy: open ? null : "forandringsledare1@naravard.test",
    announced: true,
    conversationId: null,
  };
}

/** Rows per batch transaction: the Table service's limit, all of one partition. */
const BATCH = 100;
/** Closed inquiries per partition: the benchmarked program's own, then other programs' in the same table. */
const PER_PARTITION = 10_000;

/**
 * Writes the closed inquiries straight through @azure/data-tables, as the repository writes them (`i|<id>` rows
 * with `data`, `status`, `receivedAt`; no index rows), in batch transactions of 100 rows, all partitions in
 * parallel. The first 10,000 go into the benchmarked program's partition, the rest into other programs' partitions
 * of the same table: Azurite checks each insert against its whole partition, so one partition of 100,000 would
 * take it the better part of an hour to seed, while the sweep under test reads none of these rows either way.
 * Returns the seconds it took.
 */
async function seedClosed(connectionString: string, tableName: string, programId: string, closed: number): Promise<number> {
  const started = Date.now();
  const table = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
  const partitions = Array.from({ length: Math.ceil(closed / PER_PARTITION) }, (_, p) => p);
  await Promise.all(
    partitions.map(async (p) => {
      const partitionKey = p === 0 ? programId : `${programId}x${p}`;
      const inPartition = Math.min(PER_PARTITION, closed - p * PER_PARTITION);
      for (let b = 0; b * BATCH < inPartition; b++) {
        const first = p * PER_PARTITION + b * BATCH;
        const rows = Array.from({ length: Math.min(BATCH, inPartition - b * BATCH) }, (_, k) => inquiry(`closed${String(first + k).padStart(7, "0")}`, false));
        const actions: TransactionAction[] = rows.map((i) => ["create", { partitionKey, rowKey: `i|${i.id}`, data: JSON.stringify(i), status: i.status, receivedAt: i.receivedAt }]);
        await table.submitTransaction(actions);
      }
    }),
  );
  return (Date.now() - started) / 1000;
}

async function setUp(connectionString: string, prefix: string, closed: number) {
  const clock = fixedClock(NOW);
  // Seeded members: the escalation goes to the programledare through the real escalation service.
  const config = loadConfig({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, SEED_ON_START: "true" });
  const services = await createServices(config, { log: silentLogger, clock });
  const repo = services.repos.inquiries;
  const open = Array.from({ length: 100 }, (_, i) => inquiry(`open${String(i).padStart(4, "0")}`, true));
  await mapLimit(open, 20, async (i) => {
    await repo.putOpen(i);
    await repo.insertIfAbsent(i);
  });
  const seedSeconds = await seedClosed(connectionString, `${prefix}${TABLE_NAMES.inquiries}`, config.programId, closed);
  /** Escalations that exist for the open inquiries (at most one each, whatever the sweeps did). */
  const escalations = async () => {
    const found = await mapLimit(open, 20, (i) => services.repos.escalations.forSource({ kind: "inquiry", id: i.id }));
    return found.filter((f) => f !== null).length;
  };
  return { services, clock, escalations, seedSeconds };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runInquirySweepBench(options: InquirySweepBenchOptions): Promise<{ ratio: number; maxDelaySeconds: number }> {
  const azurite = await startAzurite();
  try {
    const small = await setUp(azurite.connectionString, "benchinqs", 100);
    const large = await setUp(azurite.connectionString, "benchinql", options.closed);
    // Interleave the two so drift in the machine's load hits both alike.
    for (let i = 0; i < 10; i++) {
      await small.services.inquiries.sweep();
      await large.services.inquiries.sweep();
    }
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let r = 0; r < options.rounds; r++) {
      smallTimes.push(await timed(() => small.services.inquiries.sweep()));
      largeTimes.push(await timed(() => large.services.inquiries.sweep()));
    }
    const p50Small = percentile(smallTimes, 50);
    const p50Large = percentile(largeTimes, 50);
    const ratio = p50Large / p50Small;

    // Due time passes for all 100 open inquiries of the large table; one sweep escalates them through the real
    // escalation service (outbox, notifications), a second must raise nothing.
    large.clock.advance(36 * HOUR);
    const escalateMs = await timed(() => large.services.inquiries.sweep());
    const again = await large.services.inquiries.sweep();
    const raised = await large.escalations();
    // An inquiry falls due at most one timer period before the next tick, then waits its turn in the sweep (at worst
    // behind all others that fell due at once).
    const maxDelaySeconds = INQUIRY_SWEEP_SECONDS + escalateMs / 1000;

    console.log("\ninquiry sweep (100 open inquiries; the sweep reads only the open index)");
    console.log(
      `  seeding:           ${options.closed.toLocaleString("sv-SE")} closed in ${large.seedSeconds.toFixed(1)} s (batches of ${BATCH}; ${Math.min(PER_PARTITION, options.closed).toLocaleString("sv-SE")} in the program's partition, the rest in other programs' partitions, in parallel)`,
    );
    console.log(`  100 closed:        p50 ${p50Small.toFixed(1)} ms, p95 ${percentile(smallTimes, 95).toFixed(1)} ms (${options.rounds} sweeps)`);
    console.log(`  ${options.closed.toLocaleString("sv-SE")} closed: p50 ${p50Large.toFixed(1)} ms, p95 ${percentile(largeTimes, 95).toFixed(1)} ms`);
    console.log(`  ratio (p50):       ${ratio.toFixed(2)}  (aim ≤ 1.1)`);
    console.log(`  escalation:        100 inquiries due at once escalated in one sweep of ${escalateMs.toFixed(0)} ms (${raised} escalations exist; a second sweep raised ${again.escalated} more)`);
    console.log(`  due → escalation:  ${(escalateMs / 1000).toFixed(1)} s after the timer's tick, at most ${maxDelaySeconds.toFixed(1)} s after the due time (tick every ${INQUIRY_SWEEP_SECONDS} s)  (aim ≤ 60 s)`);
    return { ratio, maxDelaySeconds };
  } finally {
    await azurite.stop();
  }
}

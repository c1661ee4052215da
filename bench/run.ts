import { parseArgs } from "node:util";
import { runInquirySweepBench } from "./inquirySweep.bench.js";
import { runNotificationsBench } from "./notifications.bench.js";
import { runPortfolioListBench } from "./portfolioList.bench.js";

/**
 * `npm run bench [-- --n 1000] [--faults] [--only notifications|portfolio-list|inquiry-sweep] [--closed 100000] [--verbose]`
 * Runs the benchmarks and prints ratios measured in this run. Benchmarks never fail on time; the exit code is
 * non-zero only if a bench could not run at all.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    n: { type: "string", default: "1000" },
    faults: { type: "boolean", default: false },
    "outage-seconds": { type: "string", default: "0" },
    closed: { type: "string", default: "100000" },
    only: { type: "string" },
    verbose: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("npm run bench -- [--n 1000] [--faults] [--only notifications|portfolio-list|inquiry-sweep] [--closed 100000] [--verbose]");
  process.exit(0);
}

const n = Number(values.n);
if (!Number.isInteger(n) || n < 1) {
  console.error(`--n must be a positive integer, got ${values.n}`);
  process.exit(2);
}

const benches: Record<string, () => Promise<unknown>> = {
  notifications: () => runNotificationsBench({ n, faults: values.faults, verbose: values.verbose, outageSeconds: Number(values["outage-seconds"]) }),
  "portfolio-list": () => runPortfolioListBench({ efforts: 1000, rounds: 200 }),
  "inquiry-sweep": () => runInquirySweepBench({ closed: Number(values.closed), rounds: 200 }),
};

for (const [name, run] of Object.entries(benches)) {
  if (values.only && values.only !== name) continue;
  try {
    await run();
  } catch (err) {
    console.error(`bench ${name} could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
}

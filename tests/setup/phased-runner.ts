import { createRequire } from "node:module";
import type { Test, TestRunnerOptions, TestWatcher } from "jest-runner";

/** Projects whose files run after all the others, one file at a time (they share one stack and one browser). */
const LAST_AND_ONE_AT_A_TIME = new Set(["e2e"]);

interface JestRunnerClass {
  new (...args: never[]): { runTests(tests: Array<Test>, watcher: TestWatcher, options: TestRunnerOptions): Promise<void> };
}
// jest-runner is CommonJS with one `types` file for both of its builds; under NodeNext TypeScript
// would see the class one `.default` deeper than it is. Loading it with require states what runs.
const TestRunner = (createRequire(import.meta.url)("jest-runner") as { default: JestRunnerClass }).default;

/**
 * jest's own runner, in two phases: first every other project's files (in parallel workers when jest
 * chooses them), then the end-to-end files in sequence. Every project names this runner with the same
 * options, so jest hands all test files to one instance and the order is kept.
 */
export default class PhasedRunner extends TestRunner {
  override async runTests(tests: Array<Test>, watcher: TestWatcher, options: TestRunnerOptions): Promise<void> {
    const isLast = (test: Test) => LAST_AND_ONE_AT_A_TIME.has(test.context.config.displayName?.name ?? "");
    const first = tests.filter((test) => !isLast(test));
    const last = tests.filter(isLast);
    if (first.length > 0) await super.runTests(first, watcher, options);
    if (last.length > 0 && !watcher.isInterrupted()) await super.runTests(last, watcher, { ...options, serial: true });
  }
}

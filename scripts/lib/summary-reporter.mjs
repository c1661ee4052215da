// A jest reporter (plain JavaScript: jest loads reporters without transforming them).

/** Prints one plain closing line (`tests: N passed, N failed, N skipped`) that CI reads. */
export default class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {import("@jest/test-result").AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    // A file that could not run (an import that throws, a failing setup) counts as one failure, as its tests never reported.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // jest's own summary (a later reporter) and the global teardown still print after this call; written as
    // the process exits, the line closes the output. (Writes to files and pipes are synchronous on Linux.)
    process.once("exit", () => process.stdout.write(line));
  }
}

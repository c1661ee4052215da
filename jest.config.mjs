// Each workspace declares its own jest project; `tests/` holds the repository checks and the
// end-to-end suites that need the whole stack (run last, one file at a time: tests/setup/phased-runner.ts).
/** @type {import("jest").Config} */
export default {
  projects: ["<rootDir>/api", "<rootDir>/bot", "<rootDir>/tabs", "<rootDir>/tests/repo", "<rootDir>/tests/deploy", "<rootDir>/tests/e2e"],
  reporters: ["default", "<rootDir>/scripts/lib/summary-reporter.mjs"],
};

import { defineConfig } from "vitest/config";

// Each workspace declares its own test project; `tests/` holds the end-to-end suites that need the whole stack.
export default defineConfig({
  test: {
    projects: ["api/vitest.config.ts", "bot/vitest.config.ts", "tabs/vitest.config.ts", "tests/repo/vitest.config.ts", "tests/deploy/vitest.config.ts", "tests/e2e/vitest.config.ts"],
    reporters: ["default", "./scripts/lib/summary-reporter.ts"],
  },
});

import { defineProject } from "vitest/config";

// One stack, one browser at a time: the e2e files run in sequence on these 2-core machines.
export default defineProject({
  test: {
    name: "e2e",
    include: ["**/*.e2e.test.ts"],
    globalSetup: ["../setup/stack.global.ts"],
    // After the unit and integration projects (groupOrder 0), one file at a time in one worker.
    sequence: { groupOrder: 1 },
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

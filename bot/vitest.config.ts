import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "bot",
    include: ["test/**/*.test.ts"],
    globalSetup: ["../tests/setup/azurite.global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    include: ["test/**/*.test.ts"],
    globalSetup: ["../tests/setup/azurite.global.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

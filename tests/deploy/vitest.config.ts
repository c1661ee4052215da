import { defineProject } from "vitest/config";

// Builds the deploy artifacts as `teamsapp deploy` does and runs them the way Azure would (plain node, the
// Functions worker's registration API), against Azurite.
export default defineProject({
  test: {
    name: "deploy",
    include: ["**/*.test.ts"],
    globalSetup: ["../setup/azurite.global.ts"],
    testTimeout: 60_000,
    // The build (Vite for the tabs, esbuild for API and bot) runs once in beforeAll.
    hookTimeout: 600_000,
  },
});

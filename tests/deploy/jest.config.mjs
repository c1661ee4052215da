import { jestProject } from "../setup/jest-project.mjs";

// Builds the deploy artifacts as `teamsapp deploy` does and runs them the way Azure would (plain node, the
// Functions worker's registration API), against Azurite. The build runs once in beforeAll.
export default jestProject({
  name: "deploy",
  rootDir: import.meta.dirname,
  testMatch: ["<rootDir>/**/*.test.ts"],
  globalSetup: "<rootDir>/../setup/azurite.global.ts",
  globalTeardown: "<rootDir>/../setup/teardown.global.ts",
  testTimeout: 60_000,
});

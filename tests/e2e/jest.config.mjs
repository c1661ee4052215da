import { jestProject } from "../setup/jest-project.mjs";

// One stack, one browser at a time: tests/setup/phased-runner.ts runs these files after every other
// project's, in sequence.
export default jestProject({
  name: "e2e",
  rootDir: import.meta.dirname,
  testMatch: ["<rootDir>/**/*.e2e.test.ts"],
  globalSetup: "<rootDir>/../setup/stack.global.ts",
  globalTeardown: "<rootDir>/../setup/teardown.global.ts",
  setupFilesAfterEnv: ["<rootDir>/setup.ts"],
});

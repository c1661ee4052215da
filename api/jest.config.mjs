import { jestProject } from "../tests/setup/jest-project.mjs";

export default jestProject({
  name: "api",
  rootDir: import.meta.dirname,
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  globalSetup: "<rootDir>/../tests/setup/azurite.global.ts",
  globalTeardown: "<rootDir>/../tests/setup/teardown.global.ts",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
});

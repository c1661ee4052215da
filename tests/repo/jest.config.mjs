import { jestProject } from "../setup/jest-project.mjs";

// Checks of the repository's own files that need no running service: manifest, teamsapp.yml, infra.
export default jestProject({
  name: "repo",
  rootDir: import.meta.dirname,
  testMatch: ["<rootDir>/**/*.test.ts"],
});

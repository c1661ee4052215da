import { defineProject } from "vitest/config";

// Checks of the repository's own files that need no running service: manifest, teamsapp.yml, infra.
export default defineProject({
  test: { name: "repo", include: ["**/*.test.ts"] },
});

import { defineProject } from "vitest/config";
import react from "@vitejs/plugin-react";
import { createRequire } from "node:module";
import path from "node:path";
import { contractLabelsDefine } from "./build/contractLabels";

// teamsfx has no exports map: point tests at its browser build, as Vite does for the tabs (its
// `main` is the Node build, where TeamsUserCredential only throws).
const teamsfxBrowser = path.join(path.dirname(createRequire(import.meta.url).resolve("@microsoft/teamsfx/package.json")), "dist/index.esm2017.js");

export default defineProject(async () => ({
  plugins: [react()],
  define: await contractLabelsDefine(),
  resolve: { alias: { "@microsoft/teamsfx": teamsfxBrowser } },
  test: {
    name: "tabs",
    environment: "jsdom",
    include: ["test/**/*.test.ts?(x)"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
  },
}));

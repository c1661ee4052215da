import { createRequire } from "node:module";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { jestProject } from "../tests/setup/jest-project.mjs";

// The contract label tables Vite inlines at build time (build/contractLabels.ts), inlined the same way here.
const { contractLabelsDefine } = await tsImport("./build/contractLabels.ts", import.meta.url);

// teamsfx has no exports map: point tests at its browser build, as Vite does for the tabs (its `main` is the Node
// build, where TeamsUserCredential only throws).
const teamsfxBrowser = path.join(path.dirname(createRequire(import.meta.url).resolve("@microsoft/teamsfx/package.json")), "dist/index.esm2017.js");

export default jestProject({
  name: "tabs",
  rootDir: import.meta.dirname,
  // jsdom, plus Node's fetch, Response, streams and encoders, which the app and its tests use.
  testEnvironment: "jest-fixed-jsdom",
  testMatch: ["<rootDir>/test/**/*.test.{ts,tsx}"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  define: await contractLabelsDefine(),
  extraModuleNameMapper: {
    "^@microsoft/teamsfx$": teamsfxBrowser,
    // d3 inside the chart library is ES modules only; the charts are checked in Chromium (test/support/chartsStub.ts).
    "^@fluentui/react-charts$": "<rootDir>/test/support/chartsStub.ts",
  },
});

import { tsImport } from "tsx/esm/api";
import { jestProject } from "../tests/setup/jest-project.mjs";

// The contract label tables Vite inlines at build time (build/contractLabels.ts), inlined the same way here.
const { contractLabelsDefine } = await tsImport("./build/contractLabels.ts", import.meta.url);

export default jestProject({
  name: "tabs",
  rootDir: import.meta.dirname,
  // jsdom, plus Node's fetch, Response, streams and encoders, which the app and its tests use.
  testEnvironment: "jest-fixed-jsdom",
  testMatch: ["<rootDir>/test/**/*.test.{ts,tsx}"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  define: await contractLabelsDefine(),
});

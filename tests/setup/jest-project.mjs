// What every jest project shares. Each workspace's jest.config.mjs calls `jestProject`; the root
// jest.config.mjs lists the projects.
//
// swc turns TypeScript (and the few ESM-only packages the code imports) into CommonJS, jest's mature
// module mode: no --experimental-vm-modules, and `import.meta.url`/`dirname` become `__filename`
// forms. Type checking stays with tsc (`npm test` runs it first).
import path from "node:path";
import { fileURLToPath } from "node:url";

const setupDir = path.dirname(fileURLToPath(import.meta.url));

/** Packages that ship only ES modules; jest's CommonJS loader needs them transformed too. */
const esmOnlyPackages = ["@microsoft/teamsfx", "jose", "adaptivecards", "swiper", "ssr-window", "dom7", "strip-bom", "node-fetch", "data-uri-to-buffer", "fetch-blob", "formdata-polyfill"];

/**
 * @param {{ name: string; rootDir: string; define?: Record<string, string>; extraModuleNameMapper?: Record<string, string> } & import("jest").Config} options
 *   `define`: expressions substituted at transform time, like Vite's `define`; `extraModuleNameMapper`: added to the shared mappings.
 * @returns {import("jest").Config}
 */
export function jestProject({ name, rootDir, define = {}, extraModuleNameMapper = {}, ...config }) {
  return {
    displayName: name,
    rootDir,
    testEnvironment: "node",
    runner: path.join(setupDir, "phased-runner.ts"),
    transform: {
      "^.+\\.(t|j|mj)sx?$": [
        "@swc/jest",
        {
          swcrc: false,
          jsc: {
            parser: { syntax: "typescript", tsx: true },
            target: "es2022",
            transform: {
              react: { runtime: "automatic" },
              // Vite reads `import.meta.env` from the environment (VITE_*); so do the tests.
              optimizer: { globals: { vars: { "import.meta.env": "process.env", ...define } } },
            },
          },
          module: { type: "commonjs" },
        },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join("|")})/)`],
    // Our TypeScript imports `./x.js` for `./x.ts` (NodeNext); try the specifier without `.js` first.
    moduleNameMapper: {
      "^(\\.{1,2}/.*)\\.js$": "$1",
      "^@azure/functions$": path.join(setupDir, "azure-functions-default.cjs"),
      ...extraModuleNameMapper,
    },
    moduleFileExtensions: ["ts", "tsx", "js", "mjs", "cjs", "json"],
    ...config,
  };
}

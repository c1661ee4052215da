// Typed lint for every workspace: floating promises and unchecked `any` are errors, not warnings.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jestPlugin from "eslint-plugin-jest";

const jestRecommended = jestPlugin.configs["flat/recommended"];

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "build/**", ".data/**", ".test-data/**", "**/*.js", "**/*.mjs", "**/*.cjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // The two classic hooks rules, as errors. `useAsyncData` takes a dependency list like useEffect,
    // so exhaustive-deps checks its call sites too.
    files: ["tabs/**/*.ts", "tabs/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": ["error", { additionalHooks: "^useAsyncData$" }],
    },
  },
  {
    // Tests run under jest (globals imported from @jest/globals). No skipped or focused tests, no
    // matcher aliases jest 30 removed, no `done` callbacks.
    files: ["**/test/**/*.{ts,tsx}", "tests/**/*.ts"],
    plugins: jestRecommended.plugins,
    languageOptions: { globals: jestRecommended.languageOptions.globals },
    settings: { jest: { version: 30 } },
    rules: {
      "jest/no-disabled-tests": "error",
      "jest/no-focused-tests": "error",
      "jest/no-commented-out-tests": "error",
      "jest/no-identical-title": "error",
      "jest/no-alias-methods": "error",
      "jest/no-deprecated-functions": "error",
      "jest/no-done-callback": "error",
      "jest/no-jasmine-globals": "error",
      "jest/no-test-prefixes": "error",
      "jest/valid-describe-callback": "error",
      "jest/valid-expect": "error",
      "jest/valid-title": "error",
    },
  },
);

import { defineProject } from "vitest/config";
import react from "@vitejs/plugin-react";
import { contractLabelsDefine } from "./build/contractLabels";

export default defineProject(async () => ({
  plugins: [react()],
  define: await contractLabelsDefine(),
  test: {
    name: "tabs",
    environment: "jsdom",
    include: ["test/**/*.test.ts?(x)"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
  },
}));

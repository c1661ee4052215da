import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { contractLabelsDefine } from "./build/contractLabels";

/**
 * The tabs are served by Vite. In development (`npm start`, the e2e stack) `/api` is proxied to the
 * local API named by `API_PROXY_TARGET`, so the page calls relative `/api` and needs no CORS. A
 * production build calls `VITE_API_BASE_URL` (defaults to `/api` on the same origin).
 */
const apiTarget = process.env.API_PROXY_TARGET ?? "http://127.0.0.1:7071";

export default defineConfig(async () => ({
  plugins: [react()],
  define: await contractLabelsDefine(),
  server: {
    port: 53000,
    strictPort: true,
    host: "127.0.0.1",
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    port: 53000,
    host: "127.0.0.1",
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // The contracts declare schemas and labels at module level without side effects: modules
      // of theirs that nothing uses stay out of the bundle.
      treeshake: { moduleSideEffects: (id: string) => !id.includes("/api/src/contracts/") },
    },
  },
}));

/** Build-time settings. `import.meta.env.*` is replaced by Vite, so production builds drop local-mode code. */
export const LOCAL_MODE: boolean = import.meta.env.VITE_LOCAL_MODE === "true";
export const API_BASE_URL: string = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/$/, "") || "/api";
export const DEFAULT_DEMO_USER = "programledare@naravard.test";

/** Build-time settings. `import.meta.env.*` is replaced by Vite, so production builds drop local-mode code. */
export const LOCAL_MODE: boolean = import.meta.env.VITE_LOCAL_MODE === "true";
export const API_BASE_URL: string = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/$/, "") || "/api";
export const DEFAULT_DEMO_USER = "programledare@naravard.test";
/** The Entra ID app registration the Teams SSO token is issued for (set by teamsapp.yml for Teams builds). */
export const AAD_APP_CLIENT_ID: string | undefined = import.meta.env.VITE_AAD_APP_CLIENT_ID || undefined;

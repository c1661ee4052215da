/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "true" on a developer machine and in the e2e stack: demo users instead of Teams SSO. */
  readonly VITE_LOCAL_MODE?: string;
  /** Where the API lives in production, e.g. https://naravard-api.azurewebsites.net/api. Defaults to `/api`. */
  readonly VITE_API_BASE_URL?: string;
  /** Client id of the Entra ID app registration (Teams SSO via teamsfx's TeamsUserCredential). */
  readonly VITE_AAD_APP_CLIENT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

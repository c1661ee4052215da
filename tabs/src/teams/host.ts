/**
 * Where the tabs run: inside Microsoft Teams (SSO token via teamsfx, Teams theme and locale) or in a plain
 * browser (local mode: a demo user; `?theme=` and `?lang=` pick theme and language).
 *
 * Detection is safe and fast: outside an iframe or a Teams webview there is nothing to talk to, so
 * teams-js is not even loaded; inside one, `app.initialize()` is raced against a timeout.
 */
import type * as TeamsJs from "@microsoft/teams-js";
import { AAD_APP_CLIENT_ID } from "../env";
import { pickLocale, type AppLocale } from "../i18n";
import { teamsSsoToken } from "./sso";

export type ThemeName = "light" | "dark" | "contrast";

export interface TeamsHost {
  inTeams: true;
  theme: ThemeName;
  locale: AppLocale;
  /** Teams SSO token for the API (teamsfx's TeamsUserCredential caches and renews it; see sso.ts). */
  getToken: () => Promise<string>;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  /** The initialized teams-js module, for the few pages that need more (the configuration page). */
  sdk: typeof TeamsJs;
  /** Opens a link the Teams way (deep links into other tabs). */
  openLink: (url: string) => Promise<void>;
}

export interface BrowserHost {
  inTeams: false;
  theme: ThemeName;
  locale: AppLocale;
}

export type Host = TeamsHost | BrowserHost;

/** Teams theme names → ours. */
export function themeFromTeams(theme: string | undefined): ThemeName {
  if (theme === "dark") return "dark";
  if (theme === "contrast") return "contrast";
  return "light";
}

export function themeFromQuery(value: string | null): ThemeName {
  if (value === "dark") return "dark";
  if (value === "contrast" || value === "highcontrast") return "contrast";
  return "light";
}

/** True when the page might be hosted by Teams: in a frame, opened by Teams, or in a Teams mobile webview. */
export function mightBeInTeams(win: Window = window): boolean {
  let framed = false;
  try {
    framed = win.parent !== win || win.top !== win;
  } catch {
    framed = true; // cross-origin parent: reading it throws, so we are framed
  }
  const native = (win as unknown as { nativeInterface?: unknown }).nativeInterface !== undefined;
  return framed || Boolean(win.opener) || native;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

export async function detectHost(search: URLSearchParams, options: { timeoutMs?: number; win?: Window } = {}): Promise<Host> {
  const browserHost: BrowserHost = {
    inTeams: false,
    theme: themeFromQuery(search.get("theme")),
    locale: pickLocale(search.get("lang")),
  };
  if (!mightBeInTeams(options.win ?? window)) return browserHost;
  try {
    const teams = await import("@microsoft/teams-js");
    await withTimeout(teams.app.initialize(), options.timeoutMs ?? 4000);
    const context = await withTimeout(teams.app.getContext(), options.timeoutMs ?? 4000);
    const host: TeamsHost = {
      inTeams: true,
      theme: themeFromTeams(context.app.theme),
      locale: pickLocale(context.app.locale),
      getToken: teamsSsoToken({ clientId: AAD_APP_CLIENT_ID, origin: window.location.origin }),
      onThemeChange: (handler) => teams.app.registerOnThemeChangeHandler((theme) => handler(themeFromTeams(theme))),
      sdk: teams,
      openLink: (url) => teams.app.openLink(url),
    };
    teams.app.notifySuccess().catch((err: unknown) => console.warn("Teams notifySuccess failed", err));
    return host;
  } catch (err) {
    console.info("Not running inside Microsoft Teams:", err instanceof Error ? err.message : err);
    return browserHost;
  }
}

/**
 * A very small router over the History API: the page is `location.pathname`, and everything a
 * user can share (filters, the open effort, the view) lives in `location.search`. Back/forward work
 * because every change is a history entry (or replaces one while typing).
 */
import { useSyncExternalStore } from "react";

const EVENT = "naravard:locationchange";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface LocationState {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, stable between renders while the URL does not change. */
  href: string;
}

export function useLocation(): LocationState {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, "http://x");
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** Parameters that follow the user from page to page: the demo user, theme and language. */
export const STICKY_PARAMS = ["as", "theme", "lang"] as const;

/** Adds the sticky parameters of the current URL to `to` unless it sets them itself. */
export function withStickyParams(to: string, current: URLSearchParams = new URLSearchParams(window.location.search)): string {
  const url = new URL(to, window.location.origin);
  for (const key of STICKY_PARAMS) {
    const value = current.get(key);
    if (value !== null && !url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.pathname + (url.searchParams.size ? `?${url.searchParams.toString()}` : "") + url.hash;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = withStickyParams(to);
  if (target === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", target);
  else window.history.pushState(null, "", target);
  window.dispatchEvent(new Event(EVENT));
}

/** Changes some query parameters of the current page (`null` or "" removes one). */
export function updateSearch(changes: Record<string, string | null | undefined>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const qs = params.toString();
  navigate(window.location.pathname + (qs ? `?${qs}` : ""), options);
}

import { render } from "@testing-library/react";
import { jest } from "@jest/globals";
import type { Me, ReferenceData } from "@naravard/api/contracts";
import { App } from "../src/App";
import type { BrowserHost } from "../src/teams/host";
import { fakeFetch, me as defaultMe, reference as defaultReference } from "./fixtures";

/** Renders the whole app in a plain-browser host at `url`, with the API answered by `routes`. */
export function renderApp(url: string, routes: Parameters<typeof fakeFetch>[0], options: { me?: Me; reference?: ReferenceData } = {}) {
  window.history.replaceState(null, "", url);
  const api = fakeFetch({
    "GET /api/me": () => options.me ?? defaultMe,
    "GET /api/reference": () => options.reference ?? defaultReference,
    ...routes,
  });
  jest.spyOn(globalThis, "fetch").mockImplementation(api.fn);
  const host: BrowserHost = { inTeams: false, theme: "light", locale: "sv" };
  const view = render(<App host={host} />);
  return { ...view, calls: api.calls };
}

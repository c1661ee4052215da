import { afterEach, jest } from "@jest/globals";
import { cleanup, configure } from "@testing-library/react";

// Rendering the whole app with its lazy chunks in jsdom takes seconds on a loaded 2-core machine:
// `waitFor`/`findBy*` wait on what the page shows for up to 10 s (they return as soon as it shows).
jest.setTimeout(20_000);
configure({ asyncUtilTimeout: 10_000 });

const browserLike = typeof window !== "undefined";

// jsdom lacks a few browser APIs Fluent UI touches. (Node-environment tests skip all this.)
if (browserLike && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (browserLike && !("ResizeObserver" in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (window as unknown as { ResizeObserver: typeof ResizeObserverStub }).ResizeObserver = ResizeObserverStub;
}
if (browserLike && !Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;

afterEach(() => {
  if (!browserLike) return;
  cleanup();
  window.history.replaceState(null, "", "/");
});

import { useCallback, useEffect, useState, type DependencyList } from "react";

/**
 * What a page shows while it reads something: `data` is the last value read (kept while a reload
 * runs, so a panel does not blank out), `error` the last failure (shown with `<ErrorBar>`, whose
 * text comes from `errorMessage`: Swedish first).
 */
export interface AsyncData<T> {
  status: "loading" | "error" | "ready";
  data: T | undefined;
  error: unknown;
  /** Reads again with the same dependencies (the "Försök igen" button, or after a save). */
  reload: () => void;
  /** Replaces the data with a newer value the page got some other way (e.g. the latest version after a 412). */
  setData: (data: T) => void;
}

type State<T> = { status: AsyncData<T>["status"]; data: T | undefined; error: unknown };

/**
 * Reads data for a component: runs `load` on mount and whenever `deps` change (or `reload()` is
 * called), and ignores the answer of a read that was superseded or whose component unmounted —
 * the signal is aborted then, so a loader that can cancel (fetch) may pass it on.
 *
 * `deps` are checked by the react-hooks lint rule (`additionalHooks` in eslint.config.mjs) like
 * those of `useEffect`.
 */
export function useAsyncData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncData<T> {
  const [state, setState] = useState<State<T>>({ status: "loading", data: undefined, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.status === "loading" ? prev : { ...prev, status: "loading", error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ status: "error", data: prev.data, error }));
      },
    );
    return () => controller.abort();
    // `load` is a new closure each render; what it reads is listed in the caller's `deps` (checked by lint there).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ status: "ready", data, error: null }), []);
  return { ...state, reload, setData };
}

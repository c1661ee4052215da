import { useCallback, useEffect, useRef, useState } from "react";
import type { Page } from "@naravard/api/contracts";

export interface Paged<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A list read page by page through continuation tokens. `key` names the query: when it changes the
 * list starts over; answers to an older query are ignored.
 */
export function usePaged<T>(key: string, fetchPage: (continuationToken?: string) => Promise<Page<T>>): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current().then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setToken(page.continuationToken);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setItems([]);
        setToken(null);
        setError(err);
        setLoading(false);
      },
    );
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    if (!token) return;
    const gen = generation.current;
    setLoadingMore(true);
    fetchRef.current(token).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setToken(page.continuationToken);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  }, [token]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { items, loading, loadingMore, error, hasMore: token !== null, loadMore, reload };
}

/** Reads every page of a list (the portfolio is small), for views that need the whole of it. */
export async function fetchAll<T>(fetchPage: (continuationToken?: string) => Promise<Page<T>>, maxPages = 50): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(token);
    all.push(...page.items);
    if (!page.continuationToken) break;
    token = page.continuationToken;
  }
  return all;
}

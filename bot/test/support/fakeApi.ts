import type { ApiClient, Page, Project } from "@naravard/api/contracts";
import { sampleReference } from "./sample.js";

export interface FakeCall {
  method: keyof ApiClient;
  args: unknown[];
}

/**
 * A fake of our typed API client: the methods a test gives, recorded; any other method throws, so a handler that
 * calls something unexpected fails loudly. Typed as the real client.
 */
export function fakeApi(methods: Partial<ApiClient> = {}): ApiClient & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const defaults: Partial<ApiClient> = {
    reference: () => Promise.resolve(sampleReference()),
  };
  const impl: Partial<ApiClient> = { ...defaults, ...methods };
  return new Proxy({ calls } as ApiClient & { calls: FakeCall[] }, {
    get(target, prop: string) {
      if (prop === "calls") return target.calls;
      const fn = impl[prop as keyof ApiClient] as ((...args: unknown[]) => unknown) | undefined;
      if (!fn) {
        return (...args: unknown[]) => {
          calls.push({ method: prop as keyof ApiClient, args });
          return Promise.reject(new Error(`fakeApi: ${prop} was not expected`));
        };
      }
      return (...args: unknown[]) => {
        calls.push({ method: prop as keyof ApiClient, args });
        return fn(...args);
      };
    },
  });
}

/** `listProjects` over a fixed list, in pages of `pageSize` with numeric continuation tokens. */
export function pagedProjects(all: Project[], pageSize = 3): ApiClient["listProjects"] {
  return (query = {}) => {
    const start = query.continuationToken ? Number(query.continuationToken) : 0;
    const size = Math.min(pageSize, query.pageSize ?? pageSize);
    const items = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : null;
    const page: Page<Project> = { items, continuationToken: next };
    return Promise.resolve(page);
  };
}

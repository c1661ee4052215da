import type { HandlerEnv, HandlerInput } from "../../src/handlers/types.js";
import { memoryLogger } from "../../src/log.js";
import { fakeApi } from "./fakeApi.js";

export const TEST_LINKS = { teamsAppId: "00000000-1111-2222-3333-444444444444", tabsBaseUrl: "http://localhost:53000" };

export function testEnv(overrides: Partial<HandlerEnv> = {}): HandlerEnv {
  let n = 0;
  return {
    mode: "local",
    links: TEST_LINKS,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    log: memoryLogger(),
    ...overrides,
  };
}

/** A handler input with sensible defaults: programledare in a personal chat, Swedish. */
export function input<A>(args: A, overrides: Partial<HandlerInput<A>> = {}): HandlerInput<A> {
  return {
    user: { email: "programledare@naravard.test", name: "Programledare" },
    locale: "sv",
    conversation: { id: "a:personal-1", kind: "personal" },
    args,
    api: fakeApi(),
    env: testEnv(),
    ...overrides,
  };
}

import { describe, expect, it } from "@jest/globals";
import { createApiAccess } from "../src/apiAccess.js";
import { loadConfig } from "../src/config.js";

/** What the bot's requests to the API say about whom they act for. */
async function headersOf(mode: "local" | "production", user: { email: string; objectId?: string }): Promise<Record<string, string>> {
  let seen: Record<string, string> = {};
  // Only the mode matters here; the token source is the test's (production fetches it with the bot's credentials).
  const access = createApiAccess({ ...loadConfig({ NARAVARD_MODE: "local" }), mode }, {
    token: () => Promise.resolve("bot-token"),
    fetch: (_url, init) => {
      seen = init?.headers as Record<string, string>;
      return Promise.resolve(new Response(JSON.stringify({ status: "ok" }), { status: 200 }));
    },
  });
  await access.forUser(user, "sv").health();
  return seen;
}

describe("how the bot names the person it acts for", () => {
  it("production: its own app token plus the person's object id and UPN", async () => {
    const h = await headersOf("production", { email: "anna@rvn.se", objectId: "0b6f0a52-1c7e-4d6a-9a43-2f1d3c4b5a60" });
    expect(h["Authorization"]).toBe("Bearer bot-token");
    expect(h["x-acting-user-oid"]).toBe("0b6f0a52-1c7e-4d6a-9a43-2f1d3c4b5a60");
    expect(h["x-acting-user"]).toBe("anna@rvn.se");
  });

  it("local: the demo bot and the demo e-mail, no object id", async () => {
    const h = await headersOf("local", { email: "programledare@naravard.test", objectId: "0b6f0a52-1c7e-4d6a-9a43-2f1d3c4b5a60" });
    expect(h["x-dev-user"]).toBe("bot@naravard.test");
    expect(h["x-acting-user"]).toBe("programledare@naravard.test");
    expect(h["x-acting-user-oid"]).toBeUndefined();
  });
});

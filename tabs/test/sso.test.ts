import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from "@jest/globals";
import type * as Sso from "../src/teams/sso";

/**
 * The Teams host, as teams-js presents it to a tab: `app.initialize()` and
 * `authentication.getAuthToken()` returning a signed JWT (Teams itself cannot run here).
 */
const teams = {
  getAuthToken: jest.fn<(request?: unknown) => Promise<string>>(),
  initialize: jest.fn(() => Promise.resolve()),
};
jest.mock("@microsoft/teams-js", () => ({
  app: { initialize: () => teams.initialize() },
  authentication: { getAuthToken: (request?: unknown) => teams.getAuthToken(request) },
}));

// Loaded after the stand-in above is registered (imports would run first).
let teamsSsoToken: typeof Sso.teamsSsoToken;
beforeAll(async () => {
  ({ teamsSsoToken } = await import("../src/teams/sso"));
});

const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
/** A token shaped like Teams' SSO token (v2.0), expiring `inSeconds` from now. */
function ssoJwt(inSeconds: number, n: number): string {
  const exp = Math.floor(Date.now() / 1000) + inSeconds;
  return `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ ver: "2.0", aud: "client-id", exp, name: `Anna ${n}`, preferred_username: "anna@rvn.se", tid: "t" })}.sig`;
}

describe("Teams SSO through teamsfx's TeamsUserCredential", () => {
  beforeEach(() => {
    teams.getAuthToken.mockReset();
    teams.initialize.mockClear();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("gets the SSO token from Teams once and reuses it while it is valid", async () => {
    const first = ssoJwt(3600, 1);
    teams.getAuthToken.mockResolvedValue(first);
    const getToken = teamsSsoToken({ clientId: "client-id", origin: "https://tab.example" });
    expect(await getToken()).toBe(first);
    expect(await getToken()).toBe(first);
    expect(teams.getAuthToken).toHaveBeenCalledTimes(1);
  });

  it("asks Teams again when the token is about to expire", async () => {
    const soon = ssoJwt(60, 1);
    const fresh = ssoJwt(3600, 2);
    teams.getAuthToken.mockResolvedValueOnce(soon).mockResolvedValueOnce(fresh);
    const getToken = teamsSsoToken({ clientId: "client-id", origin: "https://tab.example" });
    expect(await getToken()).toBe(soon);
    expect(await getToken()).toBe(fresh);
    expect(teams.getAuthToken).toHaveBeenCalledTimes(2);
  });

  it("fails with a message a person can act on when Teams gives no token, or the build has no client id", async () => {
    teams.getAuthToken.mockRejectedValue(new Error("resourceDisabled"));
    await expect(teamsSsoToken({ clientId: "client-id", origin: "https://tab.example" })()).rejects.toThrow(/resourceDisabled/);
    await expect(teamsSsoToken({ clientId: undefined, origin: "https://tab.example" })()).rejects.toThrow(/VITE_AAD_APP_CLIENT_ID/);
  });
});

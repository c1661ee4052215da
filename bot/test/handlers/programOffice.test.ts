import { describe, expect, it } from "@jest/globals";
import { ApiError, type ConversationRef } from "@naravard/api/contracts";
import { actAs } from "../../src/handlers/actAs.js";
import { programOffice } from "../../src/handlers/programOffice.js";
import { input, testEnv } from "../support/env.js";
import { fakeApi } from "../support/fakeApi.js";

const channel = { id: "19:programkontoret@thread.tacv2", kind: "channel" as const, teamId: "team-1", channelId: "19:programkontoret@thread.tacv2", name: "Programkontoret" };
const ref = (name?: string): ConversationRef => ({
  conversationId: channel.id,
  kind: "channel",
  serviceUrl: "https://smba.trafficmanager.net/emea/",
  reference: {},
  key: "k",
  isProgramOfficeChannel: true,
  updatedAt: "2025-01-01T00:00:00.000Z",
  etag: "e",
  ...(name ? { name } : {}),
});

describe("programkontor", () => {
  it("marks the channel through the API, acting as the user", async () => {
    const api = fakeApi({ markProgramOfficeChannel: () => Promise.resolve(ref("Programkontoret")) });
    const reply = await programOffice(input("", { api, conversation: channel }));
    expect(api.calls).toEqual([{ method: "markProgramOfficeChannel", args: [channel.id] }]);
    expect(reply.text).toContain("Kanalen ”Programkontoret” är nu programkontorets kanal");
  });

  it("tells someone who may not that they may not (the API decides)", async () => {
    const api = fakeApi({ markProgramOfficeChannel: () => Promise.reject(new ApiError(403, { code: "forbidden", message: "x", details: [] })) });
    expect((await programOffice(input("", { api, conversation: channel }))).text).toBe("Bara programledaren kan göra en kanal till programkontorets kanal.");
  });

  it("works in channels only", async () => {
    const api = fakeApi();
    expect((await programOffice(input("", { api }))).text).toContain("gäller kanaler");
    expect((await programOffice(input("", { api, locale: "en" }))).text).toContain("for channels");
    expect(api.calls).toEqual([]);
  });
});

describe("som [e-post] (local mode only)", () => {
  it("switches to a demo user", async () => {
    expect(await actAs(input("projektledare1@naravard.test"))).toMatchObject({ actAs: "projektledare1@naravard.test" });
    expect(await actAs(input("Projektledare1@Naravard.test"))).toMatchObject({ actAs: "projektledare1@naravard.test" });
  });

  it("refuses others, and everything in production", async () => {
    expect(await actAs(input("someone@example.com"))).not.toHaveProperty("actAs");
    expect(await actAs(input("bot@naravard.test"))).not.toHaveProperty("actAs");
    const prod = await actAs(input("projektledare1@naravard.test", { env: testEnv({ mode: "production" }) }));
    expect(prod).not.toHaveProperty("actAs");
    expect(prod.text).toContain("lokalt läge");
  });

  it("without an address says who acts now and lists the demo users", async () => {
    const reply = await actAs(input(""));
    expect(reply.text).toContain("programledare@naravard.test");
    expect(reply.text).toContain("projektledare1@naravard.test");
  });
});

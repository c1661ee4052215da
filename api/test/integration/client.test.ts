import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ApiError, createApiClient, DEV_USER_HEADER, ACTING_USER_HEADER } from "../../src/contracts/index.js";
import { application, startTestApi, USERS, type TestApi } from "../helpers.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const clientFor = (user: string, extra: Record<string, string> = {}) =>
  createApiClient({ baseUrl: `${api.url}/api`, headers: () => ({ [DEV_USER_HEADER]: user, ...extra }) });

describe("the contracts' typed client (used by bot and tabs) against the API", () => {
  it("reads, applies, assesses, decides", async () => {
    const applicant = clientFor(USERS.projektledare);
    const office = clientFor(USERS.koordinator);
    const chair = clientFor(USERS.ordforande);
    expect((await applicant.me()).roles).toEqual(["projektledare"]);
    expect((await applicant.listProjects({ party: "mellannorrlands-hospice" })).items.map((p) => p.id)).toEqual(["barn-som-lever-med-foraldrar-som-dor"]);
    const created = await applicant.apply(application({ name: "Klienttest" }), "client-key-1");
    const again = await applicant.apply(application({ name: "Klienttest" }), "client-key-1");
    expect(again.id).toBe(created.id);
    const assessed = await office.assess(created.id, { criteria: [{ criterionId: "samverkan-region-kommun", met: true }], summary: "OK", recommendation: "inkludera" }, created.etag);
    const decided = await chair.decide(created.id, { outcome: "inkluderad", rationale: "Bra" }, assessed.etag);
    expect(decided.status).toBe("inkluderad");
    const detail = await office.getProject(created.id);
    expect(detail.decisions).toHaveLength(1);
    expect((await office.listDecisions({ projectId: created.id })).items).toHaveLength(1);
    expect((await office.similar({ name: "Klienttest hemmonitorering" })).items.map((s) => s.id)).toContain(created.id);
  });

  it("turns API errors into ApiError with the field messages", async () => {
    const applicant = clientFor(USERS.projektledare, { "Accept-Language": "en" });
    try {
      await applicant.apply(application({ criteriaIds: ["personcentrerat"] }));
      throw new Error("expected an ApiError");
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      const e = error as ApiError;
      expect(e.status).toBe(400);
      expect(e.body.code).toBe("rule_violation");
      expect(e.fieldMessage("criteriaIds")).toBe("The criterion “Samverkan mellan region och kommun/kommuner” is mandatory.");
    }
  });

  it("bot bookkeeping through the client", async () => {
    const bot = clientFor(USERS.bot);
    const asManager = clientFor(USERS.bot, { [ACTING_USER_HEADER]: USERS.programledare });
    const ref = await bot.putConversation({
      conversationId: "19:office@thread.tacv2",
      kind: "channel",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      reference: { conversation: { id: "19:office@thread.tacv2" } },
    });
    expect((await asManager.markProgramOfficeChannel(ref.conversationId)).isProgramOfficeChannel).toBe(true);
    expect((await bot.resolveConversation({ kind: "programOfficeChannel" })).key).toBe(ref.key);
    const claim = await bot.claimDelivery("application_submitted:x", { kind: "application_submitted", target: { kind: "programOfficeChannel" } });
    expect(claim.outcome).toBe("sending");
    await bot.recordDelivery("application_submitted:x", { outcome: "sent", attempts: 1, claimId: claim.claimId ?? "" });
    await expect(bot.claimDelivery("application_submitted:x", { kind: "application_submitted", target: { kind: "programOfficeChannel" } })).rejects.toMatchObject({
      status: 409,
    });
    expect((await clientFor(USERS.koordinator).listDeliveries({ outcome: "sent" })).items).toHaveLength(1);
  });
});

import { TestAdapter, type Activity } from "botbuilder";
import { describe, expect, it } from "@jest/globals";
import type { ApiClient, ConversationRefInput, Locale } from "@naravard/api/contracts";
import type { ApiAccess } from "../src/apiAccess.js";
import { loadConfig } from "../src/config.js";
import { memoryLogger } from "../src/log.js";
import { NaravardBot } from "../src/teamsBot.js";
import { allText } from "./support/cardQuery.js";
import { fakeApi, searchedProjects, summaryOf } from "./support/fakeApi.js";
import { samplePortfolio, sampleProject } from "./support/sample.js";

/** The Teams edge with botbuilder's TestAdapter: activities in, activities and invoke responses out. */
const BOT = { id: "28:bot-id", name: "Nära vård" };
const USER = { id: "29:user-id", name: "Alex Wilber", aadObjectId: "aad-user" };
const PERSONAL = { id: "a:personal-1", conversationType: "personal", tenantId: "tenant-1" };
const CHANNEL_THREAD = { id: "19:kanal@thread.tacv2;messageid=1795", conversationType: "channel", tenantId: "tenant-1", isGroup: true };
const CHANNEL_DATA = { tenant: { id: "tenant-1" }, team: { id: "19:team@thread.tacv2" }, channel: { id: "19:kanal@thread.tacv2" } };

function setup(env: Record<string, string> = {}, userApi: Partial<ApiClient> = {}, opts: { putFails?: boolean } = {}) {
  const puts: ConversationRefInput[] = [];
  const actingUsers: Array<{ email: string; locale: Locale }> = [];
  const log = memoryLogger();
  const apis: ApiAccess = {
    forUser: ({ email }, locale) => {
      actingUsers.push({ email, locale });
      return fakeApi({ listProjects: searchedProjects(samplePortfolio()), portfolioSummary: () => Promise.resolve(summaryOf(samplePortfolio())), ...userApi });
    },
    forBot: () =>
      fakeApi({
        putConversation: (input) => {
          puts.push(input);
          if (opts.putFails) return Promise.reject(new Error("API nere"));
          return Promise.resolve({ ...input, key: "k", isProgramOfficeChannel: false, updatedAt: "2025-01-01T00:00:00.000Z", etag: "e" });
        },
      }),
  };
  let n = 0;
  const bot = new NaravardBot({ config: loadConfig({ NARAVARD_MODE: "local", LOCAL_DEMO_USER: "programledare@naravard.test", ...env }), apis, log, newId: () => `guid-${++n}` });
  const adapter = new TestAdapter((context) => bot.run(context));
  const send = async (activity: Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity({
      channelId: "msteams",
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      from: USER,
      recipient: BOT,
      conversation: PERSONAL as Activity["conversation"],
      locale: "sv-SE",
      ...activity,
    });
    return [...adapter.activeQueue];
  };
  return { send, puts, actingUsers, log };
}

const cardOf = (a: Partial<Activity> | undefined) => a?.attachments?.[0] as { contentType: "application/vnd.microsoft.card.adaptive"; content: Record<string, unknown> };

describe("NaravardBot (Teams edge)", () => {
  it("answers hjälp with the help card and stores the conversation reference", async () => {
    const { send, puts } = setup();
    const out = await send({ type: "message", text: "hjälp" });
    expect(out).toHaveLength(1);
    expect(allText(cardOf(out[0]))).toContain("projekt [del av namn]");
    expect(puts[0]).toMatchObject({ conversationId: "a:personal-1", kind: "personal", userEmail: "programledare@naravard.test", userAadObjectId: "aad-user", tenantId: "tenant-1" });
    expect(puts[0]?.reference).toMatchObject({ conversation: { id: "a:personal-1" }, locale: "sv-SE", bot: BOT, user: USER });
  });

  it("strips the mention in channels and stores the channel itself, not the thread", async () => {
    const { send, puts } = setup();
    const out = await send({
      type: "message",
      text: "<at>Nära vård</at> portfolj",
      conversation: CHANNEL_THREAD as Activity["conversation"],
      channelData: CHANNEL_DATA,
      entities: [{ type: "mention", mentioned: BOT, text: "<at>Nära vård</at>" }],
    });
    expect(allText(cardOf(out[0]))).toContain("Utvecklingsportföljen");
    expect(puts[0]).toMatchObject({ conversationId: "19:kanal@thread.tacv2", kind: "channel", teamId: "19:team@thread.tacv2", channelId: "19:kanal@thread.tacv2" });
    expect(puts[0]).not.toHaveProperty("userEmail");
    expect(puts[0]?.reference).not.toHaveProperty("activityId");
  });

  it("keeps a channel's name from the conversationUpdate when later messages lack it", async () => {
    const { send, puts } = setup();
    await send({
      type: "conversationUpdate",
      membersAdded: [BOT],
      conversation: { id: "19:kanal@thread.tacv2", conversationType: "channel", name: "Programkontoret" } as Activity["conversation"],
      channelData: CHANNEL_DATA,
    });
    await send({ type: "message", text: "hjälp", conversation: CHANNEL_THREAD as Activity["conversation"], channelData: CHANNEL_DATA });
    expect(puts.map((p) => p.name)).toEqual(["Programkontoret"]);
  });

  it("does not store an unchanged reference again soon, but does when it changes", async () => {
    const { send, puts } = setup();
    await send({ type: "message", text: "hjälp" });
    await send({ type: "message", text: "hjälp" });
    expect(puts).toHaveLength(1);
    await send({ type: "message", text: "som projektledare1@naravard.test" });
    await send({ type: "message", text: "hjälp" });
    expect(puts.map((p) => p.userEmail)).toEqual(["programledare@naravard.test", "projektledare1@naravard.test"]);
  });

  it("keeps answering when the reference cannot be stored, and tries again next time", async () => {
    const { send, puts, log } = setup({}, {}, { putFails: true });
    expect((await send({ type: "message", text: "hjälp" }))).toHaveLength(1);
    await send({ type: "message", text: "hjälp" });
    expect(puts).toHaveLength(2);
    expect(log.records.filter((r) => r.message === "Konversationsreferensen kunde inte sparas")).toHaveLength(2);
  });

  it("never stays silent: unknown text points to hjälp", async () => {
    const { send } = setup();
    const out = await send({ type: "message", text: "hej" });
    expect(out[0]?.text).toContain("hjälp");
  });

  it("answers in English when Teams speaks English (BOT_LOCALE=auto)", async () => {
    const { send } = setup({ BOT_LOCALE: "auto" });
    const out = await send({ type: "message", text: "help", locale: "en-US" });
    expect(allText(cardOf(out[0]))).toContain("Open the portfolio");
  });

  it("speaks Swedish in local mode by default although the Playground says en-US", async () => {
    const { send } = setup();
    const out = await send({ type: "message", text: "help", locale: "en-US" });
    expect(allText(cardOf(out[0]))).toContain("Öppna portföljen");
  });

  it("acts as another demo user after `som` (local mode), for that conversation only", async () => {
    const { send, actingUsers } = setup();
    await send({ type: "message", text: "som projektledare1@naravard.test" });
    await send({ type: "message", text: "portfölj" });
    expect(actingUsers.at(-1)?.email).toBe("projektledare1@naravard.test");
    await send({ type: "message", text: "portfölj", conversation: { id: "a:personal-2", conversationType: "personal" } as Activity["conversation"] });
    expect(actingUsers.at(-1)?.email).toBe("programledare@naravard.test");
  });

  it("answers a card action (Action.Execute) with the updated card as the invoke response", async () => {
    const { send } = setup({}, { apply: (i) => Promise.resolve(sampleProject({ name: i.name, status: "ansokan_inlamnad" })) });
    const out = await send({
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "submitApplication", data: { cardId: "c1", name: "Trygg hemgång", description: "x", ownerOrganisationId: "rvn", projectLeaderName: "P" } } },
    });
    const response = out.find((a) => a.type === "invokeResponse");
    expect(response?.value).toMatchObject({ status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive" } });
    const body = (response?.value as { body: { value: Record<string, unknown> } }).body;
    expect(JSON.stringify(body.value)).toContain("Ansökan inlämnad: Trygg hemgång – programkontoret bedömer den");
  });

  it("answers an unknown verb with a message, and a failing handler with a friendly text (logged)", async () => {
    const { send, log } = setup({}, { getProject: () => Promise.reject(new Error("boom")) });
    const unknownVerb = await send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "nope", data: {} } } });
    expect(unknownVerb.find((a) => a.type === "invokeResponse")?.value).toMatchObject({ body: { type: "application/vnd.microsoft.activity.message" } });
    const failing = await send({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "showProject", data: { projectId: "x" } } } });
    const body = (failing.find((a) => a.type === "invokeResponse")?.value as { body: { value: string } }).body;
    expect(body.value).toContain("Något gick fel");
    expect(body.value).not.toContain("boom");
    expect(log.records.some((r) => r.level === "error" && r.fields.error === "boom")).toBe(true);
  });

  it("handles Action.Submit-style messages with a value like the card verb", async () => {
    const { send } = setup({}, { getProject: (id) => Promise.resolve({ ...sampleProject({ id, name: "Påverkbar slutenvård" }), history: [], decisions: [] }) });
    const out = await send({ type: "message", value: { verb: "showProject", projectId: "paverkbar-slutenvard" } });
    expect(allText(cardOf(out[0]))).toContain("Påverkbar slutenvård");
  });

  it("turns a failing command into a friendly message, never a stack trace", async () => {
    const { send, log } = setup({}, { portfolioSummary: () => Promise.reject(new TypeError("fetch failed")) });
    const out = await send({ type: "message", text: "portfölj" });
    expect(out[0]?.text).toContain("Något gick fel");
    expect(out[0]?.text).not.toContain("fetch failed");
    expect(log.records.find((r) => r.message === "Meddelandet kunde inte hanteras")?.fields.error).toBe("fetch failed");
  });

  it("welcomes when installed in a personal chat, not in a channel", async () => {
    const { send } = setup();
    const personal = await send({ type: "conversationUpdate", membersAdded: [USER, BOT] });
    expect(personal[0]?.text).toMatch(/^Hej!/);
    expect(allText(cardOf(personal[0]))).toContain("portfölj");
    const channel = await send({ type: "conversationUpdate", membersAdded: [BOT], conversation: { id: "19:kanal@thread.tacv2", conversationType: "channel" } as Activity["conversation"], channelData: CHANNEL_DATA });
    expect(channel).toEqual([]);
  });
});

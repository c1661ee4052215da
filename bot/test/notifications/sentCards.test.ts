import { describe, expect, it } from "@jest/globals";
import type { SentCard, SentCardInput } from "@naravard/api/contracts";
import type { CardAttachment } from "../../src/cards/render.js";
import type { ConnectorActivity, ConnectorSender, SendTarget } from "../../src/notifications/sender.js";
import { updateSentCards, type SentCardStore } from "../../src/notifications/sentCards.js";

function store(copies: SentCard[]): SentCardStore & { recorded: Array<[string, SentCardInput]> } {
  const recorded: Array<[string, SentCardInput]> = [];
  return {
    recorded,
    listSentCards: (cardKey) => Promise.resolve({ items: copies.filter((c) => c.cardKey === cardKey) }),
    recordSentCard: (cardKey, input) => {
      recorded.push([cardKey, input]);
      return Promise.resolve({ ...input, cardKey, updatedAt: "2026-11-30T10:00:00.000Z" });
    },
  };
}

const copy = (conversationId: string, activityId: string, locale: "sv" | "en" = "sv"): SentCard => ({
  cardKey: "escalation:esk-1",
  conversationId,
  serviceUrl: "http://127.0.0.1:1/",
  activityId,
  locale,
  updatedAt: "2026-11-30T10:00:00.000Z",
});

const card = (text: string): CardAttachment => ({ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", body: [{ type: "TextBlock", text }] } });

describe("updating a sent card everywhere", () => {
  it("updates every recorded copy in place, each in its own language, and reports the ones that could not be", async () => {
    const sends: Array<{ target: SendTarget; activity: ConnectorActivity }> = [];
    const sender: ConnectorSender = {
      send: (target, activity) => {
        sends.push({ target, activity });
        if (target.conversationId === "gone") return Promise.resolve({ outcome: "no_conversation", attempts: 1, lastStatus: 404, lastError: "HTTP 404" });
        return Promise.resolve({ outcome: "sent", attempts: 1, lastStatus: 200, activityId: target.activityId });
      },
    };
    const s = store([copy("a:chair", "act-1"), copy("19:office@thread", "act-2", "en"), copy("gone", "act-3")]);
    const outcome = await updateSentCards(s, sender, "escalation:esk-1", (locale) => ({ attachment: card(locale), summary: locale }));
    expect(outcome).toMatchObject({ updated: 2, failed: 1 });
    expect(sends.map((x) => [x.target.conversationId, x.target.activityId, x.activity.id])).toEqual([
      ["a:chair", "act-1", "act-1"],
      ["19:office@thread", "act-2", "act-2"],
      ["gone", "act-3", "act-3"],
    ]);
    expect(sends.map((x) => (x.activity.attachments?.[0] as CardAttachment).content.body)).toEqual([
      [{ type: "TextBlock", text: "sv" }],
      [{ type: "TextBlock", text: "en" }],
      [{ type: "TextBlock", text: "sv" }],
    ]);
  });

  it("a card never sent anywhere is no failure", async () => {
    const sender: ConnectorSender = { send: () => Promise.reject(new Error("not expected")) };
    expect(await updateSentCards(store([]), sender, "escalation:esk-2", () => ({ attachment: card("x"), summary: "x" }))).toMatchObject({ updated: 0, failed: 0 });
  });
});

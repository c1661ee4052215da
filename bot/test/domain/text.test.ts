import { describe, expect, it } from "@jest/globals";
import { excerpt, fold, stripMentions } from "../../src/domain/text.js";
import { baseConversationId, conversationPlace } from "../../src/domain/conversation.js";

describe("text", () => {
  it("folds case and diacritics", () => {
    expect(fold("  Portfölj ")).toBe("portfolj");
    expect(fold("PÅVERKBAR  slutenvård")).toBe("paverkbar slutenvard");
    expect(fold("Ånge")).toBe(fold("ange"));
    expect(fold("A\u030Ange")).toBe("ange"); // decomposed input
  });

  it("strips mentions", () => {
    expect(stripMentions("<at>Nära vård</at> portfölj")).toBe("portfölj");
    expect(stripMentions("projekt&nbsp;<b>barn</b>")).toBe("projekt barn");
  });

  it("cuts long texts at a word", () => {
    expect(excerpt("kort")).toBe("kort");
    const e = excerpt("ord ".repeat(200), 50);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(e.endsWith("…")).toBe(true);
  });
});

describe("conversation", () => {
  it("drops the thread suffix of a channel conversation", () => {
    expect(baseConversationId("19:abc@thread.tacv2;messageid=1795")).toBe("19:abc@thread.tacv2");
    expect(baseConversationId("a:personal")).toBe("a:personal");
  });

  it("places a Playground channel from its conversationUpdate", () => {
    expect(
      conversationPlace({
        conversation: { id: "channel-programkontoret", conversationType: "channel", tenantId: "t", name: "Programkontoret" },
        channelData: { team: { id: "team-id", name: "Nära vård" }, settings: { selectedChannel: { id: "channel-programkontoret" } } },
      }),
    ).toEqual({ id: "channel-programkontoret", kind: "channel", tenantId: "t", teamId: "team-id", channelId: "channel-programkontoret", name: "Programkontoret" });
  });

  it("knows group chats and defaults to personal", () => {
    expect(conversationPlace({ conversation: { id: "19:g@thread.v2", conversationType: "groupChat" } }).kind).toBe("groupChat");
    expect(conversationPlace({ conversation: { id: "a:1" } }).kind).toBe("personal");
  });
});

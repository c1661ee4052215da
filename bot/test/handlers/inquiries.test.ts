import { describe, expect, it } from "@jest/globals";
import { ApiError, type Inquiry } from "@naravard/api/contracts";
import { assignInquiry, inquiries, myInquiries, takeInquiry } from "../../src/handlers/inquiries.js";
import { allText, ofType } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi } from "../support/fakeApi.js";

const NOW = "2026-06-18T20:00:00.000Z";
const ME = "forandringsledare1@naravard.test";

function inquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    id: "a1b2c3",
    messageId: "<fraga-1@example.se>",
    from: "anna.berg@example.se",
    fromName: "Anna Berg",
    subject: "Fråga om anslutning",
    receivedAt: "2026-06-18T14:00:00.000Z",
    dueAt: "2026-06-20T02:00:00.000Z",
    status: "new",
    assignee: null,
    firstResponseAt: null,
    breachedAt: null,
    escalationId: null,
    excerpt: "Jag har diabetes och undrar …",
    etag: 'W/"1"',
    ...overrides,
  };
}

/** Who the API says Tilldela offers. */
const changeLeaders = () => Promise.resolve({ items: [{ email: ME, name: "Förändringsledare Ett" }] });

/** The list route as the API answers it: `open` is every status but answered; one page per inquiry, to page through. */
const byStatus = (all: Inquiry[]) => (query: { status?: string; assignee?: string; continuationToken?: string } = {}) => {
  const matching = all.filter((i) => (!query.status || i.status === query.status || (query.status === "open" && i.status !== "answered")) && (!query.assignee || i.assignee === query.assignee));
  const at = Number(query.continuationToken ?? 0);
  const next = at + 1 < matching.length ? { continuationToken: String(at + 1) } : {};
  return Promise.resolve({ items: matching.slice(at, at + 1), now: NOW, ...next });
};

describe("ärenden", () => {
  it("shows the open inquiries with time left from the API's clock, never the mail's text", async () => {
    const api = fakeApi({ listInquiries: byStatus([inquiry(), inquiry({ id: "d4", status: "answered" })]), listInquiryAssignees: changeLeaders });
    const reply = await inquiries(input("", { api }));
    expect(reply.text).toBe("1 öppna ärenden:");
    const text = allText(reply.cards![0]!);
    expect(text).toContain("Anna Berg <anna.berg@example.se>");
    expect(text).toContain("30 h 0 min kvar till första återkoppling");
    expect(text).not.toContain("diabetes");
    expect(ofType(reply.cards![0]!, "Action.Execute").map((a) => a.title)).toEqual(["Ta ärendet", "Tilldela"]);
    expect(allText(reply.cards![0]!)).toContain("Förändringsledare Ett");
  });

  it("offers only Ta ärendet when the program has no change leader to assign to", async () => {
    const api = fakeApi({ listInquiries: byStatus([inquiry()]), listInquiryAssignees: () => Promise.resolve({ items: [] }) });
    const reply = await inquiries(input("", { api, user: { email: ME } }));
    expect(ofType(reply.cards![0]!, "Action.Execute").map((a) => a.title)).toEqual(["Ta ärendet"]);
  });

  it("counts every open inquiry however many pages the API answers in, the earliest due first", async () => {
    const open = [
      inquiry({ id: "f1", dueAt: "2026-06-21T10:00:00.000Z", subject: "Senare" }),
      inquiry({ id: "f2", dueAt: "2026-06-19T10:00:00.000Z", status: "breached", subject: "Försenad" }),
      inquiry({ id: "f3", dueAt: "2026-06-20T10:00:00.000Z", status: "assigned", assignee: ME, subject: "Mitt emellan" }),
    ];
    const api = fakeApi({ listInquiries: byStatus([...open, inquiry({ id: "f4", status: "answered" })]), listInquiryAssignees: changeLeaders });
    const reply = await inquiries(input("", { api }));
    expect(reply.text).toBe("3 öppna ärenden:");
    expect(reply.cards!.map((c) => allText(c)).map((t) => ["Försenad", "Mitt emellan", "Senare"].find((s) => t.includes(s)))).toEqual(["Försenad", "Mitt emellan", "Senare"]);
  });

  it("mina ärenden lists only the user's own", async () => {
    const api = fakeApi({ listInquiries: byStatus([inquiry(), inquiry({ id: "e5", status: "assigned", assignee: ME, subject: "Min fråga" })]) });
    const reply = await myInquiries(input("", { api, user: { email: ME } }));
    expect(reply.text).toBe("Du har 1 öppna ärenden:");
    expect(allText(reply.cards![0]!)).toContain("Min fråga");
  });
});

describe("Ta ärendet", () => {
  it("assigns the inquiry to the user with the version read; the card shows who has it and still offers reassigning", async () => {
    const api = fakeApi({
      getInquiry: () => Promise.resolve(inquiry()),
      listInquiries: () => Promise.resolve({ items: [], now: NOW }),
      assignInquiry: (id, assignee) => Promise.resolve(inquiry({ id, assignee, status: "assigned", etag: 'W/"2"' })),
      listInquiryAssignees: changeLeaders,
    });
    const reply = await takeInquiry(input({ inquiryId: "a1b2c3" }, { api, user: { email: ME } }));
    expect(api.calls.find((c) => c.method === "assignInquiry")?.args).toEqual(["a1b2c3", ME, 'W/"1"']);
    const card = reply.updatedCard!;
    expect(allText(card)).toContain(`Ärendet har tagits av ${ME}`);
    expect(ofType(card, "Action.Execute").map((a) => a.title)).toEqual(["Tilldela"]);
    expect(ofType(card, "Input.ChoiceSet")[0]).toMatchObject({ id: "assignee", value: ME });
  });

  it("when someone else took it first, shows the card as it is now", async () => {
    let reads = 0;
    const api = fakeApi({
      getInquiry: () => Promise.resolve(reads++ === 0 ? inquiry() : inquiry({ assignee: "annan@naravard.test", status: "assigned" })),
      listInquiries: () => Promise.resolve({ items: [], now: NOW }),
      assignInquiry: () => Promise.reject(new ApiError(412, { code: "precondition_failed", message: "ändrat", details: [] })),
      listInquiryAssignees: changeLeaders,
    });
    const reply = await takeInquiry(input({ inquiryId: "a1b2c3" }, { api, user: { email: ME } }));
    expect(reply.text).toContain("Någon annan hann");
    expect(allText(reply.updatedCard!)).toContain("annan@naravard.test");
  });
});

describe("Tilldela", () => {
  it("assigns to the change leader chosen on the card", async () => {
    const api = fakeApi({
      getInquiry: () => Promise.resolve(inquiry()),
      listInquiries: () => Promise.resolve({ items: [], now: NOW }),
      assignInquiry: (id, assignee) => Promise.resolve(inquiry({ id, assignee, status: "assigned", etag: 'W/"2"' })),
      listInquiryAssignees: changeLeaders,
    });
    const reply = await assignInquiry(input({ inquiryId: "a1b2c3", assignee: ME }, { api }));
    expect(api.calls.find((c) => c.method === "assignInquiry")?.args).toEqual(["a1b2c3", ME, 'W/"1"']);
    expect(allText(reply.updatedCard!)).toContain(`Ärendet har tagits av ${ME}`);
  });

  it("a refusal shows on the card with the choice kept, the inquiry as it was", async () => {
    const api = fakeApi({
      getInquiry: () => Promise.resolve(inquiry()),
      listInquiries: () => Promise.resolve({ items: [], now: NOW }),
      assignInquiry: () => Promise.reject(new ApiError(403, { code: "forbidden", message: "Bara programledaren och koordinatorn får tilldela andra ett ärende.", details: [] })),
      listInquiryAssignees: changeLeaders,
    });
    const reply = await assignInquiry(input({ inquiryId: "a1b2c3", assignee: ME }, { api, user: { email: "forandringsledare2@naravard.test" } }));
    const card = reply.updatedCard!;
    expect(allText(card)).toContain("Du har inte behörighet till det här. Bara programledaren och koordinatorn får tilldela andra ett ärende.");
    expect(allText(card)).toContain("Nytt ärende i funktionsbrevlådan");
    expect(ofType(card, "Input.ChoiceSet")[0]).toMatchObject({ id: "assignee", value: ME });
    expect(ofType(card, "Action.Execute").map((a) => a.title)).toEqual(["Ta ärendet", "Tilldela"]);
  });

  it("asks for a choice when none was made", async () => {
    const reply = await assignInquiry(input({ inquiryId: "a1b2c3" }));
    expect(reply.text).toBe("Välj en förändringsledare att tilldela ärendet.");
  });
});

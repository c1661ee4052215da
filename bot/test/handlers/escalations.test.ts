import { describe, expect, it } from "@jest/globals";
import { ApiError, type Escalation } from "@naravard/api/contracts";
import { actOnEscalation } from "../../src/handlers/actOnEscalation.js";
import { escalate } from "../../src/handlers/escalate.js";
import { myEscalations } from "../../src/handlers/myEscalations.js";
import { submitEscalation } from "../../src/handlers/submitEscalation.js";
import { resolveCommand } from "../../src/handlers/index.js";
import { allText, byId, ofType } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi } from "../support/fakeApi.js";

function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: "esk-1",
    title: "Bemanning saknas",
    description: "Två kommuner saknar personal.",
    urgency: "normal",
    status: "open",
    level: "programledare",
    holder: "programledare@naravard.test",
    holders: [{ email: "programledare@naravard.test", displayName: "Maria Lindqvist" }],
    levelSince: "2026-11-20T09:30:00.000Z",
    source: { kind: "manual", id: "esk-1" },
    raisedBy: "forandringsledare1@naravard.test",
    raisedAt: "2026-11-20T09:30:00.000Z",
    timeline: [{ at: "2026-11-20T09:30:00.000Z", by: "forandringsledare1@naravard.test", byName: "Sara Holmgren", what: "raised", level: "programledare" }],
    allowedActions: ["acknowledge", "decide", "escalate", "close"],
    etag: 'W/"1"',
    ...overrides,
  };
}

describe("eskalera", () => {
  it("is a registered command in both languages", () => {
    expect(resolveCommand("eskalera", "production").name).toBe("escalate");
    expect(resolveCommand("escalate", "production").name).toBe("escalate");
    expect(resolveCommand("mina eskaleringar", "production").name).toBe("myEscalations");
  });

  it("opens the form with a fresh card id as the idempotency key", async () => {
    const api = fakeApi({ listProjects: () => Promise.resolve({ items: [], continuationToken: null }) });
    const reply = await escalate(input("", { api }));
    const card = reply.cards![0]!;
    expect(byId(card, "title")).toBeDefined();
    expect(ofType(card, "Action.Execute")[0]).toMatchObject({ verb: "escalationRaise", data: { cardId: "00000000-0000-4000-8000-000000000001" } });
  });

  it("the API's refusal shows on the card next to the field, with the input kept", async () => {
    const api = fakeApi({
      listProjects: () => Promise.resolve({ items: [], continuationToken: null }),
      raiseEscalation: () =>
        Promise.reject(
          new ApiError(400, { code: "validation_failed", message: "Begäran innehåller ogiltiga uppgifter.", details: [{ field: "title", message: "Får inte vara tom." }] }),
        ),
    });
    const reply = await submitEscalation(input({ cardId: "k1", title: "", description: "Beskrivning kvar", urgency: "akut" }, { api }));
    const card = reply.updatedCard!;
    expect(byId(card, "title")?.errorMessage).toBe("Får inte vara tom.");
    expect(byId(card, "description")?.value).toBe("Beskrivning kvar");
    expect(byId(card, "urgency")?.value).toBe("akut");
    expect(allText(card)).toContain("Rubrik: Får inte vara tom.");
    expect(api.calls.find((c) => c.method === "raiseEscalation")?.args[1]).toBe("k1");
  });

  it("success turns the form into the escalation's card", async () => {
    const api = fakeApi({ raiseEscalation: () => Promise.resolve(escalation()) });
    const reply = await submitEscalation(input({ cardId: "k1", title: "Bemanning saknas", description: "Två kommuner saknar personal.", urgency: "normal" }, { api }));
    expect(allText(reply.updatedCard!)).toContain("Eskaleringen är skickad.");
    expect(allText(reply.updatedCard!)).toContain("programledare@naravard.test");
  });
});

describe("the escalation card's buttons", () => {
  it("acts with the current ETag and shows who did what", async () => {
    const after = escalation({
      status: "decided",
      decision: { text: "Ja", rationale: "Därför", bodyId: "programledningsgrupp", bodyName: "Programledningsgrupp", date: "2026-11-21", decidedBy: "programledare@naravard.test" },
      timeline: [...escalation().timeline, { at: "2026-11-21T10:00:00.000Z", by: "programledare@naravard.test", byName: "Maria Lindqvist", what: "decided", level: "programledare", text: "Ja" }],
      allowedActions: [],
    });
    const api = fakeApi({ getEscalation: () => Promise.resolve(escalation()), actOnEscalation: () => Promise.resolve(after) });
    const reply = await actOnEscalation(input({ escalationId: "esk-1", action: "decide", version: "1", decision: "Ja", rationale: "Därför" }, { api }));
    const call = api.calls.find((c) => c.method === "actOnEscalation");
    expect(call?.args).toEqual(["esk-1", { action: "decide", decision: "Ja", rationale: "Därför" }, 'W/"1"']);
    const text = allText(reply.updatedCard!);
    expect(text).toContain("Maria Lindqvist beslutade");
    expect(text).toContain("Programledningsgrupp");
    expect(ofType(reply.updatedCard!, "Action.Execute")).toEqual([]);
  });

  it("a card drawn before someone else acted is redrawn instead of acting twice", async () => {
    const moved = escalation({
      timeline: [...escalation().timeline, { at: "2026-11-21T10:00:00.000Z", by: "programledare@naravard.test", what: "acknowledged", level: "programledare" }],
    });
    const api = fakeApi({ getEscalation: () => Promise.resolve(moved) });
    const reply = await actOnEscalation(input({ escalationId: "esk-1", action: "acknowledge", version: "1" }, { api }));
    expect(api.calls.some((c) => c.method === "actOnEscalation")).toBe(false);
    expect(allText(reply.updatedCard!)).toContain("Någon annan har agerat");
  });

  it("the API's 403 (not the holder) shows on the card with the typed text kept", async () => {
    const api = fakeApi({
      getEscalation: () => Promise.resolve(escalation()),
      actOnEscalation: () =>
        Promise.reject(new ApiError(403, { code: "forbidden", message: "Bara den som har eskaleringen får agera på den. Den ligger nu hos programledare@naravard.test (Programledare).", details: [] })),
    });
    const reply = await actOnEscalation(input({ escalationId: "esk-1", action: "escalate", version: "1", reasonEscalate: "Utanför mandatet" }, { api, user: { email: "styrgrupp.ordforande@naravard.test" } }));
    expect(allText(reply.updatedCard!)).toContain("Den ligger nu hos programledare@naravard.test");
    expect(byId(reply.updatedCard!, "reasonEscalate")?.value).toBe("Utanför mandatet");
  });
});

describe("mina eskaleringar", () => {
  it("lists the open escalations the user holds, with deep links to the tab", async () => {
    const api = fakeApi({ listEscalations: () => Promise.resolve({ items: [escalation()], continuationToken: null }) });
    const reply = await myEscalations(input("", { api }));
    expect(api.calls[0]?.args[0]).toMatchObject({ status: "open", holder: "me" });
    const text = allText(reply.cards![0]!);
    expect(text).toContain("Bemanning saknas");
    expect(text).toContain("escalation%3Desk-1");
  });
});

describe("the escalation card from a notification", () => {
  it("offers return only when there is a level to go back to, and no buttons once decided", async () => {
    const { escalationCard } = await import("../../src/cards/escalations.js");
    const links = { teamsAppId: "app", tabsBaseUrl: "http://localhost:53000" };
    const base = {
      id: "esk-1",
      title: "T",
      description: "D",
      urgency: "normal" as const,
      status: "open" as const,
      level: "programledare" as const,
      holder: "programledare@naravard.test",
      raisedBy: "forandringsledare1@naravard.test",
      raisedAt: "2026-11-20T09:30:00.000Z",
      source: { kind: "manual" as const, id: "esk-1" },
      last: { at: "2026-11-20T09:30:00.000Z", by: "forandringsledare1@naravard.test", what: "raised" as const, level: "programledare" as const },
      version: 1,
    };
    const titles = (card: ReturnType<typeof escalationCard>) => walkTitles(card);
    expect(titles(escalationCard({ ...base, canReturn: false }, "sv", links))).toEqual(["Kvittera", "Besluta", "Eskalera vidare", "Öppna i Eskaleringar"]);
    expect(titles(escalationCard({ ...base, level: "styrgrupp_ordforande", canReturn: true }, "sv", links))).toContain("Lämna tillbaka");
    expect(titles(escalationCard({ ...base, status: "decided" }, "sv", links))).toEqual(["Öppna i Eskaleringar"]);
  });
});

function walkTitles(card: { content: Record<string, unknown> }): string[] {
  const actions = (card.content.actions ?? []) as Array<{ title?: string }>;
  return actions.map((a) => a.title ?? "");
}

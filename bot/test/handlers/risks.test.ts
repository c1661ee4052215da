import { describe, expect, it } from "@jest/globals";
import { ApiError, type Risk, type RiskReviewInput } from "@naravard/api/contracts";
import { renderNotification } from "../../src/notifications/cards.js";
import { newRisk, submitRisk } from "../../src/handlers/newRisk.js";
import { matchRisks, risk, showRisk } from "../../src/handlers/risk.js";
import { escalateRisk, myDueRisks, openRiskReview, submitRiskReview } from "../../src/handlers/riskReview.js";
import { risks } from "../../src/handlers/risks.js";
import { resolveCommand } from "../../src/handlers/index.js";
import { allText, byId, ofType } from "../support/cardQuery.js";
import { input, TEST_LINKS } from "../support/env.js";
import { fakeApi } from "../support/fakeApi.js";
import { sampleRisk, sampleRisks } from "../support/sampleRisks.js";

const settings = () => Promise.resolve({ scale: 4 as const, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1, etag: "defaults" });
const page = (items: Risk[]) => Promise.resolve({ items, continuationToken: null });

describe("commands", () => {
  it("risker / risks / ny risk / risk <namn> resolve to their commands", () => {
    expect(resolveCommand("risker", "production").name).toBe("risks");
    expect(resolveCommand("risks", "production").name).toBe("risks");
    expect(resolveCommand("ny risk", "production").name).toBe("newRisk");
    expect(resolveCommand("New risk", "production").name).toBe("newRisk");
    expect(resolveCommand("risk kommunikation", "production")).toMatchObject({ name: "risk", args: "kommunikation" });
  });
});

describe("risker", () => {
  it("lists the open risks the API sorted by value, each with Visa, and links to the Risklista tab", async () => {
    const api = fakeApi({ listRisks: () => page(sampleRisks()) });
    const reply = await risks(input("", { api }));
    expect(api.calls[0]).toEqual({ method: "listRisks", args: [{ status: "open", pageSize: 10 }] });
    const card = reply.cards![0]!;
    const text = allText(card);
    expect(text).toContain("Programmets högsta risker");
    expect(text).toContain("Riskvärde 12 · 🔴 Hög");
    expect(text).toContain("Ej bedömd");
    expect(text).toContain("Exempelbedömning");
    const shows = ofType(card, "Action.Execute");
    expect(shows.map((a) => (a.data as { riskId: string }).riskId)).toEqual(["pp10-3", "pp10-7", "direktiv-3"]);
    expect(shows[0]).toMatchObject({ verb: "showRisk", title: "Visa" });
    const [open] = ofType(card, "Action.OpenUrl");
    expect(decodeURIComponent(String(open?.url))).toContain(`/l/entity/${TEST_LINKS.teamsAppId}/risks?webUrl=http://localhost:53000/risks`);
  });

  it("an empty list says how to add one", async () => {
    const reply = await risks(input("", { api: fakeApi({ listRisks: () => page([]) }) }));
    expect(reply.text).toContain("ny risk");
  });
});

describe("risk <namn>", () => {
  it("matches titles case- and diacritic-insensitively; an exact title wins", () => {
    expect(matchRisks(sampleRisks(), "KOMMUNIKATION").map((r) => r.id)).toEqual(["pp10-7"]);
    expect(matchRisks(sampleRisks(), "nedprioritering av utvecklingsresurser").map((r) => r.id)).toEqual(["pp10-3"]);
  });

  it("shows the one risk with Granska and Eskalera when the API offers them", async () => {
    const api = fakeApi({ listRisks: () => page(sampleRisks()), getRisk: () => Promise.resolve({ ...sampleRisk(), history: [] }) });
    const card = (await risk(input("utvecklingsresurser", { api }))).cards![0]!;
    const text = allText(card);
    expect(text).toContain("Nedprioritering av utvecklingsresurser");
    expect(text).toContain("Maria Lindqvist");
    expect(text).toContain("kan eskaleras");
    expect(ofType(card, "Action.Execute").map((a) => a.verb)).toEqual(["openRiskReview", "escalateRisk"]);
  });

  it("no escalation action when the API does not offer it; a hint when nothing matches", async () => {
    const low = sampleRisk({ escalation: { offered: false }, allowedActions: [] });
    const card = (await showRisk(input({ riskId: "pp10-3" }, { api: fakeApi({ getRisk: () => Promise.resolve({ ...low, history: [] }) }) }))).updatedCard!;
    expect(ofType(card, "Action.Execute")).toEqual([]);
    const none = await risk(input("pandemi", { api: fakeApi({ listRisks: () => page(sampleRisks()) }) }));
    expect(none.text).toContain("Jag hittade ingen risk");
  });
});

describe("ny risk", () => {
  it("opens a form on the program's scale; a refusal from the API comes back on the card with the input kept", async () => {
    const form = (await newRisk(input("", { api: fakeApi({ riskSettings: settings }) }))).cards![0]!;
    expect(byId(form, "title")).toBeDefined();
    const choices = (byId(form, "probability")?.choices as Array<{ value: string }>).map((c) => c.value);
    expect(choices).toEqual(["none", "1", "2", "3", "4"]);

    const refusal = new ApiError(400, {
      code: "validation_failed",
      message: "Begäran innehåller ogiltiga uppgifter.",
      details: [{ field: "probability", message: "Sannolikhet ska vara ett heltal från 1 till 4 (programmets skala är 4×4)." }],
    });
    const api = fakeApi({ createRisk: () => Promise.reject(refusal), riskSettings: settings });
    const args = { verb: "submitRisk", cardId: "card-1", title: "Sen resurssättning", description: "Text", category: "program", probability: "5", consequence: "2", actions: "" };
    const reply = await submitRisk(input(args, { api }));
    expect(api.calls[0]).toEqual({
      method: "createRisk",
      args: [{ title: "Sen resurssättning", description: "Text", category: "program", probability: 5, consequence: 2 }, "card-1"],
    });
    const card = reply.updatedCard!;
    expect(byId(card, "title")?.value).toBe("Sen resurssättning");
    expect(byId(card, "probability")?.value).toBe("5");
    expect(allText(card)).toContain("Sannolikhet: Sannolikhet ska vara ett heltal från 1 till 4");
  });

  it("a saved risk replaces the form with its card", async () => {
    const api = fakeApi({ createRisk: () => Promise.resolve(sampleRisk({ title: "Ny" })) });
    const reply = await submitRisk(input({ cardId: "c", title: "Ny", category: "program" }, { api }));
    expect(allText(reply.updatedCard!)).toContain("Risken är tillagd: Ny");
  });
});

describe("review from the reminder", () => {
  it("the reminder lists the owner's due risks with Granska", () => {
    const { attachment, summary } = renderNotification(
      {
        id: "risk_review_due:2026-11:programledare@naravard.test",
        kind: "risk_review_due",
        programId: "gnv",
        createdAt: "2026-11-30T08:00:00.000Z",
        target: { kind: "user", email: "programledare@naravard.test" },
        round: "2026-11",
        risks: [{ id: "pp10-3", title: "Nedprioritering av utvecklingsresurser", value: 12, level: "high", nextReviewDate: "2026-11-30" }],
      },
      "sv",
      TEST_LINKS,
    );
    expect(summary).toBe("1 risk att granska");
    expect(allText(attachment)).toContain("Du äger en risk som ska granskas nu.");
    expect(ofType(attachment, "Action.Execute")[0]).toMatchObject({ verb: "openRiskReview", title: "Granska", data: { riskId: "pp10-3" } });
  });

  it("Granska opens the review card; saving sends If-Match and replaces it with the risk and its next review date", async () => {
    const api = fakeApi({ getRisk: () => Promise.resolve({ ...sampleRisk(), history: [] }), riskSettings: settings });
    const review = (await openRiskReview(input({ riskId: "pp10-3" }, { api }))).updatedCard!;
    expect(ofType(review, "Action.Execute")[0]).toMatchObject({ verb: "submitRiskReview", data: { riskId: "pp10-3", etag: sampleRisk().etag } });
    expect(byId(review, "probability")?.value).toBe("3");

    let sent: { input: RiskReviewInput; etag: string } | null = null;
    const saveApi = fakeApi({
      reviewRisk: (_id, body, etag) => {
        sent = { input: body, etag };
        return Promise.resolve(sampleRisk({ probability: 2, value: 8, level: "medium", nextReviewDate: "2026-12-30" }));
      },
    });
    const saved = await submitRiskReview(
      input({ riskId: "pp10-3", etag: "e1", outcome: "reassessed", probability: "2", consequence: "4", note: "Resurser säkrade" }, { api: saveApi }),
    );
    expect(sent).toEqual({ input: { outcome: "reassessed", probability: 2, consequence: 4, note: "Resurser säkrade" }, etag: "e1" });
    const text = allText(saved.updatedCard!);
    expect(text).toContain("Granskad: Nedprioritering av utvecklingsresurser. Nästa granskning");
    expect(ofType(saved.updatedCard!, "Action.Execute").map((a) => a.verb)).toContain("myDueRisks");
  });

  it("a stale review (412) comes back on the current version with the user's input kept", async () => {
    const api = fakeApi({
      reviewRisk: () => Promise.reject(new ApiError(412, { code: "precondition_failed", message: "Någon annan har ändrat", details: [] })),
      getRisk: () => Promise.resolve({ ...sampleRisk({ etag: "e2" }), history: [] }),
      riskSettings: settings,
    });
    const reply = await submitRiskReview(input({ riskId: "pp10-3", etag: "e1", outcome: "unchanged", note: "Min anteckning" }, { api }));
    const card = reply.updatedCard!;
    expect(byId(card, "note")?.value).toBe("Min anteckning");
    expect(ofType(card, "Action.Execute")[0]).toMatchObject({ data: { etag: "e2" } });
    expect(allText(card)).toContain("Någon annan har ändrat risken under tiden");
  });

  it("back to the list shows what is still due", async () => {
    const api = fakeApi({ listRisks: () => page([]) });
    const reply = await myDueRisks(input({}, { api }));
    expect(api.calls[0]?.args).toEqual([{ owner: "programledare@naravard.test", status: "open", reviewDue: "true", pageSize: 50 }]);
    expect(allText(reply.updatedCard!)).toContain("Inga av dina risker behöver granskas");
  });
});

describe("Eskalera", () => {
  it("raises through the API and shows the escalation on the card", async () => {
    const api = fakeApi({ escalateRisk: () => Promise.resolve({ escalationId: "esk-1", risk: sampleRisk({ escalation: { offered: false, escalationId: "esk-1" }, allowedActions: ["edit", "review"] }) }) });
    const reply = await escalateRisk(input({ riskId: "pp10-3" }, { api }));
    expect(allText(reply.updatedCard!)).toContain("Risken är eskalerad (esk-1).");
    expect(ofType(reply.updatedCard!, "Action.Execute").map((a) => a.verb)).toEqual(["openRiskReview"]);
  });
});

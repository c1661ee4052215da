import { describe, expect, it } from "@jest/globals";
import { ApiError } from "@naravard/api/contracts";
import { portfolio } from "../../src/handlers/portfolio.js";
import { allText, ofType, walk } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi, summaryOf } from "../support/fakeApi.js";
import { sampleProject, samplePortfolio } from "../support/sample.js";

const facts = (card: Parameters<typeof walk>[0]) =>
  walk(card).filter((n) => typeof n.title === "string" && typeof n.value === "string" && !("type" in n));

describe("portfölj", () => {
  it("sums up the portfolio from the API's summary in one call: by status, by colour, each effort's latest colour", async () => {
    const api = fakeApi({ portfolioSummary: () => Promise.resolve(summaryOf(samplePortfolio())) });
    const reply = await portfolio(input("", { api }));
    expect(api.calls).toEqual([{ method: "portfolioSummary", args: [] }]);
    const card = reply.cards![0]!;
    const text = allText(card);
    expect(text).toContain("8 utvecklingsarbeten");
    expect(facts(card)).toEqual(
      expect.arrayContaining([
        { title: "Pågående", value: "5" },
        { title: "Vilande", value: "1" },
        { title: "Avslutad", value: "1" },
        { title: "Inkluderad", value: "1" },
        { title: "🟢 Grön", value: "1" },
        { title: "🟡 Gul", value: "5" },
        { title: "🔴 Röd", value: "1" },
        { title: "⚪ Ingen statusrapport", value: "1" },
      ]),
    );
    expect(text).toContain("Per färg i senaste statusrapporten");
    expect(text).toContain("Påverkbar slutenvård");
    const colours = walk(card).filter((n) => n.text === "🔴 Röd");
    expect(colours[0]?.color).toBe("Attention");
    const [open] = ofType(card, "Action.OpenUrl");
    expect(open?.url).toContain("/l/entity/00000000-1111-2222-3333-444444444444/portfolio?webUrl=http%3A%2F%2Flocalhost%3A53000%2Fportfolio");
  });

  it("lists statuses in the workflow's order whatever order the API sends", async () => {
    const summary = summaryOf(samplePortfolio());
    const api = fakeApi({ portfolioSummary: () => Promise.resolve({ ...summary, byStatus: [...summary.byStatus].reverse() }) });
    const statusFacts = facts((await portfolio(input("", { api }))).cards![0]!).filter((f) => !/[🟢🟡🔴⚪]/u.test(String(f.title)));
    expect(statusFacts.map((f) => f.title)).toEqual(["Inkluderad", "Pågående", "Vilande", "Avslutad"]);
  });

  it("says so when the portfolio is empty", async () => {
    const api = fakeApi({ portfolioSummary: () => Promise.resolve(summaryOf([])) });
    expect((await portfolio(input("", { api }))).text).toContain("Portföljen är tom");
  });

  it("counts every effort however many there are, lists the first 30 and says how many there are", async () => {
    const many = Array.from({ length: 1008 }, (_, i) => sampleProject({ name: `Arbete ${String(i).padStart(4, "0")}` }));
    const api = fakeApi({ portfolioSummary: () => Promise.resolve(summaryOf(many)) });
    const card = (await portfolio(input("", { api }))).cards![0]!;
    const text = allText(card);
    expect(text).toContain("1008 utvecklingsarbeten");
    expect(text).toContain("Visar 30 av 1008");
    expect(text).toContain("Arbete 0029");
    expect(text).not.toContain("Arbete 0030");
    expect(facts(card)).toEqual(expect.arrayContaining([{ title: "Pågående", value: "1008" }]));
    expect(api.calls).toHaveLength(1);
    expect(JSON.stringify(card).length).toBeLessThan(20 * 1024);
  });

  it("speaks English", async () => {
    const api = fakeApi({ portfolioSummary: () => Promise.resolve(summaryOf(samplePortfolio())) });
    const text = allText((await portfolio(input("", { api, locale: "en" }))).cards![0]!);
    expect(text).toContain("8 development efforts");
    expect(text).toContain("Ongoing");
    expect(text).toContain("🟡 Yellow");
    expect(text).toContain("By colour of the latest status report");
  });

  it("passes a refusal on in words", async () => {
    const api = fakeApi({ portfolioSummary: () => Promise.reject(new ApiError(403, { code: "forbidden", message: "Saknar behörighet", details: [] })) });
    expect((await portfolio(input("", { api }))).text).toContain("behörighet");
  });
});

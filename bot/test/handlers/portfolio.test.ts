import { describe, expect, it } from "@jest/globals";
import { ApiError } from "@naravard/api/contracts";
import { portfolio } from "../../src/handlers/portfolio.js";
import { listEfforts } from "../../src/handlers/shared.js";
import { allText, ofType, walk } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi, pagedProjects } from "../support/fakeApi.js";
import { sampleProject, samplePortfolio } from "../support/sample.js";

describe("portfölj", () => {
  it("pages through the portfolio and sums it up by status with each effort's latest colour", async () => {
    const api = fakeApi({ listProjects: pagedProjects(samplePortfolio(), 3) });
    const reply = await portfolio(input("", { api }));
    expect(api.calls.filter((c) => c.method === "listProjects")).toHaveLength(3);
    expect(api.calls[1]?.args[0]).toMatchObject({ continuationToken: "3" });
    const card = reply.cards![0]!;
    const text = allText(card);
    expect(text).toContain("8 utvecklingsarbeten");
    const facts = walk(card).filter((n) => typeof n.title === "string" && typeof n.value === "string" && !("type" in n));
    expect(facts).toEqual(
      expect.arrayContaining([
        { title: "Pågående", value: "5" },
        { title: "Vilande", value: "1" },
        { title: "Avslutad", value: "1" },
        { title: "Inkluderad", value: "1" },
      ]),
    );
    expect(text).toContain("Påverkbar slutenvård");
    expect(text).toContain("🟢 Grön");
    expect(text).toContain("🟡 Gul");
    expect(text).toContain("🔴 Röd");
    expect(text).toContain("⚪ Ingen statusrapport");
    const colours = walk(card).filter((n) => n.text === "🔴 Röd");
    expect(colours[0]?.color).toBe("Attention");
    const [open] = ofType(card, "Action.OpenUrl");
    expect(open?.url).toContain("/l/entity/00000000-1111-2222-3333-444444444444/portfolio?webUrl=http%3A%2F%2Flocalhost%3A53000%2Fportfolio");
  });

  it("says so when the portfolio is empty", async () => {
    const api = fakeApi({ listProjects: pagedProjects([]) });
    expect((await portfolio(input("", { api }))).text).toContain("Portföljen är tom");
  });

  it("shows at most 30 efforts on the card and says how many there are", async () => {
    const many = Array.from({ length: 45 }, (_, i) => sampleProject({ name: `Arbete ${String(i).padStart(2, "0")}` }));
    const api = fakeApi({ listProjects: pagedProjects(many, 100) });
    const card = (await portfolio(input("", { api }))).cards![0]!;
    expect(allText(card)).toContain("Visar 30 av 45");
    expect(JSON.stringify(card).length).toBeLessThan(20 * 1024);
  });

  it("stops reading at the cap", async () => {
    const many = Array.from({ length: 12 }, () => sampleProject());
    const api = fakeApi({ listProjects: pagedProjects(many, 5) });
    const r = await listEfforts(api, 7);
    expect(r.items).toHaveLength(7);
    expect(r.capped).toBe(true);
  });

  it("speaks English", async () => {
    const api = fakeApi({ listProjects: pagedProjects(samplePortfolio()) });
    const text = allText((await portfolio(input("", { api, locale: "en" }))).cards![0]!);
    expect(text).toContain("8 development efforts");
    expect(text).toContain("Ongoing");
    expect(text).toContain("🟡 Yellow");
  });

  it("passes a refusal on in words", async () => {
    const api = fakeApi({ listProjects: () => Promise.reject(new ApiError(403, { code: "forbidden", message: "Saknar behörighet", details: [] })) });
    expect((await portfolio(input("", { api }))).text).toContain("behörighet");
  });
});

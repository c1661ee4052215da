import { describe, expect, it } from "@jest/globals";
import { ApiError } from "@naravard/api/contracts";
import { matchEfforts, project } from "../../src/handlers/project.js";
import { showProject } from "../../src/handlers/showProject.js";
import { allText, ofType } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi, pagedProjects } from "../support/fakeApi.js";
import { samplePortfolio } from "../support/sample.js";

const api = () => fakeApi({ listProjects: pagedProjects(samplePortfolio(), 3) });

describe("projekt <namn>", () => {
  it("shows the one effort that matches, case- and diacritic-insensitively", async () => {
    for (const q of ["påverkbar", "PAVERKBAR", "Påverkbar slutenvård"]) {
      const reply = await project(input(q, { api: api() }));
      const card = reply.cards![0]!;
      const text = allText(card);
      expect(text).toContain("Påverkbar slutenvård");
      expect(text).toContain("Pågående");
      expect(text).toContain("🟡 Gul");
      expect(text).toContain("Region Västernorrland"); // owner, by reference name
      expect(text).toContain("Sundsvalls kommun"); // partner
      expect(text).toContain("Åsa Sjöstedt Pellikka, RVN");
      expect(text).toContain("Samverkan mellan region och kommun/kommuner");
      expect(text).toContain("Personcentrerat förhållningssätt");
      const [open] = ofType(card, "Action.OpenUrl");
      expect(decodeURIComponent(String(open?.url))).toContain("webUrl=http://localhost:53000/portfolio?effort=paverkbar-slutenvard");
    }
  });

  it("offers a choice when several match, each as a showProject action", async () => {
    const reply = await project(input("barn", { api: api() }));
    const card = reply.cards![0]!;
    expect(allText(card)).toContain("Flera utvecklingsarbeten matchar ”barn”");
    const actions = ofType(card, "Action.Execute");
    expect(actions.map((a) => a.title)).toEqual([
      "Barnsäkert - en god och nära vård för barn 0-6 år",
      "Barn som lever med föräldrar som dör",
      "Barn och unga i Ånge",
    ]);
    expect(actions[0]).toMatchObject({ verb: "showProject", data: { projectId: "barnsakert" } });
  });

  it("prefers an exact name over names that contain it", () => {
    const efforts = samplePortfolio();
    expect(matchEfforts(efforts, "barn och unga i ånge").map((e) => e.id)).toEqual(["barn-och-unga-ange"]);
  });

  it("says when nothing matches and suggests portfölj", async () => {
    const reply = await project(input("rymdresa", { api: api() }));
    expect(reply.text).toContain("rymdresa");
    expect(reply.text).toContain("**portfölj**");
  });

  it("asks for a name when none is given", async () => {
    expect((await project(input("  ", { api: fakeApi() }))).text).toContain("projekt påverkbar");
  });

  it("speaks English", async () => {
    const reply = await project(input("demens", { api: api(), locale: "en" }));
    const text = allText(reply.cards![0]!);
    expect(text).toContain("Project leader");
    expect(text).toContain("Open in the portfolio");
    expect(text).toContain("Collaboration between the region and one or more municipalities");
    expect((await project(input("xyz", { api: api(), locale: "en" }))).text).toContain("**portfolio**");
  });
});

describe("card verb showProject", () => {
  it("replaces the choice with the chosen effort's card", async () => {
    const [one] = samplePortfolio();
    const a = fakeApi({ getProject: (id) => Promise.resolve({ ...one!, id, history: [], decisions: [] }) });
    const reply = await showProject(input({ projectId: "lss-boende" }, { api: a }));
    expect(a.calls.find((c) => c.method === "getProject")?.args).toEqual(["lss-boende"]);
    expect(allText(reply.updatedCard!)).toContain("En trygg och nära vård för personer inom LSS-boende");
  });

  it("says the effort is gone on 404", async () => {
    const a = fakeApi({ getProject: () => Promise.reject(new ApiError(404, { code: "not_found", message: "x", details: [] })) });
    expect((await showProject(input({ projectId: "borta" }, { api: a }))).text).toBe("Det finns inte längre.");
  });
});

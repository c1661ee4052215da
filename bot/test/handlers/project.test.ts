import { describe, expect, it } from "@jest/globals";
import { ApiError } from "@naravard/api/contracts";
import { PROJECT_SEARCH_PAGE_SIZE, project, rankMatches } from "../../src/handlers/project.js";
import { showProject } from "../../src/handlers/showProject.js";
import { allText, ofType } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi, searchedProjects } from "../support/fakeApi.js";
import { sampleProject, samplePortfolio } from "../support/sample.js";

const api = () => fakeApi({ listProjects: searchedProjects(samplePortfolio()) });

describe("projekt <namn>", () => {
  it("asks the API to search, once, and shows the one effort that matches", async () => {
    for (const q of ["påverkbar", "PAVERKBAR", "Påverkbar slutenvård"]) {
      const a = api();
      const reply = await project(input(q, { api: a }));
      expect(a.calls.filter((c) => c.method === "listProjects").map((c) => c.args)).toEqual([[{ q, sort: "name", pageSize: PROJECT_SEARCH_PAGE_SIZE }]]);
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
    // In the API's order (by name).
    expect(actions.map((a) => a.title)).toEqual([
      "Barn och unga i Ånge",
      "Barn som lever med föräldrar som dör",
      "Barnsäkert - en god och nära vård för barn 0-6 år",
    ]);
    expect(actions[0]).toMatchObject({ verb: "showProject", data: { projectId: "barn-och-unga-ange" } });
    expect(allText(card)).not.toContain("Visar");
  });

  it("finds an effort far beyond the first page of a large portfolio", async () => {
    const many = Array.from({ length: 1000 }, (_, i) => sampleProject({ id: `last-${i}`, name: `Lasttest ${String(i).padStart(4, "0")}` }));
    const a = fakeApi({ listProjects: searchedProjects([...many, ...samplePortfolio()]) });
    const reply = await project(input("påverkbar", { api: a }));
    expect(allText(reply.cards![0]!)).toContain("Påverkbar slutenvård");
    expect(a.calls.filter((c) => c.method === "listProjects")).toHaveLength(1);
  });

  it("prefers an exact name, then names containing the text, then whatever else the API found", () => {
    const efforts = samplePortfolio();
    expect(rankMatches(efforts, "barn och unga i ånge").map((e) => e.id)).toEqual(["barn-och-unga-ange"]);
    expect(rankMatches(efforts, "barn").map((e) => e.id)).toEqual(["barnsakert", "barn-som-lever", "barn-och-unga-ange"]);
    // A hit on the description or the leader (the API's search) counts when no name contains the text.
    expect(rankMatches(efforts.slice(0, 2), "huvudmän").map((e) => e.id)).toEqual(["lss-boende", "sip-pa-distans"]);
  });

  it("finds an effort by its project leader through the API's search", async () => {
    const efforts = [...samplePortfolio(), sampleProject({ id: "ledd", name: "Hemsjukvård i samverkan", projectLeader: { name: "Örjan Östlund" } })];
    const reply = await project(input("orjan", { api: fakeApi({ listProjects: searchedProjects(efforts) }) }));
    expect(allText(reply.cards![0]!)).toContain("Hemsjukvård i samverkan");
  });

  it("says there are more when the API has more hits than it was asked for", async () => {
    const many = Array.from({ length: 60 }, (_, i) => sampleProject({ name: `Barnhälsa ${String(i).padStart(2, "0")}` }));
    const card = (await project(input("barnhälsa", { api: fakeApi({ listProjects: searchedProjects(many) }) }))).cards![0]!;
    expect(allText(card)).toContain("Visar de 10 första träffarna");
    expect(ofType(card, "Action.Execute")).toHaveLength(10);
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

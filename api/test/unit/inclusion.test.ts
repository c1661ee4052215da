import { describe, expect, it } from "@jest/globals";
import { COLLABORATION_CRITERION_ID } from "../../src/contracts/index.js";
import { checkAssessment, checkClosing, checkDecision, checkInclusionRule, checkLinks, checkReferences, checkText, type CriterionView } from "../../src/domain/inclusion.js";
import { CRITERIA } from "../../src/seed/reference.js";

const criteria: CriterionView[] = CRITERIA.map((c) => ({ id: c.id, name: c.name, mandatory: c.mandatory, active: c.active }));
const others = ["personcentrerat", "halsoframjande", "tillganglighet"];
const C = COLLABORATION_CRITERION_ID;

describe("inclusion rule (PP 6.3.1)", () => {
  it("accepts the mandatory criterion plus any one other, for every other criterion", () => {
    for (const other of others) {
      expect(checkInclusionRule({ description: "En idé", criteriaIds: [C, other] }, criteria)).toEqual([]);
    }
    expect(checkInclusionRule({ description: "En idé", criteriaIds: [C, ...others] }, criteria)).toEqual([]);
  });

  it("exhaustively: every subset of the four criteria passes iff it has collaboration and at least one other", () => {
    const all = [C, ...others];
    for (let mask = 0; mask < 1 << all.length; mask++) {
      const chosen = all.filter((_, i) => mask & (1 << i));
      const problems = checkInclusionRule({ description: "Idé", criteriaIds: chosen }, criteria);
      const ok = chosen.includes(C) && chosen.some((c) => c !== C);
      expect([`subset ${chosen.join(",")}`, problems.length === 0]).toEqual([`subset ${chosen.join(",")}`, ok]);
      for (const p of problems) expect(p.field).toBe("criteriaIds");
    }
  });

  it("names the mandatory criterion by name, in Swedish and English", () => {
    const [problem] = checkInclusionRule({ description: "Idé", criteriaIds: ["personcentrerat"] }, criteria);
    expect(problem?.field).toBe("criteriaIds");
    expect(problem?.message.sv).toBe("Kriteriet ”Samverkan mellan region och kommun/kommuner” är obligatoriskt.");
    expect(problem?.message.en).toBe("The criterion “Samverkan mellan region och kommun/kommuner” is mandatory.");
  });

  it("requires at least one more criterion and lists them", () => {
    const problems = checkInclusionRule({ description: "Idé", criteriaIds: [C] }, criteria);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message.sv).toContain("Minst ett kriterium till");
    expect(problems[0]?.message.sv).toContain("”Personcentrerat förhållningssätt”");
    expect(problems[0]?.message.en).toContain("At least one more criterion");
  });

  it("reports both problems when no criterion is given", () => {
    expect(checkInclusionRule({ description: "Idé", criteriaIds: [] }, criteria)).toHaveLength(2);
  });

  it("requires the idea (description)", () => {
    const problems = checkInclusionRule({ description: "   ", criteriaIds: [C, "personcentrerat"] }, criteria);
    expect(problems.map((p) => p.field)).toEqual(["description"]);
  });

  it("does not count inactive criteria, and follows the mandatory flag in the data", () => {
    const inactive = criteria.map((c) => (c.id === "personcentrerat" ? { ...c, active: false } : c));
    expect(checkInclusionRule({ description: "Idé", criteriaIds: [C, "personcentrerat"] }, inactive)).toHaveLength(1);
    const noMandatory = criteria.map((c) => ({ ...c, mandatory: false }));
    expect(checkInclusionRule({ description: "Idé", criteriaIds: ["personcentrerat"] }, noMandatory)).toEqual([]);
  });
});

describe("reference checks", () => {
  const ref = {
    parties: new Set(["rvn", "kramfors"]),
    programAreas: new Set(["samverkan"]),
    criteria: new Set([C, "personcentrerat"]),
    subGoals: new Set(["kontinuitet"]),
    targetGroups: new Set(["aldre"]),
    benefitObjects: new Set(["innovation"]),
  };

  it("accepts known ids", () => {
    expect(checkReferences({ ownerOrganisationId: "rvn", partnerOrganisationIds: ["kramfors"], criteriaIds: [C] }, ref)).toEqual([]);
  });

  it("names each field with an unknown id", () => {
    const problems = checkReferences(
      {
        ownerOrganisationId: "nope",
        partnerOrganisationIds: ["rvn", "x"],
        programAreaIds: ["y"],
        criteriaIds: ["z"],
        subGoalIds: ["q"],
        targetGroupIds: ["w"],
        benefitObjectIds: ["v"],
      },
      ref,
    );
    expect(problems.map((p) => p.field)).toEqual([
      "ownerOrganisationId",
      "partnerOrganisationIds",
      "programAreaIds",
      "criteriaIds",
      "subGoalIds",
      "targetGroupIds",
      "benefitObjectIds",
    ]);
    expect(problems[3]?.message.sv).toBe("Okänt kriterium: ”z”.");
  });
});

describe("decision rule", () => {
  it("needs an assessed application", () => {
    expect(checkDecision({ status: "ansokan_inlamnad", financing: { secured: true } }, "inkluderad")[0]?.field).toBe("status");
  });
  it("needs secured financing to include, not to reject", () => {
    const [p] = checkDecision({ status: "bedomd", financing: { secured: false } }, "inkluderad");
    expect(p?.field).toBe("financing.secured");
    expect(checkDecision({ status: "bedomd", financing: { secured: false } }, "avslagen")).toEqual([]);
    expect(checkDecision({ status: "bedomd", financing: { secured: true } }, "inkluderad")).toEqual([]);
  });
});

describe("assessment and closing rules", () => {
  it("assesses submitted applications, known criteria, each once", () => {
    const known = new Set([C, "personcentrerat"]);
    expect(checkAssessment({ status: "ansokan_inlamnad" }, [C, "personcentrerat"], known)).toEqual({ rule: [], validation: [] });
    expect(checkAssessment({ status: "ansokan_inlamnad" }, [C, C], known).validation[0]?.field).toBe("criteria.1.criterionId");
    expect(checkAssessment({ status: "ansokan_inlamnad" }, ["nope"], known).validation[0]?.field).toBe("criteria.0.criterionId");
    expect(checkAssessment({ status: "pagaende" }, [C], known).rule[0]?.field).toBe("status");
  });
  it("closing requires a final report link, new or already stored", () => {
    expect(checkClosing(undefined, undefined)[0]?.field).toBe("finalReportUrl");
    expect(checkClosing("https://example.org/r.pdf", undefined)).toEqual([]);
    expect(checkClosing(undefined, "https://example.org/r.pdf")).toEqual([]);
  });
});

describe("links", () => {
  it("only http(s) links are accepted", () => {
    expect(checkLinks({ web: "https://rvn.se", finalReport: "http://example.org/r.pdf" })).toEqual([]);
    expect(checkLinks({ web: "javascript:alert(1)", finalReport: "data:text/html,x" }).map((p) => p.field)).toEqual(["links.web", "links.finalReport"]);
  });
});

describe("text", () => {
  it("rejects control characters and names without letters or digits", () => {
    expect(checkText({ name: "Påverkbar slutenvård", description: "Rad 1\nRad 2\tflik" })).toEqual([]);
    expect(checkText({ name: "\u0000\u0001" }).map((p) => p.field)).toEqual(["name", "name"]);
    expect(checkText({ name: "---" }).map((p) => p.field)).toEqual(["name"]);
    expect(checkText({ description: "a\u0007b" }).map((p) => p.field)).toEqual(["description"]);
  });
});

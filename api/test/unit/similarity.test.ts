import { describe, expect, it } from "@jest/globals";
import { analyze, combinedScore, scoreText, stem, termVector, type Posting } from "../../src/domain/similarity.js";
import { fold, slugify } from "../../src/domain/text.js";

describe("normalisation", () => {
  it("folds diacritics for matching only", () => {
    expect(fold("Påverkbar Slutenvård ÄLDRE Örnsköldsvik")).toBe("paverkbar slutenvard aldre ornskoldsvik");
    expect(analyze("Äldre i hemmet")[0]).toEqual({ surface: "äldre", stem: stem("aldre") });
  });
  it("slugs names into ids", () => {
    expect(slugify("Påverkbar slutenvård")).toBe("paverkbar-slutenvard");
    expect(slugify("SIP på distans - breddinförande")).toBe("sip-pa-distans-breddinforande");
    expect(slugify("!!!")).toBe("utvecklingsarbete");
  });
});

describe("light Swedish stemmer", () => {
  const same = (words: string[]) => new Set(words.map((w) => stem(fold(w)))).size === 1;
  it.each([
    [["barn", "barnen", "barnens"]],
    [["kommun", "kommuner", "kommunerna", "kommunens"]],
    [["patient", "patienter", "patienterna"]],
    [["samordning", "samordningen", "samordningar"]],
    [["tillgänglighet", "tillgängligheten"]],
    [["vård", "vården", "vårdens"]],
    [["föräldrar", "föräldrarna"]],
    [["slutenvård", "slutenvården"]],
  ])("%j share a stem", (words) => {
    expect(same(words)).toBe(true);
  });
  it("keeps short stems intact", () => {
    expect(stem("hem")).toBe("hem");
    expect(stem("barn")).toBe("barn");
  });
});

describe("analysis", () => {
  it("drops stop words, numbers and very short words", () => {
    const stems = analyze("Att utveckla vården för de äldre i Ånge 2023 och mm").map((t) => t.surface);
    expect(stems).toEqual(["utveckla", "vården", "äldre", "ånge"]);
  });
  it("weights the name twice and normalises to unit length", () => {
    const v = termVector("Demens", "Demens team team anhöriga");
    const norm = Math.sqrt([...v.weights.values()].reduce((s, w) => s + w * w, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(v.weights.get(stem("demens"))).toBeGreaterThan(v.weights.get(stem("team")) ?? 1);
    expect(v.surface.get(stem("anhoriga"))).toBe("anhöriga");
  });
  it("caps the number of terms", () => {
    const text = Array.from({ length: 200 }, (_, i) => `ord${"abcdefghij"[i % 10]}${"klmnopqrst"[Math.floor(i / 10) % 10]}${"uvwxyzåäöb"[Math.floor(i / 100)]}`).join(" ");
    expect(termVector("", text, 30).weights.size).toBe(30);
  });
});

describe("scoring", () => {
  const docs: Record<string, { name: string; description: string }> = {
    senior: { name: "Proaktiv digifysisk seniorvård", description: "Mobil och digital vård i hemmet för äldre, närsjukvårdsteam, minskad påverkbar slutenvård." },
    barn: { name: "Barn och unga i Ånge", description: "Främja barn och ungas välbefinnande i samverkan med skola och socialtjänst." },
    demens: { name: "Multidisciplinärt demensarbete", description: "Teamarbete för att ge brukare och anhöriga rätt stöd tidigt." },
  };
  const postingsFor = (terms: string[]) => {
    const map = new Map<string, Posting[]>();
    for (const [id, d] of Object.entries(docs)) {
      const v = termVector(d.name, d.description);
      for (const [t, w] of v.weights) if (terms.includes(t)) map.set(t, [...(map.get(t) ?? []), { projectId: id, weight: w }]);
    }
    return map;
  };

  it("ranks the effort sharing the most distinctive words first", () => {
    const q = termVector("Digital vård i hemmet", "Närsjukvårdsteam för äldre i hemmet med digital uppföljning");
    const ranked = scoreText(q.weights, postingsFor([...q.weights.keys()]));
    expect(ranked[0]?.projectId).toBe("senior");
    expect(ranked[0]?.textScore).toBeGreaterThan(0.3);
    expect(ranked.find((r) => r.projectId === "barn")).toBeUndefined();
  });

  it("scores an identical text near 1 when the words are unique to it", () => {
    const d = docs["demens"]!;
    const q = termVector(d.name, d.description);
    const [top] = scoreText(q.weights, postingsFor([...q.weights.keys()]));
    expect(top?.projectId).toBe("demens");
    expect(top?.textScore).toBeGreaterThan(0.95);
    expect(top?.textScore).toBeLessThanOrEqual(1);
  });

  it("damps words shared by many efforts (idf)", () => {
    const common = new Map([["vard", [{ projectId: "a", weight: 1 }, { projectId: "b", weight: 1 }, { projectId: "c", weight: 1 }, { projectId: "d", weight: 1 }]]]);
    const rare = new Map([["vard", [{ projectId: "a", weight: 1 }]]]);
    const q = new Map([["vard", 1]]);
    expect(scoreText(q, common)[0]?.textScore).toBeCloseTo(0.5, 6);
    expect(scoreText(q, rare)[0]?.textScore).toBeCloseTo(1, 6);
  });

  it("adds a bonus for shared target groups, capped at 1", () => {
    expect(combinedScore(0.2, 1, 1)).toBeCloseTo(0.4, 6);
    expect(combinedScore(0.2, 1, 2)).toBeCloseTo(0.3, 6);
    expect(combinedScore(0.2, 0, 0)).toBeCloseTo(0.2, 6);
    expect(combinedScore(0.95, 2, 2)).toBe(1);
  });
});

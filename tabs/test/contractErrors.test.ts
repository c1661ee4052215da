import { describe, expect, it } from "@jest/globals";
import { DecisionInputSchema, StatusChangeInputSchema } from "@naravard/api/contracts";
import { defaultIssueMessage, detailsToErrors, fieldByPrefix, issuesToErrors, normalisePath, summaryOf } from "../src/forms/contractErrors";
import { translator } from "../src/i18n";

const t = translator("sv");

describe("contract errors → form fields", () => {
  it("reads paths as zod and the API write them", () => {
    expect(normalisePath(["criteria", 0, "comment"])).toBe("criteria.0.comment");
    expect(normalisePath("body.criteria[0].comment")).toBe("criteria.0.comment");
    const field = fieldByPrefix(["criteria", "summary"] as const);
    expect(field("criteria.0.comment")).toBe("criteria");
    expect(field("summary")).toBe("summary");
    expect(field("recommendation")).toBeUndefined();
  });

  it("words the contract schema's own issues in Swedish, one per field, in screen order", () => {
    const result = DecisionInputSchema.safeParse({ outcome: "", rationale: " a ", decisionDate: "30/11" });
    expect(result.success).toBe(false);
    const errors = issuesToErrors(result.error!.issues, fieldByPrefix(["outcome", "rationale", "decisionDate"] as const), (_f, issue) => defaultIssueMessage(issue, t));
    expect(errors).toEqual({ outcome: "Fyll i fältet.", rationale: "Skriv minst 3 tecken.", decisionDate: "Fyll i fältet." });
    expect(summaryOf(errors, ["rationale", "outcome", "decisionDate"] as const).map((p) => p.field)).toEqual(["rationale", "outcome", "decisionDate"]);

    const url = StatusChangeInputSchema.safeParse({ status: "avslutad", finalReportUrl: "rapport.pdf" });
    expect(defaultIssueMessage(url.error!.issues[0]!, t)).toBe("Ange en fullständig webbadress som börjar med https://.");
  });

  it("puts the API's 400 details at their fields and keeps every detail for the summary", () => {
    const { atFields, problems } = detailsToErrors(
      [
        { field: "rationale", message: "Motiveringen saknas." },
        { field: "rationale", message: "Andra felet i samma fält." },
        { field: "", message: "Utvecklingsarbetet är redan beslutat." },
      ],
      fieldByPrefix(["outcome", "rationale"] as const),
    );
    expect(atFields).toEqual({ rationale: "Motiveringen saknas." });
    expect(problems).toEqual([
      { field: "rationale", message: "Motiveringen saknas." },
      { field: "rationale", message: "Andra felet i samma fält." },
      { message: "Utvecklingsarbetet är redan beslutat." },
    ]);
  });
});

import { describe, expect, it } from "@jest/globals";
import { ApplicationInputSchema } from "../../src/contracts/index.js";
import { ApiErrors } from "../../src/http/errors.js";
import { negotiateLocale, zodProblems } from "../../src/http/i18n.js";
import { errorBody } from "../../src/http/response.js";

describe("Accept-Language", () => {
  it.each([
    [undefined, "sv"],
    ["", "sv"],
    ["sv-SE", "sv"],
    ["en-US", "en"],
    ["en-US,en;q=0.9,sv;q=0.8", "en"],
    ["sv-SE,en;q=0.5", "sv"],
    ["fr-FR,en;q=0.3", "en"],
    ["fr-FR", "sv"],
    ["en;q=0.4,sv;q=0.6", "sv"],
    ["en;q=0", "sv"],
    ["garbage;;;q=x", "sv"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe("error messages in both languages", () => {
  it("renders the same error in Swedish and English", () => {
    const error = ApiErrors.preconditionFailed();
    expect(errorBody(error, "sv")).toEqual({
      code: "precondition_failed",
      message: "Någon annan har ändrat detta under tiden. Ladda om och försök igen.",
      details: [],
    });
    expect(errorBody(error, "en").message).toBe("Someone else changed this in the meantime. Reload and try again.");
  });

  it("maps zod issues to fields with Swedish and English messages", () => {
    const input = { name: 5, description: "", projectLeader: { name: "A", email: "nope" }, criteriaIds: ["Bad Id"], links: { web: "x" }, startDate: "2023/01/01" };
    const result = ApplicationInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    const problems = zodProblems(result.error, input);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField["name"]?.sv).toBe("Fel typ: ska vara text.");
    expect(byField["name"]?.en).toBe("Wrong type: expected a string.");
    expect(byField["description"]?.sv).toBe("Får inte vara tomt.");
    expect(byField["ownerOrganisationId"]?.sv).toBe("Fältet är obligatoriskt.");
    expect(byField["ownerOrganisationId"]?.en).toBe("This field is required.");
    expect(byField["projectLeader.email"]?.sv).toBe("Ogiltig e-postadress.");
    expect(byField["criteriaIds.0"]?.sv).toBe("Ogiltigt id.");
    expect(byField["links.web"]?.en).toBe("Invalid URL.");
    expect(byField["startDate"]?.sv).toBe("Datum ska skrivas ÅÅÅÅ-MM-DD.");
  });

  it("names unknown fields one by one", () => {
    const input = { name: "x", bogus: 1, other: 2 };
    const result = ApplicationInputSchema.partial().strict().safeParse(input);
    if (result.success) throw new Error("expected failure");
    expect(zodProblems(result.error, input).map((p) => p.field)).toEqual(["bogus", "other"]);
  });
});

import { describe, expect, it } from "@jest/globals";
import { translator } from "../src/i18n";
import { changedFields, emptyValues, fieldForPath, fromProject, rebase, toInput, toPatch, validate } from "../src/pages/portfolio/forms/projectFormModel";
import { project } from "./fixtures";

const t = translator("sv");

describe("application/edit form model", () => {
  it("turns form values into an application, leaving empty optional fields out", () => {
    const input = toInput(
      emptyValues({ name: " Idé ", description: "Text", ownerOrganisationId: "rvn", leaderName: "Anna", criteriaIds: ["samverkan-region-kommun"] }),
    );
    expect(input).toEqual({
      name: " Idé ",
      description: "Text",
      type: "projekt",
      ownerOrganisationId: "rvn",
      partnerOrganisationIds: [],
      projectLeader: { name: "Anna" },
      programAreaIds: [],
      criteriaIds: ["samverkan-region-kommun"],
      subGoalIds: [],
      targetGroupIds: [],
      benefitObjectIds: [],
      financing: { secured: false },
      links: {},
    });
  });

  it("validates the shape with the contracts' schema as the user types", () => {
    const errors = validate(emptyValues({ leaderEmail: "inte-en-adress", linkWeb: "www.example" }), t);
    expect(errors.name).toBe("Fyll i fältet.");
    expect(errors.description).toBe("Fyll i fältet.");
    expect(errors.ownerOrganisationId).toBe("Välj ägande organisation.");
    expect(errors.leaderName).toBe("Fyll i fältet.");
    expect(errors.leaderEmail).toBe("Ange en giltig e-postadress.");
    expect(errors.linkWeb).toMatch(/https/);
    // The inclusion rule is the API's: no client-side error for missing criteria.
    expect(errors.criteriaIds).toBeUndefined();
    expect(validate(fromProject(project()), t)).toEqual({});
  });

  it("maps the API's error fields to form fields", () => {
    expect(fieldForPath("criteriaIds")).toBe("criteriaIds");
    expect(fieldForPath("criteriaIds.1")).toBe("criteriaIds");
    expect(fieldForPath("criteriaIds[0]")).toBe("criteriaIds");
    expect(fieldForPath("projectLeader.email")).toBe("leaderEmail");
    expect(fieldForPath("projectLeader")).toBe("leaderName");
    expect(fieldForPath("links.finalReport")).toBe("linkFinalReport");
    expect(fieldForPath("financing.source")).toBe("financingSource");
    expect(fieldForPath("body.name")).toBe("name");
    expect(fieldForPath("constructor")).toBeUndefined();
    expect(fieldForPath("status")).toBeUndefined();
  });

  it("sends only what changed in an edit", () => {
    const base = fromProject(project());
    expect(toPatch(base, base)).toEqual({});
    expect(toPatch(base, { ...base, description: "Ny", leaderEmail: "a@b.se" })).toEqual({
      description: "Ny",
      projectLeader: { name: "Jennie Näslund", email: "a@b.se" },
    });
  });

  it("after a stale edit keeps the user's changes on top of the latest version", () => {
    const oldBase = fromProject(project());
    const typed = { ...oldBase, description: "Min nya text" };
    const latest = { ...oldBase, partnersText: "Ändrat av någon annan", name: "Nytt namn" };
    const merged = rebase(oldBase, typed, latest);
    expect(merged.description).toBe("Min nya text");
    expect(merged.partnersText).toBe("Ändrat av någon annan");
    expect(merged.name).toBe("Nytt namn");
    expect(changedFields(oldBase, latest)).toEqual(["name", "partnersText"]);
    // Saving again sends the user's change against the new base.
    expect(toPatch(latest, merged)).toEqual({ description: "Min nya text" });
  });
});

import { describe, expect, it } from "@jest/globals";
import { ApiError, type ApplicationInput, type Me } from "@naravard/api/contracts";
import { apply } from "../../src/handlers/apply.js";
import { inputForField, submitApplication, toApplicationInput, readApplicationForm } from "../../src/handlers/submitApplication.js";
import { allText, byId, ofType, textAfter } from "../support/cardQuery.js";
import { input } from "../support/env.js";
import { fakeApi } from "../support/fakeApi.js";
import { sampleProject } from "../support/sample.js";

const me: Me = {
  email: "projektledare1@naravard.test",
  displayName: "Petra Projektledare",
  roles: ["projektledare"],
  permissions: ["portfolio.read", "portfolio.apply"],
  demoUsers: [],
};

/** What the card sends back on submit (inputs merged into the action data). */
const submitted = {
  verb: "submitApplication",
  cardId: "card-guid-1",
  name: "Trygg hemgång i Ånge",
  description: "Samordnad hemgång från sjukhus för äldre.",
  ownerOrganisationId: "ange",
  partnerOrganisationIds: "rvn,kfvn",
  projectLeaderName: "Petra Projektledare",
  projectLeaderEmail: "projektledare1@naravard.test",
  criteriaIds: "samverkan-region-kommun",
  programAreaIds: "samverkan",
  targetGroupIds: "aldre",
  financingSecured: "true",
};

const criteriaError = new ApiError(400, {
  code: "rule_violation",
  message: "Ansökan uppfyller inte inklusionskriterierna.",
  details: [{ field: "criteriaIds", message: "Minst ett kriterium till måste vara uppfyllt." }],
});

describe("ansök", () => {
  it("gives the application form, prefilled with the acting user, with a fresh card id", async () => {
    const api = fakeApi({ me: () => Promise.resolve(me) });
    const reply = await apply(input("", { api, user: { email: "projektledare1@naravard.test" } }));
    const card = reply.cards![0]!;
    expect(byId(card, "projectLeaderName")?.value).toBe("Petra Projektledare");
    expect(byId(card, "projectLeaderEmail")?.value).toBe("projektledare1@naravard.test");
    const [submit] = ofType(card, "Action.Execute");
    expect(submit).toMatchObject({ verb: "submitApplication", data: { cardId: "00000000-0000-4000-8000-000000000001" } });
    expect(ofType(card, "Action.Submit")).toEqual([]);
  });

  it("offers the reference data: active parties, criteria with the mandatory one explained, areas, target groups", async () => {
    const card = (await apply(input("", { api: fakeApi({ me: () => Promise.resolve(me) }) }))).cards![0]!;
    const choices = (id: string) => (byId(card, id)?.choices as Array<{ title: string; value: string }>).map((c) => c.value);
    expect(choices("ownerOrganisationId")).toEqual(["rvn", "sundsvall", "ange", "kfvn"]);
    expect(byId(card, "partnerOrganisationIds")).toMatchObject({ isMultiSelect: true });
    expect(byId(card, "criteriaIds")).toMatchObject({ isMultiSelect: true, style: "expanded" });
    expect(choices("criteriaIds")).toEqual(["samverkan-region-kommun", "personcentrerat", "halsoframjande", "tillganglighet"]);
    expect((byId(card, "criteriaIds")?.choices as Array<{ title: string }>)[0]?.title).toBe("Samverkan mellan region och kommun/kommuner (obligatoriskt)");
    expect(allText(card)).toContain("”Samverkan mellan region och kommun/kommuner” är obligatoriskt, och minst ett av de övriga");
    expect(choices("programAreaIds")).toEqual(["samverkan", "personcentrerat"]);
    expect(choices("targetGroupIds")).toEqual(["aldre", "barn-och-unga"]);
    expect(byId(card, "financingSecured")).toMatchObject({ type: "Input.Toggle", value: "false" });
  });

  it("falls back to the Teams user when /me fails", async () => {
    const api = fakeApi({ me: () => Promise.reject(new Error("down")) });
    const card = (await apply(input("", { api, user: { email: "a@naravard.test", name: "A Person" } }))).cards![0]!;
    expect(byId(card, "projectLeaderName")?.value).toBe("A Person");
    expect(byId(card, "projectLeaderEmail")?.value).toBe("a@naravard.test");
  });

  it("speaks English", async () => {
    const card = (await apply(input("", { api: fakeApi({ me: () => Promise.resolve(me) }), locale: "en" }))).cards![0]!;
    expect(byId(card, "name")?.label).toBe("Name of the effort");
    expect(allText(card)).toContain("Submit the application");
    expect((byId(card, "criteriaIds")?.choices as Array<{ title: string }>)[0]?.title).toBe("Collaboration between the region and one or more municipalities (mandatory)");
  });
});

describe("card verb submitApplication", () => {
  it("submits the application with the card id as Idempotency-Key and answers with a confirmation without a submit button", async () => {
    let sent: { input: ApplicationInput; key: string | undefined } | undefined;
    const api = fakeApi({
      apply: (i, key) => {
        sent = { input: i, key };
        return Promise.resolve(sampleProject({ id: "trygg-hemgang", name: i.name, status: "ansokan_inlamnad", ownerOrganisationId: "ange" }));
      },
    });
    const reply = await submitApplication(input(submitted, { api, user: { email: "projektledare1@naravard.test" } }));
    expect(sent?.key).toBe("card-guid-1");
    expect(sent?.input).toEqual({
      name: "Trygg hemgång i Ånge",
      description: "Samordnad hemgång från sjukhus för äldre.",
      ownerOrganisationId: "ange",
      partnerOrganisationIds: ["rvn", "kfvn"],
      projectLeader: { name: "Petra Projektledare", email: "projektledare1@naravard.test" },
      criteriaIds: ["samverkan-region-kommun"],
      programAreaIds: ["samverkan"],
      targetGroupIds: ["aldre"],
      financing: { secured: true },
    });
    const card = reply.updatedCard!;
    expect(allText(card)).toContain("Ansökan inlämnad: Trygg hemgång i Ånge – programkontoret bedömer den");
    expect(allText(card)).toContain("Ånge kommun");
    expect(ofType(card, "Action.Execute")).toEqual([]);
    expect(ofType(card, "Action.Submit")).toEqual([]);
    expect(ofType(card, "Input.Text")).toEqual([]);
  });

  it("on the API's 400 shows its messages next to the named inputs and keeps every value", async () => {
    const api = fakeApi({ apply: () => Promise.reject(criteriaError) });
    const reply = await submitApplication(input(submitted, { api }));
    const card = reply.updatedCard!;
    expect(textAfter(card, "criteriaIds")).not.toBe("Minst ett kriterium till måste vara uppfyllt."); // the help text comes first
    expect(allText(card)).toContain("Minst ett kriterium till måste vara uppfyllt.");
    expect(allText(card)).toContain("Inklusionskriterier som uppfylls: Minst ett kriterium till måste vara uppfyllt.");
    for (const [id, value] of Object.entries(submitted)) {
      if (id === "verb" || id === "cardId") continue;
      expect([id, byId(card, id)?.value]).toEqual([id, value]);
    }
    // Same card instance: the fixed submit keeps the idempotency key.
    expect(ofType(card, "Action.Execute")[0]).toMatchObject({ verb: "submitApplication", data: { cardId: "card-guid-1" } });
  });

  it("puts each field's message under its own input", async () => {
    const err = new ApiError(400, {
      code: "validation_failed",
      message: "Ogiltig ansökan",
      details: [
        { field: "name", message: "Ange ett namn." },
        { field: "projectLeader.email", message: "Ogiltig e-postadress." },
        { field: "partnersText", message: "För lång text." },
      ],
    });
    const card = (await submitApplication(input({ ...submitted, name: "", projectLeaderEmail: "inte-en-adress" }, { api: fakeApi({ apply: () => Promise.reject(err) }) }))).updatedCard!;
    expect(textAfter(card, "name")).toBe("Ange ett namn.");
    expect(textAfter(card, "projectLeaderEmail")).toBe("Ogiltig e-postadress.");
    expect(byId(card, "projectLeaderEmail")?.value).toBe("inte-en-adress");
    expect(allText(card)).toContain("För lång text."); // a field the card has no input for still shows, in the summary
  });

  it("keeps the input when the API is down, with a friendly message", async () => {
    const api = fakeApi({ apply: () => Promise.reject(new ApiError(503, { code: "internal", message: "HTTP 503", details: [] })) });
    const card = (await submitApplication(input(submitted, { api }))).updatedCard!;
    expect(allText(card)).toContain("Tjänsten bakom boten svarar inte");
    expect(byId(card, "name")?.value).toBe("Trygg hemgång i Ånge");
  });

  it("speaks English on errors too", async () => {
    const card = (await submitApplication(input(submitted, { api: fakeApi({ apply: () => Promise.reject(criteriaError) }), locale: "en" }))).updatedCard!;
    expect(allText(card)).toContain("The application could not be submitted");
    expect(allText(card)).toContain("Inclusion criteria met: Minst ett kriterium");
  });

  it("reads what clients send: arrays, booleans, missing inputs", () => {
    const v = readApplicationForm({ name: "X", criteriaIds: ["a", "b"], financingSecured: true });
    expect(v).toMatchObject({ name: "X", criteriaIds: "a,b", financingSecured: "true", description: "" });
    expect(toApplicationInput(v)).toMatchObject({ criteriaIds: ["a", "b"], financing: { secured: true }, projectLeader: { name: "" } });
    expect(toApplicationInput(v).projectLeader).not.toHaveProperty("email");
  });

  it("maps the API's field paths to the card's inputs", () => {
    expect(inputForField("criteriaIds")).toBe("criteriaIds");
    expect(inputForField("criteriaIds.2")).toBe("criteriaIds");
    expect(inputForField("projectLeader.name")).toBe("projectLeaderName");
    expect(inputForField("projectLeader.email")).toBe("projectLeaderEmail");
    expect(inputForField("financing.secured")).toBe("financingSecured");
    expect(inputForField("links.web")).toBeNull();
  });
});

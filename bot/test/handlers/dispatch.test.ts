import { describe, expect, it } from "@jest/globals";
import { CARD_ACTIONS, resolveCardAction, resolveCommand } from "../../src/handlers/index.js";

describe("resolveCommand", () => {
  it.each([
    ["hjälp", "help", ""],
    ["Hjälp", "help", ""],
    ["hjalp", "help", ""],
    ["HELP", "help", ""],
    ["hjälp?", "help", ""],
    ["/hjälp", "help", ""],
    ["portfölj", "portfolio", ""],
    ["portfolj", "portfolio", ""],
    ["PORTFÖLJ", "portfolio", ""],
    ["portfolio", "portfolio", ""],
    ["projekt påverkbar", "project", "påverkbar"],
    ["Projekt  Barn och unga", "project", "Barn och unga"],
    ["project Påverkbar slutenvård", "project", "Påverkbar slutenvård"],
    ["ansök", "apply", ""],
    ["ansok", "apply", ""],
    ["apply", "apply", ""],
    ["programkontor", "programOffice", ""],
    ["program office", "programOffice", ""],
    ["Program Office", "programOffice", ""],
  ])("%s → %s", (text, name, args) => {
    const r = resolveCommand(text, "production");
    expect(r.name).toBe(name);
    expect(r.args).toBe(args);
  });

  it("sends anything else, whole, to unknown", () => {
    expect(resolveCommand("vad är klockan", "production")).toMatchObject({ name: "unknown", args: "vad är klockan" });
    expect(resolveCommand("projektledare", "production").name).toBe("unknown");
    expect(resolveCommand("", "production").name).toBe("unknown");
  });

  it("knows `som` (act as a demo user) in local mode only", () => {
    expect(resolveCommand("som projektledare1@naravard.test", "local")).toMatchObject({ name: "actAs", args: "projektledare1@naravard.test" });
    expect(resolveCommand("som projektledare1@naravard.test", "production").name).toBe("unknown");
  });
});

describe("resolveCardAction", () => {
  it("maps the card verbs and nothing else", () => {
    expect(resolveCardAction("submitApplication")).toBe(CARD_ACTIONS.submitApplication);
    expect(resolveCardAction("showProject")).toBe(CARD_ACTIONS.showProject);
    expect(resolveCardAction("toString")).toBeNull();
    expect(resolveCardAction(undefined)).toBeNull();
  });
});

import { describe, expect, it } from "@jest/globals";
import { manifestCommandLists, manifestCommandLocalization } from "../../src/commands/manifest.js";
import { COMMANDS } from "../../src/commands/registry.js";
import { fold } from "../../src/domain/text.js";
import { resolveCommand } from "../../src/handlers/index.js";

/** The registry itself: what would make the dispatcher, help or the Teams menu misbehave if an entry got it wrong. */
describe("command registry", () => {
  it("has unique ids", () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never gives one trigger to two commands (or twice to one)", () => {
    const owners = new Map<string, string[]>();
    for (const c of COMMANDS) for (const t of [...c.triggers.sv, ...c.triggers.en]) owners.set(fold(t), [...(owners.get(fold(t)) ?? []), c.id]);
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it("dispatches every trigger, with an argument after it, to its own command", () => {
    for (const c of COMMANDS) {
      for (const t of [...c.triggers.sv, ...c.triggers.en]) {
        expect(resolveCommand(`${t} något mer`, "local")).toMatchObject({ name: c.id, args: "något mer" });
        expect(resolveCommand(t.toUpperCase(), c.localOnly ? "production" : "local").name).toBe(c.localOnly ? "unknown" : c.id);
      }
    }
  });

  it("dispatches what the Teams menu inserts, in Swedish and in English", () => {
    const en = manifestCommandLocalization(COMMANDS);
    manifestCommandLists(COMMANDS).forEach((list, i) =>
      list.commands.forEach((cmd, j) => {
        const sv = resolveCommand(cmd.title, "production");
        expect([cmd.title, sv.name]).not.toEqual([cmd.title, "unknown"]);
        const enTitle = en[`bots[0].commandLists[${i}].commands[${j}].title`]!;
        expect([enTitle, resolveCommand(enTitle, "production").name]).toEqual([enTitle, sv.name]);
      }),
    );
  });

  it("describes every command in both languages, briefly, and offers it somewhere", () => {
    for (const c of COMMANDS) {
      for (const d of [c.description.sv, c.description.en]) expect(d.length).toBeGreaterThan(10);
      for (const d of [c.description.sv, c.description.en]) expect(d.length).toBeLessThanOrEqual(128);
      expect(c.scopes.length).toBeGreaterThan(0);
    }
  });
});

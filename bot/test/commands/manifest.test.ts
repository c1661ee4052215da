import { describe, expect, it } from "@jest/globals";
import { MAX_MENU_COMMANDS, manifestCommandLists, manifestCommandLocalization } from "../../src/commands/manifest.js";
import { COMMANDS } from "../../src/commands/registry.js";
import type { CommandDef, CommandScope } from "../../src/commands/types.js";

const noop = () => Promise.resolve({});
const cmd = (id: string, priority: number, scopes: CommandScope[] = ["personal", "team", "groupChat"], extra: Partial<CommandDef> = {}): CommandDef => ({
  id,
  triggers: { sv: [id], en: [`${id}-en`] },
  description: { sv: `Beskrivning av ${id}`, en: `Description of ${id}` },
  scopes,
  priority,
  handler: noop,
  ...extra,
});

const PERSONAL = ["hjälp", "portfölj", "projekt", "ansök", "eskalera", "mina eskaleringar", "mina enkäter", "mina ärenden", "risker", "ärenden"];
const TEAM = ["hjälp", "portfölj", "projekt", "ansök", "eskalera", "mina eskaleringar", "risker", "ärenden", "enkät", "programkontor"];
const GROUP_CHAT = ["hjälp", "portfölj", "projekt", "ansök", "eskalera", "mina eskaleringar", "risker", "ny risk", "risk"];

describe("the Teams command menu from the registry", () => {
  it("has one list per scope, most used first, with help always there", () => {
    const lists = manifestCommandLists(COMMANDS);
    expect(lists.map((l) => l.scopes)).toEqual([["personal"], ["team"], ["groupChat"]]);
    const titlesIn = (scope: CommandScope) => lists.find((l) => l.scopes[0] === scope)?.commands.map((c) => c.title);
    const titles = { personal: titlesIn("personal"), team: titlesIn("team"), groupChat: titlesIn("groupChat") };
    // At most ten per list (Teams' limit); the rest are in `hjälp`. Surveys are answered in 1:1 chat, so `mina enkäter`
    // is offered there only; the office opens rounds in chat or its channel. Only a channel can become the program
    // office channel.
    expect(titles.personal).toEqual(PERSONAL);
    expect(titles.team).toEqual(TEAM);
    expect(titles.groupChat).toEqual(GROUP_CHAT);
  });

  it("leaves local-only tooling out", () => {
    const titles = manifestCommandLists(COMMANDS).flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).not.toContain("som");
  });

  it("keeps the 10 lowest priorities per scope when there are more commands (help lists them all)", () => {
    const many = Array.from({ length: 13 }, (_, i) => cmd(`kommando${i}`, 100 - i));
    const lists = manifestCommandLists([...many, cmd("bara-kanal", 1, ["team"])]);
    const personal = lists.find((l) => l.scopes[0] === "personal")!;
    expect(personal.commands).toHaveLength(MAX_MENU_COMMANDS);
    expect(personal.commands[0]!.title).toBe("kommando12");
    expect(personal.commands.map((c) => c.title)).not.toContain("kommando0");
    const team = lists.find((l) => l.scopes[0] === "team")!;
    expect(team.commands[0]!.title).toBe("bara-kanal");
    expect(team.commands.map((c) => c.title)).not.toContain("kommando3");
  });

  it("keeps the registry's order between equal priorities and drops empty scopes", () => {
    const lists = manifestCommandLists([cmd("b", 5, ["personal"]), cmd("a", 5, ["personal"])]);
    expect(lists).toEqual([{ scopes: ["personal"], commands: [{ title: "b", description: "Beskrivning av b" }, { title: "a", description: "Beskrivning av a" }] }]);
  });

  it("translates each menu entry at the same position in en.json", () => {
    const en = manifestCommandLocalization([cmd("a", 1, ["personal", "team"]), cmd("b", 2, ["team"])]);
    expect(en).toEqual({
      "bots[0].commandLists[0].commands[0].title": "a-en",
      "bots[0].commandLists[0].commands[0].description": "Description of a",
      "bots[0].commandLists[1].commands[0].title": "a-en",
      "bots[0].commandLists[1].commands[0].description": "Description of a",
      "bots[0].commandLists[1].commands[1].title": "b-en",
      "bots[0].commandLists[1].commands[1].description": "Description of b",
    });
  });

  it("refuses what Teams would refuse, naming the command", () => {
    const long = cmd("lång", 1, ["personal"], { description: { sv: "x".repeat(129), en: "y" } });
    expect(() => manifestCommandLists([long])).toThrow(/lång/);
    const title = cmd("titel", 1, ["personal"], { triggers: { sv: ["t".repeat(33)], en: ["t"] } });
    expect(() => manifestCommandLists([title])).toThrow(/titel/);
  });
});

import { describe, expect, it } from "@jest/globals";
import { replaceCommandLists, replaceCommandLocalization } from "../../scripts/manifestFile.js";

const manifest = `{
  "name": { "short": "Nära [vård]" },
  "bots": [
    {
      "botId": "x",
      "commandLists": [
        {
          "scopes": ["personal", "team"],
          "commands": [{ "title": "gammal", "description": "med ] och \\" i texten" }]
        }
      ],
      "supportsFiles": false
    }
  ],
  "staticTabs": [{ "entityId": "portfolio" }]
}
`;

describe("rewriting the manifest's command menu", () => {
  it("replaces only the command lists, in the file's layout, and keeps everything else as written", () => {
    const lists = [{ scopes: ["personal" as const], commands: [{ title: "hjälp", description: "Visa \"allt\"" }] }];
    const out = replaceCommandLists(manifest, lists);
    expect((JSON.parse(out) as { bots: Array<{ commandLists: unknown }> }).bots[0]!.commandLists).toEqual(lists);
    expect(out).toContain(`      "commandLists": [\n        {\n          "scopes": ["personal"],\n          "commands": [\n            { "title": "hjälp", "description": "Visa \\"allt\\"" }\n          ]\n        }\n      ],\n      "supportsFiles": false`);
    expect(out.slice(0, out.indexOf('"commandLists"'))).toBe(manifest.slice(0, manifest.indexOf('"commandLists"')));
    expect(out.endsWith(`  "staticTabs": [{ "entityId": "portfolio" }]\n}\n`)).toBe(true);
    expect(replaceCommandLists(out, lists)).toBe(out);
  });

  it("refuses a manifest without exactly one command list", () => {
    expect(() => replaceCommandLists("{}", [])).toThrow(/commandLists/);
  });

  it("replaces the command keys of a localization file where they were, keeping the other keys in order", () => {
    const en = `{\n  "name.short": "A",\n  "bots[0].commandLists[0].commands[0].title": "old",\n  "bots[0].commandLists[0].commands[1].title": "gone",\n  "staticTabs[0].name": "P"\n}\n`;
    const out = replaceCommandLocalization(en, { "bots[0].commandLists[0].commands[0].title": "help" });
    expect(out).toBe(`{\n  "name.short": "A",\n  "bots[0].commandLists[0].commands[0].title": "help",\n  "staticTabs[0].name": "P"\n}\n`);
  });
});

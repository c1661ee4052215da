import { describe, expect, it } from "@jest/globals";
import { COMMANDS } from "../../src/commands/registry.js";
import type { CommandDef } from "../../src/commands/types.js";
import { help } from "../../src/handlers/help.js";
import { unknown } from "../../src/handlers/unknown.js";
import { welcome } from "../../src/handlers/welcome.js";
import { allText, ofType } from "../support/cardQuery.js";
import { input, testEnv } from "../support/env.js";

describe("hjälp", () => {
  it("lists the commands in Swedish with a link to the portfolio tab", async () => {
    const reply = await help(input(""), COMMANDS);
    const card = reply.cards?.[0];
    expect(card?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const text = allText(card!);
    for (const c of ["portfölj", "projekt [del av namn]", "ansök", "programkontor", "hjälp"]) expect(text).toContain(c);
    const [open] = ofType(card!, "Action.OpenUrl");
    expect(open?.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/00000000-1111-2222-3333-444444444444\/portfolio\?webUrl=http%3A%2F%2Flocalhost%3A53000%2Fportfolio&label=Portf%C3%B6lj$/);
  });

  it("lists every registered command with its description, in both languages", async () => {
    for (const locale of ["sv", "en"] as const) {
      const text = allText((await help(input("", { locale, env: testEnv({ mode: "production" }) }), COMMANDS)).cards![0]!);
      for (const c of COMMANDS.filter((d) => !d.localOnly)) {
        expect(text).toContain(c.usage?.[locale] ?? c.triggers[locale][0]);
        expect(text).toContain(c.description[locale]);
      }
    }
  });

  it("shows a command added to the registry, wherever Teams' menu would leave it out", async () => {
    const extra: CommandDef = {
      id: "risks",
      triggers: { sv: ["risker"], en: ["risks"] },
      description: { sv: "Visa risklistan", en: "Show the risk list" },
      scopes: ["personal"],
      priority: 999,
      handler: () => Promise.resolve({}),
    };
    const text = allText((await help(input(""), [...COMMANDS, extra])).cards![0]!);
    expect(text).toContain("risker");
    expect(text).toContain("Visa risklistan");
  });

  it("shows `som` only in local mode", async () => {
    expect(allText((await help(input(""), COMMANDS)).cards![0]!)).toContain("som [e-post]");
    expect(allText((await help(input("", { env: testEnv({ mode: "production" }) }), COMMANDS)).cards![0]!)).not.toContain("som [e-post]");
  });

  it("speaks English when Teams does", async () => {
    const text = allText((await help(input("", { locale: "en" }), COMMANDS)).cards![0]!);
    expect(text).toContain("portfolio");
    expect(text).toContain("Open the portfolio");
  });

  it("welcomes with a short text and the help card", async () => {
    const reply = await welcome(input(""), COMMANDS);
    expect(reply.text).toMatch(/^Hej!/);
    expect(reply.cards).toHaveLength(1);
  });
});

describe("anything else", () => {
  it("points to hjälp, never silence", async () => {
    expect((await unknown(input("vad är klockan"))).text).toBe("Jag förstod inte ”vad är klockan”. Skriv **hjälp** för att se vad jag kan.");
    expect((await unknown(input(""))).text).toContain("hjälp");
    expect((await unknown(input("what", { locale: "en" }))).text).toContain("**help**");
  });
});

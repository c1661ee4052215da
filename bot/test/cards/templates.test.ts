/** @jest-environment jsdom */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AdaptiveCard, CardElement, SerializationContext, ValidationEvent, ValidationPhase, Version } from "adaptivecards";
import { describe, expect, it } from "@jest/globals";
import { expandCard } from "../../src/cards/render.js";

/**
 * Every card template in the folder (the conversation's and the notification path's) expands with its fixture
 * (`test/fixtures/cards/<template>.json`), parses with the Adaptive Cards library without problems, has nothing
 * left unexpanded and stays well below Teams' 28 KB message limit.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const templatesDir = path.resolve(here, "../../src/cards/templates");
const fixturesDir = path.resolve(here, "../fixtures/cards");
const templateNames = fs
  .readdirSync(templatesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;

/** Events that are only advice, not problems. */
const HARMLESS: ReadonlySet<ValidationEvent> = new Set([ValidationEvent.Hint]);

describe("card templates", () => {
  it("finds the templates", () => {
    expect(templateNames).toEqual(expect.arrayContaining(["help", "portfolio", "project", "project-choice", "application", "application-submitted"]));
  });

  describe.each(templateNames)("%s", (name) => {
    const template = readJson(path.join(templatesDir, `${name}.json`));
    const fixtureFile = path.join(fixturesDir, `${name}.json`);

    it("is an Adaptive Card 1.5 with the schema", () => {
      expect(template.type).toBe("AdaptiveCard");
      expect(template.version).toBe("1.5");
      expect(template.$schema).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
    });

    it("has a fixture", () => {
      expect([`add ${path.relative(process.cwd(), fixtureFile)}`, fs.existsSync(fixtureFile)]).toEqual([`add ${path.relative(process.cwd(), fixtureFile)}`, true]);
    });

    it("expands with its fixture, parses cleanly and stays small", () => {
      const card = expandCard(template, readJson(fixtureFile));
      const serialized = JSON.stringify(card);
      expect(serialized).not.toContain("${");
      expect(Buffer.byteLength(serialized, "utf8")).toBeLessThan(20 * 1024);

      // adaptivecards 3.0.x checks `lang` with a global (/g) regex, whose lastIndex carries over between cards and
      // makes every other check fail; start each card from a clean regex.
      if (CardElement.langProperty.regEx) CardElement.langProperty.regEx.lastIndex = 0;
      const context = new SerializationContext(new Version(1, 5));
      const parsed = new AdaptiveCard();
      parsed.parse(card, context);
      const problems: string[] = [];
      for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        if (!HARMLESS.has(e.event)) problems.push(`parse: ${ValidationEvent[e.event]}: ${e.message}`);
      }
      for (const e of parsed.validateProperties().validationEvents) {
        if (!HARMLESS.has(e.event)) problems.push(`${ValidationPhase[e.phase]}: ${ValidationEvent[e.event]}: ${e.message}`);
      }
      expect(problems).toEqual([]);
      expect(parsed.render()).toBeTruthy();
    });
  });
});

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as AC from "adaptivecards";
import { describe, expect, it } from "@jest/globals";
import { expandCard } from "../../src/cards/render.js";
import { excerpt } from "../../src/domain/text.js";
import { formatDate } from "../../src/i18n/strings.js";
import { localeOf, renderNotification } from "../../src/notifications/cards.js";
import { applicationNotification, decisionNotification } from "../../../tests/support/scenario.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const templates = path.join(here, "../../src/cards/templates");
const fixtures = path.join(here, "../fixtures/cards");
const links = { teamsAppId: "11111111-2222-3333-4444-555555555555", tabsBaseUrl: "https://flikar.example.se/" };

type Card = { type: string; version: string; body: Array<Record<string, unknown>>; actions: Array<Record<string, unknown>> };

/** Parses with the Adaptive Cards SDK and returns its complaints (unknown elements, bad values). */
function cardProblems(card: object): string[] {
  // adaptivecards 3.0.x checks `lang` with a global (/g) regex whose lastIndex carries over between cards.
  if (AC.CardElement.langProperty.regEx) AC.CardElement.langProperty.regEx.lastIndex = 0;
  const ctx = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, ctx);
  return Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
}

function textsOf(card: Card): string[] {
  const out: string[] = [];
  for (const el of card.body) {
    if (typeof el.text === "string") out.push(el.text);
    if (Array.isArray(el.facts)) for (const f of el.facts as Array<{ title: string; value: string }>) out.push(`${f.title}: ${f.value}`);
  }
  return out;
}

describe("notification cards", () => {
  it("application submitted (sv): heading, owner, applicant, excerpt and a deep link to the effort", () => {
    const n = applicationNotification(7);
    if (n.kind !== "application_submitted") throw new Error("fixture");
    n.project.description = `${"Lång beskrivning av idén. ".repeat(40)}Slut.`;
    const { attachment, summary } = renderNotification(n, "sv", links);
    const card = attachment.content as unknown as Card;
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.version).toBe("1.5");
    const texts = textsOf(card);
    expect(texts[0]).toBe("Ny ansökan att bedöma: Mobil närvård 7");
    expect(texts).toContain("Ägarorganisation: Region Västernorrland");
    expect(texts).toContain("Sökande: projektledare1@naravard.test");
    const description = texts.find((t) => t.startsWith("Lång beskrivning")) ?? "";
    expect(description.length).toBeLessThanOrEqual(301);
    expect(description.endsWith("…")).toBe(true);
    expect(summary).toBe("Ny ansökan: Mobil närvård 7");

    const action = card.actions[0] as { type: string; title: string; url: string };
    expect(action.type).toBe("Action.OpenUrl");
    expect(action.title).toBe("Öppna i portföljen");
    const url = new URL(action.url);
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${links.teamsAppId}/portfolio`);
    expect(url.searchParams.get("webUrl")).toBe("https://flikar.example.se/portfolio?effort=ansokan-7");
    expect(JSON.parse(url.searchParams.get("context") ?? "{}")).toEqual({ subEntityId: "ansokan-7" });
    // Encoded once: the raw query holds no bare `?`, `/` or `:` inside webUrl.
    expect(action.url).toContain("webUrl=https%3A%2F%2Fflikar.example.se%2Fportfolio%3Feffort%3Dansokan-7");
    expect(cardProblems(card)).toEqual([]);
  });

  it("decision made (sv and en): outcome, rationale, date, body and the button", () => {
    const included = renderNotification(decisionNotification(1, "a@naravard.test", "inkluderad"), "sv", links);
    const rejected = renderNotification(decisionNotification(2, "b@naravard.test", "avslagen"), "sv", links);
    const english = renderNotification(decisionNotification(3, "c@naravard.test", "avslagen"), "en", links);
    const sv = textsOf(included.attachment.content as unknown as Card);
    expect(sv[0]).toBe("Beslut om Trygg hemgång 1: Inkluderad");
    expect(sv).toContain("Datum: 15 juni 2025");
    expect(sv).toContain("Beslutande organ: Programstyrgrupp");
    expect(sv).toContain("Motivering");
    expect(sv).toContain("Uppfyller samverkanskriteriet och personcentrerat förhållningssätt.");
    expect(textsOf(rejected.attachment.content as unknown as Card)[0]).toBe("Beslut om Trygg hemgång 2: Avslagen");
    const en = textsOf(english.attachment.content as unknown as Card);
    expect(en[0]).toBe("Decision on Trygg hemgång 3: Rejected");
    expect(en).toContain("Date: 15 June 2025");
    expect(en).toContain("Rationale");
    const action = (english.attachment.content as unknown as Card).actions[0] as { title: string; url: string };
    expect(action.title).toBe("Open in the portfolio");
    expect(new URL(action.url).searchParams.get("webUrl")).toBe("https://flikar.example.se/portfolio?effort=projekt-3");
    for (const r of [included, rejected, english]) expect(cardProblems(r.attachment.content)).toEqual([]);
  });

  it("text from users is data, never template syntax", () => {
    const n = decisionNotification(4, "d@naravard.test", "inkluderad");
    if (n.kind !== "decision_made") throw new Error("fixture");
    n.project.name = "Projekt ${title} {{x}}";
    n.decision.rationale = "Motivering med ${labels.open} i sig.";
    const texts = textsOf(renderNotification(n, "sv", links).attachment.content as unknown as Card);
    expect(texts[0]).toBe("Beslut om Projekt ${title} {{x}}: Inkluderad");
    expect(texts).toContain("Motivering med ${labels.open} i sig.");
  });

  it.each(["notify-application-submitted", "notify-decision-made"])("template %s expands with its fixture into a valid 1.5 card", (name) => {
    const template = JSON.parse(fs.readFileSync(path.join(templates, `${name}.json`), "utf8")) as object;
    const data = JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), "utf8")) as object;
    const card = expandCard(template, data) as unknown as Card;
    expect(JSON.stringify(card)).not.toContain("${");
    expect(card.version).toBe("1.5");
    expect(cardProblems(card)).toEqual([]);
  });

  it("locale follows the stored reference, Swedish by default", () => {
    expect(localeOf({ reference: { locale: "en-US" } })).toBe("en");
    expect(localeOf({ reference: { locale: "en" } })).toBe("en");
    expect(localeOf({ reference: { locale: "sv-SE" } })).toBe("sv");
    expect(localeOf({ reference: { locale: "fi-FI" } })).toBe("sv");
    expect(localeOf({ reference: {} })).toBe("sv");
  });

  it("formats dates the Swedish way and cuts excerpts at a word", () => {
    expect(formatDate("2025-12-15", "sv")).toBe("15 december 2025");
    expect(formatDate("2025-12-15", "en")).toBe("15 December 2025");
    expect(formatDate("2025-12-31T23:30:00Z", "sv")).toBe("1 januari 2026"); // already the new year in Sweden
    expect(formatDate("i vår", "sv")).toBe("i vår");
    expect(excerpt("kort text")).toBe("kort text");
    expect(excerpt("ett två tre fyra fem", 10)).toBe("ett två…");
    expect(excerpt("  radbrytningar\n\n och   mellanslag  ")).toBe("radbrytningar och mellanslag");
  });
});

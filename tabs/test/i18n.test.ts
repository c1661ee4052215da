import { describe, expect, it } from "@jest/globals";
import { createI18n, messages, pickLocale, translator } from "../src/i18n";
import { statusLabel } from "../src/labels";

describe("i18n", () => {
  it("is Swedish by default and English when the Teams locale starts with en", () => {
    expect(pickLocale(undefined)).toBe("sv");
    expect(pickLocale("sv-se")).toBe("sv");
    expect(pickLocale("fi-fi")).toBe("sv");
    expect(pickLocale("en-us")).toBe("en");
    expect(pickLocale("EN-GB")).toBe("en");
  });

  it("has every string in both languages, none empty", () => {
    const sv = Object.keys(messages.sv).sort();
    expect(Object.keys(messages.en).sort()).toEqual(sv);
    for (const [key, value] of Object.entries(messages.en)) expect([key, value.trim()]).not.toEqual([key, ""]);
  });

  it("fills in placeholders", () => {
    expect(translator("sv")("portfolio.count", { count: 3 })).toBe("3 utvecklingsarbeten visas");
    expect(translator("en")("portfolio.count", { count: 3 })).toBe("3 development efforts shown");
    expect(translator("sv")("form.stale")).toBe(
      "Någon annan har ändrat utvecklingsarbetet medan du skrev. Här är den senaste versionen – dina ändringar finns kvar i formuläret.",
    );
  });

  it("names reference data and statuses in the current language, with Swedish as fallback", () => {
    const en = createI18n("en");
    expect(en.refName({ name: "Barn och unga", nameEn: "Children and young people" })).toBe("Children and young people");
    expect(en.refName({ name: "Samverkan" })).toBe("Samverkan");
    expect(createI18n("sv").refName({ name: "Barn och unga", nameEn: "Children" })).toBe("Barn och unga");
    expect(statusLabel("pagaende", "sv")).toBe("Pågående");
    expect(statusLabel("pagaende", "en")).toBe("Ongoing");
  });

  it("formats calendar dates without moving them across time zones", () => {
    expect(createI18n("sv").formatDate("2023-12-15")).toMatch(/15 dec\.? 2023/);
    expect(createI18n("en").formatDate("2023-12-15")).toMatch(/15 Dec 2023/);
  });
});

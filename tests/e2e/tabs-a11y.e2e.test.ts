import { eventually } from "../support/eventually.js";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import type { Browser, Page } from "playwright-core";
import nodemailer from "nodemailer";
import { launchBrowser } from "./browser.js";

/**
 * Accessibility and presentation of the tabs in real Chromium: axe-core finds no serious or critical
 * WCAG violations on the portfolio (list, detail, application form, balancing views), the
 * decision log, the escalations (list, timeline), the risk list (heat map, list, drawer), the inquiries (a mail sent
 * to the local mailbox first) and the accessibility statement, in the light and dark themes (and high contrast); the
 * tabs can be used with the
 * keyboard; `?lang=en` switches to English.
 */
const stack = inject("stack");
const tabsUrl = stack.tabsUrl ?? "";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CHAIR = "styrgrupp.ordforande@naravard.test";
const PROJECT_LEADER = "projektledare1@naravard.test";
const PROGRAM_MANAGER = "programledare@naravard.test";

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let browser: Browser;
let page: Page;

const at = (path: string, params: Record<string, string>) => `${tabsUrl}${path}?${new URLSearchParams({ as: CHAIR, ...params }).toString()}`;

async function seriousViolations(): Promise<Violation[]> {
  // Let opening panels finish their motion first: half-faded text would be measured at half contrast.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    // Fluent UI's focus manager (tabster) puts 1-px "dummy" sentinels around arrow-key groups such as
    // the TabList; they are aria-hidden on purpose and hand focus on at once, so they are not content.
    const context = { include: [["body"]], exclude: [["[data-tabster-dummy]"]] } as unknown as Document;
    const result = await axe.run(context, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

const table = (name: string) => page.getByRole("table", { name }).locator("tbody tr").first();

describe("tabs accessibility and themes (Chromium, axe-core)", () => {
  beforeAll(async () => {
    expect(stack.tabsUrl).toBeTruthy();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "sv-SE", reducedMotion: "reduce" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const theme of ["light", "dark", "contrast"] as const) {
    it(`inquiries (open list, time left, monthly chart and table) have no serious violations (${theme})`, async () => {
      const [host = "127.0.0.1", port = "0"] = stack.smtp.split(":");
      await nodemailer
        .createTransport({ host, port: Number(port), secure: false, ignoreTLS: true })
        .sendMail({ from: "Anna Berg <anna.berg@example.se>", to: "naravard@rvn.se", subject: "Fråga om anslutning", text: "Hej! Hur ansluter vi?", messageId: "<a11y-1@example.se>" });
      await page.goto(at("/inquiries", { theme, as: PROGRAM_MANAGER }));
      await table("Öppna ärenden, den som ska besvaras först överst").waitFor({ timeout: 30_000 });
      await page.getByRole("table", { name: "Andel besvarade inom 36 timmar och median för första återkoppling per månad" }).waitFor();
      const settings = page.getByRole("form", { name: "Regelns inställningar" });
      await settings.getByRole("radio", { name: /^Arbetstimmar/ }).click();
      await settings.getByLabel(/^Arbetsdagen börjar/).waitFor();
      expect(await seriousViolations()).toEqual([]);
    });
  }

  for (const theme of ["light", "dark"] as const) {
    it(`portfolio list, detail panel and balancing views have no serious violations (${theme})`, async () => {
      await page.goto(at("/portfolio", { theme }));
      await table("Utvecklingsarbeten").waitFor({ timeout: 30_000 });
      expect(await seriousViolations()).toEqual([]);

      await page.getByRole("link", { name: "Barn och unga i Ånge" }).click();
      await page.getByRole("dialog", { name: "Barn och unga i Ånge" }).getByTestId("effort-detail").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await page.keyboard.press("Escape");
      await page.waitForURL((u) => !u.search.includes("effort="));

      await page.getByRole("tab", { name: "Balansering" }).click();
      await page.getByTestId("balancing-views").waitFor({ timeout: 30_000 });
      expect(await seriousViolations()).toEqual([]);
      // Every chart has a table alternative behind a visible toggle.
      const toggles = page.getByRole("button", { name: "Visa som tabell" });
      expect(await toggles.count()).toBeGreaterThanOrEqual(7);
      await toggles.first().click();
      await page.getByRole("table", { name: "Kriterier per utvecklingsarbete" }).waitFor();
      expect(await seriousViolations()).toEqual([]);
    });

    it(`decision log has no serious violations (${theme})`, async () => {
      await page.goto(at("/decisions", { theme }));
      await table("Beslut").waitFor({ timeout: 30_000 });
      expect(await seriousViolations()).toEqual([]);
    });

    it(`escalations, with one escalation's timeline open, have no serious violations (${theme})`, async () => {
      await page.goto(at("/escalations", { theme }));
      await table("Eskaleringar").waitFor({ timeout: 30_000 });
      expect(await seriousViolations()).toEqual([]);
      await page.getByRole("button", { name: "Visa Delad lokal för hemmonitoreringens utrustning" }).click();
      const detail = page.getByTestId("escalation-detail");
      await detail.getByRole("heading", { name: "Tidslinje" }).waitFor();
      expect(await seriousViolations()).toEqual([]);
      // The decided demo escalation links to its decision in the log.
      await detail.getByRole("link", { name: "Visa beslutet i beslutsloggen" }).click();
      await page.getByTestId("escalation-filter").waitFor();
      await table("Beslut").waitFor({ timeout: 30_000 });
      await eventually(async () => expect(await page.locator("tbody tr").count()).toBe(1));
    });
  }

  it("escalations follow the high-contrast theme without serious violations", async () => {
    await page.goto(at("/escalations", { theme: "contrast", escalation: "esk-demo-bemanning-sip" }));
    await page.getByTestId("escalation-detail").waitFor({ timeout: 30_000 });
    expect(await seriousViolations()).toEqual([]);
  });

  for (const theme of ["light", "dark", "contrast"] as const) {
    it(`risk list: heat map, list and drawer have no serious violations; a cell filters the list (${theme})`, async () => {
      await page.goto(`${tabsUrl}/risks?${new URLSearchParams({ as: "programledare@naravard.test", theme }).toString()}`);
      const list = page.getByRole("table", { name: "Risker sorterade efter riskvärde" });
      await list.locator("tbody tr").first().waitFor({ timeout: 30_000 });
      await page.getByTestId("heatmap").waitFor();
      expect(await seriousViolations()).toEqual([]);

      // The program manager's scale settings, with the warning a scale change shows before saving (not saved here).
      const settings = page.getByRole("form", { name: "Riskskalans inställningar" });
      await settings.getByRole("radio", { name: "5×5" }).check();
      await settings.getByTestId("scale-change").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await settings.getByRole("radio", { name: "4×4" }).check();
      await settings.getByTestId("scale-change").waitFor({ state: "detached" });

      // The seeded example assessments put one risk at probability 3 × consequence 4 (high).
      const allRows = await list.locator("tbody tr").count();
      const cell = page.getByRole("button", { name: /1 risk med sannolikhet 3 och konsekvens 4$/ });
      await cell.click();
      await page.getByTestId("cell-filter").waitFor();
      expect(await cell.getAttribute("aria-pressed")).toBe("true");
      await eventually(async () => expect(await list.locator("tbody tr").count()).toBe(1));
      expect(allRows).toBeGreaterThan(1);
      expect(await list.locator("tbody tr").first().getAttribute("data-risk-id")).toBe("pp10-3");
      expect(await seriousViolations()).toEqual([]);

      // The table alternative of the matrix.
      await page.getByRole("button", { name: "Visa matrisen som tabell" }).click();
      await page.getByTestId("heatmap-table").waitFor();
      expect(await seriousViolations()).toEqual([]);

      await list.getByRole("button", { name: "Nedprioritering av utvecklingsresurser" }).click();
      const drawer = page.getByRole("dialog", { name: "Nedprioritering av utvecklingsresurser" });
      await drawer.getByTestId("risk-history").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await drawer.getByRole("button", { name: "Granska" }).click();
      await drawer.getByRole("radiogroup").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await drawer.getByRole("button", { name: "Avbryt" }).click();
      await drawer.getByRole("button", { name: "Redigera" }).click();
      const edit = drawer.getByRole("form", { name: "Redigera" });
      await edit.waitFor();
      // An empty title shows its error at the field and in the summary, and neither may break contrast or names.
      await edit.getByLabel("Titel").fill("");
      await edit.getByRole("button", { name: "Spara" }).click();
      await drawer.getByTestId("form-errors").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });
    });
  }

  it("the application form has no serious violations, and its errors are announced at the fields", async () => {
    await page.goto(at("/portfolio", { as: PROJECT_LEADER }));
    await page.getByRole("button", { name: "Ny ansökan" }).click();
    const form = page.getByRole("dialog", { name: "Ny ansökan om inkludering" });
    await form.getByLabel(/^Namn på utvecklingsarbetet/).waitFor();
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole("button", { name: "Skicka ansökan" }).click();
    await form.getByTestId("form-errors").waitFor();
    // The error summary takes focus; its links lead to the fields.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("form-errors");
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached" });
  });

  describe("follow-up (/followup)", () => {
    let roundId = "";
    const api = async (path: string, user: string, method = "GET", body?: unknown) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { "x-dev-user": user, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };

    beforeAll(async () => {
      const people = ["programledare@naravard.test", "deltagare1@naravard.test", PROJECT_LEADER];
      const round = await api("/surveys", "programledare@naravard.test", "POST", {
        kind: "activity",
        title: "Lärseminarium: Nyttorealisering",
        activity: { name: "Nyttorealisering", date: new Date().toISOString().slice(0, 10), programAreaId: "verksamhetsutveckling" },
        recipients: people,
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      roundId = String(round.id);
      const rate = (n: number) => ({ innehall: n, mojlighet: n, nytta: n, "strategiskt-mal": n, larande: n, samverkan: n, expert: n, engagemang: n });
      for (const [i, who] of people.entries()) await api(`/surveys/${roundId}/responses/me`, who, "PUT", { answers: { ...rate(3 + i % 3), fritext: `Synpunkt ${i + 1}` } });
    });

    for (const theme of ["light", "dark", "contrast"] as const) {
      it(`rounds, results with bars and table, and the roll-up have no serious violations (${theme})`, async () => {
        // As the programledare: what the steering group sees, and the program office's settings besides.
        await page.goto(at("/followup", { theme, omgang: roundId, as: "programledare@naravard.test" }));
        await table("Resultat per fråga").waitFor({ timeout: 30_000 });
        await page.getByTestId("bars").waitFor();
        const row = page.getByRole("table", { name: "Resultat per fråga" }).getByRole("row", { name: /Aktivitetens innehåll och relevans/ });
        expect(await row.getByRole("cell").nth(2).textContent()).toBe("4");
        await page.getByRole("table", { name: /^Sammanställning \d{4}-Q[1-4]$/ }).waitFor({ timeout: 30_000 });
        // The program office's settings of the recurring surveys (the effect follow-up is on by default).
        const settings = page.getByRole("form", { name: "Återkommande enkäter" });
        expect(await settings.getByRole("switch", { name: /Årlig effektuppföljning/ }).isChecked()).toBe(true);
        expect(await settings.getByRole("spinbutton", { name: /^Dag/ }).isEnabled()).toBe(true);
        expect(await seriousViolations()).toEqual([]);
      });
    }

    it("the program office also sees who has not answered, without violations", async () => {
      await page.goto(at("/followup", { as: "programledare@naravard.test", omgang: roundId }));
      await page.getByTestId("waiting").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("waiting").textContent()).toContain("Alla har svarat.");
      expect(await seriousViolations()).toEqual([]);
    });
  });

  it("follows the high-contrast theme without serious violations", async () => {
    await page.goto(at("/portfolio", { theme: "contrast" }));
    await table("Utvecklingsarbeten").waitFor({ timeout: 30_000 });
    expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe("contrast");
    expect(await seriousViolations()).toEqual([]);
  });

  for (const theme of ["light", "dark", "contrast"] as const) {
    it(`the accessibility statement, reached from the footer, has no serious violations (${theme})`, async () => {
      await page.goto(at("/portfolio", { theme }));
      await table("Utvecklingsarbeten").waitFor({ timeout: 30_000 });
      await page.getByRole("contentinfo").getByRole("link", { name: "Tillgänglighetsredogörelse" }).click();
      await page.waitForURL((u) => u.pathname === "/accessibility" && u.search.includes(`theme=${theme}`));
      await page.getByRole("heading", { level: 1, name: "Tillgänglighetsredogörelse" }).waitFor();
      expect(await page.getByTestId("conformance").textContent()).toContain("delvis förenlig");
      expect(await page.getByRole("link", { name: "naravard@rvn.se" }).first().getAttribute("href")).toBe("mailto:naravard@rvn.se");
      expect(await page.getByRole("link", { name: /Anmäl till Digg/ }).getAttribute("href")).toBe("https://www.digg.se/tdosanmalan");
      expect(await seriousViolations()).toEqual([]);
    });
  }

  it("uses dark colours from the theme in dark mode", async () => {
    await page.goto(at("/decisions", { theme: "dark" }));
    await table("Beslut").waitFor({ timeout: 30_000 });
    const [light, dark] = await Promise.all([
      page.evaluate(() => getComputedStyle(document.querySelector("main")!.parentElement!).backgroundColor),
      page.evaluate(() => getComputedStyle(document.querySelector("h1")!).color),
    ]);
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(luminance(light)).toBeLessThan(80); // dark background
    expect(luminance(dark)).toBeGreaterThan(180); // light text
  });

  it("can be used with the keyboard: open an effort, close it, and focus is visible", async () => {
    await page.goto(at("/portfolio", {}));
    await table("Utvecklingsarbeten").waitFor({ timeout: 30_000 });
    const link = page.getByRole("link", { name: "Barn och unga i Ånge" });
    await link.focus();
    const outline = await link.evaluate((el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.textDecorationLine} ${s.boxShadow}`;
    });
    expect(outline).not.toBe("none 0px none none");
    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: "Barn och unga i Ånge" });
    await drawer.waitFor();
    // Focus moved into the panel.
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });

    // The filters are reachable with Tab from the search box.
    await page.getByRole("searchbox", { name: "Sök" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: "Avslutad" }).waitFor();
    await page.keyboard.press("Escape");
  });

  it("speaks English with ?lang=en", async () => {
    await page.goto(at("/portfolio", { lang: "en" }));
    await page.getByRole("heading", { level: 1, name: "Development portfolio" }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("combobox", { name: "Status" }).textContent()).toContain("All");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  });
});

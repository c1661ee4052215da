import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { eventually } from "../support/eventually.js";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";

/**
 * The portfolio tab in real Chromium against the whole local stack (API + Vite, local mode):
 * browsing and filtering as the chair, an application from a project leader (first rejected by the
 * API's inclusion rule, then accepted), its assessment by the program office, the steering group's
 * decision, the decision log, and an edit that meets a newer version (412) without losing input.
 * The steps build on each other and share one browser page.
 */
const stack = inject("stack");
const tabsUrl = stack.tabsUrl ?? "";
const apiUrl = stack.apiUrl;

const USERS = {
  chair: "styrgrupp.ordforande@naravard.test",
  coordinator: "koordinator@naravard.test",
  projectLeader: "projektledare1@naravard.test",
};

const runId = Date.now().toString(36).slice(-5);
const EFFORT_NAME = `Trygg hemgång för barn och unga i Timrå ${runId}`;

let browser: Browser;
let page: Page;
let effortId = "";
let totalShown = 0;
/** The tab's page size (tabs/src/pages/portfolio/PortfolioPage.tsx). */
const PAGE_SIZE = 25;

const at = (path: string, user: string) => `${tabsUrl}${path}${path.includes("?") ? "&" : "?"}as=${encodeURIComponent(user)}`;

async function api<T>(path: string, user: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}${path}`, {
    ...init,
    headers: { "x-dev-user": user, "content-type": "application/json", accept: "application/json", ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

type ProjectPage = { items: Array<{ id: string; name: string; status: string; etag: string }>; continuationToken: string | null };

const portfolioRows = () => page.getByRole("table", { name: "Utvecklingsarbeten" }).locator("tbody tr");

describe("portfolio tab (Chromium)", () => {
  beforeAll(async () => {
    expect(stack.tabsUrl).toBeTruthy();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: "sv-SE" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the seeded portfolio to the steering group chair", async () => {
    // Other suites share the stack and may have added efforts: compare with what the API lists.
    const all = (await api<ProjectPage>("/projects?pageSize=100", USERS.chair)).body.items;
    expect(all.length).toBeGreaterThanOrEqual(8);
    totalShown = Math.min(all.length, PAGE_SIZE);
    await page.goto(at("/portfolio", USERS.chair));
    await eventually(async () => expect(await portfolioRows().count()).toBe(totalShown), { timeout: 30_000 });
    await eventually(async () => expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Utvecklingsportfölj"));
    expect(await page.getByRole("link", { name: "Barn och unga i Ånge" }).isVisible()).toBe(true);
    // The latest status is a badge with text, not colour alone.
    expect(await portfolioRows().filter({ hasText: "Barn och unga i Ånge" }).getByText(/Grön|Gul|Röd/).count()).toBe(1);
    expect(await page.getByTestId("demo-user-switcher").textContent()).toContain("Anders Westin");
  });

  it("filters by status in the URL, keeps the filter on reload and steps back", async () => {
    const expected = (await api<ProjectPage>("/projects?status=pagaende", USERS.chair)).body.items.length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(totalShown);

    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Pågående" }).click();
    await page.waitForURL(/[?&]status=pagaende/);
    await eventually(async () => expect(await portfolioRows().count()).toBe(expected));
    expect(await page.getByTestId("portfolio-count").textContent()).toBe(`${expected} utvecklingsarbeten visas`);

    await page.reload();
    await eventually(async () => expect(await portfolioRows().count()).toBe(expected), { timeout: 20_000 });
    expect(await page.getByRole("combobox", { name: "Status" }).textContent()).toContain("Pågående");
    expect(page.url()).toContain("as=styrgrupp.ordforande");

    // Free-text search goes to the API (with the status filter) and is part of the URL too.
    await page.getByRole("searchbox", { name: "Sök" }).fill("demens");
    await page.waitForURL(/[?&]q=demens/);
    await eventually(async () => expect(await portfolioRows().count()).toBe(1));

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("status="));
    await eventually(async () => expect(await portfolioRows().count()).toBe(totalShown), { timeout: 20_000 });
  });

  it("opens an effort's detail panel with everything the API holds", async () => {
    await page.getByRole("link", { name: "Barn och unga i Ånge" }).click();
    await page.waitForURL(/[?&]effort=barn-och-unga-i-ange/);
    const drawer = page.getByRole("dialog", { name: "Barn och unga i Ånge" });
    await drawer.getByTestId("effort-detail").waitFor();
    for (const heading of ["Projektidé", "Uppgifter", "Programkontorets bedömning", "Beslut", "Historik"]) {
      expect([heading, await drawer.getByRole("heading", { name: heading, exact: true }).isVisible()]).toEqual([heading, true]);
    }
    expect(await drawer.getByText("Ånge kommun").first().isVisible()).toBe(true);
    // The chair may not edit a running effort: no actions are offered.
    expect(await drawer.getByRole("button", { name: "Redigera" }).count()).toBe(0);
    await page.keyboard.press("Escape");
    await page.waitForURL((u) => !u.search.includes("effort="));
  });

  it("takes an application from a project leader: the API's rule error at the criteria, then a valid one", async () => {
    await page.goto(at("/portfolio", USERS.projectLeader));
    await page.getByRole("button", { name: "Ny ansökan" }).click();
    const form = page.getByRole("dialog", { name: "Ny ansökan om inkludering" });
    await form.getByLabel(/^Namn på utvecklingsarbetet/).fill(EFFORT_NAME);
    await form
      .getByLabel(/^Beskriv projektidén/)
      .fill("Samverkan mellan socialtjänst, skola och psykiatri för barn och ungas välbefinnande efter sjukhusvistelse.");

    // Similar efforts show up while typing (debounced), with the API's reasons.
    const similar = form.getByTestId("similar-efforts");
    await similar.getByRole("link").first().waitFor({ timeout: 15_000 });
    expect(await similar.textContent()).toContain("Liknande ord");

    expect(await form.getByLabel(/^Ägande organisation/).inputValue()).toBe("timra");
    expect(await form.getByLabel(/^Projektledarens namn/).inputValue()).toBe("Annika Strömberg");
    const criteria = form.getByRole("group", { name: /Kriterier som utvecklingsarbetet uppfyller/ });
    expect(await criteria.textContent()).toContain("obligatoriskt");
    await criteria.getByRole("checkbox", { name: /^Personcentrerat/ }).check();
    await form.getByRole("group", { name: "Målgrupper" }).getByRole("checkbox", { name: "Barn och unga" }).check();
    await form.getByRole("switch", { name: "Finansieringen är säkrad" }).check();
    await form.getByLabel(/^Finansieringskälla/).fill("Timrå kommuns och Region Västernorrlands verksamhetsbudgetar");

    // Missing the mandatory collaboration criterion: the API says so, at the criteria field.
    await page.getByRole("button", { name: "Skicka ansökan" }).click();
    await criteria.getByRole("alert").waitFor();
    expect(await criteria.getByRole("alert").textContent()).toMatch(/Samverkan mellan region och kommun\/kommuner.*obligatoriskt/);
    expect(await form.getByTestId("form-errors").isVisible()).toBe(true);

    // Valid now; a double click still creates a single application (Idempotency-Key).
    await criteria.getByRole("checkbox", { name: /^Samverkan mellan region/ }).check();
    await page.getByRole("button", { name: "Skicka ansökan" }).dblclick();
    await page.getByText(`Ansökan ”${EFFORT_NAME}” är inlämnad.`).waitFor({ timeout: 20_000 });
    await form.waitFor({ state: "detached" });

    const mine = (await api<ProjectPage>("/projects?status=ansokan_inlamnad&pageSize=100", USERS.projectLeader)).body.items.filter(
      (p) => p.name === EFFORT_NAME,
    );
    expect(mine).toHaveLength(1);
    effortId = mine[0]!.id;
    const row = portfolioRows().filter({ hasText: EFFORT_NAME });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(await row.textContent()).toContain("Ansökan inlämnad");
  });

  it("lets the program office assess the application", async () => {
    await page.goto(at("/portfolio", USERS.coordinator));
    const queue = page.getByTestId("queue-assess");
    await queue.getByText(EFFORT_NAME).waitFor({ timeout: 20_000 });
    await queue.getByRole("button", { name: `Bedöm: ${EFFORT_NAME}` }).click();
    await page.waitForURL(/atgard=bedom/);
    const drawer = page.getByRole("dialog", { name: EFFORT_NAME });
    await drawer.getByLabel(/^Sammanfattning av bedömningen/).fill("Uppfyller samverkanskravet och personcentrerat förhållningssätt.");
    await drawer.getByRole("radio", { name: "Inkludera" }).check();
    await drawer.getByRole("button", { name: "Spara bedömning" }).click();
    await drawer.getByText("Bedömningen är sparad.").waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await drawer.getByTestId("detail-assessment").textContent()).toContain("Uppfyller samverkanskravet"));
    await drawer.getByText("Bedömd av programkontoret").first().waitFor();
  });

  it("lets the chair decide it from 'Väntar på beslut', and the decision reaches the decision log", async () => {
    await page.goto(at("/portfolio", USERS.chair));
    const queue = page.getByTestId("queue-decide");
    await queue.getByText(EFFORT_NAME).waitFor({ timeout: 20_000 });
    expect(await queue.getByRole("heading").textContent()).toContain("Väntar på beslut");
    await queue.getByRole("button", { name: `Besluta: ${EFFORT_NAME}` }).click();
    const drawer = page.getByRole("dialog", { name: EFFORT_NAME });

    // The rationale is required.
    await drawer.getByRole("radio", { name: "Inkludera i portföljen" }).check();
    await drawer.getByRole("button", { name: "Registrera beslut" }).click();
    // The error is at the field and in the form's error summary.
    await drawer.getByText("Skriv en motivering (minst 3 tecken).").first().waitFor();
    expect(await drawer.getByTestId("form-errors").textContent()).toContain("Skriv en motivering (minst 3 tecken).");

    await drawer.getByLabel(/^Motivering/).fill("Stärker samverkan kring barn och unga i Timrå; finansiering ordnas inom verksamheten.");
    await drawer.getByRole("button", { name: "Registrera beslut" }).click();
    await drawer.getByText("Beslutet är registrerat.").waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await drawer.getByTestId("detail-decisions").textContent()).toContain("Stärker samverkan kring barn och unga"));

    await page.goto(at("/decisions", USERS.chair));
    const row = page.getByRole("table", { name: "Beslut" }).locator("tbody tr").filter({ hasText: EFFORT_NAME });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain("Stärker samverkan");
    // Newest first: our decision (today) is the first row.
    expect(await page.getByRole("table", { name: "Beslut" }).locator("tbody tr").first().textContent()).toContain(EFFORT_NAME);

    await page.getByRole("combobox", { name: "Gäller" }).click();
    await page.getByRole("option", { name: "Risk" }).click();
    await page.waitForURL(/galler=risk/);
    await eventually(async () => expect(await row.count()).toBe(0));
    await page.goBack();
    await row.waitFor();

    await row.getByRole("link", { name: EFFORT_NAME }).click();
    await page.waitForURL(new RegExp(`/portfolio\\?.*effort=${effortId}`));
    await page.getByRole("dialog", { name: EFFORT_NAME }).getByText("Inkluderad", { exact: true }).first().waitFor();
  });

  it("keeps what the user typed when someone else saved first (412), and saves on the new version", async () => {
    await page.goto(at(`/portfolio?effort=${effortId}&atgard=redigera`, USERS.coordinator));
    const drawer = page.getByRole("dialog", { name: EFFORT_NAME });
    const description = drawer.getByLabel(/^Beskriv projektidén/);
    await description.waitFor({ timeout: 20_000 });
    const typed = "Ny beskrivning skriven i fliken: hemgång med stöd av skola och socialtjänst.";
    await description.fill(typed);

    // Meanwhile someone else changes the effort through the API: its ETag moves on.
    const current = await api<{ etag: string }>(`/projects/${effortId}`, USERS.coordinator);
    const patched = await api<{ etag: string }>(`/projects/${effortId}`, USERS.coordinator, {
      method: "PATCH",
      headers: { "If-Match": current.body.etag },
      body: JSON.stringify({ partnersText: "Ändrat av någon annan" }),
    });
    expect(patched.status).toBe(200);

    await drawer.getByRole("button", { name: "Spara ändringar" }).click();
    const stale = drawer.getByTestId("stale-message");
    await stale.waitFor({ timeout: 20_000 });
    expect(await stale.textContent()).toContain(
      "Någon annan har ändrat utvecklingsarbetet medan du skrev. Här är den senaste versionen – dina ändringar finns kvar i formuläret.",
    );
    expect(await description.inputValue()).toBe(typed);
    expect(await drawer.getByLabel(/^Övriga parter/).inputValue()).toBe("Ändrat av någon annan");

    await drawer.getByRole("button", { name: "Spara ändringar" }).click();
    await drawer.getByText("Ändringarna är sparade.").waitFor({ timeout: 20_000 });
    const saved = await api<{ description: string; partnersText: string }>(`/projects/${effortId}`, USERS.coordinator);
    expect(saved.body.description).toBe(typed);
    expect(saved.body.partnersText).toBe("Ändrat av någon annan");
  });

  it("moves the included effort on through the menu of allowed status changes", async () => {
    const drawer = page.getByRole("dialog", { name: EFFORT_NAME });
    await drawer.getByRole("button", { name: "Ändra status" }).click();
    // Only what the API allows now: from Inkluderad the next step is Pågående.
    expect(await page.getByRole("menuitem").allTextContents()).toEqual(["Pågående"]);
    await page.getByRole("menuitem", { name: "Pågående" }).click();
    const dialog = page.getByRole("dialog", { name: "Ändra status till Pågående" });
    await dialog.getByLabel("Kommentar").fill("Arbetet startar efter styrgruppens beslut.");
    await dialog.getByRole("button", { name: "Ändra status" }).click();
    await drawer.getByText("Status ändrad till Pågående.").waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await drawer.getByTestId("detail-history").textContent()).toContain("Pågående"));
    await drawer.getByRole("button", { name: "Stäng detaljer" }).click();
    await drawer.waitFor({ state: "detached" });
    const row = portfolioRows().filter({ hasText: EFFORT_NAME });
    await eventually(async () => expect(await row.textContent()).toContain("Pågående"));
  });
});

import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { eventually } from "../support/eventually.js";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";
import { slugify } from "../../api/src/domain/text.js";
import { ProjectsRepository, type StoredProject } from "../../api/src/store/projects.js";
import { createTableClient, mapLimit, TABLE_NAMES } from "../../api/src/store/table.js";

/**
 * Search and sort on the server, at scale: with 1,000 more efforts than the seeds, the tab finds one
 * that is nowhere near the first page, case- and diacritics-insensitively, sorts the whole portfolio
 * (not the loaded page) and still pages through the answer with "Visa fler".
 *
 * The efforts are written straight into the stack's Table Storage with the API's own repository (through
 * the API each application takes ~0.2 s of a 2-core machine, minutes for a thousand; what is tested here is
 * reading them). Their names start with "Zätaprov", so they sort after the seeded efforts by name and by
 * id, and the other suites sharing this stack still find the seeds where they expect them.
 */
const stack = inject("stack");
const tabsUrl = stack.tabsUrl ?? "";
const apiUrl = stack.apiUrl;
const CHAIR = "styrgrupp.ordforande@naravard.test";
const PROJECT_LEADER = "projektledare1@naravard.test";
const COUNT = 1000;
const runId = Date.now().toString(36).slice(-5);
const nameOf = (i: number) => `Zätaprov ${runId} ${String(i).padStart(4, "0")}`;
const TARGET = nameOf(COUNT - 1);

let browser: Browser;
let page: Page;

async function api<T>(path: string, user: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}${path}`, {
    ...init,
    headers: { "x-dev-user": user, "content-type": "application/json", accept: "application/json", ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

type ProjectPage = { items: Array<{ id: string; name: string }>; continuationToken: string | null };

function effort(i: number): StoredProject {
  const name = nameOf(i);
  return {
    id: slugify(name, 60),
    name,
    description: "Lasttest av sökning och sortering i portföljen: samverkan kring hemsjukvård mellan region och kommun.",
    type: "projekt",
    ownerOrganisationId: "timra",
    partnerOrganisationIds: ["rvn"],
    projectLeader: { name: "Annika Strömberg", email: PROJECT_LEADER },
    criteriaIds: ["samverkan-region-kommun", "personcentrerat"],
    programAreaIds: ["samverkan"],
    subGoalIds: [],
    targetGroupIds: ["barn-och-unga"],
    benefitObjectIds: [],
    financing: { secured: true, source: "Verksamhetsbudget" },
    links: {},
    status: "ansokan_inlamnad",
    createdAt: "2026-11-01T08:00:00.000Z",
    createdBy: PROJECT_LEADER,
    updatedAt: "2026-11-01T08:00:00.000Z",
  };
}

/** Writes the efforts into the stack's Projects table, a few at a time. */
async function seed(): Promise<void> {
  const projects = new ProjectsRepository(createTableClient(stack.storageConnectionString, TABLE_NAMES.projects), "gnv");
  await mapLimit(
    Array.from({ length: COUNT }, (_, i) => i),
    16,
    (i) => projects.create(effort(i), `op-zataprov-${runId}-${i}`, []),
  );
}

const rows = () => page.getByRole("table", { name: "Utvecklingsarbeten" }).locator("tbody tr");

describe("portfolio search and sort on the server (Chromium, 1,000 more efforts)", () => {
  beforeAll(async () => {
    expect(["the stack serves the tabs (tabs/vite.config.ts)", Boolean(stack.tabsUrl)]).toEqual(["the stack serves the tabs (tabs/vite.config.ts)", true]);
    await seed();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: "sv-SE" })).newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("finds an effort far beyond the first page, whatever the case and accents of the search", async () => {
    // The effort is not among the first pages the tab would load unsearched.
    const first = await api<ProjectPage>("/projects?pageSize=100&sort=name&dir=asc", CHAIR);
    expect(first.body.continuationToken).not.toBeNull();
    expect(first.body.items.map((p) => p.name)).not.toContain(TARGET);

    await page.goto(`${tabsUrl}/portfolio?as=${encodeURIComponent(CHAIR)}`);
    await eventually(async () => expect(await rows().count()).toBe(25), { timeout: 30_000 });
    expect(await page.getByTestId("portfolio-count").textContent()).toBe("25 utvecklingsarbeten visas, fler finns");

    // "zataprov" finds "Zätaprov": lower case, no diacritics.
    await page.getByRole("searchbox", { name: "Sök" }).fill(`zataprov ${runId} ${String(COUNT - 1).padStart(4, "0")}`);
    await page.waitForURL(/[?&]q=zataprov/);
    await eventually(async () => expect(await rows().count()).toBe(1), { timeout: 30_000 });
    expect(await rows().first().textContent()).toContain(TARGET);
    expect(await page.getByTestId("portfolio-count").textContent()).toBe("1 utvecklingsarbete visas");
  });

  it("sorts the whole result on the server and pages through it", async () => {
    await page.goto(`${tabsUrl}/portfolio?as=${encodeURIComponent(CHAIR)}&q=${encodeURIComponent(`Zätaprov ${runId}`)}&ordning=fallande`);
    // Descending by name: the last of the thousand comes first, though it was created last.
    await eventually(async () => expect(await rows().first().textContent()).toContain(TARGET), { timeout: 30_000 });
    expect(await rows().count()).toBe(25);
    expect(await rows().nth(1).textContent()).toContain(nameOf(COUNT - 2));
    expect(await page.getByTestId("portfolio-count").textContent()).toBe("25 utvecklingsarbeten visas, fler finns");

    await page.getByRole("button", { name: "Visa fler" }).click();
    await eventually(async () => expect(await rows().count()).toBe(50), { timeout: 30_000 });
    expect(await rows().nth(49).textContent()).toContain(nameOf(COUNT - 50));

    // Ascending again from the header: the first of the thousand leads.
    await page.getByRole("columnheader", { name: /Namn/ }).getByRole("button").click();
    await page.waitForURL((u) => !u.search.includes("ordning=fallande"));
    await eventually(async () => expect(await rows().first().textContent()).toContain(nameOf(0)), { timeout: 30_000 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { eventually } from "../support/eventually.js";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";

/**
 * Issue 11: a status request answered red sets the effort's colour in the portfolio tab (Chromium, whole local
 * stack), and the program office sees the answer among the round's results on /followup.
 */
const stack = inject("stack");
const tabsUrl = stack.tabsUrl ?? "";
const USERS = {
  office: "programledare@naravard.test",
  coordinator: "koordinator@naravard.test",
  chair: "styrgrupp.ordforande@naravard.test",
  leader: "projektledare1@naravard.test",
};
const runId = Date.now().toString(36).slice(-5);
const EFFORT_NAME = `Statusbegäran i Sundsvall ${runId}`;

const at = (path: string, user: string) => `${tabsUrl}${path}${path.includes("?") ? "&" : "?"}as=${encodeURIComponent(user)}`;

type Versioned = { id: string; etag: string };
async function api<T>(method: string, path: string, user: string, body?: unknown, etag?: string): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { "x-dev-user": user, "content-type": "application/json", ...(etag ? { "if-match": etag } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

let browser: Browser;
let page: Page;

describe("a status request answered red (Chromium)", () => {
  beforeAll(async () => {
    expect(stack.tabsUrl).toBeTruthy();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: "sv-SE" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("turns the effort red in the portfolio and shows the answer in the round's results", async () => {
    // An ongoing effort led by projektledare1, through the real workflow.
    const applied = await api<Versioned>("POST", "/projects", USERS.leader, {
      name: EFFORT_NAME,
      description: "Samordnad hemgång från sjukhus för äldre med kommunal hemsjukvård.",
      ownerOrganisationId: "sundsvall",
      partnerOrganisationIds: ["rvn"],
      projectLeader: { name: "Annika Strömberg", email: USERS.leader },
      criteriaIds: ["samverkan-region-kommun", "tillganglighet"],
      financing: { secured: true },
    });
    const assessed = await api<Versioned>(
      "POST",
      `/projects/${applied.id}/assessment`,
      USERS.coordinator,
      { criteria: [{ criterionId: "samverkan-region-kommun", met: true }, { criterionId: "tillganglighet", met: true }], summary: "Ok", recommendation: "inkludera" },
      applied.etag,
    );
    const included = await api<Versioned>("POST", `/projects/${assessed.id}/decision`, USERS.chair, { outcome: "inkluderad", rationale: "Uppfyller kriterierna" }, assessed.etag);
    await api<Versioned>("POST", `/projects/${included.id}/status`, USERS.coordinator, { status: "pagaende" }, included.etag);

    const title = `Status inför decemberrapporten ${runId}`;
    const round = await api<Versioned>("POST", "/surveys", USERS.office, {
      kind: "status",
      title,
      recipients: [USERS.leader],
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await api("PUT", `/surveys/${round.id}/responses/me`, USERS.leader, {
      projectId: applied.id,
      answers: { overall: "rod", deviations: "Bemanningen räcker inte till piloten." },
    });

    await page.goto(at(`/portfolio?q=${encodeURIComponent(EFFORT_NAME)}`, USERS.chair));
    const row = page.getByRole("table", { name: "Utvecklingsarbeten" }).locator("tbody tr").filter({ hasText: EFFORT_NAME });
    await eventually(async () => expect(await row.count()).toBe(1), { timeout: 30_000 });
    // The latest status is a badge with text, not colour alone.
    expect(await row.getByText("Röd").count()).toBe(1);

    await page.goto(at(`/followup?omgang=${encodeURIComponent(round.id)}`, USERS.office));
    const answers = page.getByRole("table", { name: "Statussvar per utvecklingsarbete" });
    await answers.waitFor({ timeout: 30_000 });
    const answerRow = answers.getByRole("row").filter({ hasText: EFFORT_NAME });
    expect(await answerRow.textContent()).toContain("Bemanningen räcker inte till piloten.");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { eventually } from "../support/eventually.js";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";

/**
 * The risk review reminder end to end (PP 9.4): the local stack's timer (with the outbox sweep, every 30 s) finds a
 * risk whose review is due, the bot sends its owner one card in the Agents Playground, and reviewing from the card
 * moves the risk's next review date. The Playground's chat acts as the owner through `som <e-post>` (local mode).
 */
const stack = inject("stack");
const OWNER = "deltagare1@naravard.test";
const OFFICE = "koordinator@naravard.test";
const PROGRAM_MANAGER = "programledare@naravard.test";
/** A member no Playground conversation belongs to: their reminder ends as `no_conversation`, which shows a sweep ran. */
const UNREACHABLE_OWNER = "bestallare@naravard.test";

let browser: Browser;
let page: Page;

const cardWith = (text: string | RegExp) => page.locator(".ac-adaptiveCard").filter({ hasText: text });
const composer = () => page.locator("[data-lexical-editor=true]").first();

async function say(text: string): Promise<void> {
  await composer().click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function api<T>(method: string, path: string, user: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { "x-dev-user": user, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

type RiskAnswer = { id: string; title: string; nextReviewDate: string | null; history?: Array<{ action: string; note?: string | null }> };
type DeliveryPage = { items: Array<{ notificationId: string; kind: string; target: { kind: string; email?: string }; outcome: string }>; continuationToken?: string | null };

/** Every recorded delivery of a risk review reminder to `email`. */
async function remindersTo(email: string) {
  const all: DeliveryPage["items"] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ pageSize: "100", ...(token ? { continuationToken: token } : {}) });
    const r = await api<DeliveryPage>("GET", `/deliveries?${query.toString()}`, PROGRAM_MANAGER);
    expect(r.status).toBe(200);
    all.push(...r.json.items);
    token = r.json.continuationToken ?? undefined;
  } while (token);
  return all.filter((d) => d.kind === "risk_review_due" && d.target.email === email);
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  expect(stack.playgroundUrl).toBeTruthy();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(stack.playgroundUrl!);
  await page.getByRole("treeitem", { name: "Personal Chat" }).click();
});

afterAll(async () => {
  // Leave the shared Playground chat as the programledare it started as.
  if (page) await say(`som ${PROGRAM_MANAGER}`).catch(() => undefined);
  await browser?.close();
});

describe("risk review reminders in the Agents Playground", () => {
  it("a due review reaches its owner once; reviewing from the card moves the next review date", async () => {
    await say(`som ${OWNER}`);
    await page.getByText(`Du agerar nu som ${OWNER}`).last().waitFor({ timeout: 20_000 });
    // The next message stores this chat as the owner's conversation (the bot keeps one per user).
    const helpCards = await cardWith("hjälp").count();
    await say("hjälp");
    await eventually(async () => expect(await cardWith("hjälp").count()).toBeGreaterThan(helpCards), { timeout: 20_000 });

    const title = `Granskningsrisk ${Date.now().toString(36)}`;
    const created = await api<RiskAnswer>("POST", "/risks", OFFICE, {
      title,
      description: "Kompetensförsörjningen i hemsjukvården är osäker.",
      category: "program",
      probability: 2,
      consequence: 3,
      owner: OWNER,
      nextReviewDate: daysAgo(3),
    });
    expect(created.status).toBe(201);

    const reminder = cardWith("Risker att granska").filter({ hasText: title });
    await eventually(async () => expect(await reminder.count()).toBe(1), { timeout: 90_000 });

    // Another sweep runs (it reminds an owner without a conversation, recorded as no_conversation) and the owner
    // still has one card and one delivery.
    const other = await api<RiskAnswer>("POST", "/risks", OFFICE, {
      title: `${title} (beställaren)`,
      description: "",
      category: "program",
      owner: UNREACHABLE_OWNER,
      nextReviewDate: daysAgo(1),
    });
    expect(other.status).toBe(201);
    await eventually(async () => expect((await remindersTo(UNREACHABLE_OWNER)).length).toBeGreaterThan(0), { timeout: 90_000 });
    expect(await cardWith("Risker att granska").filter({ hasText: title }).count()).toBe(1);
    expect((await remindersTo(OWNER)).map((d) => d.outcome)).toEqual(["sent"]);

    // Granska → the review card in place of the reminder; Spara → the risk's card with the next review date.
    await reminder.getByRole("button", { name: "Granska" }).click();
    const review = cardWith(`Granska: ${title}`);
    await review.waitFor({ timeout: 20_000 });
    await review.getByLabel("Anteckning").fill("Oförändrat sedan förra månaden.");
    await review.getByRole("button", { name: "Spara granskningen" }).click();
    const done = cardWith(`Granskad: ${title}`);
    await done.waitFor({ timeout: 20_000 });

    const after = await api<RiskAnswer>("GET", `/risks/${created.json.id}`, OFFICE);
    expect(after.json.nextReviewDate! > created.json.nextReviewDate!).toBe(true);
    expect(after.json.nextReviewDate! > daysAgo(0)).toBe(true);
    expect(after.json.history?.[0]).toMatchObject({ action: "reviewed", note: "Oförändrat sedan förra månaden." });
    expect(await done.textContent()).toContain(`Nästa granskning`);
  });
});

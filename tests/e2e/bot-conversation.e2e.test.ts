import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../setup/provided.js";
import { eventually } from "../support/eventually.js";
import type { Browser, Locator, Page } from "playwright-core";
import nodemailer from "nodemailer";
import { launchBrowser } from "./browser.js";

/**
 * The bot end to end: the whole local stack (API, bot with its notification worker, Azurite) and the Microsoft 365
 * Agents Playground, driven in Debian's Chromium like a person would. The Playground's user is the programledare
 * (bot/playground/.m365agentsplayground.yml); `som [e-post]` makes a conversation act as another demo user.
 * Waits are on visible text, never on sleeps.
 */
const stack = inject("stack");
const BOT_NAME = "Nära vård";
const PROJECT_LEADER = "projektledare1@naravard.test";
const PROGRAM_MANAGER = "programledare@naravard.test";

let browser: Browser;
let page: Page;

/** Every Adaptive Card the Playground shows in the open conversation. */
const cards = () => page.locator(".ac-adaptiveCard");
const cardWith = (text: string | RegExp) => cards().filter({ hasText: text });
/** The chat's compose box (personal chat) or the channel's "Start a new post" box. */
const composer = () => page.locator("[data-lexical-editor=true]").first();

async function openChat(name: "Personal Chat" | "Programkontoret"): Promise<void> {
  await page.getByRole("treeitem", { name: name === "Personal Chat" ? "Personal Chat" : /Programkontoret/ }).click();
}

/** Types a message in the personal chat and sends it. */
async function say(text: string): Promise<void> {
  await composer().click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** Posts a new message in the open channel, mentioning the bot (Teams delivers channel posts to a bot only then). */
async function post(text: string): Promise<void> {
  await composer().click();
  await page.keyboard.type(`@${BOT_NAME.split(" ")[0]}`);
  await page.getByRole("option", { name: BOT_NAME }).or(page.getByText(BOT_NAME, { exact: true })).last().click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole("button", { name: "Post" }).click();
}

/** Waits until a new card matching `text` appears after `action` (cards already there do not count). */
async function expectNewCard(text: string | RegExp, action: () => Promise<void>): Promise<Locator> {
  const before = await cardWith(text).count();
  await action();
  await eventually(async () => expect(await cardWith(text).count()).toBeGreaterThan(before), { timeout: 20_000 });
  return cardWith(text).last();
}

/** Waits until the conversation shows the text `count` times or more (plain bot messages). */
async function expectText(text: string, atLeast = 1): Promise<void> {
  await eventually(async () => expect(await page.getByText(text, { exact: false }).count()).toBeGreaterThanOrEqual(atLeast), { timeout: 20_000 });
}

beforeAll(async () => {
  expect(stack.playgroundUrl).toBeTruthy();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(stack.playgroundUrl!);
  await openChat("Personal Chat");
});

afterAll(async () => {
  await browser?.close();
});

describe("the bot in the Agents Playground", () => {
  it("welcomes in the personal chat when installed", async () => {
    // The Playground installs the bot into the personal chat on load; the bot answers with a welcome and the help card.
    await expectText("Hej! Jag är boten för Nära vård i Teams");
  });

  it("answers hjälp with the help card", async () => {
    const card = await expectNewCard("projekt [del av namn]", () => say("hjälp"));
    for (const text of ["portfölj", "ansök", "programkontor"]) await eventually(async () => expect(await card.textContent()).toContain(text));
    await eventually(async () => expect(await card.getByRole("link", { name: "Öppna portföljen" }).or(card.getByRole("button", { name: "Öppna portföljen" })).count()).toBe(1));
  });

  it("sums up the seeded portfolio on portfölj", async () => {
    const card = await expectNewCard("Utvecklingsportföljen", () => say("portfolj"));
    const text = (await card.textContent()) ?? "";
    for (const name of ["Påverkbar slutenvård", "Barn och unga i Ånge", "Multidisciplinärt demensarbete", "SIP på distans"]) expect(text).toContain(name);
    expect(text).toContain("Per status");
    expect(text).toMatch(/Pågående\s*\d+/);
    // The counts by colour come from the API's summary (GET /api/projects/summary), one call.
    expect(text).toContain("Per färg i senaste statusrapporten");
    expect(text).toMatch(/Ingen statusrapport\s*\d+/);
    expect(text).toMatch(/Grön|Gul|Röd/);
  });

  it("shows one effort on projekt påverkbar", async () => {
    const card = await expectNewCard(/Påverkbar slutenvård[\s\S]*Ägarorganisation/, () => say("projekt påverkbar"));
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("Samverkan mellan region och kommun/kommuner");
    expect(text).toContain("Öppna i portföljen");
  });

  it("offers a choice when several efforts match, and shows the chosen one in place", async () => {
    const choice = await expectNewCard("Flera utvecklingsarbeten matchar", () => say("projekt barn"));
    await choice.getByRole("button", { name: "Barn och unga i Ånge" }).click();
    await eventually(async () => expect(await cards().filter({ hasText: /Barn och unga i Ånge[\s\S]*Ägarorganisation/ }).count()).toBeGreaterThan(0), { timeout: 20_000 });
  });

  it("points to hjälp when it does not understand", async () => {
    await say("vad blir det för väder");
    await expectText("Skriv hjälp för att se vad jag kan");
  });

  it("takes an application: the API's error on the card with every input kept, then a confirmation in place", async () => {
    const name = `Trygg hemgång i Ånge ${Date.now().toString(36)}`;
    await say(`som ${PROJECT_LEADER}`);
    await expectText(`Du agerar nu som ${PROJECT_LEADER}`);
    try {
      const form = await expectNewCard("Ansökan om att ingå i utvecklingsportföljen", () => say("ansök"));
      await eventually(async () => expect(await form.getByLabel("Projektledarens e-post").inputValue()).toBe(PROJECT_LEADER));
      await form.getByLabel("Utvecklingsarbetets namn").fill(name);
      await form.getByLabel("Projektidé och beskrivning").fill("Samordnad hemgång från sjukhus för äldre i Ånge, med kommunens hemtjänst och regionens primärvård.");
      await form.getByRole("combobox", { name: /Ägarorganisation/ }).click();
      await page.getByRole("option", { name: "Ånge kommun" }).click();
      // Only the mandatory criterion: the API's inclusion rule wants at least one more.
      await form.getByRole("checkbox", { name: /Samverkan mellan region och kommun/ }).check();
      await form.getByRole("button", { name: "Skicka in ansökan" }).click();

      const rejected = cardWith("Ansökan kunde inte skickas in").last();
      await eventually(async () => expect(await cardWith("Ansökan kunde inte skickas in").count()).toBeGreaterThan(0), { timeout: 20_000 });
      await eventually(async () => expect(await rejected.textContent()).toMatch(/Minst ett kriterium till måste vara uppfyllt/));
      // Everything typed is still there.
      expect(await rejected.getByLabel("Utvecklingsarbetets namn").inputValue()).toBe(name);
      expect(await rejected.getByLabel("Projektidé och beskrivning").inputValue()).toContain("Samordnad hemgång");
      expect(await rejected.getByRole("combobox", { name: /Ägarorganisation/ }).inputValue()).toBe("Ånge kommun");
      expect(await rejected.getByRole("checkbox", { name: /Samverkan mellan region och kommun/ }).isChecked()).toBe(true);

      await rejected.getByRole("checkbox", { name: /Personcentrerat förhållningssätt/ }).check();
      await rejected.getByRole("button", { name: "Skicka in ansökan" }).click();
      const confirmation = cardWith(`Ansökan inlämnad: ${name} – programkontoret bedömer den`);
      await eventually(async () => expect(await confirmation.count()).toBe(1), { timeout: 20_000 });
      // The form is gone (replaced in place): no second submit is possible from it.
      expect(await confirmation.getByRole("button", { name: "Skicka in ansökan" }).count()).toBe(0);
      expect(await cardWith(name).getByRole("button", { name: "Skicka in ansökan" }).count()).toBe(0);
    } finally {
      await say(`som ${PROGRAM_MANAGER}`);
      await expectText(`Du agerar nu som ${PROGRAM_MANAGER}`);
    }
  });

  it("posts the assessment card in the program office channel once an application arrives", async () => {
    await openChat("Programkontoret");
    await post("programkontor");
    await expectText("är nu programkontorets kanal");

    const name = `Digital vårdplanering ${Date.now().toString(36)}`;
    await openChat("Personal Chat");
    const form = await expectNewCard("Ansökan om att ingå i utvecklingsportföljen", () => say("ansök"));
    await form.getByLabel("Utvecklingsarbetets namn").fill(name);
    await form.getByLabel("Projektidé och beskrivning").fill("Gemensam digital vårdplanering mellan kommun och region vid utskrivning.");
    await form.getByRole("combobox", { name: /Ägarorganisation/ }).click();
    await page.getByRole("option", { name: "Sundsvalls kommun" }).click();
    await form.getByRole("checkbox", { name: /Samverkan mellan region och kommun/ }).check();
    await form.getByRole("checkbox", { name: /Utvecklad tillgänglighet/ }).check();
    await form.getByRole("button", { name: "Skicka in ansökan" }).click();
    await eventually(async () => expect(await cardWith(`Ansökan inlämnad: ${name}`).count()).toBe(1), { timeout: 20_000 });

    await openChat("Programkontoret");
    const assessment = cardWith(`Ny ansökan att bedöma: ${name}`);
    await eventually(async () => expect(await assessment.count()).toBe(1), { timeout: 60_000 });
    expect(await assessment.textContent()).toContain("Sundsvalls kommun");
  });

  it("creates one application when the same card is submitted twice at once (Idempotency-Key from the card)", async () => {
    const name = `Dubbelklick ${Date.now().toString(36)}`;
    const invoke = {
      type: "invoke",
      name: "adaptiveCard/action",
      channelId: "msteams",
      serviceUrl: `${stack.playgroundUrl}/_connector`,
      locale: "sv-SE",
      from: { id: "e2e-user", name: "E2E" },
      recipient: { id: "00000000-0000-0000-0000-00000000000011", name: BOT_NAME },
      conversation: { id: `e2e-double-submit-${Date.now()}`, conversationType: "groupChat", isGroup: true },
      value: {
        action: {
          type: "Action.Execute",
          verb: "submitApplication",
          data: {
            verb: "submitApplication",
            cardId: crypto.randomUUID(),
            name,
            description: "Samma kort skickat två gånger samtidigt.",
            ownerOrganisationId: "timra",
            projectLeaderName: "Annika Strömberg",
            criteriaIds: "samverkan-region-kommun,halsoframjande",
            financingSecured: "false",
          },
        },
      },
    };
    const submit = () =>
      fetch(stack.botUrl!, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(invoke) }).then(async (res) => {
        expect(res.status).toBe(200);
        return JSON.stringify(await res.json());
      });
    const [first, second] = await Promise.all([submit(), submit()]);
    expect(first).toContain(`Ansökan inlämnad: ${name}`);
    expect(second).toContain(`Ansökan inlämnad: ${name}`);
    const effortLink = (body: string) => /portfolio%3Feffort%3D([a-z0-9_-]+)/.exec(body)?.[1];
    expect(effortLink(first)).toBeTruthy();
    expect(effortLink(second)).toBe(effortLink(first));

    const res = await fetch(`${stack.apiUrl}/projects?pageSize=100&status=ansokan_inlamnad`, { headers: { "x-dev-user": PROGRAM_MANAGER } });
    const page = (await res.json()) as { items: Array<{ name: string }> };
    expect(page.items.filter((p) => p.name === name)).toHaveLength(1);
  });

  it("an escalation reaches the programledare as one card however often its source is raised; acting on it updates the card in place", async () => {
    await openChat("Personal Chat");
    const title = `Bemanningsrisk ${Date.now().toString(36)}`;
    const api = (method: string, path: string, user: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { "x-dev-user": user, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (res) => ({ status: res.status, etag: res.headers.get("etag") ?? "", json: (await res.json()) as { id: string; level: string } }));
    const input = { title, description: "Två kommuner saknar personal till hösten.", urgency: "normal", source: { kind: "risk", id: `risk-${title}` } };
    const raised = await Promise.all([
      api("POST", "/escalations", "forandringsledare1@naravard.test", input),
      api("POST", "/escalations", "koordinator@naravard.test", input),
      api("POST", "/escalations", "forandringsledare1@naravard.test", input),
    ]);
    expect(raised.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const id = raised[0].json.id;

    const card = cardWith(`Eskalering: ${title}`);
    await eventually(async () => expect(await card.count()).toBe(1), { timeout: 60_000 });
    await card.getByRole("button", { name: "Eskalera vidare" }).first().click();
    await card.getByLabel("Motivering till nästa nivå").fill("Resursfrågan ligger utanför programmets mandat.");
    await card.getByRole("button", { name: "Eskalera vidare" }).last().click();
    await eventually(async () => expect(await cardWith(`Eskalering: ${title}`).textContent()).toContain("Klart: du eskalerade vidare"), { timeout: 20_000 });
    const atChair = await api("GET", `/escalations/${id}`, "styrgrupp.ordforande@naravard.test");
    expect(atChair.json.level).toBe("styrgrupp_ordforande");

    // The chair decides (in the tab or their own chat); the programledare's copy shows the outcome in place.
    const decided = await api("POST", `/escalations/${id}/actions`, "styrgrupp.ordforande@naravard.test", { action: "decide", decision: "Regionen bemannar tills vidare.", rationale: "Patientsäkerheten går först." }, { "If-Match": atChair.etag });
    expect(decided.status).toBe(200);
    await eventually(async () => expect(await cardWith(`Eskalering: ${title}`).textContent()).toContain("Regionen bemannar tills vidare."), { timeout: 60_000 });
    expect(await cardWith(`Eskalering: ${title}`).count()).toBe(1);
    const log = await fetch(`${stack.apiUrl}/decisions?escalationId=${id}`, { headers: { "x-dev-user": PROGRAM_MANAGER } }).then((r) => r.json() as Promise<{ items: Array<{ bodyName: string }> }>);
    expect(log.items.map((d) => d.bodyName)).toEqual(["Programstyrgrupp"]);
  });

  it("brings a survey card to the recipient's 1:1 chat; answering on the card stores one answer and thanks in place", async () => {
    await openChat("Personal Chat");
    const api = async (path: string, user: string, method = "GET", body?: unknown) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { "x-dev-user": user, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { id: string; responses: number; items: Array<{ questionId: string; mean?: number }> };
    };
    const title = `Lärseminarium ${Date.now().toString(36)}`;
    const participant = "deltagare1@naravard.test";
    // This chat acts as the programledare now: the cards of those it acted as before (`som`) no longer land here.
    const chair = "styrgrupp.ordforande@naravard.test";
    const round = await api("/surveys", PROGRAM_MANAGER, "POST", {
      kind: "activity",
      title,
      activity: { name: "Digitalt Väntrum", date: new Date().toISOString().slice(0, 10), programAreaId: "digital-formaga" },
      recipients: [PROGRAM_MANAGER, chair, participant],
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const card = cardWith(title);
    await eventually(async () => expect(await card.count()).toBe(1), { timeout: 60_000 });
    expect(await card.textContent()).toContain("kopplas bort från ditt namn");
    const fours = card.locator('input[type="radio"][value="4"]');
    await eventually(async () => expect(await fours.count()).toBe(8));
    for (let i = 0; i < 8; i++) await fours.nth(i).check();
    await card.getByRole("button", { name: "Skicka svar" }).click();
    const thanks = cardWith("Tack – ditt svar är sparat").filter({ hasText: title });
    await eventually(async () => expect(await thanks.count()).toBe(1), { timeout: 20_000 });

    // Changing the answer on the card replaces it: still one answer.
    await thanks.getByRole("button", { name: "Ändra svaret" }).click();
    await eventually(async () => expect(await card.locator('input[type="radio"][value="4"]:checked').count()).toBe(8), { timeout: 20_000 });
    const twos = card.locator('input[type="radio"][value="2"]');
    for (let i = 0; i < 8; i++) await twos.nth(i).check();
    await card.getByRole("button", { name: "Skicka svar" }).click();
    await eventually(async () => expect(await thanks.count()).toBe(1), { timeout: 20_000 });

    const one = await api(`/surveys/${round.id}/results`, PROGRAM_MANAGER);
    expect(one.responses).toBe(1);
    expect(one.items.find((i) => i.questionId === "innehall")?.mean).toBeUndefined();
    const rate = (n: number) => ({ innehall: n, mojlighet: n, nytta: n, "strategiskt-mal": n, larande: n, samverkan: n, expert: n, engagemang: n });
    await api(`/surveys/${round.id}/responses/me`, chair, "PUT", { answers: rate(5) });
    await api(`/surveys/${round.id}/responses/me`, participant, "PUT", { answers: rate(5) });
    const three = await api(`/surveys/${round.id}/results`, PROGRAM_MANAGER);
    expect(three.responses).toBe(3);
    expect(three.items.find((i) => i.questionId === "innehall")?.mean).toBe(4);
  });

  it("a mail to the shared mailbox appears once as a card in the program office channel, and the card changes in place when taken", async () => {
    await openChat("Programkontoret");
    await post("programkontor");
    await expectText("är nu programkontorets kanal");

    const subject = `Fråga om anslutning ${Date.now().toString(36)}`;
    const [host = "127.0.0.1", port = "0"] = stack.smtp.split(":");
    const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
    const mail = { from: "Anna Berg <anna.berg@example.se>", to: "naravard@rvn.se", subject, text: "Jag har diabetes och undrar hur vi ansluter.", messageId: `<${subject.replace(/\W/g, "")}@example.se>` };
    await transport.sendMail(mail);
    await transport.sendMail(mail);

    const card = cardWith(subject);
    await eventually(async () => expect(await card.count()).toBe(1), { timeout: 60_000 });
    expect(await card.textContent()).toContain("Nytt ärende i funktionsbrevlådan");
    expect(await card.textContent()).not.toContain("diabetes");

    // A change leader takes it (in their own Teams): everyone's copy of the channel card shows it, in place.
    const leader = { "x-dev-user": "forandringsledare1@naravard.test" };
    const list = (await fetch(`${stack.apiUrl}/inquiries?status=new`, { headers: leader }).then((r) => r.json())) as { items: Array<{ id: string; subject: string; etag: string }> };
    const inquiry = list.items.find((i) => i.subject === subject);
    expect(inquiry).toBeDefined();
    const taken = await fetch(`${stack.apiUrl}/inquiries/${inquiry!.id}/assign`, {
      method: "POST",
      headers: { ...leader, "Content-Type": "application/json", "If-Match": inquiry!.etag },
      body: JSON.stringify({ assignee: "forandringsledare1@naravard.test" }),
    });
    expect(taken.status).toBe(200);
    await eventually(async () => expect(await cardWith(subject).textContent()).toContain("Ärendet har tagits av forandringsledare1@naravard.test"), { timeout: 60_000 });
    expect(await cardWith(subject).count()).toBe(1);
  });
});

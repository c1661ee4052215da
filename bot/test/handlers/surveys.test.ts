import { randomBytes } from "node:crypto";
import { ACTING_USER_HEADER, createApiClient, DEMO_USERS, DEV_USER_HEADER, type ApiClient, type SurveyRound } from "@naravard/api/contracts";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../../tests/setup/provided.js";
import { createServices } from "../../../api/src/app.js";
import { loadConfig } from "../../../api/src/config.js";
import { startLocalServer } from "../../../api/src/local/server.js";
import { routes } from "../../../api/src/routes.js";
import { silentLogger } from "../../../api/src/services/log.js";
import { renderNotification } from "../../src/notifications/cards.js";
import { answerSurvey, editSurvey, escalateSurveyAnswer, refreshSurvey } from "../../src/handlers/surveyAnswer.js";
import { mySurveys } from "../../src/handlers/mySurveys.js";
import { createSurvey, deadlineOf, submitSurveyCreate } from "../../src/handlers/createSurvey.js";
import { resolveCommand } from "../../src/handlers/index.js";
import { allText, byId } from "../support/cardQuery.js";
import { input, TEST_LINKS } from "../support/env.js";

/**
 * The survey card against the REAL API (route table, services, Azurite): what the queue carries renders as the
 * card, and answering on it goes through `PUT /api/surveys/{id}/responses/me` acting for the user.
 */
let baseUrl = "";
let close: () => Promise<void> = () => Promise.resolve();
let office: ApiClient;
let round: SurveyRound;
function must<T>(value: T | undefined): T {
  expect(value).toBeDefined();
  return value as T;
}
const hex = () => randomBytes(4).toString("hex");
const actingFor = (email: string) => createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.bot, [ACTING_USER_HEADER]: email }) });

beforeAll(async () => {
  const config = loadConfig({ NARAVARD_MODE: "local", STORAGE_CONNECTION_STRING: inject("storageConnectionString"), TABLE_PREFIX: `s${hex()}`, PROGRAM_ID: `p${hex()}`, NOTIFICATIONS_QUEUE: `q${hex()}` });
  const services = await createServices(config, { log: silentLogger });
  const server = await startLocalServer(services, { table: routes, port: 0, host: "127.0.0.1", logHandler: () => undefined });
  baseUrl = `${server.url}/api`;
  close = () => server.close();
  office = createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: DEMO_USERS.programledare }) });
  round = await office.createSurvey({
    kind: "activity",
    title: "Lärseminarium: Digitalt Väntrum",
    activity: { name: "Digitalt Väntrum", date: "2026-02-01", programAreaId: "digital-formaga" },
    recipients: [DEMO_USERS.deltagare1, DEMO_USERS.projektledare1, DEMO_USERS.programledare],
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
});
afterAll(async () => {
  await close();
});

const ratings = (n: string) => ({ q_innehall: n, q_mojlighet: n, q_nytta: n, "q_strategiskt-mal": n, q_larande: n, q_samverkan: n, q_expert: n, q_engagemang: n });

describe("the survey card", () => {
  it("the queued card shows the round, the one-line GDPR note and a 1–5 choice per item", () => {
    const { attachment, summary } = renderNotification(
      {
        id: `survey_request:${round.id}:x`,
        kind: "survey_request",
        programId: "p",
        createdAt: new Date().toISOString(),
        target: { kind: "user", email: DEMO_USERS.deltagare1 },
        reminder: 0,
        survey: { id: round.id, kind: round.kind, title: round.title, deadline: round.deadline, activityName: "Digitalt Väntrum", questions: round.questions },
      },
      "sv",
      TEST_LINKS,
    );
    expect(summary).toBe("Enkät: Lärseminarium: Digitalt Väntrum");
    const text = allText(attachment);
    expect(text).toContain("Aktivitet: Digitalt Väntrum");
    expect(text).toContain("kopplas bort från ditt namn när enkäten stänger");
    const item = byId(attachment, "q_innehall");
    expect(item?.style).toBe("expanded");
    expect((item?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("answering on the card stores the answer and turns the card into “Tack – ditt svar är sparat”; a double click stores one", async () => {
    const api = actingFor(DEMO_USERS.deltagare1);
    const args = { surveyId: round.id, projectId: "", ...ratings("4"), q_fritext: "Bra exempel" };
    const reply = await answerSurvey(input(args, { api, user: { email: DEMO_USERS.deltagare1 } }));
    const again = await answerSurvey(input(args, { api, user: { email: DEMO_USERS.deltagare1 } }));
    for (const r of [reply, again]) {
      const text = allText(must(r.updatedCard));
      expect(text).toContain("Tack – ditt svar är sparat");
      expect(text).toContain("Bra exempel");
      expect(text).toMatch(/Du kan ändra det till \d{4}-\d{2}-\d{2}/);
    }
    const results = await office.surveyResults(round.id);
    expect(results.responses).toBe(1);
    expect(results.items[0]).not.toHaveProperty("mean");
  });

  it("a refused answer comes back on the card with every value kept and the message at the question", async () => {
    const api = actingFor(DEMO_USERS.projektledare1);
    const reply = await answerSurvey(input({ surveyId: round.id, projectId: "", ...ratings("3"), q_nytta: "7", q_fritext: "Behåll mig" }, { api }));
    const card = must(reply.updatedCard);
    expect(allText(card)).toContain("Svaret ska vara en siffra från 1 till 5.");
    expect(byId(card, "q_innehall")?.value).toBe("3");
    expect(byId(card, "q_fritext")?.value).toBe("Behåll mig");
    expect((await office.surveyResults(round.id)).responses).toBe(1);
  });

  it("“ändra” shows the saved answer; refresh shows the current state", async () => {
    const api = actingFor(DEMO_USERS.deltagare1);
    const edit = await editSurvey(input({ surveyId: round.id, projectId: "" }, { api }));
    expect(byId(must(edit.updatedCard), "q_innehall")?.value).toBe("4");
    const refreshed = await refreshSurvey(input({ surveyId: round.id, projectId: "" }, { api }));
    expect(allText(must(refreshed.updatedCard))).toContain("Tack – ditt svar är sparat");
    const other = await refreshSurvey(input({ surveyId: round.id, projectId: "" }, { api: actingFor(DEMO_USERS.projektledare1) }));
    expect(byId(must(other.updatedCard), "q_innehall")).toBeTruthy();
  });

  it("`mina enkäter` lists the rounds still waiting for the user's answer, as cards", async () => {
    expect(resolveCommand("mina enkäter", "local").name).toBe("mySurveys");
    expect(resolveCommand("enkäter", "local").name).toBe("mySurveys");
    const waiting = await mySurveys(input("", { api: actingFor(DEMO_USERS.projektledare1) }));
    expect(waiting.text).toBe("En enkät väntar på ditt svar:");
    expect(waiting.cards).toHaveLength(1);
    const done = await mySurveys(input("", { api: actingFor(DEMO_USERS.deltagare1) }));
    expect(done.text).toBe("Inga enkäter väntar på ditt svar.");
    expect(done.cards).toBeUndefined();
  });

  it("a status answer with a deviation offers “Eskalera avvikelsen”; escalating marks the card", async () => {
    const as = (email: string) => createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: email }) });
    const leader = DEMO_USERS.projektledare1;
    const applied = await as(leader).apply({
      name: "Trygg hemgång i Timrå",
      description: "Samordnad hemgång från sjukhus för äldre med kommunal hemsjukvård.",
      ownerOrganisationId: "timra",
      projectLeader: { name: "Annika Strömberg", email: leader },
      criteriaIds: ["samverkan-region-kommun", "tillganglighet"],
      financing: { secured: true },
    });
    const assessed = await as(DEMO_USERS.koordinator).assess(
      applied.id,
      { criteria: [{ criterionId: "samverkan-region-kommun", met: true }, { criterionId: "tillganglighet", met: true }], summary: "Ok", recommendation: "inkludera" },
      applied.etag,
    );
    const included = await as(DEMO_USERS.ordforande).decide(assessed.id, { outcome: "inkluderad", rationale: "Uppfyller kriterierna" }, assessed.etag);
    await as(DEMO_USERS.koordinator).changeStatus(included.id, { status: "pagaende" }, included.etag);
    const status = await office.createSurvey({ kind: "status", title: "Status inför junirapporten", recipients: [leader], deadline: new Date(Date.now() + 86_400_000).toISOString() });

    const api = actingFor(leader);
    const saved = await answerSurvey(input({ surveyId: status.id, projectId: applied.id, q_overall: "rod", q_deviations: "Bemanningen räcker inte." }, { api }));
    const card = must(saved.updatedCard);
    expect(allText(card)).toContain("Eskalera avvikelsen");
    const escalated = await escalateSurveyAnswer(input({ surveyId: status.id, projectId: applied.id }, { api }));
    const after = must(escalated.updatedCard);
    expect(allText(after)).toContain("Avvikelsen är eskalerad – den ligger nu hos: Programledare.");
    expect(allText(after)).not.toContain("Eskalera avvikelsen");
    await escalateSurveyAnswer(input({ surveyId: status.id, projectId: applied.id }, { api }));
    // The real escalations service: one escalation for the answer, at the programledare, however often it is raised.
    const raised = await office.listEscalations({ sourceKind: "survey_answer" });
    expect(raised.items.map((e) => [e.projectId, e.level, e.urgency])).toEqual([[applied.id, "programledare", "akut"]]);
    expect((await office.getProject(applied.id)).latestStatus?.colour).toBe("rod");
  });
});

describe("`enkät`: the program office opens a round from a card", () => {
  const as = (email: string) => createApiClient({ baseUrl, headers: () => ({ [DEV_USER_HEADER]: email }) });
  const form = (over: Record<string, string>) => ({
    cardId: "kort-enkat-1",
    kind: "activity",
    title: "Lärseminarium: Hemsjukvård",
    activityName: "Hemsjukvård",
    activityDate: "2026-02-10",
    programAreaId: "digital-formaga",
    recipientMode: "people",
    recipients: `${DEMO_USERS.deltagare1}, ${DEMO_USERS.projektledare1}\n${DEMO_USERS.programledare}`,
    deadline: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    remind: "true",
    ...over,
  });

  it("is a command for the program office; others are pointed to `mina enkäter`", async () => {
    expect(resolveCommand("enkät", "local").name).toBe("createSurvey");
    expect(resolveCommand("mina enkäter", "local").name).toBe("mySurveys");
    const card = await createSurvey(input("", { api: as(DEMO_USERS.programledare) }));
    const only = must(card.cards?.[0]);
    expect(byId(only, "kind")).toBeDefined();
    expect((byId(only, "programAreaId")?.choices as Array<{ value: string }>).map((c) => c.value)).toContain("digital-formaga");
    const refused = await createSurvey(input("", { api: as(DEMO_USERS.deltagare1) }));
    expect(refused.cards).toBeUndefined();
    expect(refused.text).toContain("mina enkäter");
  });

  it("a refusal comes back on the card with every value kept and the message at the input; then one round, also on a double click", async () => {
    const api = as(DEMO_USERS.programledare);
    const bad = await submitSurveyCreate(input(form({ activityDate: "", recipients: "inte-en-adress" }), { api }));
    const card = must(bad.updatedCard);
    expect(byId(card, "title")?.value).toBe("Lärseminarium: Hemsjukvård");
    expect(byId(card, "recipients")?.errorMessage).toBeTruthy();
    expect(byId(card, "activityDate")?.errorMessage).toBeTruthy();
    expect((await office.listSurveys({ pageSize: 100 })).items.filter((r) => r.title === "Lärseminarium: Hemsjukvård")).toHaveLength(0);

    const [first, second] = await Promise.all([submitSurveyCreate(input(form({}), { api })), submitSurveyCreate(input(form({}), { api }))]);
    expect(allText(must(first.updatedCard))).toContain("Enkäten ”Lärseminarium: Hemsjukvård” är skickad");
    expect(allText(must(second.updatedCard))).toContain("3 mottagare");
    const created = (await office.listSurveys({ pageSize: 100 })).items.filter((r) => r.title === "Lärseminarium: Hemsjukvård");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ kind: "activity", recipientCount: 3, activity: { name: "Hemsjukvård", date: "2026-02-10", programAreaId: "digital-formaga" } });
    // The last answering day ends at 23:59 in Stockholm; the reminder comes two days before.
    expect(created[0]?.deadline).toBe(deadlineOf(form({}).deadline));
    expect(created[0]?.reminders).toEqual([new Date(Date.parse(created[0]?.deadline ?? "") - 2 * 86_400_000).toISOString()]);
  });

  it("the deadline is 23:59 Swedish time, in winter and in summer", () => {
    expect(deadlineOf("2026-01-15")).toBe("2026-01-15T22:59:00.000Z");
    expect(deadlineOf("2026-06-15")).toBe("2026-06-15T21:59:00.000Z");
  });
});

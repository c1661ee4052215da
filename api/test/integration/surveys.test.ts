import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { z } from "zod";
import {
  ACTING_USER_HEADER,
  PortfolioSummarySchema,
  SurveyEscalationSchema,
  SurveyRecipientsReportSchema,
  SurveyResponseSchema,
  SurveyResultsSchema,
  SurveyRoundSchema,
  SurveySummarySchema,
  type Project,
  type SurveyRound,
} from "../../src/contracts/index.js";
import { fixedClock } from "../../src/domain/clock.js";
import { application, R, startTestApi, USERS, type TestApi } from "../helpers.js";

const clock = fixedClock("2026-02-02T08:00:00.000Z");
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { clock });
});
afterAll(async () => {
  await api.close();
});

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(clock().getTime() + h * HOUR).toISOString();
/** Someone from a municipality who took part in the activity: not a program member. */
const EXTERNAL = "deltagare.extern@kramfors.example";
const asBotFor = (email: string) => ({ user: USERS.bot, headers: { [ACTING_USER_HEADER]: email } });

async function createRound(body: Record<string, unknown>, user: string = USERS.programledare): Promise<SurveyRound> {
  const r = await api.call("POST", "/api/surveys", { user, body });
  expect({ status: r.status, body: r.json }).toMatchObject({ status: 201 });
  return r.as(SurveyRoundSchema);
}

const activityRound = (recipients: unknown, extra: Record<string, unknown> = {}) => ({
  kind: "activity",
  title: "Lärseminarium: Personcentrering",
  activity: { name: "Personcentrering", date: "2026-02-01", programAreaId: "personcentrerat" },
  recipients,
  deadline: inHours(24 * 7),
  ...extra,
});

const ratings = (n: number) => ({ innehall: n, mojlighet: n, nytta: n, "strategiskt-mal": n, larande: n, samverkan: n, expert: n, engagemang: n });
const answer = (id: string, answers: Record<string, unknown>, who: { user?: string; headers?: Record<string, string> }) =>
  api.call("PUT", `/api/surveys/${id}/responses/me`, { ...who, body: { answers } });
const results = async (id: string) => {
  const r = await api.call("GET", `/api/surveys/${id}/results`);
  expect({ status: r.status, body: r.json }).toMatchObject({ status: 200 });
  return r.as(SurveyResultsSchema);
};

describe("an activity survey (PP 9.2.1)", () => {
  let round: SurveyRound;

  it("the program office creates it with the eight 1–5 items and free text; each recipient's card goes on the queue", async () => {
    round = await createRound(activityRound([USERS.programledare, USERS.deltagare, EXTERNAL]));
    expect(round.questions.filter((q) => q.kind === "rating")).toHaveLength(8);
    expect(round.questions.map((q) => q.kind)).toContain("text");
    expect(round.recipientCount).toBe(3);
    expect(round.status).toBe("open");
    const cards = (await api.notifications()).filter((n) => n.kind === "survey_request" && n.survey.id === round.id);
    expect(cards.map((n) => n.target.kind === "user" && n.target.email).sort()).toEqual([EXTERNAL, USERS.deltagare, USERS.programledare].sort());
    expect(new Set(cards.map((n) => n.id)).size).toBe(3);
  });

  it("a participant without a role may not create one (403); an activity survey without its activity is 400 naming it", async () => {
    expect((await api.call("POST", "/api/surveys", { user: USERS.deltagare, body: activityRound([USERS.deltagare]) })).status).toBe(403);
    const r = await api.call("POST", "/api/surveys", { body: { ...activityRound([USERS.deltagare]), activity: undefined } });
    expect(r.status).toBe(400);
    expect(r.err().details.map((d) => d.field)).toContain("activity");
    const late = await api.call("POST", "/api/surveys", { body: activityRound([USERS.deltagare], { deadline: inHours(-1) }) });
    expect(late.status).toBe(400);
    expect(late.err().details.map((d) => d.field)).toContain("deadline");
  });

  it("only recipients may answer: a member who is not asked gets 403", async () => {
    const r = await answer(round.id, ratings(4), { user: USERS.koordinator });
    expect(r.status).toBe(403);
    expect(r.err().message).toBe("Du är inte mottagare av den här enkäten.");
  });

  it("a rating outside 1–5 or an unknown question is 400 naming the field, and nothing is stored", async () => {
    const bad = await answer(round.id, { ...ratings(4), innehall: 6 }, { user: USERS.deltagare });
    expect(bad.status).toBe(400);
    expect(bad.err().details).toContainEqual({ field: "answers.innehall", message: "Svaret ska vara en siffra från 1 till 5." });
    const unknown = await answer(round.id, { ...ratings(4), vadsomhelst: 3 }, { user: USERS.deltagare });
    expect(unknown.status).toBe(400);
    expect(unknown.err().details.map((d) => d.field)).toEqual(["answers.vadsomhelst"]);
    expect((await results(round.id)).responses).toBe(0);
  });

  it("one answer stores one; answering again replaces it (still one); with one answer no figures are shown", async () => {
    const first = await answer(round.id, { ...ratings(2), fritext: "Bra talare" }, { user: USERS.deltagare });
    expect({ status: first.status, body: first.json }).toMatchObject({ status: 200 });
    const again = await answer(round.id, { ...ratings(4), fritext: "Mycket bra talare" }, { user: USERS.deltagare });
    expect(again.status).toBe(200);
    expect(again.as(SurveyResponseSchema).id).toBe(first.as(SurveyResponseSchema).id);

    const mine = await api.call("GET", `/api/surveys/${round.id}/responses/me`, { user: USERS.deltagare });
    expect(mine.as(SurveyResponseSchema).answers["innehall"]).toBe(4);

    const res = await results(round.id);
    expect(res.responses).toBe(1);
    expect(res.recipients).toBe(3);
    const item = res.items.find((i) => i.questionId === "innehall");
    expect(item?.count).toBe(1);
    expect(item).not.toHaveProperty("mean");
    expect(item).not.toHaveProperty("distribution");
    expect(res.freeText).toBeUndefined();
  });

  it("a participant outside the program answers through the bot; after three answers the means and free text appear", async () => {
    expect((await answer(round.id, { ...ratings(5), fritext: "Mer sådant" }, asBotFor(EXTERNAL))).status).toBe(200);
    expect((await answer(round.id, ratings(3), { user: USERS.programledare })).status).toBe(200);
    const res = await results(round.id);
    expect(res.responses).toBe(3);
    expect(res.responseRate).toBe(1);
    const item = res.items.find((i) => i.questionId === "innehall");
    expect(item?.mean).toBe(4);
    expect(item?.distribution).toEqual({ "1": 0, "2": 0, "3": 1, "4": 1, "5": 1 });
    expect(res.freeText).toEqual([{ questionId: "fritext", texts: ["Mer sådant", "Mycket bra talare"] }]);
  });

  it("results are for those who run or read rounds: a recipient without that role gets 403", async () => {
    expect((await api.call("GET", `/api/surveys/${round.id}/results`, { user: USERS.deltagare })).status).toBe(403);
    expect((await api.call("GET", `/api/surveys/${round.id}/results`, { user: USERS.ordforande })).status).toBe(200);
  });

  it("the program office sees who has answered, not what", async () => {
    const r = await api.call("GET", `/api/surveys/${round.id}/recipients`);
    const report = r.as(SurveyRecipientsReportSchema);
    expect(report.items.every((i) => i.answered)).toBe(true);
    expect(JSON.stringify(r.json)).not.toContain("innehall");
  });

  it("exports the same figures to Excel and to CSV as Swedish Excel opens it", async () => {
    const x = await fetch(`${api.url}/api/surveys/${round.id}/results.xlsx`, { headers: { "x-dev-user": USERS.programledare } });
    expect(x.status).toBe(200);
    expect(x.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await x.arrayBuffer());
    const sheet = book.getWorksheet("Resultat");
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const content = rows.find((row) => row[0] === "Aktivitetens innehåll och relevans");
    expect(content?.slice(1, 8)).toEqual([3, 4, 0, 0, 1, 1, 1]);
    // Every figure of GET …/results is in the workbook: count, mean and each distribution bucket per question.
    const json = await results(round.id);
    const header = rows.find((row) => row[0] === "Fråga") ?? [];
    const figures = (row: unknown[] | undefined) => ({ count: row?.[1], mean: row?.[2], distribution: row ? Object.fromEntries(header.slice(3).map((k, i) => [String(k), row[i + 3]])) : {} });
    const checked = json.items.filter((item) => item.mean !== undefined);
    expect(checked.length).toBe(8);
    for (const item of json.items) {
      const text = round.questions.find((q) => q.id === item.questionId)?.text;
      const got = figures(rows.find((row) => row[0] === text));
      expect(got.count).toBe(item.count);
      if (item.mean !== undefined) expect(got.mean).toBe(item.mean);
      if (item.distribution) expect(got.distribution).toEqual(item.distribution);
    }

    const c = await fetch(`${api.url}/api/surveys/${round.id}/results.csv`, { headers: { "x-dev-user": USERS.programledare } });
    const bytes = new Uint8Array(await c.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Aktivitetens innehåll och relevans;3;4;0;0;1;1;1\r\n");
    expect(c.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(text.split("\r\n").find((line) => line.startsWith("Fråga;"))).toBe("Fråga;Antal svar;Medelvärde;1;2;3;4;5");
  });

  it("the quarterly roll-up pools the quarter's rounds per program area", async () => {
    const r = await api.call("GET", "/api/surveys/summary?period=2026-Q1&programArea=personcentrerat");
    expect({ status: r.status, body: r.json }).toMatchObject({ status: 200 });
    const summary = r.as(SurveySummarySchema);
    expect(summary.from).toBe("2026-01-01");
    expect(summary.to).toBe("2026-03-31");
    expect(summary.total.rounds).toBe(1);
    expect(summary.total.responses).toBe(3);
    expect(summary.byProgramArea.map((g) => g.programAreaId)).toEqual(["personcentrerat"]);
    expect((await api.call("GET", "/api/surveys/summary?period=2026-Q5")).err().details.map((d) => d.field)).toContain("period");
  });

  it("closing needs If-Match; afterwards the answers are unlinked from people and answering is 409 naming the deadline", async () => {
    expect((await api.call("POST", `/api/surveys/${round.id}/close`)).status).toBe(428);
    expect((await api.call("POST", `/api/surveys/${round.id}/close`, { headers: { "if-match": "W/\"stale\"" } })).status).toBe(412);
    const current = (await api.call("GET", `/api/surveys/${round.id}`)).as(SurveyRoundSchema);
    const closed = await api.call("POST", `/api/surveys/${round.id}/close`, { headers: { "if-match": current.etag } });
    expect(closed.status).toBe(200);
    expect(closed.as(SurveyRoundSchema).status).toBe("closed");
    expect((await api.call("GET", `/api/surveys/${round.id}/responses/me`, { user: USERS.deltagare })).status).toBe(404);
    expect((await results(round.id)).items.find((i) => i.questionId === "innehall")?.mean).toBe(4);
    const late = await answer(round.id, ratings(1), { user: USERS.deltagare });
    expect(late.status).toBe(409);
    expect(late.err().message).toMatch(/sista svarsdag var \d{4}-\d{2}-\d{2} kl\. \d{2}:\d{2}/);
  });
});

describe("demo data: the 2023 activities (annual report table 1, an example mapping to program areas)", () => {
  it("are closed activity rounds that the roll-up of their quarter counts per program area", async () => {
    const r = await api.call("GET", "/api/surveys/summary?period=2023-Q1", { user: USERS.ordforande });
    const summary = r.as(SurveySummarySchema);
    expect(summary.total.rounds).toBe(2);
    expect(summary.total.responses).toBe(0);
    expect(summary.byProgramArea.map((g) => g.programAreaId)).toEqual(["digital-formaga", "personcentrerat"]);
    const list = (await api.call("GET", "/api/surveys?status=closed&pageSize=100")).as(z.object({ items: z.array(SurveyRoundSchema) }));
    expect(list.items.map((x) => x.title)).toContain("Temakonferens Nära vård");
  });
});

describe("reminders and the deadline", () => {
  it("reminds only those who have not answered, once per reminder time; after the deadline answering is 409", async () => {
    const round = await createRound(activityRound([USERS.programledare, USERS.deltagare], { reminders: [inHours(48)], deadline: inHours(72) }));
    expect((await answer(round.id, ratings(5), { user: USERS.deltagare })).status).toBe(200);
    clock.advance(49 * HOUR);
    await api.services.surveys.sweep();
    await api.services.surveys.sweep();
    const reminders = (await api.notifications()).filter((n) => n.kind === "survey_request" && n.survey.id === round.id && n.reminder > 0);
    expect(reminders.map((n) => n.target.kind === "user" && n.target.email)).toEqual([USERS.programledare]);

    const mine = (await api.call("GET", "/api/surveys/mine", { user: USERS.programledare })).as(z.object({ items: z.array(SurveyRoundSchema) }));
    expect(mine.items.find((r) => r.id === round.id)?.mine).toEqual([{ answered: false }]);

    clock.advance(24 * HOUR);
    const late = await answer(round.id, ratings(5), { user: USERS.deltagare });
    expect(late.status).toBe(409);
    expect(late.err().message).toContain("sista svarsdag var");
  });
});

describe("sending when a round opens", () => {
  it("sends nothing before the opening; two overlapping sweeps may both send, but always with the same ids per recipient", async () => {
    const round = await createRound(activityRound([USERS.programledare, USERS.deltagare], { opensAt: inHours(1), deadline: inHours(48) }));
    expect(round.status).toBe("scheduled");
    const ofRound = async () => (await api.notifications()).filter((n) => n.kind === "survey_request" && n.survey.id === round.id);
    expect(await ofRound()).toEqual([]);
    clock.advance(2 * HOUR);
    await Promise.all([api.services.surveys.sweep(), api.services.surveys.sweep()]);
    await api.services.surveys.sweep();
    const sent = await ofRound();
    // The bot claims each id before sending, so a repeat is dropped there: what matters is one id per recipient.
    const ids = new Map(sent.map((n) => [n.id, n.target.kind === "user" ? n.target.email : ""]));
    expect([...ids.values()].sort()).toEqual([USERS.deltagare, USERS.programledare].sort());
    expect((await api.call("GET", `/api/surveys/${round.id}`)).as(SurveyRoundSchema).status).toBe("open");
  });
});

describe("a status request (SPEC 3.3 c)", () => {
  let effort: Project;

  it("asks the leader of each included effort per effort; efforts without a leader's e-mail are listed, not skipped", async () => {
    // An effort led by a demo user, through the real workflow: application → assessment → decision → ongoing.
    const applied = (await api.call("POST", "/api/projects", { user: USERS.projektledare, body: application({ name: "Trygg hemgång i Timrå" }) })).as(R.project);
    const assessed = (
      await api.call("POST", `/api/projects/${applied.id}/assessment`, {
        user: USERS.koordinator,
        headers: { "if-match": applied.etag },
        body: { criteria: [{ criterionId: "samverkan-region-kommun", met: true }, { criterionId: "tillganglighet", met: true }], summary: "Ok", recommendation: "inkludera" },
      })
    ).as(R.project);
    const included = (
      await api.call("POST", `/api/projects/${assessed.id}/decision`, { user: USERS.ordforande, headers: { "if-match": assessed.etag }, body: { outcome: "inkluderad", rationale: "Uppfyller kriterierna" } })
    ).as(R.project);
    const moved = await api.call("POST", `/api/projects/${included.id}/status`, { user: USERS.koordinator, headers: { "if-match": included.etag }, body: { status: "pagaende" } });
    expect({ status: moved.status, body: moved.json }).toMatchObject({ status: 200 });
    effort = moved.as(R.project);

    const round = await createRound({ kind: "status", title: "Status inför junirapporten", recipients: { leadersOf: "included" }, deadline: inHours(24 * 14) });
    expect(round.questions.find((q) => q.id === "overall")?.choices?.map((c) => c.value)).toEqual(["gron", "gul", "rod"]);
    expect(round.recipientCount).toBe(1);
    expect(round.unresolved.map((u) => u.projectId)).toContain("paverkbar-slutenvard");

    const bad = await answer(round.id, { overall: "lila" }, { user: USERS.projektledare });
    expect(bad.status).toBe(400);
    expect(bad.err().details.map((d) => d.field)).toEqual(["answers.overall"]);

    const red = await api.call("PUT", `/api/surveys/${round.id}/responses/me`, {
      user: USERS.projektledare,
      body: { answers: { overall: "rod", deviations: "Bemanningen räcker inte till piloten.", support: "Stöd i prioriteringen" } },
    });
    expect({ status: red.status, body: red.json }).toMatchObject({ status: 200 });
    expect(red.as(SurveyResponseSchema).projectId).toBe(effort.id);

    // The portfolio (list and summary) shows the colour the leader answered.
    const portfolio = (await api.call("GET", `/api/projects?status=pagaende&q=${encodeURIComponent("Trygg hemgång")}`)).as(R.projects);
    expect(portfolio.items.find((p) => p.id === effort.id)?.latestStatus?.colour).toBe("rod");
    const summary = (await api.call("GET", "/api/projects/summary")).as(PortfolioSummarySchema);
    expect(summary.efforts.find((p) => p.id === effort.id)?.latestStatus?.colour).toBe("rod");
    const after = (await api.call("GET", `/api/projects/${effort.id}`)).as(R.detail);
    expect(after.latestStatus?.colour).toBe("rod");
    expect(after.latestStatus?.summary).toContain("Bemanningen");
    expect(after.etag).not.toBe(effort.etag);
    expect(after.history.find((h) => h.action === "statusReported")?.summary).toBe("Lägesstatus: Röd (statusbegäran ”Status inför junirapporten”)");

    const res = await results(round.id);
    expect(res.statusAnswers?.[0]).toMatchObject({ projectId: effort.id, email: USERS.projektledare, answers: { overall: "rod" } });

    // The deviation is escalated from the answer, once: the answer is the escalation's source.
    const escalate = (user: string) => api.call("POST", `/api/surveys/${round.id}/responses/me/escalation`, { user, body: {} });
    const first = await escalate(USERS.projektledare);
    expect({ status: first.status, body: first.json }).toMatchObject({ status: 200 });
    const again = await escalate(USERS.projektledare);
    expect(again.json).toEqual(first.json);
    // The real escalations service holds it: one escalation for this answer, however often it is raised.
    const listed = (await api.call("GET", "/api/escalations?sourceKind=survey_answer")).as(R.escalations).items;
    expect(listed.map((e) => e.id)).toEqual([first.as(SurveyEscalationSchema).escalationId]);
    expect(listed[0]).toMatchObject({
      urgency: "akut",
      projectId: effort.id,
      description: "Bemanningen räcker inte till piloten.",
      raisedBy: USERS.projektledare,
      status: "open",
      source: { kind: "survey_answer", id: first.as(SurveyEscalationSchema).responseId },
    });
    expect((await escalate(USERS.deltagare)).status).toBe(403);
  });

  it("a status request to someone who leads no ongoing effort is 400 naming recipients", async () => {
    const r = await api.call("POST", "/api/surveys", { body: { kind: "status", title: "Status", recipients: [USERS.deltagare], deadline: inHours(24) } });
    expect(r.status).toBe(400);
    expect(r.err().details.map((d) => d.field)).toEqual(["recipients"]);
  });
});

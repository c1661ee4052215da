import ExcelJS from "exceljs";
import { surveyKindLabels, type SurveyQuestion, type SurveyResults } from "../contracts/index.js";

/**
 * Results as a table, the same figures the API answers with (below three responses: counts only). One layout feeds
 * both exports, so the Excel file and the CSV cannot disagree.
 */
interface Sheet {
  heading: string[][];
  header: string[];
  rows: Array<Array<string | number | null>>;
  texts: Array<[string, string]>;
}

function sheetOf(results: SurveyResults, questions: readonly SurveyQuestion[]): Sheet {
  const text = new Map(questions.map((q) => [q.id, q.text]));
  const valueKeys = [...new Set(results.items.flatMap((i) => Object.keys(i.distribution ?? {})))];
  const ratingKeys = ["1", "2", "3", "4", "5"];
  const keys = valueKeys.length > 0 ? valueKeys : ratingKeys;
  const choiceText = new Map(questions.flatMap((q) => (q.choices ?? []).map((c) => [c.value, c.text] as const)));
  return {
    heading: [
      ["Enkät", results.title],
      ["Typ", surveyKindLabels[results.kind].sv],
      ["Svar", String(results.responses)],
      ["Mottagare", String(results.recipients)],
      ["Svarsfrekvens", `${Math.round(results.responseRate * 100)} %`],
    ],
    header: ["Fråga", "Antal svar", "Medelvärde", ...keys.map((k) => choiceText.get(k) ?? k)],
    rows: results.items.map((i) => [text.get(i.questionId) ?? i.questionId, i.count, i.mean ?? null, ...keys.map((k) => i.distribution?.[k] ?? null)]),
    texts: [
      ...(results.freeText ?? []).flatMap((f) => f.texts.map((t): [string, string] => [text.get(f.questionId) ?? f.questionId, t])),
      ...(results.statusAnswers ?? []).flatMap((a) =>
        Object.entries(a.answers).map(([q, v]): [string, string] => [`${a.projectName ?? a.email}: ${text.get(q) ?? q}`, String(choiceText.get(String(v)) ?? v)]),
      ),
    ],
  };
}

export async function resultsXlsx(results: SurveyResults, questions: readonly SurveyQuestion[]): Promise<Uint8Array> {
  const sheet = sheetOf(results, questions);
  const book = new ExcelJS.Workbook();
  book.creator = "Nära vård i Teams";
  const ws = book.addWorksheet("Resultat");
  for (const row of sheet.heading) ws.addRow(row);
  ws.addRow([]);
  const header = ws.addRow(sheet.header);
  header.font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  ws.getColumn(1).width = 60;
  if (results.responses < 3) ws.addRow(["Medelvärde och fördelning visas från tre svar."]);
  if (sheet.texts.length > 0) {
    const texts = book.addWorksheet("Fritext");
    texts.addRow(["Fråga", "Svar"]).font = { bold: true };
    for (const t of sheet.texts) texts.addRow(t);
    texts.getColumn(1).width = 50;
    texts.getColumn(2).width = 80;
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  // Swedish Excel reads a decimal comma.
  const s = typeof value === "number" ? String(value).replace(".", ",") : value;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV as Swedish Excel opens it: semicolons, CRLF, UTF-8 with BOM, decimal comma. */
export function resultsCsv(results: SurveyResults, questions: readonly SurveyQuestion[]): string {
  const sheet = sheetOf(results, questions);
  const lines = [...sheet.heading, [], sheet.header, ...sheet.rows, ...(sheet.texts.length > 0 ? [[], ["Fråga", "Svar"], ...sheet.texts] : [])];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

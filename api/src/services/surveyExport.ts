import { surveyKindLabels, type SurveyQuestion, type SurveyResults } from "../contracts/index.js";
import { swedishCsv } from "../export/csv.js";
import { xlsxWorkbook, type Cell } from "../export/xlsx.js";

/**
 * Results as a table, the same figures the API answers with (below three responses: counts only). One layout feeds
 * both exports, so the Excel file and the CSV cannot disagree.
 */
interface Sheet {
  heading: string[][];
  header: string[];
  rows: Cell[][];
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
  const note = results.responses < 3 ? [["Medelvärde och fördelning visas från tre svar."]] : [];
  return xlsxWorkbook([
    {
      name: "Resultat",
      rows: [...sheet.heading, [], sheet.header, ...sheet.rows, ...note],
      boldRows: [sheet.heading.length + 1],
      widths: [60],
    },
    ...(sheet.texts.length > 0 ? [{ name: "Fritext", rows: [["Fråga", "Svar"], ...sheet.texts], boldRows: [0], widths: [50, 80] }] : []),
  ]);
}

/** CSV as Swedish Excel opens it: semicolons, CRLF, UTF-8 with BOM, decimal comma. */
export function resultsCsv(results: SurveyResults, questions: readonly SurveyQuestion[]): string {
  const sheet = sheetOf(results, questions);
  return swedishCsv([...sheet.heading, [], sheet.header, ...sheet.rows, ...(sheet.texts.length > 0 ? [[], ["Fråga", "Svar"], ...sheet.texts] : [])]);
}

import { levelOfValue, type RiskLevel, type RiskScale, type RiskSettingsInput } from "../contracts/index.js";
import type { FieldProblem } from "./localized.js";

/** The 4×4 matrix Swedish health care commonly uses: 1–3 low, 4–8 medium, 9–16 high (SPEC 3.2). */
export const DEFAULT_RISK_SETTINGS: RiskSettingsInput = { scale: 4, mediumFrom: 4, highFrom: 9, reviewIntervalMonths: 1 };

/**
 * Thresholds offered when the program switches to 5×5 without giving its own: 1–4 low, 5–12 medium, 15–25 high
 * (products 13 and 14 do not occur). Derived, not from the seeds; the program office can change them.
 */
export const DEFAULT_5X5_THRESHOLDS = { mediumFrom: 5, highFrom: 13 } as const;

/** probability × consequence (PP 9.4); null while either is missing. */
export function riskValue(probability: number | null, consequence: number | null): number | null {
  return probability === null || consequence === null ? null : probability * consequence;
}

export function riskLevel(value: number | null, settings: Pick<RiskSettingsInput, "mediumFrom" | "highFrom">): RiskLevel | null {
  return value === null ? null : levelOfValue(value, settings);
}

const LABELS = {
  probability: { sv: "Sannolikhet", en: "Probability" },
  consequence: { sv: "Konsekvens", en: "Consequence" },
} as const;

/** Each given score must be an integer 1..scale; the message names the field and the allowed range. */
export function checkScores(scores: { probability?: number | null | undefined; consequence?: number | null | undefined }, scale: RiskScale): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ["probability", "consequence"] as const) {
    const v = scores[field];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || v < 1 || v > scale) {
      problems.push({
        field,
        message: {
          sv: `${LABELS[field].sv} ska vara ett heltal från 1 till ${scale} (programmets skala är ${scale}×${scale}).`,
          en: `${LABELS[field].en} must be a whole number from 1 to ${scale} (the program's scale is ${scale}×${scale}).`,
        },
      });
    }
  }
  return problems;
}

/** Both or neither: a risk is either assessed (both scores) or unassessed (neither). */
export function checkBothOrNeither(probability: number | null, consequence: number | null): FieldProblem[] {
  if ((probability === null) === (consequence === null)) return [];
  const field = probability === null ? "probability" : "consequence";
  return [
    {
      field,
      message: {
        sv: `${LABELS[field].sv} saknas: ange både sannolikhet och konsekvens, eller ingen av dem.`,
        en: `${LABELS[field].en} is missing: give both probability and consequence, or neither.`,
      },
    },
  ];
}

/** Thresholds must split 1..scale² into three non-empty bands. */
export function checkSettings(s: RiskSettingsInput): FieldProblem[] {
  const max = s.scale * s.scale;
  const problems: FieldProblem[] = [];
  if (s.mediumFrom < 2 || s.mediumFrom >= s.highFrom) {
    problems.push({
      field: "mediumFrom",
      message: { sv: `Gränsen för medel ska vara minst 2 och lägre än gränsen för hög.`, en: `The medium threshold must be at least 2 and below the high threshold.` },
    });
  }
  if (s.highFrom > max) {
    problems.push({
      field: "highFrom",
      message: { sv: `Gränsen för hög får vara högst ${max} på skalan ${s.scale}×${s.scale}.`, en: `The high threshold must be at most ${max} on the ${s.scale}×${s.scale} scale.` },
    });
  }
  return problems;
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The review round a date falls in: months counted from year 0 divided by the interval, written as the round's
 * first month (`2026-11` monthly; `2026-10` for Oct–Dec when quarterly). The reminder id carries it, so one owner
 * gets one reminder per round however often the timer runs.
 */
export function reviewRound(isoDate: string, intervalMonths: number): string {
  const [y, m] = isoDate.split("-").map(Number) as [number, number];
  const index = Math.floor((y * 12 + (m - 1)) / intervalMonths) * intervalMonths;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Sort key: highest value first; unassessed last; ties by title (Swedish collation). */
export function compareRisks(a: { value: number | null; title: string }, b: { value: number | null; title: string }): number {
  const av = a.value ?? -1;
  const bv = b.value ?? -1;
  if (av !== bv) return bv - av;
  return a.title.localeCompare(b.title, "sv");
}

const FIELD_LABELS_SV: Record<string, string> = {
  title: "Titel",
  description: "Beskrivning",
  category: "Kategori",
  probability: "Sannolikhet",
  consequence: "Konsekvens",
  owner: "Ägare",
  projectId: "Kopplat utvecklingsarbete",
  handling: "Hantering",
  actions: "Planerade åtgärder",
  nextReviewDate: "Nästa granskning",
  status: "Status",
};

export function riskFieldLabel(field: string): string {
  return FIELD_LABELS_SV[field] ?? field;
}

/** "Sannolikhet: 2 → 3, Konsekvens: – → 4" for the history. */
export function summarizeChanges(changes: ReadonlyArray<{ field: string; from: string | null; to: string | null }>): string {
  if (changes.length === 0) return "Inga ändringar.";
  return changes.map((c) => `${riskFieldLabel(c.field)}: ${shorten(c.from)} → ${shorten(c.to)}`).join(", ");
}

function shorten(v: string | null): string {
  if (v === null || v === "") return "–";
  return v.length > 60 ? `${v.slice(0, 59)}…` : v;
}

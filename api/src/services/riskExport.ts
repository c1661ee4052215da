import { riskLabels, type Risk } from "../contracts/index.js";
import { xlsxWorkbook, type Cell } from "../export/xlsx.js";

/** Column headers of the steering group's export, in Swedish (SPEC 3.2). */
export const RISK_EXPORT_COLUMNS = [
  { header: "Titel", key: "title", width: 48 },
  { header: "Beskrivning", key: "description", width: 60 },
  { header: "Kategori", key: "category", width: 22 },
  { header: "Sannolikhet", key: "probability", width: 12 },
  { header: "Konsekvens", key: "consequence", width: 12 },
  { header: "Riskvärde", key: "value", width: 11 },
  { header: "Nivå", key: "level", width: 10 },
  { header: "Hantering", key: "handling", width: 14 },
  { header: "Planerade åtgärder", key: "actions", width: 48 },
  { header: "Ägare", key: "owner", width: 28 },
  { header: "Status", key: "status", width: 10 },
  { header: "Nästa granskning", key: "nextReviewDate", width: 16 },
  { header: "Anmärkning", key: "note", width: 40 },
] as const;

/** The risk list as an .xlsx workbook, rows in the list's order (value, highest first). */
export async function riskWorkbook(risks: readonly Risk[], meta: { scale: number; exportedAt: string }): Promise<Uint8Array> {
  const rows: Cell[][] = [RISK_EXPORT_COLUMNS.map((c) => c.header)];
  for (const r of risks) {
    const notes = [
      r.example ? "Exempelbedömning (demodata), inte programmets egen." : "",
      r.needsReassessment ? `Bedömd på en annan skala än programmets ${meta.scale}×${meta.scale}; behöver omvärderas.` : "",
      r.reviewOverdue ? "Granskningen är försenad." : "",
    ].filter((n) => n !== "");
    const cells: Record<(typeof RISK_EXPORT_COLUMNS)[number]["key"], Cell> = {
      title: r.title,
      description: r.description,
      category: riskLabels.category[r.category].sv,
      probability: r.probability,
      consequence: r.consequence,
      value: r.value,
      level: r.level ? riskLabels.level[r.level].sv : "Ej bedömd",
      handling: r.handling ? riskLabels.handling[r.handling].sv : "",
      actions: r.actions,
      owner: r.ownerName ?? r.owner ?? "",
      status: riskLabels.status[r.status].sv,
      nextReviewDate: r.nextReviewDate ?? "",
      note: notes.join(" "),
    };
    rows.push(RISK_EXPORT_COLUMNS.map((c) => cells[c.key]));
  }
  const sheet = { name: "Risklista", rows, boldRows: [0], widths: RISK_EXPORT_COLUMNS.map((c) => c.width), header: true };
  return xlsxWorkbook([sheet], new Date(meta.exportedAt));
}

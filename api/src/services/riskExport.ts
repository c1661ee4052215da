import { riskLabels, type Risk } from "../contracts/index.js";

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

/** The risk list as an .xlsx workbook (exceljs), rows in the list's order (value, highest first). */
export async function riskWorkbook(risks: readonly Risk[], meta: { scale: number; exportedAt: string }): Promise<Uint8Array> {
  // Loaded on first export only: exceljs is large and most processes never export.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Nära vård i Teams";
  wb.created = new Date(meta.exportedAt);
  const ws = wb.addWorksheet("Risklista", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = RISK_EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of risks) {
    const notes = [
      r.example ? "Exempelbedömning (demodata), inte programmets egen." : "",
      r.needsReassessment ? `Bedömd på en annan skala än programmets ${meta.scale}×${meta.scale}; behöver omvärderas.` : "",
      r.reviewOverdue ? "Granskningen är försenad." : "",
    ].filter((n) => n !== "");
    ws.addRow({
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
    });
  }
  ws.autoFilter = { from: "A1", to: { row: 1, column: RISK_EXPORT_COLUMNS.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

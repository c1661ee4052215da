import { XLSX_CONTENT_TYPE } from "../contracts/mediaTypes.js";

export { XLSX_CONTENT_TYPE };

/** A cell as the exports write it: text, a number, or empty. */
export type Cell = string | number | null;

export interface SheetSpec {
  name: string;
  rows: ReadonlyArray<readonly Cell[]>;
  /** 0-based indexes of rows written in bold (headers). */
  boldRows?: readonly number[];
  /** Column widths in characters, first column first. */
  widths?: readonly number[];
  /** Row 1 is a header: keep it in view while scrolling and put Excel's filter buttons on it. */
  header?: boolean;
}

/**
 * The one place the API writes Excel workbooks (exceljs): one worksheet per spec, in order. Exports build their rows
 * from the same objects the API answers with, so the file and the JSON cannot disagree.
 */
export async function xlsxWorkbook(sheets: readonly SheetSpec[], created?: Date): Promise<Uint8Array> {
  // Loaded on first export only: exceljs is large and most processes never export.
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Nära vård i Teams";
  if (created) book.created = created;
  for (const spec of sheets) {
    const ws = book.addWorksheet(spec.name, spec.header ? { views: [{ state: "frozen", ySplit: 1 }] } : {});
    spec.rows.forEach((cells, i) => {
      const row = ws.addRow([...cells]);
      if (spec.boldRows?.includes(i)) row.font = { bold: true };
    });
    spec.widths?.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
    const columns = spec.rows[0]?.length ?? 0;
    if (spec.header && columns > 0) ws.autoFilter = { from: "A1", to: { row: 1, column: columns } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

import ExcelJS from "exceljs";

/** A cell as the exports write it: text, a number, or empty. */
export type Cell = string | number | null;

export interface SheetSpec {
  name: string;
  rows: ReadonlyArray<readonly Cell[]>;
  /** 0-based indexes of rows written in bold (headers). */
  boldRows?: readonly number[];
  /** Column widths in characters, first column first. */
  widths?: readonly number[];
}

/**
 * The one place the API writes Excel workbooks (exceljs): one worksheet per spec, in order. Exports build their rows
 * from the same objects the API answers with, so the file and the JSON cannot disagree.
 */
export async function xlsxWorkbook(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Nära vård i Teams";
  for (const spec of sheets) {
    const ws = book.addWorksheet(spec.name);
    spec.rows.forEach((cells, i) => {
      const row = ws.addRow([...cells]);
      if (spec.boldRows?.includes(i)) row.font = { bold: true };
    });
    spec.widths?.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The customer table of CRM.RFMTABLE (one row per customer: id, recency, frequency, monetary,
 * first and last purchase) as a sheet: the first columns of RFM's customer sheet
 * (planRfmTable), and the whole of the sheet the task pane writes from a transactions file too
 * large for a sheet ("Open a transactions file…"), whose headers the RFM workflow then maps by
 * itself (one row per customer). Reading the file for it: file-customers.ts.
 */
import type { Language } from "../../core/labels";
import { RFM_TABLE_HEADER, type RfmTable } from "../../core/rfm-table";
import type { CellValue, WorkbookPort } from "../../workbook/types";
import { SHEET_DATA_ROWS } from "../file-source";
import { SHEET_NAMES } from "../labels";
import { COUNT_FORMAT, DATE_FORMAT, SheetBuilder, type SheetPlan } from "../sheet-builder";
import { writeResultSheet } from "../output";

/** Number formats of the RFMTABLE columns: recency in whole days, counts, money, dates as dates. */
export const RFM_TABLE_FORMATS = [undefined, "0", COUNT_FORMAT, "#,##0.00", DATE_FORMAT, DATE_FORMAT] as const;

/** Customer i of the table as RFMTABLE's row. */
export function rfmTableRow(rt: RfmTable, i: number): CellValue[] {
  return [rt.ids[i], rt.recency[i], rt.frequency[i], rt.monetary[i], rt.first[i], rt.last[i]];
}

/** The customer table as a sheet: the header row in the language of the labels, then one row per customer. */
export function customerTableSheet(rt: RfmTable, lang: Language): SheetPlan {
  const body: CellValue[][] = new Array(rt.ids.length);
  for (let i = 0; i < rt.ids.length; i++) body[i] = rfmTableRow(rt, i);
  const b = new SheetBuilder("customers", SHEET_NAMES.fileCustomers[lang]);
  b.table([...RFM_TABLE_HEADER[lang]], body, { formats: [...RFM_TABLE_FORMATS] });
  return b.build();
}

/**
 * The customer table on a new sheet (named uniquely, the person's sheets untouched): values in
 * the port's blocks, then the formats in one batch. A failed or cancelled write removes the sheet.
 */
export async function writeCustomerSheet(port: WorkbookPort, rt: RfmTable, lang: Language, io: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<{ sheet: string; customers: number }> {
  if (rt.ids.length > SHEET_DATA_ROWS) throw new RangeError(`${rt.ids.length} customers do not fit on a sheet`);
  const plan = customerTableSheet(rt, lang);
  const total = plan.block.length;
  const { name } = await port.addSheet(plan.baseName);
  await port.suspendCalculation();
  try {
    const { formats } = await writeResultSheet(port, name, plan, { signal: io.signal, onProgress: (p) => io.onProgress?.(p.done, total) });
    await port.formatAll(formats, { signal: io.signal });
  } catch (e) {
    await port.deleteSheet(name).catch(() => undefined);
    throw e;
  } finally {
    await port.resumeCalculation();
  }
  return { sheet: name, customers: rt.ids.length };
}

/**
 * Writing small import files for tests, as csv and as xlsx, from the same rows.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

export type Table = ReadonlyArray<ReadonlyArray<string>>;

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeCsv(path: string, rows: Table, opts: { bom?: boolean } = {}): void {
  writeFileSync(path, (opts.bom ? '\uFEFF' : '') + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n');
}

/** Every cell is written as text, as a careful county office would (ID numbers stay exact). */
export async function writeXlsx(path: string, rows: Table, opts: { titleRow?: string } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (opts.titleRow) ws.addRow([opts.titleRow]);
  for (const r of rows) ws.addRow([...r]);
  await wb.xlsx.writeFile(path);
}

/**
 * The import report: every bad row with its row number and a Chinese reason. Problems stream to
 * a csv in the chosen report folder (`--report-dir`; the working directory by default, never
 * beside the input, which may be a shared or read-only folder) as they are found — UTF-8 with BOM
 * so Excel opens it, created with the first problem, so a clean import leaves no file; the first
 * few hundred are also kept for printing. Notes (columns not read …) are printed, not counted as
 * problems. Reasons never repeat ID numbers or phones.
 *
 * @example
 *   const report = await ImportReport.open('/data/roster.xlsx', { reportDir: '/tmp/out' });   // writes /tmp/out/roster.导入报告.csv
 *   report.note('未识别的列（未读取）：备注');
 *   await report.add([{ row: 5, key: 'H001', message: '身份证号校验位不对' }]);
 *   await report.close();
 *   console.log(report.format(['新增 3 户']));
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

export interface RowProblem {
  row: number;
  /** The record the row belongs to (户编号, 企业微信账号, 区划代码), when known. */
  key?: string;
  message: string;
}

const KEEP = 300;
const PRINT = 50;

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Where the report of `file` goes: "<name>.导入报告.csv" in `dir` (default: the working directory). */
export function reportPathFor(file: string, dir?: string): string {
  return join(resolve(dir ?? process.cwd()), `${basename(file, extname(file))}.导入报告.csv`);
}

/** Where an import writes its report. */
export interface ReportOptions {
  /** Write the report csv at all (default true). */
  reportFile?: boolean;
  /** The folder of the report csv (default: the working directory). */
  reportDir?: string;
}

export class ImportReport {
  /** The first problems, in row order (all of them for small files). */
  readonly problems: RowProblem[] = [];
  /** Things the reader should know that are not problems of a row (printed after the summary). */
  readonly notes: string[] = [];
  problemCount = 0;
  private badRowCount = 0;

  private out: WriteStream | null = null;

  private constructor(private readonly target: string | null) {}

  /** A report that will write its csv into the report folder (or nowhere when `reportFile` is false). */
  static async open(file: string, opts: ReportOptions = {}): Promise<ImportReport> {
    return new ImportReport(opts.reportFile === false ? null : reportPathFor(file, opts.reportDir));
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** For `readRecords`' header callback: lists the columns no field reads, so none is dropped unseen. */
  readonly listUnknownColumns = (h: { unknown: readonly string[] }): void => {
    if (h.unknown.length > 0) this.note(`未识别的列（没有读取）：${h.unknown.map((x) => `「${x}」`).join('')}；可用的列名和别名见 docs/IMPORT.md`);
  };

  /** The csv written, once there was something to write. */
  get path(): string | null {
    return this.out ? this.target : null;
  }

  private async write(s: string): Promise<void> {
    if (!this.target) return;
    if (!this.out) {
      const out = createWriteStream(this.target, { encoding: 'utf8' });
      await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
      this.out = out;
      await this.write('\uFEFF行号,户编号/账号/代码,问题\r\n');
    }
    const out = this.out;
    if (out.write(s)) return;
    await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }

  /**
   * Adds the problems of one batch of rows (sorted here by row, stable). A row's problems all
   * come in the same call, so counting distinct rows needs only this call's rows in memory.
   */
  async add(problems: readonly RowProblem[]): Promise<void> {
    const sorted = [...problems].sort((a, b) => a.row - b.row);
    this.badRowCount += new Set(sorted.map((p) => p.row)).size;
    for (const p of sorted) {
      this.problemCount++;
      if (this.problems.length < KEEP) this.problems.push(p);
      await this.write(`${p.row},${csvCell(p.key ?? '')},${csvCell(p.message)}\r\n`);
    }
  }

  /** Rows that had at least one problem. */
  get badRowTotal(): number {
    return this.badRowCount;
  }

  async close(): Promise<void> {
    const out = this.out;
    if (!out) return;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  /** The report as printed by the command: the summary lines, then the first problems. */
  format(summary: readonly string[]): string {
    const lines = [...summary, ...this.notes];
    if (this.problemCount === 0) lines.push('没有发现问题。');
    else {
      lines.push(`有问题的行：${this.badRowCount} 行，共 ${this.problemCount} 个问题${this.path ? `（完整清单：${this.path}）` : ''}`);
      for (const p of this.problems.slice(0, PRINT)) lines.push(`  第 ${p.row} 行${p.key ? `［${p.key}］` : ''}：${p.message}`);
      if (this.problemCount > PRINT) lines.push(`  ……其余 ${this.problemCount - PRINT} 个问题见报告文件`);
    }
    return lines.join('\n');
  }
}

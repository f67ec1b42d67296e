/**
 * `import facts <file> [--department <部门>]`: a 行业部门's list of what it knows about people's
 * households — 住房安全 (住建), 饮水安全 (水利), 参保 and 医疗救助 (医保), 低保, 特困 and 临时救助
 * (民政), 义务教育 (教育) … — one person a row with the day the list describes. Each filled value is
 * appended to the household facts register (source 'department', the department and file as the
 * reference, the row's day as the as-of day); `npx shouwang check` then uses it when it is the
 * latest. A row is refused when the person is not on the register, the name differs from the
 * register's, or the person has left their household.
 *
 * @example
 *   const { counts } = await importFacts(db, '住建局危房名单.xlsx', { now: Date.now(), actor: 'zhujian01', department: 'housing' });
 *   // counts = { rows: 120, rowsRejected: 2, households: 118, facts: 118 }
 */
import { basename } from 'node:path';
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import { dayOf } from '../../domain/calendar.js';
import { sameName } from '../../domain/household.js';
import { yesNoValue, type FactKey } from '../../domain/household-fact.js';
import { checkIdNumber, ID_PROBLEM_LABEL } from '../../domain/id-number.js';
import { maskIdNumber } from '../../domain/privacy.js';
import { parseKnownYesNo } from '../../domain/register-labels.js';
import { parseDepartment } from '../../domain/staff.js';
import { transaction, type Database } from '../../persistence/db.js';
import { recordHouseholdFacts, type NewFact } from '../../persistence/household-facts.js';
import { householdCodesOfPersons } from '../../persistence/households.js';
import { HOUSEHOLD_COLUMNS, type ColumnSpec, type Keys } from './columns.js';
import { YES_NO_FACTS } from './household-rows.js';
import type { ImportOptions, ImportResult } from './households.js';
import { readRecords, type ImportRecord } from './records.js';
import { ImportReport, type RowProblem } from './report.js';
import { readWarningDay, WARNING_COLUMNS } from './warnings-rows.js';

const col = <K extends string>(key: K, header: string, required: boolean, synonyms: string[], note: string, example: string): ColumnSpec<K> => ({ key, header, required, synonyms, note, example });
const household = (key: (typeof HOUSEHOLD_COLUMNS)[number]['key']) => HOUSEHOLD_COLUMNS.find((c) => c.key === key) as ColumnSpec;
const warning = (key: (typeof WARNING_COLUMNS)[number]['key']) => WARNING_COLUMNS.find((c) => c.key === key) as ColumnSpec;

export const FACT_LIST_COLUMNS = [
  col('department', '部门', false, warning('department').synonyms, warning('department').note, '住建'),
  col('asOf', '日期', true, ['核实日期', '认定日期', '报送日期', '统计日期', '截至日期'], '名单所反映情况的日期，如 2022-05-10；不能晚于导入当天', '2022-04-20'),
  col('name', '姓名', true, ['人员姓名', '对象姓名'], '本人姓名，须与户籍名册一致', '张三'),
  col('idNumber', '身份证号', true, household('idNumber').synonyms, household('idNumber').note, '61082119700101123X'),
  col('basicNeeds', '两不愁', false, household('basicNeeds').synonyms, household('basicNeeds').note, ''),
  col('education', '义务教育保障', false, household('education').synonyms, household('education').note, ''),
  col('medical', '基本医疗保障', false, household('medical').synonyms, household('medical').note, ''),
  col('housing', '住房安全保障', false, household('housing').synonyms, household('housing').note, '否'),
  col('water', '饮水安全', false, household('water').synonyms, household('water').note, ''),
  col('insured', '参保', false, household('insured').synonyms, household('insured').note, ''),
  col('reliefDibao', '享受低保', false, ['低保', '是否低保', '新纳入低保'], '该户享受低保填是，没有填否；不清楚留空', ''),
  col('reliefTekun', '享受特困供养', false, ['特困', '特困供养', '是否特困'], '该户享受特困供养填是，没有填否；不清楚留空', ''),
  col('reliefTemporary', '临时救助', false, household('reliefTemporary').synonyms, household('reliefTemporary').note, ''),
  col('reliefMedical', '医疗救助', false, household('reliefMedical').synonyms, household('reliefMedical').note, ''),
] as const;

type Key = Keys<typeof FACT_LIST_COLUMNS>;
const FACT_OF: ReadonlyArray<readonly [Key, FactKey]> = [...YES_NO_FACTS, ['reliefDibao', 'relief_dibao'], ['reliefTekun', 'relief_tekun']];
const HEADER = Object.fromEntries(FACT_LIST_COLUMNS.map((c) => [c.key, c.header])) as Record<Key, string>;

export interface FactImportOptions extends ImportOptions {
  /** The list's department: fills empty 部门 cells. */
  department?: Department | null;
}

export interface FactImportCounts {
  rows: number;
  rowsRejected: number;
  /** Facts appended (a value equal to the department's last one is not appended again). */
  facts: number;
}

interface ReadRow {
  row: number;
  idNumber: string;
  name: string;
  department: Department;
  asOf: string;
  values: Array<{ key: FactKey; value: string }>;
}

/** Reads one row; its problems, or what it says. */
function readRow(r: ImportRecord<Key>, today: string, fallback: Department | null): ReadRow | string[] {
  const problems: string[] = [];
  const named = r.get('department');
  const d = named === '' ? (fallback ? { ok: true as const, value: fallback } : { ok: false as const, message: '缺少部门（请填写部门列，或导入时用 --department 指定）' }) : parseDepartment(named);
  if (!d.ok) problems.push(d.message);
  const asOf = r.get('asOf') === '' ? null : readWarningDay(r.get('asOf'), today);
  if (r.get('asOf') === '') problems.push('缺少日期');
  else if (asOf === null) problems.push(`日期「${r.get('asOf')}」无法识别`);
  else if (asOf > today) problems.push(`日期 ${asOf} 晚于今天（${today}）`);
  const name = r.get('name');
  if (name === '') problems.push('缺少姓名');
  const id = r.imprecise('idNumber') ? null : checkIdNumber(r.get('idNumber'), { today });
  if (id === null) problems.push('身份证号被存成了数字，末几位已丢失（请把该列设为“文本”格式后重新填写）');
  else if (r.get('idNumber') === '') problems.push('缺少身份证号');
  else if (!id.ok) problems.push(ID_PROBLEM_LABEL[id.reason]);
  const values: ReadRow['values'] = [];
  for (const [column, key] of FACT_OF) {
    const v = parseKnownYesNo(r.get(column), HEADER[column]);
    if (!v.ok) problems.push(v.message);
    else if (v.value !== null) values.push({ key, value: yesNoValue(v.value) });
  }
  if (problems.length === 0 && values.length === 0) problems.push('这一行没有填写任何情况');
  if (problems.length > 0) return problems;
  return { row: r.row, idNumber: (id as { value: string }).value, name, department: (d as { value: Department }).value, asOf: asOf as string, values };
}

const BATCH = 500;

export async function importFacts(db: Database, file: string, opts: FactImportOptions): Promise<ImportResult<FactImportCounts>> {
  const report = await ImportReport.open(file, opts);
  try {
    const counts: FactImportCounts = { rows: 0, rowsRejected: 0, facts: 0 };
    const today = dayOf(opts.now, opts.tz);
    const fileName = basename(file);
    let batch: ReadRow[] = [];
    let problems: RowProblem[] = [];
    const flush = async () => {
      const people = await householdCodesOfPersons(db.manager, batch.map((r) => r.idNumber));
      const facts: NewFact[] = [];
      for (const r of batch) {
        const p = people.get(r.idNumber);
        const masked = maskIdNumber(r.idNumber);
        const refused = !p
          ? `身份证号 ${masked} 不在户籍名册中（部门名单只记入已登记的户）`
          : !sameName(p.name, r.name)
            ? `身份证号 ${masked} 在户籍名册中是「${p.name}」（户编号 ${p.code}），本行姓名是「${r.name}」，请核对`
            : p.left
              ? `「${r.name}」已从户编号 ${p.code} 迁出，请按其现在的户登记`
              : null;
        if (refused) {
          problems.push({ row: r.row, message: refused });
          counts.rowsRejected++;
          continue;
        }
        const sourceRef = `${DEPARTMENT.label[r.department]}：${fileName}`;
        for (const v of r.values) facts.push({ householdId: (p as { householdId: number }).householdId, ...v, source: 'department', sourceRef, asOf: r.asOf });
      }
      counts.facts += await transaction(db, (tx) => recordHouseholdFacts(tx, facts, { actor: opts.actor, at: opts.now }));
      await report.add(problems);
      batch = [];
      problems = [];
    };
    for await (const rec of readRecords(file, FACT_LIST_COLUMNS, report.listUnknownColumns)) {
      counts.rows++;
      const r = readRow(rec, today, opts.department ?? null);
      if (Array.isArray(r)) {
        counts.rowsRejected++;
        problems.push(...r.map((message) => ({ row: rec.row, message })));
      } else batch.push(r);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const summary = [`导入部门名单：${fileName}`, `读取 ${counts.rows} 行，导入 ${counts.rows - counts.rowsRejected} 行，未导入 ${counts.rowsRejected} 行`, `新记录家庭情况 ${counts.facts} 项`];
    return { counts, report, summary };
  } finally {
    await report.close();
  }
}

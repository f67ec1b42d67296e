/**
 * `import staff <file>`: the staff roster (企业微信账号, 姓名, 手机, 角色, 所属镇街/村/网格, 行业部门).
 * The jurisdiction is the deepest region given on the row; the domain then checks it agrees with
 * the role. People missing from the file are left as they are (set 是否在岗 = 否 to deactivate).
 *
 * @example
 *   const { counts } = await importStaff(db, 'staff.csv', { now: Date.now(), actor: 'import' });
 */
import { basename } from 'node:path';
import type { Department } from '../../domain/catalog.js';
import type { RegionTree } from '../../domain/hierarchy.js';
import { toHalfWidth } from '../../domain/id-number.js';
import { normalizePhone } from '../../domain/phone.js';
import { resolveRegion } from '../../domain/region-names.js';
import type { Parsed } from '../../domain/register-labels.js';
import { parseYesNo } from '../../domain/register-labels.js';
import type { Jurisdiction, Level } from '../../domain/roles.js';
import { parseDepartment, parseRole, staffProblemText, validateStaff } from '../../domain/staff.js';
import type { Region, Staff } from '../../domain/types.js';
import { transaction, type Database } from '../../persistence/db.js';
import { loadRegionTree } from '../../persistence/regions.js';
import { saveStaff } from '../../persistence/staff.js';
import { STAFF_COLUMNS, type Keys } from './columns.js';
import type { ImportOptions, ImportResult } from './households.js';
import { readRecords, type ImportRecord } from './records.js';
import { ImportReport, type RowProblem } from './report.js';

type Key = Keys<typeof STAFF_COLUMNS>;

export interface StaffImportCounts {
  rows: number;
  rowsRejected: number;
  created: number;
  updated: number;
  unchanged: number;
}

const BATCH = 500;

export async function importStaff(db: Database, file: string, opts: ImportOptions): Promise<ImportResult<StaffImportCounts>> {
  const report = await ImportReport.open(file, opts);
  try {
    const counts: StaffImportCounts = { rows: 0, rowsRejected: 0, created: 0, updated: 0, unchanged: 0 };
    const tree = await loadRegionTree(db.manager);
    const meta = { actor: opts.actor, at: opts.now, reason: `导入人员名单 ${basename(file)}` };
    const firstRow = new Map<string, number>();
    let batch: Staff[] = [];
    let problems: RowProblem[] = [];
    const flush = async () => {
      const r = await transaction(db, (tx) => saveStaff(tx, batch, meta, tree));
      counts.created += r.created;
      counts.updated += r.updated;
      counts.unchanged += r.unchanged;
      await report.add(problems);
      batch = [];
      problems = [];
    };
    for await (const rec of readRecords(file, STAFF_COLUMNS, report.listUnknownColumns)) {
      counts.rows++;
      const parsed = parseStaffRow(rec, tree);
      const userId = rec.get('userId');
      const earlier = firstRow.get(userId);
      if (parsed.ok && earlier !== undefined) parsed.problems.push(`企业微信账号与第 ${earlier} 行重复`);
      if (!parsed.ok || parsed.problems.length > 0) {
        counts.rowsRejected++;
        problems.push({ row: rec.row, key: userId, message: parsed.problems.join('；') });
        continue;
      }
      firstRow.set(userId, rec.row);
      batch.push(parsed.staff);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const summary = [
      `导入人员名单：${basename(file)}`,
      `读取 ${counts.rows} 行，导入 ${counts.rows - counts.rowsRejected} 人，未导入 ${counts.rowsRejected} 人`,
      `人员：新增 ${counts.created}，更新 ${counts.updated}，无变化 ${counts.unchanged}`,
    ];
    return { counts, report, summary };
  } finally {
    await report.close();
  }
}

type RowResult = { ok: true; staff: Staff; problems: string[] } | { ok: false; problems: string[] };

function take<T>(p: Parsed<T>, problems: string[]): T | undefined {
  if (p.ok) return p.value;
  problems.push(p.message);
  return undefined;
}

function parseStaffRow(rec: ImportRecord<Key>, tree: RegionTree): RowResult {
  const problems: string[] = [];
  const userId = toHalfWidth(rec.get('userId')).trim();
  if (userId === '') problems.push('缺少企业微信账号');
  const name = rec.get('name');
  if (name === '') problems.push('缺少姓名');
  const role = rec.get('role') === '' ? (problems.push('缺少角色'), undefined) : take(parseRole(rec.get('role')), problems);
  let phone: string | null = null;
  if (rec.get('phone') !== '') {
    const p = normalizePhone(rec.get('phone'));
    if (p.ok) phone = p.value;
    else problems.push('手机号格式不对');
  }
  const department: Department | null | undefined = rec.get('department') === '' ? null : take(parseDepartment(rec.get('department')), problems);
  const active = take(parseYesNo(rec.get('active') === '' ? '是' : rec.get('active'), '是否在岗'), problems);
  const jurisdiction = staffJurisdiction(rec, tree, problems);
  if (problems.length > 0 || !role || department === undefined || active === undefined || !jurisdiction) return { ok: false, problems };
  const staff: Staff = { userId, name, phone, role, jurisdiction, active, department };
  return { ok: true, staff, problems: validateStaff(staff, tree).map(staffProblemText) };
}

/** The deepest region named on the row, each resolved inside the one above it. */
function staffJurisdiction(rec: ImportRecord<Key>, tree: RegionTree, problems: string[]): Jurisdiction | undefined {
  const cities = tree.children.get(null) ?? [];
  let at: Region | undefined;
  if (rec.get('city') !== '') at = find(tree, rec.get('city'), 'city', undefined, problems);
  else if (cities.length === 1) at = cities[0];
  else {
    problems.push(cities.length === 0 ? '尚未导入区划，请先导入区划' : '有多个市，请填写所属市');
    return undefined;
  }
  for (const [key, level] of [['town', 'town'], ['village', 'village'], ['grid', 'grid']] as const) {
    if (!at || rec.get(key) === '') continue;
    at = find(tree, rec.get(key), level, at, problems);
  }
  return at ? { level: at.level, code: at.code } : undefined;
}

const LEVEL_WORD: Record<Level, string> = { city: '所属市', town: '所属镇街', village: '所属村', grid: '所属网格' };

function find(tree: RegionTree, name: string, level: Level, within: Region | undefined, problems: string[]): Region | undefined {
  const r = resolveRegion(tree, name, { level, prefix: false, ...(within ? { within: within.code } : {}) });
  if (r.status === 'found') return r.region;
  const where = within ? `在「${within.name}」下` : '';
  problems.push(r.status === 'ambiguous' ? `${LEVEL_WORD[level]}「${name}」${where}有多个，请写完整名称` : `${LEVEL_WORD[level]}「${name}」${where}找不到（请先导入区划，或检查名称）`);
  return undefined;
}

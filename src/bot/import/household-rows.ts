/**
 * From roster rows to households: reading one person row (member-level problems), then turning
 * the rows of one 户编号 into a household (household-level problems: region, 户类型, 户主 …) with
 * the facts its household columns carry (income, 两不愁三保障, 饮水, 参保, relief).
 * A household is applied whole or not at all: one bad row leaves the whole household out (each
 * bad row reported with its reason, the household at its first row). Reasons are Chinese and
 * show ID numbers only masked.
 */
import { isHead, isJoining, MEMBER_CHANGE_LABEL, validateHousehold, householdProblemText, type HouseholdProblem, type MemberChange } from '../../domain/household.js';
import { yesNoValue, type FactKey } from '../../domain/household-fact.js';
import { placementOf, namesGrids, type RegionTree } from '../../domain/hierarchy.js';
import { checkIdNumber, ID_PROBLEM_LABEL, toHalfWidth, type IdCheckOptions } from '../../domain/id-number.js';
import { normalizePhone } from '../../domain/phone.js';
import { regionLabel, resolveRegion } from '../../domain/region-names.js';
import {
  parseHealth, parseHouseholdType, parseKeyGroups, parseKnownYesNo, parseLabour, parseMemberChange, parseSchooling, parseYear, parseYesNo, parseYuanAmount, type Parsed,
} from '../../domain/register-labels.js';
import { covers } from '../../domain/access.js';
import type { Member, Placement, Staff } from '../../domain/types.js';
import type { HouseholdInput } from '../../persistence/household-writes.js';
import { HOUSEHOLD_COLUMNS, type Keys } from './columns.js';
import type { ImportRecord } from './records.js';
import type { RowProblem } from './report.js';

type Key = Keys<typeof HOUSEHOLD_COLUMNS>;
const INCOME_KEYS = ['wage', 'business', 'property', 'transfer', 'businessCost'] as const;
/** Yes/no household columns and the fact each records (a department's list has the same columns and more). */
export const YES_NO_FACTS = [
  ['basicNeeds', 'basic_needs'],
  ['education', 'education'],
  ['medical', 'medical'],
  ['housing', 'housing'],
  ['water', 'water'],
  ['insured', 'insured'],
  ['reliefTemporary', 'relief_temporary'],
  ['reliefMedical', 'relief_medical'],
] as const;
export const HOUSEHOLD_KEYS = ['town', 'village', 'grid', 'headName', 'type', 'alleviationYear', 'dibao', 'tekun', 'keyGroups', 'contactStaff', 'incomeYear', ...INCOME_KEYS, ...YES_NO_FACTS.map(([k]) => k)] as const;
type HouseholdKey = (typeof HOUSEHOLD_KEYS)[number];
const HEADER = Object.fromEntries(HOUSEHOLD_COLUMNS.map((c) => [c.key, c.header])) as Record<Key, string>;

export interface PersonRow {
  row: number;
  code: string;
  /** Null when the row itself is bad (see `problems`). */
  member: Member | null;
  problems: string[];
  /** The household columns as written on this row, in HOUSEHOLD_KEYS order (an array: a roster has a million rows). */
  household: string[];
  /** Written as the 户主's row (even if the row is bad). */
  head: boolean;
  /** The 变动 column: how the person came into or left this household (null: no change). */
  change: MemberChange | null;
}

/** What reading a row needs to know: the day (a birth date after it is refused) and the region codes, if configured. */
export interface RowContext extends IdCheckOptions {
  today: string;
}

function take<T>(parsed: Parsed<T>, problems: string[]): T | undefined {
  if (parsed.ok) return parsed.value;
  problems.push(parsed.message);
  return undefined;
}

/** The household columns of a row (a plain loop: this runs once per person of the roster). */
function householdCells(r: ImportRecord<Key>): string[] {
  const out = new Array<string>(HOUSEHOLD_KEYS.length);
  for (let i = 0; i < HOUSEHOLD_KEYS.length; i++) out[i] = r.get(HOUSEHOLD_KEYS[i] as HouseholdKey);
  return out;
}

/** The household columns of a row by key. */
function householdRecord(cells: readonly string[]): Record<HouseholdKey, string> {
  const out = {} as Record<HouseholdKey, string>;
  HOUSEHOLD_KEYS.forEach((k, i) => (out[k] = cells[i] ?? ''));
  return out;
}

/** Reads one person row. */
export function parsePersonRow(r: ImportRecord<Key>, ctx: RowContext): PersonRow {
  const problems: string[] = [];
  const required = (k: Key) => {
    const v = r.get(k);
    if (v === '') problems.push(`缺少${HEADER[k]}`);
    return v;
  };
  const name = required('name');
  const relation = required('relation');
  let idNumber = '';
  if (r.imprecise('idNumber')) problems.push('身份证号被存成了数字，末几位已丢失（请把该列设为“文本”格式后重新填写）');
  else if (r.merged('idNumber') || r.merged('name')) problems.push(`${r.merged('idNumber') ? '身份证号' : '姓名'}在合并单元格里：每人的姓名、身份证号须各占一行，请取消合并后重新导入`);
  else if (required('idNumber') !== '') {
    const id = checkIdNumber(r.get('idNumber'), ctx);
    if (id.ok) idNumber = id.value;
    else problems.push(ID_PROBLEM_LABEL[id.reason]);
  }
  const change = take(parseMemberChange(r.get('change')), problems) ?? null;
  const labour = r.get('labour') === '' ? (required('labour'), undefined) : take(parseLabour(r.get('labour')), problems);
  const health = r.get('health') === '' ? (required('health'), undefined) : take(parseHealth(r.get('health')), problems);
  const schooling = take(parseSchooling(r.get('schooling')), problems);
  let phone: string | null = null;
  if (r.get('phone') !== '') {
    const p = normalizePhone(r.get('phone'));
    if (p.ok) phone = p.value;
    else problems.push('联系电话格式不对（应为11位手机号或带区号的座机）');
  }
  const left = change !== null && !isJoining(change) ? { on: ctx.today, reason: MEMBER_CHANGE_LABEL[change] } : null;
  const member = problems.length === 0 ? { idNumber, name, relation, labour: labour!, health: health!, schooling: schooling!, phone, left } : null;
  return {
    row: r.row,
    code: toHalfWidth(r.get('code')).trim(),
    member,
    problems,
    household: householdCells(r),
    head: isHead({ relation }),
    change,
  };
}

/** What the rows of a household need from the registers, with caches kept across households. */
export interface RosterContext {
  tree: RegionTree;
  staff: readonly Staff[];
  regionCache: Map<string, { ok: true; placement: Placement } | { ok: false; message: string }>;
}

function resolvePlacement(ctx: RosterContext, town: string, village: string, grid: string): { ok: true; placement: Placement } | { ok: false; message: string } {
  const key = `${town}\u0000${village}\u0000${grid}`;
  const cached = ctx.regionCache.get(key);
  if (cached) return cached;
  const result = ((): { ok: true; placement: Placement } | { ok: false; message: string } => {
    const t = resolveRegion(ctx.tree, town, { level: 'town', prefix: false });
    if (t.status === 'not_found') return { ok: false, message: `镇街「${town}」不存在（请先导入区划，或检查名称）` };
    if (t.status === 'ambiguous') return { ok: false, message: `镇街「${town}」有多个：${t.candidates.map((c) => c.name).join('、')}` };
    const v = resolveRegion(ctx.tree, village, { level: 'village', within: t.region.code, prefix: false });
    if (v.status === 'not_found') return { ok: false, message: `行政村「${village}」不在「${t.region.name}」下（请先导入区划，或检查名称）` };
    if (v.status === 'ambiguous') return { ok: false, message: `行政村「${village}」在「${t.region.name}」下有多个：${v.candidates.map((c) => c.name).join('、')}` };
    if (grid === '') return { ok: true, placement: placementOf(ctx.tree, v.region.code) as Placement };
    if (!namesGrids(ctx.tree, v.region.code)) return { ok: false, message: `本市不设网格，请把网格列留空` };
    const g = resolveRegion(ctx.tree, grid, { level: 'grid', within: v.region.code, prefix: false });
    if (g.status === 'not_found') return { ok: false, message: `网格「${grid}」不在「${regionLabel(ctx.tree, v.region.code)}」下` };
    if (g.status === 'ambiguous') return { ok: false, message: `网格「${grid}」有多个：${g.candidates.map((c) => c.name).join('、')}` };
    return { ok: true, placement: placementOf(ctx.tree, g.region.code) as Placement };
  })();
  ctx.regionCache.set(key, result);
  return result;
}

/** 联系干部 by UserID, or by name among staff whose jurisdiction covers the household. */
function resolveContact(ctx: RosterContext, text: string, placement: Placement): Parsed<string | null> {
  if (text === '') return { ok: true, value: null };
  const byId = ctx.staff.find((s) => s.userId === text);
  if (byId) return byId.active ? { ok: true, value: byId.userId } : { ok: false, message: `联系干部「${text}」已不在岗，请换成在岗的干部` };
  const named = ctx.staff.filter((s) => s.name === text && s.active);
  const near = named.filter((s) => covers(s.jurisdiction, placement));
  const pick = near.length > 0 ? near : named;
  if (pick.length === 1) return { ok: true, value: (pick[0] as Staff).userId };
  if (pick.length === 0) return { ok: false, message: `联系干部「${text}」不在人员名单中（请先导入人员名单，或填企业微信账号）` };
  return { ok: false, message: `联系干部「${text}」有重名（${pick.length}人），请填企业微信账号` };
}

const same = (a: string, b: string) => a === b || toHalfWidth(a).replace(/\s+/g, '') === toHalfWidth(b).replace(/\s+/g, '');

export interface BuiltHousehold {
  household: HouseholdInput | null;
  /** The facts the household columns carry (recorded with source 'import'). */
  facts: Array<{ key: FactKey; value: string }>;
  /** People who joined this household by an explicit 变动 (ID number → 分户, 合户 …). */
  moves: Map<string, string>;
  problems: RowProblem[];
}

/** The facts of the household columns: income (all five amounts with their year) and the yes/no facts. */
function readFacts(h: Record<HouseholdKey, string>, today: string, reasons: string[]): Array<{ key: FactKey; value: string }> {
  const out: Array<{ key: FactKey; value: string }> = [];
  const amounts = INCOME_KEYS.map((k) => take(parseYuanAmount(h[k], HEADER[k]), reasons));
  const year = take(parseYear(h.incomeYear, '收入年度'), reasons);
  const given = amounts.some((a) => a !== null && a !== undefined);
  if (given && year === null) reasons.push('填了收入但没有填收入年度');
  else if (!given && year !== null && year !== undefined) reasons.push('填了收入年度但没有填收入');
  else if (year !== null && year !== undefined && (year < 2000 || year > Number(today.slice(0, 4)))) reasons.push(`收入年度 ${year} 不对（应在2000年到今年之间）`);
  else if (given && year && amounts.every((a) => a !== undefined)) {
    const [wage, business, property, transfer, businessCost] = amounts.map((a) => a ?? 0) as number[];
    out.push({ key: 'income', value: JSON.stringify({ year, wage, business, property, transfer, businessCost }) });
  }
  for (const [column, key] of YES_NO_FACTS) {
    const v = take(parseKnownYesNo(h[column], HEADER[column]), reasons);
    if (v !== null && v !== undefined) out.push({ key, value: yesNoValue(v) });
  }
  return out;
}

/**
 * Turns the rows of one 户编号 into a household. `dropped` holds rows refused for a reason found
 * outside the group (an ID number already used elsewhere in the file), with that reason.
 */
export function buildHousehold(rows: readonly PersonRow[], ctx: RosterContext & { today: string }, dropped: ReadonlyMap<number, string>): BuiltHousehold {
  const code = (rows[0] as PersonRow).code;
  const problems: RowProblem[] = [];
  for (const r of rows) {
    for (const message of r.problems) problems.push({ row: r.row, key: code, message });
    const d = dropped.get(r.row);
    if (d) problems.push({ row: r.row, key: code, message: d });
  }
  const kept = rows.filter((r) => r.member && !dropped.has(r.row));
  // The 户主 still in the household: a deceased 户主 marked 死亡 beside the new one is not the base.
  const base = rows.find((r) => r.head && !r.member?.left) ?? rows.find((r) => r.head) ?? (rows[0] as PersonRow);
  const reasons: string[] = [];
  const bad = rows.filter((r) => !kept.includes(r)).map((r) => r.row);
  // All or nothing: a household half imported would be a household nobody wrote.
  if (bad.length > 0 && kept.length > 0) reasons.push(`第 ${bad.join('、')} 行有错误，本户各行须一并改正后重新导入`);
  for (const r of rows) {
    if (r === base) continue;
    for (let i = 0; i < HOUSEHOLD_KEYS.length; i++) {
      const [mine, theirs] = [r.household[i] as string, base.household[i] as string];
      if (mine !== '' && mine !== theirs && !same(mine, theirs)) reasons.push(`第 ${r.row} 行的${HEADER[HOUSEHOLD_KEYS[i] as HouseholdKey]}与第 ${base.row} 行不一致`);
    }
  }
  const h = householdRecord(base.household);
  const need = (k: HouseholdKey) => (h[k] === '' ? (reasons.push(`缺少${HEADER[k]}`), false) : true);
  const [hasTown, hasVillage] = [need('town'), need('village')];
  const place = hasTown && hasVillage ? resolvePlacement(ctx, h.town, h.village, h.grid) : null;
  if (place && !place.ok) reasons.push(place.message);
  const type = need('type') ? take(parseHouseholdType(h.type), reasons) : undefined;
  const alleviationYear = take(parseYear(h.alleviationYear, '脱贫年度'), reasons);
  const dibao = take(parseYesNo(h.dibao, '是否低保'), reasons);
  const tekun = take(parseYesNo(h.tekun, '是否特困'), reasons);
  const keyGroups = take(parseKeyGroups(h.keyGroups), reasons);
  const contact = place?.ok ? take(resolveContact(ctx, h.contactStaff.trim(), place.placement), reasons) : undefined;
  const facts = readFacts(h, ctx.today, reasons);

  let household: HouseholdInput | null = null;
  if (reasons.length === 0 && place?.ok && type && alleviationYear !== undefined && dibao !== undefined && tekun !== undefined && keyGroups && contact !== undefined) {
    const members = kept.map((r) => r.member as Member);
    const headMember = members.find((m) => isHead(m) && !m.left);
    household = { code, headName: h.headName.trim() || headMember?.name || '', placement: place.placement, type, alleviationYear, dibao, tekun, keyGroups, phone: headMember?.phone ?? null, contactStaff: contact, members };
    // Each member's ID number was checked (and normalized) when its row was read.
    for (const p of validateHousehold({ ...household, id: 0 }, { idNumbersChecked: true })) reasons.push(householdText(p, kept, rows));
    if (reasons.length > 0) household = null;
  }
  if (household === null) {
    const [first, last] = [(rows[0] as PersonRow).row, (rows[rows.length - 1] as PersonRow).row];
    const span = first === last ? `第 ${first} 行` : `第 ${first}–${last} 行`;
    problems.push({ row: first, key: code, message: `户编号 ${code}（${span}）整户未导入：${reasons.join('；')}` });
  }
  const moves = new Map(kept.filter((r) => r.change !== null && isJoining(r.change)).map((r) => [(r.member as Member).idNumber, MEMBER_CHANGE_LABEL[r.change as MemberChange]]));
  return { household, facts: household ? facts : [], moves, problems };
}

function householdText(p: HouseholdProblem, kept: readonly PersonRow[], rows: readonly PersonRow[]): string {
  const rowOf = (i: number) => (kept[i] as PersonRow).row;
  switch (p.code) {
    case 'HOUSEHOLD.NO_HEAD': {
      const badHead = rows.find((r) => r.head && !kept.includes(r));
      return badHead ? `户主所在的第 ${badHead.row} 行有错误` : householdProblemText(p);
    }
    case 'HOUSEHOLD.NO_MEMBERS':
      return '没有可导入的成员';
    case 'HOUSEHOLD.SEVERAL_HEADS':
      return `有${p.members.length}位户主（第 ${p.members.map(rowOf).join('、')} 行），只能有一位`;
    default:
      return householdProblemText(p);
  }
}

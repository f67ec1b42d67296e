/**
 * The warning list a 行业部门 sends (部门筛查预警): its columns (for header matching, the template
 * and docs/IMPORT.md) and the reading of one row into a checked `DepartmentWarning`. What the row
 * then becomes (a lead, a merge, below threshold) is decided by the domain's `planWarnings`.
 *
 * @example
 *   const r = parseWarningRow(record, { today: '2022-05-25', department: 'medical_insurance', only: 'medical_insurance' });
 *   // { ok: true, row: { row: 2, warning: { department: 'medical_insurance', warnedOn: '2022-05-20', … } } }
 *   // { ok: false, problems: ['身份证号校验位不对（可能有数字录错）'] }
 */
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import { tidyReason, type WarningRow } from '../../domain/department-warning.js';
import { checkIdNumber, ID_PROBLEM_LABEL, toHalfWidth } from '../../domain/id-number.js';
import { addDays, isDay, type Day } from '../../domain/calendar.js';
import { parseDepartment } from '../../domain/staff.js';
import { parseChineseNumber } from '../../flows/understand/numbers.js';
import { parseDay } from '../../flows/understand/dates.js';
import type { ColumnSpec, Keys } from './columns.js';
import type { ImportRecord } from './records.js';

const col = <K extends string>(key: K, header: string, required: boolean, synonyms: string[], note: string, example: string): ColumnSpec<K> => ({ key, header, required, synonyms, note, example });

const DEPARTMENT_NAMES = DEPARTMENT.codes.map((d) => DEPARTMENT.label[d]).join('、');

export const WARNING_COLUMNS = [
  col('department', '部门', false, ['预警部门', '行业部门', '报送部门', '所属部门'], `${DEPARTMENT_NAMES}（也可写“医保局”等全称）；行业部门报送本部门名单时可留空`, '医保'),
  col('warnedOn', '预警日期', true, ['日期', '预警时间', '发现日期', '筛查日期'], '发现风险的日期，如 2022-05-20 或 2022年5月20日；不能晚于导入当天', '2022-04-25'),
  col('name', '姓名', true, ['预警对象', '人员姓名', '对象姓名'], '被预警人的姓名', '张三'),
  col('idNumber', '身份证号', true, ['身份证号码', '证件号码', '公民身份号码', '身份证'], '18位身份证号（请将该列设为“文本”格式，避免末几位变成0）', '61082119700101123X'),
  col('town', '镇街', false, ['镇(街道)', '乡镇', '镇', '街道', '所属镇街'], '所在镇街；本人在户籍名册中时可留空', '高家堡镇'),
  col('village', '行政村', false, ['村', '村(社区)', '所属村', '村名'], '所在行政村；本人不在户籍名册中时必填（按此村生成线索）', '凉水井村'),
  col('reason', '预警事由', true, ['预警类型/事由', '预警类型', '事由', '预警原因', '预警内容'], '预警类型或具体事由，如“住院自付费用高”“新增低保”“疑似辍学”“房屋鉴定为危房”', '住院自付费用高'),
  col('amount', '金额', false, ['金额(元)', '自付费用', '个人自付', '自付金额', '损失金额', '救助金额'], '元，如 23456 或 2.3万；医保填个人自付费用（低于门槛只登记、不生成线索）', '23456'),
  col('remark', '备注', false, ['说明'], '其他需要村里知道的情况', ''),
] as const;

type Key = Keys<typeof WARNING_COLUMNS>;

export interface WarningParseContext {
  /** The import day (Asia/Shanghai): a warning day after it is refused. */
  today: Day;
  /** Fills an empty 部门 cell (the list's department, when known). Null: every row names its own. */
  department: Department | null;
  /** The only department the sender may send (a 行业部门's own): a row naming another is refused. */
  only?: Department | null;
}

export type ParsedWarningRow = { ok: true; row: WarningRow } | { ok: false; problems: string[] };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * The day in a 预警日期 cell. Besides what people write ("2022-05-20", "2022/5/20", "2022年5月20日",
 * "20220520"), an xlsx date cell arrives as its serial number (the reader ignores cell styles, so
 * the date format is unknown to it): 44701 is 2022-05-20.
 */
export function readWarningDay(text: string, today: Day): Day | null {
  const t = toHalfWidth(text).trim();
  if (/^\d{5}(\.0+)?$/.test(t)) {
    const serial = Number(t);
    // 1982..2100: a plausible warning day, never an ID fragment or an amount.
    return serial >= 30000 && serial <= 73415 ? new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10) : null;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) {
    const day = `${compact[1]}-${compact[2]}-${compact[3]}`;
    return isDay(day) ? day : null;
  }
  const day = parseDay(t, today);
  return day !== null && isDay(day) ? day : null;
}

/** An amount cell in yuan: "23456", "23,456.5", "¥23456元", "2.3万", "两万三". Null when it cannot be read. */
export function readAmount(text: string): number | null {
  const t = toHalfWidth(text).replace(/[\s,，¥￥]/g, '').replace(/(人民币|元|块)$/, '');
  const plain = /^(\d+(?:\.\d+)?)(万)?$/.exec(t);
  if (plain) return Math.round(Number(plain[1]) * (plain[2] ? 10_000 : 1) * 100) / 100;
  const q = parseChineseNumber(t);
  return q && q.approx === undefined && q.range === undefined ? q.value : null;
}

const MAX_REASON = 200;
const MAX_REMARK = 500;

/** Reads one row; every problem of the row is reported, in Chinese, without repeating the ID number. */
export function parseWarningRow(rec: ImportRecord<Key>, ctx: WarningParseContext): ParsedWarningRow {
  const problems: string[] = [];
  let department: Department | null = null;
  const named = rec.get('department');
  if (named === '') {
    department = ctx.department;
    if (!department) problems.push('缺少部门（请填写部门列，或导入时指定部门）');
  } else {
    const d = parseDepartment(named);
    if (!d.ok) problems.push(d.message);
    else if (ctx.only && d.value !== ctx.only) problems.push(`部门「${named}」与报送部门（${DEPARTMENT.label[ctx.only]}）不一致：只能报送本部门的预警`);
    else department = d.value;
  }

  const day = rec.get('warnedOn');
  let warnedOn: Day | null = null;
  if (day === '') problems.push('缺少预警日期');
  else {
    warnedOn = readWarningDay(day, ctx.today);
    if (warnedOn === null) problems.push(`预警日期「${day}」无法识别（如 2022-05-20）`);
    else if (warnedOn > ctx.today) problems.push(`预警日期 ${warnedOn} 晚于今天（${ctx.today}）`);
    else if (warnedOn < addDays(ctx.today, -3 * 366)) problems.push(`预警日期 ${warnedOn} 是三年以前，请核对`);
  }

  const name = rec.get('name').replace(/\s+/g, '');
  if (name === '') problems.push('缺少姓名');
  else if (name.length > 32) problems.push('姓名过长（不超过32个字）');

  let idNumber = '';
  if (rec.imprecise('idNumber')) problems.push('身份证号被存成了数字，末几位已丢失（请把该列设为“文本”格式后重新填写）');
  else if (rec.get('idNumber') === '') problems.push('缺少身份证号');
  else {
    const id = checkIdNumber(rec.get('idNumber'), { today: ctx.today });
    if (id.ok) idNumber = id.value;
    else problems.push(ID_PROBLEM_LABEL[id.reason]);
  }

  const reason = tidyReason(rec.get('reason'));
  if (reason === '') problems.push('缺少预警事由');
  else if (reason.length > MAX_REASON) problems.push(`预警事由过长（不超过${MAX_REASON}个字）`);

  let amountYuan: number | null = null;
  if (rec.get('amount') !== '') {
    amountYuan = readAmount(rec.get('amount'));
    if (amountYuan === null) problems.push(`金额「${rec.get('amount')}」无法识别（填数字，如 23456 或 2.3万）`);
  }
  const remark = rec.get('remark').trim();
  if (remark.length > MAX_REMARK) problems.push(`备注过长（不超过${MAX_REMARK}个字）`);

  if (problems.length > 0 || !department || !warnedOn) return { ok: false, problems };
  return {
    ok: true,
    row: {
      row: rec.row,
      warning: { department, warnedOn, name, idNumber, townName: rec.get('town'), villageName: rec.get('village'), reason, amountYuan, remark },
    },
  };
}

/**
 * Checks the rows handed to the form builders before anything is written, and says in Chinese
 * exactly which row and column is wrong. A form is never produced from rows it cannot print
 * faithfully (a 对象类型 of 12, a negative count, a village outside the requested scope).
 *
 * @example
 *   try { await buildForm3(rows, meta) } catch (e) {
 *     if (e instanceof FormInputError) reply(e.problems.join('\n'));
 *     // 附件3第2行（李桂兰）：家庭人口须为1–99的整数
 *   }
 */
import { z } from 'zod';
import { PROBLEM_CATEGORY, SCREENING_METHOD } from '../../domain/catalog.js';
import type { FormScope } from './rows.js';

/** Bad rows or parameters for a form; `problems` lists every finding, one line each. */
export class FormInputError extends Error {
  readonly code = 'FORM.INVALID_INPUT';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FormInputError';
  }
}

const text = (max: number) => z.string({ error: '须为文字' }).max(max, { error: `不能超过${max}个字` });
const required = (max: number) => text(max).refine((s) => s.trim() !== '', { error: '不能为空' });
const count = z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(0, { error: '不能为负数' });
const yesNo = z.boolean({ error: '须为“是”或“否”' });
const pairSchema = z.object({ households: count, people: count }).refine((p) => p.people >= p.households, { error: '人数不能少于户数' });
const DAY_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const day = z.string({ error: '须为日期' }).regex(DAY_RE, { error: '须为“2022-05-13”这样的日期' });

const place = { townName: required(30), villageName: required(30) };
const household = {
  ...place,
  headName: required(20),
  familySize: z.number({ error: '须为数字' }).int({ error: '须为1–99的整数' }).min(1, { error: '须为1–99的整数' }).max(99, { error: '须为1–99的整数' }),
  phone: z.string({ error: '须为文字' }).regex(/^$|^[0-9][0-9 -]{5,19}$/, { error: '只能是数字和“-”（6–20位）' }),
};
const numbers = (max: number) => z.number({ error: '须为数字' }).int({ error: `须为1–${max}的数字` }).min(1, { error: `须为1–${max}的数字` }).max(max, { error: `须为1–${max}的数字` });
const labelsList = (maxItems: number) => z.array(required(30), { error: '须为列表' }).max(maxItems, { error: `最多${maxItems}项` });

const form1Row = z.object({
  level: z.enum(['village', 'town', 'city'], { error: '须为村、镇街或全市' }),
  townName: text(30),
  villageName: text(30),
  deployed: z.union([yesNo, z.object({ yes: count, of: count }).refine((d) => d.yes <= d.of, { error: '部署村数不能多于村数' })], { error: '须为“是/否”或“部署村数/村数”' }),
  staff: count,
  screened: pairSchema,
  screenedAlleviated: pairSchema,
  screenedSubjects: pairSchema,
  includedMarginal: pairSchema,
  includedUnstable: pairSchema,
  includedSudden: pairSchema,
  includedCovid: pairSchema,
  reviewTotal: count,
  reverted: count,
  withdrawn: count,
  problemsFound: count,
  problemsRectified: count,
  dataCorrections: count,
  trained: count,
});

export const ROW_SCHEMAS = {
  form1: form1Row,
  form2: z.object({
    ...household,
    objectTypes: z.array(numbers(10), { error: '须为数字列表' }).min(1, { error: '至少选一项' }),
    familySituation: text(2000),
    screenerSignature: text(20),
    verdict: z.enum(['拟纳入', '不纳入'], { error: '须为“拟纳入”或“不纳入”' }).nullable(),
    remark: text(500),
  }),
  form3: z.object({
    ...household,
    method: z.enum(SCREENING_METHOD.codes as [string, ...string[]], { error: '须为入户、电话、微信或其他' }),
    riskRecently: yesNo,
    knowsPolicy: yesNo,
    screenerSignature: text(20),
    remark: text(500),
  }),
  form4: z.object({
    ...household,
    category: numbers(3),
    incomeStable: yesNo.nullable(),
    measuresInPlace: yesNo.nullable(),
    basicNeedsConsolidated: yesNo.nullable(),
    eliminationStable: yesNo.nullable(),
    needsRelabel: yesNo.nullable(),
    needsWithdrawal: yesNo.nullable(),
    remark: text(500),
  }),
  form5: z.object({
    ...household,
    includedOn: day,
    riskTypes: labelsList(5).min(1, { error: '至少一项' }),
    measures: labelsList(20),
    assistanceInPlace: yesNo,
    meetsElimination: yesNo,
    remark: text(500),
  }),
  form6: z.object({
    ...place,
    problems: z.array(
      z.object({
        category: z.enum(PROBLEM_CATEGORY.codes as [string, ...string[]], { error: '须为问题清单的八类之一' }),
        description: required(500),
      }),
    ),
  }),
} as const;

/** The Chinese name of each field, for error lines. */
const FIELD_NAMES: Record<string, string> = {
  level: '层级', townName: '镇街', villageName: '行政村', headName: '户主姓名', familySize: '家庭人口', phone: '联系电话',
  deployed: '是否专门安排部署', staff: '参与集中排查的各级部门总人数', screened: '集中排查对象',
  screenedAlleviated: '其中脱贫户', screenedSubjects: '其中监测对象', includedMarginal: '纳入边缘易致贫户数',
  includedUnstable: '纳入脱贫不稳定户数', includedSudden: '纳入突发严重困难户数', includedCovid: '其中因疫情纳入',
  reviewTotal: '回头看总数', reverted: '回退', withdrawn: '清退', problemsFound: '排查问题总数', problemsRectified: '问题整改数',
  dataCorrections: '补正数据', trained: '培训人数', objectTypes: '对象类型', familySituation: '家庭情况',
  screenerSignature: '签字', verdict: '会议研判结论', remark: '备注', method: '排查方式', riskRecently: '近期是否发生风险',
  knowsPolicy: '是否基本了解防返贫政策', category: '对象类型', incomeStable: '收入是否持续稳定', measuresInPlace: '帮扶措施是否落实',
  basicNeedsConsolidated: '“三保障”及饮水安全持续巩固', eliminationStable: '风险消除是否稳定', needsRelabel: '是否需要重新标注或备注',
  needsWithdrawal: '是否需要清退', includedOn: '纳入时间', riskTypes: '风险类型', measures: '已落实帮扶措施', assistanceInPlace: '帮扶是否落实',
  meetsElimination: '是否达到消除标准', problems: '问题', description: '具体问题', households: '户数', people: '人数',
};

/** Where a form names a field differently (附件6 calls its category 类型). */
const FORM_FIELD_NAMES: Partial<Record<keyof typeof ROW_SCHEMAS, Record<string, string>>> = { form6: { category: '类型' } };

function describePath(form: keyof typeof ROW_SCHEMAS, path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push(`第${p + 1}项`);
    else parts.push(FORM_FIELD_NAMES[form]?.[String(p)] ?? FIELD_NAMES[String(p)] ?? String(p));
  }
  return parts.join('');
}

/** Validates every row; collects all findings into one FormInputError. */
export function checkRows<K extends keyof typeof ROW_SCHEMAS>(form: K, formLabel: string, rows: readonly unknown[]): void {
  if (!Array.isArray(rows)) throw new FormInputError([`${formLabel}：数据须为行的列表`]);
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const r = ROW_SCHEMAS[form].safeParse(row);
    if (r.success) return;
    const name = typeof row === 'object' && row !== null ? ((row as { headName?: unknown; villageName?: unknown }).headName ?? (row as { villageName?: unknown }).villageName) : undefined;
    const who = typeof name === 'string' && name.trim() !== '' ? `（${name.trim()}）` : '';
    for (const issue of r.error.issues) problems.push(`${formLabel}第${i + 1}行${who}：${describePath(form, issue.path)}${issue.message}`);
  });
  if (problems.length > 0) throw new FormInputError(problems);
}

/** Header parameters of every form. */
export interface FormMeta {
  scope: FormScope;
  /** 填报单位, e.g. 高家堡镇人民政府. */
  unit: string;
  /** 填报时间, 'YYYY-MM-DD' (Asia/Shanghai calendar day). */
  reportDay: string;
}

export function checkMeta(meta: FormMeta, formLabel: string): void {
  const problems: string[] = [];
  if (!['village', 'town', 'city'].includes(meta.scope)) problems.push(`${formLabel}：范围须为村、镇街或全市`);
  if (typeof meta.unit !== 'string' || meta.unit.trim() === '') problems.push(`${formLabel}：填报单位不能为空`);
  if (typeof meta.reportDay !== 'string' || !DAY_RE.test(meta.reportDay)) problems.push(`${formLabel}：填报时间须为“2022-05-13”这样的日期`);
  if (problems.length > 0) throw new FormInputError(problems);
}

/**
 * A village workbook holds one village, a town workbook one town: rows from elsewhere would put
 * other people's data in front of the reader, so they stop the export.
 */
export function checkScope(scope: FormScope, formLabel: string, places: ReadonlyArray<{ townName: string; villageName: string }>): void {
  if (scope === 'city' || places.length === 0) return;
  const first = places[0] as { townName: string; villageName: string };
  const strays = places.filter((p) => p.townName !== first.townName || (scope === 'village' && p.villageName !== first.villageName));
  if (strays.length === 0) return;
  const where = scope === 'village' ? `${first.townName}${first.villageName}` : first.townName;
  const stray = strays[0] as { townName: string; villageName: string };
  throw new FormInputError([`${formLabel}：按${scope === 'village' ? '村' : '镇街'}导出时只能含${where}的数据，却有${stray.townName}${stray.villageName}等${strays.length}行`]);
}

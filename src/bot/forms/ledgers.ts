/**
 * 附件2–附件5, the four ledgers (台账): one sheet with the form's own 镇街/行政村 columns, whatever
 * the scope — the printed forms carry those columns precisely so that one table can hold a town's
 * or the city's rows; rows keep the caller's order and are numbered 序号 1…n.
 *
 * Privacy: 联系电话 is masked (138****5678) unless `phones: 'full'` is passed. These ledgers are
 * internal working papers, never a 公示 list; a caller may ask for full numbers only when the
 * reader's jurisdiction covers every household in the workbook. Free text (家庭情况, 备注) always has
 * ID and phone numbers masked: no column of these forms asks for them.
 *
 * @example
 *   const xlsx = await buildForm3(rows, { scope: 'village', unit: '王家庄村', reportDay: '2022-05-13' });
 */
import { maskPhone, maskText } from '../../domain/privacy.js';
import { SCREENING_METHOD, type ScreeningMethod } from '../../domain/catalog.js';
import { leaf, type ColumnNode } from './columns.js';
import { form2Notes, FORM_TEXTS, type FormId } from './form-texts.js';
import { chineseDay, numberList, yesNo } from './format.js';
import type { Form2Row, Form3Row, Form4Row, Form5Row, LedgerHousehold } from './rows.js';
import { newWorkbook, workbookBuffer, writeFormSheet } from './sheet.js';
import { checkMeta, checkRows, checkScope, type FormMeta } from './validate.js';

/** Options of every ledger: the form's header fields and how phones are printed. */
export interface LedgerOptions extends FormMeta {
  /** 'masked' (default) prints 138****5678; 'full' only for readers whose jurisdiction covers every row. */
  phones?: 'masked' | 'full';
  /** 附件2's key group ②: the campaign's income year and monitoring line (default: the seed's 2021 and 6700). */
  keyGroupBasis?: { incomeYear: number; line: number };
}

type Numbered<T> = T & { seq: number };

/** The columns 序号 … 联系电话 that every ledger starts with. */
function householdColumns<T extends LedgerHousehold>(phones: 'masked' | 'full'): ColumnNode<Numbered<T>>[] {
  return [
    leaf('序号', (r) => r.seq, { width: 6 }),
    leaf('镇街', (r) => r.townName, { width: 11 }),
    leaf('行政村', (r) => r.villageName, { width: 11 }),
    leaf('户主姓名', (r) => r.headName, { width: 9 }),
    leaf('家庭人口', (r) => r.familySize, { width: 6 }),
    leaf('联系电话', (r) => (phones === 'full' ? r.phone : maskPhone(r.phone)), { width: 14 }),
  ];
}

const free = (s: string) => maskText(s);

function form2Columns(phones: 'masked' | 'full'): ColumnNode<Numbered<Form2Row>>[] {
  return [
    ...householdColumns<Form2Row>(phones),
    leaf('对象类型', (r) => numberList(r.objectTypes), { width: 10 }),
    leaf('家庭情况', (r) => free(r.familySituation), { width: 40, wrap: true }),
    leaf('排查人签字', (r) => r.screenerSignature, { width: 9 }),
    leaf('会议研判结论', (r) => r.verdict ?? '', { width: 9 }),
    leaf('备注', (r) => free(r.remark), { width: 16, wrap: true }),
  ];
}

function form3Columns(phones: 'masked' | 'full'): ColumnNode<Numbered<Form3Row>>[] {
  return [
    ...householdColumns<Form3Row>(phones),
    leaf('排查方式', (r) => SCREENING_METHOD.label[r.method as ScreeningMethod], { width: 8 }),
    leaf('近期是否发生风险', (r) => yesNo(r.riskRecently), { width: 9 }),
    leaf('是否基本了解防返贫政策', (r) => yesNo(r.knowsPolicy), { width: 11 }),
    leaf('排查员签字', (r) => r.screenerSignature, { width: 9 }),
    leaf('备注', (r) => free(r.remark), { width: 30, wrap: true }),
  ];
}

function form4Columns(phones: 'masked' | 'full'): ColumnNode<Numbered<Form4Row>>[] {
  // Not yet reviewed: the answers stay empty.
  const yesNo = (b: boolean | null): string => (b === null ? '' : b ? '是' : '否');
  return [
    ...householdColumns<Form4Row>(phones),
    leaf('对象类型', (r) => r.category, { width: 7 }),
    leaf('收入是否持续稳定', (r) => yesNo(r.incomeStable), { width: 9 }),
    leaf('帮扶措施是否落实', (r) => yesNo(r.measuresInPlace), { width: 9 }),
    leaf('“三保障”及饮水安全持续巩固是否持稳续', (r) => yesNo(r.basicNeedsConsolidated), { width: 14 }),
    leaf('风险消除是否持稳续', (r) => yesNo(r.eliminationStable), { width: 10 }),
    leaf('是否需要重新标注或备注', (r) => yesNo(r.needsRelabel), { width: 11 }),
    leaf('是否需要清退', (r) => yesNo(r.needsWithdrawal), { width: 8 }),
    leaf('备注', (r) => free(r.remark), { width: 20, wrap: true }),
  ];
}

function form5Columns(phones: 'masked' | 'full'): ColumnNode<Numbered<Form5Row>>[] {
  return [
    ...householdColumns<Form5Row>(phones),
    leaf('纳入时间', (r) => r.includedOn, { width: 12 }),
    leaf('风险类型', (r) => r.riskTypes.join('、'), { width: 14, wrap: true }),
    leaf('已落实帮扶措施', (r) => r.measures.join('、'), { width: 24, wrap: true }),
    leaf('帮扶是否落实', (r) => yesNo(r.assistanceInPlace), { width: 9 }),
    leaf('是否达到消除标准', (r) => yesNo(r.meetsElimination), { width: 10 }),
    leaf('备注', (r) => free(r.remark), { width: 18, wrap: true }),
  ];
}

async function buildLedger<T extends LedgerHousehold>(
  id: FormId & ('form2' | 'form3' | 'form4' | 'form5'),
  rows: readonly T[],
  options: LedgerOptions,
  columns: (phones: 'masked' | 'full') => ColumnNode<Numbered<T>>[],
): Promise<Buffer> {
  const text = id === 'form2' ? { ...FORM_TEXTS.form2, notes: form2Notes(options.keyGroupBasis) } : FORM_TEXTS[id];
  checkMeta(options, text.attachment);
  checkRows(id, text.attachment, rows);
  checkScope(options.scope, text.attachment, rows);
  const wb = newWorkbook(options.reportDay);
  const ws = wb.addWorksheet(text.title.replace('防止返贫监测帮扶集中排查工作', ''));
  writeFormSheet(ws, {
    text,
    columns: columns(options.phones ?? 'masked'),
    rows: rows.map((r, i) => ({ ...r, seq: i + 1 })),
    info: { left: `填报单位：${options.unit}`, right: `填报时间：${chineseDay(options.reportDay)}` },
    freezeColumns: 4,
  });
  return workbookBuffer(wb);
}

/** 附件2 防止返贫监测帮扶集中排查工作排查台账（十类人群和特殊对象）. */
export function buildForm2(rows: readonly Form2Row[], options: LedgerOptions): Promise<Buffer> {
  return buildLedger('form2', rows, options, form2Columns);
}

/** 附件3 防止返贫监测帮扶集中排查工作排查台账（一般户）. */
export function buildForm3(rows: readonly Form3Row[], options: LedgerOptions): Promise<Buffer> {
  return buildLedger('form3', rows, options, form3Columns);
}

/** 附件4 已消除风险监测对象台账. */
export function buildForm4(rows: readonly Form4Row[], options: LedgerOptions): Promise<Buffer> {
  return buildLedger('form4', rows, options, form4Columns);
}

/** 附件5 未消除风险监测对象台账. */
export function buildForm5(rows: readonly Form5Row[], options: LedgerOptions): Promise<Buffer> {
  return buildLedger('form5', rows, options, form5Columns);
}

/**
 * The households of one 一般户排查 message (附件3), each an item the flow completes in turn:
 * read from the text with the area's roster (src/flows/understand/screening-report.ts), echoed
 * together for one confirmation when there are several or when one would replace a record made
 * earlier today (shown as before → after), and saved as one command each.
 *
 * @example
 *   const items = itemsOf(readScreeningReports('马有福、刘有才两户都入户了，都没风险，政策都了解', roster));
 *   // [{ said: '马有福', ids: [12], line: { method: 'home_visit', risk: false, knowsPolicy: true } }, { said: '刘有才', … }]
 */
import { SCREENING_METHOD, type ScreeningMethod } from '../../domain/catalog.js';
import type { Env } from '../types.js';
import { readScreeningReports, type ScreeningReading, type ScreeningReport } from '../understand/screening-report.js';
import { echo, type HouseholdRef } from './common.js';
import type { TodaysScreening } from './data.js';

export interface Line {
  method?: ScreeningMethod;
  risk?: boolean;
  riskDetail?: string;
  knowsPolicy?: boolean;
  remark?: string;
}

export interface Item {
  /** The name as said (empty when none was said yet). */
  said: string;
  line: Line;
  household?: HouseholdRef;
  /** Households the name fits (several: asked by number). */
  candidates?: HouseholdRef[];
  /** Roster names that sound like what was typed (asked: “您说的是…吗？”). */
  similar?: Array<{ id: number; name: string }>;
  /** Today's earlier record of this household by the same person, when the new one would change it. */
  earlier?: TodaysScreening;
}

export type Complete = Item & { household: HouseholdRef; line: Required<Pick<Line, 'method' | 'risk' | 'knowsPolicy'>> & Line };

/** The report's fields that were said (undefined ones left out, so they never overwrite). */
export function lineOf(r: Pick<ScreeningReport, 'method' | 'risk' | 'riskDetail' | 'knowsPolicy' | 'remark'>): Line {
  const out: Line = {};
  if (r.method !== undefined) out.method = r.method;
  if (r.risk !== undefined) out.risk = r.risk;
  if (r.riskDetail !== undefined) out.riskDetail = r.riskDetail;
  if (r.knowsPolicy !== undefined) out.knowsPolicy = r.knowsPolicy;
  if (r.remark !== undefined) out.remark = r.remark;
  return out;
}

/** One item per household named (a report naming two shares its fields). */
export function itemsOf(reading: ScreeningReading): Item[] {
  const items: Item[] = [];
  // The household each item's name found, when it found exactly one.
  const homes = new Map<Item, number>();
  for (const r of reading.reports) {
    const line = lineOf(r);
    if (r.names.length === 0) items.push({ said: '', line });
    for (const n of r.names) {
      // The same name again later ("刘君户已入户…老汉刘君前年中风…"), or another name of the same
      // household (“乔振华家入户了 … 乔丽在西安打工 …”): one item, the later words win.
      const home = n.ids.length === 1 ? n.ids[0] : undefined;
      const had = items.find((i) => i.said === n.said || (home !== undefined && homes.get(i) === home));
      if (had) had.line = { ...had.line, ...line };
      else {
        const item: Item = { said: n.said, line: { ...line }, ...(n.ids.length === 0 && n.similar.length > 0 ? { similar: n.similar } : {}) };
        items.push(item);
        if (home !== undefined) homes.set(item, home);
      }
    }
  }
  return items;
}

/** The message read with the asker's roster. */
export async function readWithRoster(text: string, env: Env): Promise<ScreeningReading> {
  return readScreeningReports(text, await env.data.fieldRoster());
}

/**
 * A whole report (household and at least two of the three fields, or the 排查 command with a
 * household): it replaces whatever question was waiting instead of being read as its answer.
 */
export function isWholeReport(reading: ScreeningReading): boolean {
  const named = reading.reports.some((r) => r.names.length > 0);
  return named && (reading.words >= 2 || reading.command);
}

const yesNo = (b: boolean) => (b ? '是' : '否');

function riskText(risk: boolean, detail: string | null | undefined): string {
  return risk ? `是（${echo(detail ?? '')}）` : '否';
}

/** "入户；近期风险：否；了解政策：是". */
export function summary(line: Complete['line']): string {
  return `${SCREENING_METHOD.label[line.method]}；近期风险：${riskText(line.risk, line.riskDetail)}；了解政策：${yesNo(line.knowsPolicy)}${line.remark?.trim() ? `；备注：${echo(line.remark)}` : ''}`;
}

/** What changes against today's earlier record, as "近期风险：是（…） → 否"; empty when nothing does. */
export function changes(item: Complete): string[] {
  const a = item.earlier?.answers;
  if (!a) return item.earlier?.riskFound && !item.line.risk ? ['近期风险：是 → 否'] : [];
  const out: string[] = [];
  const was = { method: a.method as ScreeningMethod | undefined, risk: a.riskFound === true, detail: (a.riskDetails as string | null) ?? null, knows: a.knowsPolicy === true };
  if (was.method && was.method !== item.line.method) out.push(`排查方式：${SCREENING_METHOD.label[was.method]} → ${SCREENING_METHOD.label[item.line.method]}`);
  const now = { risk: item.line.risk, detail: item.line.risk ? (item.line.riskDetail ?? '').trim() : null };
  if (was.risk !== now.risk || (now.risk && was.detail !== now.detail)) out.push(`近期风险：${riskText(was.risk, was.detail)} → ${riskText(now.risk, now.detail)}`);
  if (was.knows !== item.line.knowsPolicy) out.push(`了解政策：${yesNo(was.knows)} → ${yesNo(item.line.knowsPolicy)}`);
  return out;
}

/** The one echo that asks to save several records, or to replace today's earlier one. */
export function confirmText(items: Complete[], dayLine?: string): string {
  const single = items.length === 1;
  const lines = [single ? `请确认${(items[0] as Complete).household.headName}户的一般户排查（附件3）：` : `这条消息里有${items.length}户，请确认一般户排查（附件3）：`];
  if (dayLine) lines.push(dayLine);
  items.forEach((it, i) => {
    lines.push(`${single ? '' : `${i + 1}. `}${it.household.label}：${summary(it.line)}`);
    const diff = changes(it);
    if (diff.length) lines.push(`   今天已登记过该户，将更正：${diff.join('；')}`);
  });
  lines.push(single ? '回复“是”或“确认”保存；回复“取消”不保存（原记录不变）。' : `回复“是”或“确认”保存这${items.length}户；回复“取消”都不保存。`);
  return lines.join('\n');
}

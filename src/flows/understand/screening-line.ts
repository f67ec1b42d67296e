/**
 * The grid worker's one-line report of a general household (附件3):
 * "排查 张三 入户 无风险 了解政策" → 户主 张三, 排查方式 入户, 近期是否发生风险 否, 是否基本了解
 * 防返贫政策 是. Words may come in any order, with or without spaces ("排查张三 微信 没风险 了解").
 *
 * Never invents a value: a field that was not said is listed in `missing`, one said twice
 * with different values ("入户 电话") is left unset and listed in `conflicts`, and an account of
 * hardship without the words 有风险 gives `suggestedRisks` for the flow to confirm — not risk = true.
 *
 * @example
 *   parseScreeningLine('排查 王五 电话 有风险 儿子住院花了两万 不了解政策')
 *   // { name: '王五', method: 'phone', risk: true, riskDetail: '儿子住院花了两万',
 *   //   suggestedRisks: [{ riskType: 'illness', evidence: ['住院'] }], knowsPolicy: false, missing: [], conflicts: [] }
 */
import type { ScreeningMethod } from '../../domain/catalog.js';
import { normalize } from './normalize.js';
import { classifyRisks, type RiskMention } from './risks.js';

export type ScreeningField = 'name' | 'method' | 'risk' | 'knowsPolicy';

export interface ScreeningLine {
  /** 户主姓名 as typed; match it against the register. */
  name?: string;
  method?: ScreeningMethod;
  /** 近期是否发生风险. */
  risk?: boolean;
  /** What was said about the risk (for 备注 and the village 研判会). */
  riskDetail?: string;
  /** Risk types read from the detail: a suggestion for the flow to confirm, never a decision. */
  suggestedRisks: RiskMention[];
  /** 是否基本了解防返贫政策. */
  knowsPolicy?: boolean;
  remark?: string;
  /** Fields not said: ask for them. */
  missing: ScreeningField[];
  /** Fields said twice with different values: ask again. */
  conflicts: ScreeningField[];
}

type Said =
  | { field: 'method'; value: ScreeningMethod }
  | { field: 'risk'; value: boolean }
  | { field: 'knowsPolicy'; value: boolean }
  | { field: 'remark'; value: null };

const WORDS: Array<[RegExp, Said]> = [
  [/(?:不太|不是很|不怎么|不大|不很|没太|不|没|未)(?:了解|知道|清楚|懂)(?:政策)?|政策(?:不太|不是很|不)(?:了解|知道|清楚|懂)/g, { field: 'knowsPolicy', value: false }],
  [/(?:基本|比较|都|很|已|基本上)?(?:了解|知道|清楚|懂)(?:政策)?|政策(?:基本)?(?:了解|知道|清楚|懂)/g, { field: 'knowsPolicy', value: true }],
  [/(?:无|没有|没|未发现|未发生|不存在|暂无)(?:风险|返贫风险|致贫风险)|一切正常|无异常/g, { field: 'risk', value: false }],
  [/(?:有|存在|发现|发生)(?:风险|返贫风险|致贫风险)/g, { field: 'risk', value: true }],
  [/入户|上门|走访|到户|实地/g, { field: 'method', value: 'home_visit' }],
  [/打电话|电话|电联/g, { field: 'method', value: 'phone' }],
  [/微信|视频/g, { field: 'method', value: 'wechat' }],
  [/其他方式|其它方式|其他|其它/g, { field: 'method', value: 'other' }],
  [/备注\s*[:：]?/g, { field: 'remark', value: null }],
];

interface Match {
  start: number;
  end: number;
  said: Said;
}

function matches(t: string): Match[] {
  const all: Match[] = [];
  for (const [re, said] of WORDS) for (const m of t.matchAll(re)) all.push({ start: m.index, end: m.index + m[0].length, said });
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Match[] = [];
  for (const m of all) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/** Pieces of text between the recognized words, with where they stand. */
function leftovers(t: string, found: Match[]): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let at = 0;
  for (const m of [...found, { start: t.length, end: t.length } as Match]) {
    for (const piece of t.slice(at, m.start).split(/[\s,，、;；()]+/)) {
      if (piece !== '') out.push({ text: piece, start: t.indexOf(piece, at) });
    }
    at = m.end;
  }
  return out;
}

/**
 * Reads a one-line screening report (with or without the leading 排查).
 *
 * @example
 *   parseScreeningLine('排查 张三 入户 无风险 了解政策')
 *   // { name: '张三', method: 'home_visit', risk: false, knowsPolicy: true, suggestedRisks: [], missing: [], conflicts: [] }
 *   parseScreeningLine('排查 李四 微信')
 *   // { name: '李四', method: 'wechat', suggestedRisks: [], missing: ['risk', 'knowsPolicy'], conflicts: [] }
 */
export function parseScreeningLine(text: string): ScreeningLine {
  const t = normalize(text).replace(/^(?:一般户排查|排查)\s*[:：]?\s*/, '');
  const found = matches(t);
  const values = new Map<ScreeningField, Set<string | boolean>>();
  for (const m of found) {
    if (m.said.field === 'remark') continue;
    const set = values.get(m.said.field) ?? new Set();
    set.add(m.said.value);
    values.set(m.said.field, set);
  }
  const one = <T>(field: ScreeningField): T | undefined => {
    const set = values.get(field);
    return set?.size === 1 ? ([...set][0] as T) : undefined;
  };
  const line: ScreeningLine = { suggestedRisks: [], missing: [], conflicts: [] };
  const pieces = leftovers(t, found);
  // The name comes first: 2–4 Chinese characters before anything else was said.
  const first = pieces[0];
  const firstWord = found[0]?.start ?? t.length;
  if (first && first.start <= firstWord && /^[\u4e00-\u9fa5·]{2,4}$/.test(first.text)) {
    line.name = first.text;
    pieces.shift();
  }
  const method = one<ScreeningMethod>('method');
  if (method) line.method = method;
  const risk = one<boolean>('risk');
  if (risk !== undefined) line.risk = risk;
  const knows = one<boolean>('knowsPolicy');
  if (knows !== undefined) line.knowsPolicy = knows;

  // Words after 备注 are a remark; the other leftovers are the risk detail when there is one.
  const remarkAt = found.find((m) => m.said.field === 'remark')?.end ?? Infinity;
  const remark = pieces.filter((p) => p.start >= remarkAt).map((p) => p.text);
  const other = pieces.filter((p) => p.start < remarkAt).map((p) => p.text).join('，');
  if (other !== '') {
    const suggested = classifyRisks(other);
    if (risk === true || (risk === undefined && suggested.length > 0)) {
      line.riskDetail = other;
      line.suggestedRisks = suggested;
    } else {
      remark.unshift(other);
    }
  }
  if (remark.length > 0) line.remark = remark.join('，');

  for (const field of ['name', 'method', 'risk', 'knowsPolicy'] as const) {
    if ((values.get(field)?.size ?? 0) > 1) line.conflicts.push(field);
    else if (line[field] === undefined) line.missing.push(field);
  }
  return line;
}

/**
 * 一般户排查 answers corrected inside the conversation: an earlier answer corrected while another
 * question waits (“不对，是电话问的” at the policy question), a correction at the confirmation of
 * several households (“不对 刘有才是打电话的”), today's record filling in what a correction leaves
 * out, and what an answer said instead of the one asked (“都挺好” where the way is asked), said back.
 * A correction after the record was saved is screening-afterwards.ts.
 *
 * @example
 *   correctedMidway({ method: 'home_visit', risk: false }, '不对，是电话问的')
 *   // { line: { method: 'phone', risk: false }, note: '已改：排查方式：电话。' }
 */
import { SCREENING_METHOD } from '../../domain/catalog.js';
import type { Env } from '../types.js';
import { classifyRisks, normalize } from '../understand/index.js';
import { CORRECTION_LEAD } from '../understand/corrections.js';
import { screeningWordsIn } from '../understand/screening-words.js';
import { lineOf, readWithRoster, type Item, type Line } from './screening-items.js';

/**
 * An earlier answer corrected while another question waits (“不对，是电话问的” when the policy is
 * asked): the fields the correction names replace what was said, and the waiting question comes
 * again. Null when the words name no field (then they are read as the answer).
 */
export function correctedMidway(line: Line, text: string): { line: Line; note: string } | null {
  const t = normalize(text);
  const m = CORRECTION_LEAD.exec(t);
  if (!m) return null;
  const rest = t.slice(m[0].length);
  const next: Line = { ...line };
  const said: string[] = [];
  for (const w of screeningWordsIn(rest)) {
    if (w.said.field === 'method' && next.method !== w.said.value) {
      next.method = w.said.value;
      said.push(`排查方式：${SCREENING_METHOD.label[w.said.value]}`);
    }
    if (w.said.field === 'risk' && next.risk !== w.said.value) {
      next.risk = w.said.value;
      if (!w.said.value) delete next.riskDetail;
      said.push(`近期风险：${w.said.value ? '是' : '否'}`);
    }
    if (w.said.field === 'knowsPolicy' && next.knowsPolicy !== w.said.value) {
      next.knowsPolicy = w.said.value;
      said.push(`了解政策：${w.said.value ? '是' : '否'}`);
    }
  }
  // “不对 不是因病 是娃上学”: the risk's account replaced (a risk already said, hardship words in the correction).
  if (next.risk === true && !said.some((s) => s.startsWith('近期风险'))) {
    const replaced = /^(?:不是|并不是|也不是)[^是]*?[,，\s]*(?:而是|应该是|其实是|是)\s*(.+)$/.exec(rest)?.[1] ?? rest;
    const detail = replaced.replace(/^(?:其实|应该|是)+/, '').trim();
    if (detail.length >= 2 && classifyRisks(detail).length > 0 && detail !== next.riskDetail) {
      next.riskDetail = detail;
      said.push(`风险情况：${detail}`);
    }
  }
  return said.length ? { line: next, note: `已改：${said.join('；')}。` } : null;
}

// A mind changed inside one answer (“入户 哦不对 是打的电话”): src/flows/understand/corrections.ts.
export { lastSaid } from '../understand/corrections.js';

/** The asker's record of the household made earlier today fills in what a correction leaves out. */
export function filledFromEarlier(line: Line, earlier: Record<string, unknown> | undefined): Line {
  if (!earlier) return line;
  const next: Line = { ...line };
  if (next.method === undefined && typeof earlier.method === 'string') next.method = earlier.method as Line['method'];
  if (next.risk === undefined && typeof earlier.riskFound === 'boolean') {
    next.risk = earlier.riskFound;
    if (earlier.riskFound && typeof earlier.riskDetails === 'string') next.riskDetail = earlier.riskDetails;
  }
  if (next.knowsPolicy === undefined && typeof earlier.knowsPolicy === 'boolean') next.knowsPolicy = earlier.knowsPolicy;
  return next;
}

/**
 * “不对 刘有才是打电话的” at the confirmation of several households: what the correction says of
 * households already in the list replaces their words, and everything is shown again. Null when
 * it names none of them or says nothing clear (then it is read as 是/否 as before).
 */
export async function correctedAtConfirm(items: readonly Item[], text: string, env: Env): Promise<Item[] | null> {
  const t = normalize(text);
  const m = CORRECTION_LEAD.exec(t);
  if (!m) return null;
  const reading = await readWithRoster(t.slice(m[0].length), env);
  let changed = false;
  const next = items.map((item) => {
    const r = reading.reports.find((x) => x.names.some((n) => !!item.household && n.ids.includes(item.household.id)));
    if (!r || r.conflicts.length) return item;
    const said = lineOf(r);
    if (said.method === undefined && said.risk === undefined && said.knowsPolicy === undefined) return item;
    changed = true;
    const line: Line = { ...item.line, ...said };
    if (said.risk === false) delete line.riskDetail;
    return { ...item, line };
  });
  return changed ? next : null;
}

const OWN_FIELD: Partial<Record<string, 'method' | 'risk' | 'knowsPolicy'>> = { method: 'method', risk: 'risk', policy: 'knowsPolicy' };

/** “都挺好” where the way is asked: what the answer said instead is said back (“已记下：近期风险：否。”) before the question comes again. */
export function keptAside(node: string, before: Line, after: Line): string | undefined {
  const own = OWN_FIELD[node];
  if (!own || after[own] !== undefined) return undefined;
  const kept = [
    ...(before.method === undefined && after.method !== undefined ? [`排查方式：${SCREENING_METHOD.label[after.method]}`] : []),
    ...(before.risk === undefined && after.risk !== undefined ? [`近期风险：${after.risk ? '是' : '否'}`] : []),
    ...(before.knowsPolicy === undefined && after.knowsPolicy !== undefined ? [`了解政策：${after.knowsPolicy ? '是' : '否'}`] : []),
  ];
  return kept.length ? `已记下：${kept.join('；')}。` : undefined;
}


/**
 * 督导名单: the villages the city (or a town) should look at — zero problems reported, abnormal
 * 三类人员 counts, slow screening, unfinished rectification — each with the number behind it.
 * The rules are src/domain/supervision.ts; the numbers the same 附件1 rows as “进度”.
 *
 * @example
 *   // 钱七 (市乡村振兴局): “督导名单”
 *   // → **神木市督导名单**（截至5月13日）\n零问题的村（4个）：高家堡镇新村、… \n三类人员异常（1个）：…
 */
import { readOfficialAsk } from '../understand/official-asks.js';
import type { Place, SupervisionView } from './data.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { capped, chineseDay, markdownReply, nameList, percent, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

const MAX_LINES = 15;

/** The village's name as the asker needs it: with its town above town level. */
export const villageName = (view: SupervisionView, code: string, place: Place): string => {
  const v = view.villages[code];
  if (!v) return code;
  return place.level === 'city' ? v.label : v.name;
};

export function supervisionReply(view: SupervisionView, place: Place) {
  const { targets } = view;
  const name = (code: string) => villageName(view, code, place);
  const lines: string[] = [];
  lines.push(targets.zeroProblem.length ? `零问题的村（${targets.zeroProblem.length}个）：${nameList(targets.zeroProblem.map(name))}` : '零问题的村：无');
  if (targets.abnormal.length) {
    lines.push(`三类人员数异常（${targets.abnormal.length}个）：`);
    lines.push(...capped(targets.abnormal.map((a) => `${name(a.code)} ${a.subjects}/${a.roster}户${a.kind === 'none' ? '，一户也没有，是否应纳未纳' : '，占比明显偏高，核实是否优亲厚友'}`), MAX_LINES));
  } else lines.push('三类人员数异常：无');
  if (targets.slow.length) {
    lines.push(`进度偏慢（应达${percent(view.expected)}左右，${targets.slow.length}个）：`);
    lines.push(...capped(targets.slow.map((s) => `${name(s.code)} 覆盖${percent(s.coverage)}`), MAX_LINES));
  } else lines.push('进度偏慢：无');
  if (targets.unrectified.length) {
    lines.push(`整改未完成（${targets.unrectified.length}个）：`);
    lines.push(...capped(targets.unrectified.map((u) => `${name(u.code)} 未整改${u.open}个${u.overdue ? `（超期${u.overdue}个）` : ''}`), MAX_LINES));
  } else lines.push('整改未完成：无');
  return markdownReply(`**${place.label}督导名单**（截至${chineseDay(view.reportDay)}）`, lines);
}

export const supervisionFlow = placeQuestion({
  name: 'official/supervision',
  title: '督导名单',
  askWord: '督导名单',
  version: 1,
  roles: POLICY.oversee,
  read(text) {
    const ask = readOfficialAsk(text);
    return ask?.view === 'supervision' ? { scope: ask.scope, params: {} } : null;
  },
  async answer(place, _params, env) {
    const r = await env.data.supervision(place.code, env.now);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    return [reply(supervisionReply(r.value, place))];
  },
});

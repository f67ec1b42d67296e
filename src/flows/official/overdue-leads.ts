/**
 * 超期线索: open risk leads past their 15-day identification deadline, and those due within the
 * warning window, most overdue first, with the household (户主 or declarant name only — never an
 * ID number or phone), where the procedure stands, and how to see them as a picture.
 *
 * @example
 *   // 赵六 (高家堡镇): “超期线索”
 *   // → **高家堡镇超期风险线索**（5月13日）\n已超期2条：\n凉水井村 张三 超期3天（4月25日发现，5月10日截止；已到：入户核查）…
 */
import { classifyIntent } from '../understand/intents.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { LeadLine, OverdueView, Place } from './data.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { capped, chineseDay, markdownReply, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

const MAX_LINES = 20;

function leadLine(l: LeadLine, place: Place): string {
  // Inside one village the village name adds nothing; above it, the village tells where to go.
  const where = place.level === 'village' ? '' : `${place.level === 'city' ? l.village.label : l.village.name} `;
  const when = l.daysLeft < 0 ? `超期${-l.daysLeft}天` : l.daysLeft === 0 ? '今天到期' : `还剩${l.daysLeft}天`;
  return `${where}${l.who} ${when}（${chineseDay(l.discoveredOn)}发现，${chineseDay(l.deadline)}截止；${l.lastStep ? `已到：${l.lastStep}` : '尚未入户核查'}）`;
}

export function overdueReply(view: OverdueView, place: Place) {
  const lines: string[] = [];
  if (view.overdue.length === 0) lines.push('没有超期的线索。');
  else lines.push(`已超期${view.overdue.length}条：`, ...capped(view.overdue.map((l) => leadLine(l, place)), MAX_LINES, '条'));
  if (view.dueSoon.length > 0) lines.push(`${view.dueSoonDays}天内到期${view.dueSoon.length}条：`, ...capped(view.dueSoon.map((l) => leadLine(l, place)), MAX_LINES, '条'));
  lines.push('从发现线索到认定完成不超过15天。发送“超期线索图”看图。');
  return markdownReply(`**${place.label}超期风险线索**（${chineseDay(view.today)}）`, lines);
}

export const overdueLeadsFlow = placeQuestion({
  name: 'official/overdue-leads',
  title: '超期线索',
  askWord: '超期线索',
  version: 1,
  roles: POLICY.view_reports,
  read(text, staff) {
    if (readOfficialAsk(text) !== null) return null;
    const intent = classifyIntent(text, staff.role);
    return intent.kind === 'overdue' ? { scope: intent.scope, params: {} } : null;
  },
  async answer(place, _params, env) {
    const r = await env.data.overdueLeads(place.code, env.now);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    return [reply(overdueReply(r.value, place))];
  },
});

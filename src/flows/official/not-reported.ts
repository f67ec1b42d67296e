/**
 * 哪些村还没报: the villages that have not reported for this week's Friday deadline.
 *
 * A village has reported for a week when its village cadre or a screening-team member sent
 * “本周上报” and confirmed the village's figures after the previous deadline (village-report.ts;
 * the rule itself is src/domain/weekly-report.ts). A town's own report counts as confirmed when a
 * town official confirmed it with “周报”. The Friday reminder uses the same answer.
 *
 * @example
 *   // 赵六 (高家堡镇): “哪些村还没报”
 *   // → **高家堡镇本周上报情况**（5月13日 08:00截止）\n还没报的村（1/2个）：新村 …
 */
import { readOfficialAsk } from '../understand/official-asks.js';
import { classifyIntent } from '../understand/intents.js';
import type { Confirmation, Place, ReportingView } from './data.js';
import { denialText } from './place.js';
import { placeQuestion, type Asked } from './question.js';
import { capped, clock, markdownReply, nameList, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';
import { addDays, isoWeekday } from '../../domain/calendar.js';
import { startOfShanghaiDay } from '../../domain/shanghai-days.js';

/** The instant whose report week is asked: now, or the Monday of the week of the day a follow-up named (“上周的呢”: last week's deadline). */
function weekAsked(asked: Asked, now: number): number {
  return asked.asOf === null ? now : startOfShanghaiDay(addDays(asked.asOf, 1 - isoWeekday(asked.asOf)));
}

const RULE = '（“已报”指村干部或排查小组成员发送“本周上报”核对确认了本村数字。）';

const confirmedText = (c: Confirmation | null) => (c ? `已由${c.byName}于${clock(c.at)}确认` : '未确认');

function townLines(view: ReportingView, town: Place): string[] {
  const villages = view.villages.filter((v) => v.town.code === town.code);
  const missing = villages.filter((v) => !v.confirmed).map((v) => v.place.name);
  const own = view.towns.find((t) => t.place.code === town.code)?.confirmed ?? null;
  const lines = missing.length === 0 ? [`${villages.length}个村已全部上报。`] : [`还没报的村（${missing.length}/${villages.length}个）：${nameList(missing)}`];
  lines.push(`镇街周报：${confirmedText(own)}${own ? '' : '（镇街干部发送“周报”核对确认）'}`);
  return lines;
}

function cityLines(view: ReportingView): string[] {
  const lines: string[] = [];
  const done: string[] = [];
  for (const t of view.towns) {
    const villages = view.villages.filter((v) => v.town.code === t.place.code);
    const missing = villages.filter((v) => !v.confirmed).map((v) => v.place.name);
    if (missing.length === 0 && t.confirmed) done.push(t.place.name);
    else lines.push(`${t.place.name}：${missing.length === 0 ? '各村已报' : `${missing.length}/${villages.length}个村未报（${nameList(missing, 8)}）`}，周报${confirmedText(t.confirmed)}`);
  }
  return [...capped(lines, 25), done.length ? `已全部上报并确认：${nameList(done)}` : '还没有镇街全部上报并确认。'];
}

/** `past`: a week whose deadline has passed, asked in a follow-up (“上周的呢”). */
export function reportingReply(view: ReportingView, place: Place, past = false) {
  const week = past ? '该周' : '本周';
  const title = past ? `**${place.label}上报情况**（${clock(view.deadline)}截止的那一周）` : `**${place.label}本周上报情况**（${clock(view.deadline)}截止）`;
  if (place.level === 'village') {
    const v = view.villages.find((x) => x.place.code === place.code);
    const line = v?.confirmed ? `${week}已上报：${v.confirmed.byName}于${clock(v.confirmed.at)}确认。` : past ? '该周没有上报。' : '本周还没上报。村干部或排查小组成员发送“本周上报”即可核对确认。';
    return markdownReply(title, [line]);
  }
  return markdownReply(title, [...(place.level === 'city' ? cityLines(view) : townLines(view, place)), RULE]);
}

export const notReportedFlow = placeQuestion({
  name: 'official/not-reported',
  title: '上报情况',
  askWord: '还没报',
  version: 1,
  roles: POLICY.view_reports,
  read(text, staff) {
    if (readOfficialAsk(text) !== null) return null;
    const intent = classifyIntent(text, staff.role);
    return intent.kind === 'not_reported' ? { scope: intent.scope, params: {} } : null;
  },
  // “那凉水井村周报呢” after the town's: whether that village reported.
  follows: { day: true, what: /周报|上报情况|报送情况/ },
  async answer(place, _params, env, asked) {
    const r = await env.data.reporting(place.code, weekAsked(asked, env.now));
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    return [reply(reportingReply(r.value, place, r.value.deadline <= env.now))];
  },
});

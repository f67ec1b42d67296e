/**
 * 本周与上周对比: "把上周和这周比一下", "这周比上周多排查了多少户", "和上周相比进度怎么样",
 * "高家堡镇这周和上周比一下". The same 附件1 numbers as "进度" (`env.data.progress`, the one
 * calculation), counted three times: up to today, up to last Sunday (the end of last week, Monday
 * to Sunday) and up to the Sunday before — so the answer gives the figures at both ends of the
 * weeks and how many households each week screened, nothing estimated. The records are counted by
 * their own days, so last week's figures are last week's records, whenever they were typed in.
 *
 * With no screening counted by last Sunday there is nothing to hold this week against: the answer
 * says so and gives this week's figures alone.
 *
 * @example
 *   // 赵六 (镇街干部, 高家堡镇), Friday 5月13日: “这周比上周多排查了多少户”
 *   // → **高家堡镇本周与上周对比**（截至5月13日）\n排查覆盖：截至今天320/400户（80.0%），截至上周日（5月8日）250/400户（62.5%）
 *   //   本周新排查70户，上周新排查50户，比上周多20户 …
 */
import { addDays, isoWeekday } from '../../domain/calendar.js';
import type { ProgressRow } from '../../domain/progress.js';
import { POLICY } from '../../domain/roles.js';
import { shanghaiDay, startOfShanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { PlaceProgress } from './data.js';
import { denialText } from './place.js';
import { coverageText } from './progress-text.js';
import { placeQuestion } from './question.js';
import { chineseDay, markdownReply, reply, say } from './words.js';

const HOUR = 3_600_000;

/** Last Sunday (the end of last week, weeks from Monday) and the Sunday before it, for `today`. */
export function weekEnds(today: Day): { lastWeekEnd: Day; weekBeforeEnd: Day } {
  const lastWeekEnd = addDays(today, -isoWeekday(today));
  return { lastWeekEnd, weekBeforeEnd: addDays(lastWeekEnd, -7) };
}

const included = (r: ProgressRow): number => r.includedMarginal.households + r.includedUnstable.households + r.includedSudden.households;

function difference(thisWeek: number, lastWeek: number): string {
  if (thisWeek === lastWeek) return '与上周持平';
  return thisWeek > lastWeek ? `比上周多${thisWeek - lastWeek}户` : `比上周少${lastWeek - thisWeek}户`;
}

/** The comparison's lines: `now` up to today, `last` up to last Sunday, `before` up to the Sunday before. */
export function weekCompareLines(now: PlaceProgress, last: PlaceProgress, before: PlaceProgress, lastDay: Day): string[] {
  const [n, l, b] = [now.row, last.row, before.row];
  const lastLabel = `截至上周日（${chineseDay(lastDay)}）`;
  if (l.screened.households === 0) {
    return [
      `${lastLabel}还没有排查记录，没有上周的数可比。`,
      `截至今天：排查覆盖${coverageText(n.screened.households, now.roster.households)}，共${n.screened.people}人；新纳入监测对象${included(n)}户；排查问题${n.problemsFound}个（已整改${n.problemsRectified}个）`,
    ];
  }
  const thisWeek = n.screened.households - l.screened.households;
  const lastWeek = l.screened.households - b.screened.households;
  return [
    `排查覆盖：截至今天${coverageText(n.screened.households, now.roster.households)}，${lastLabel}${coverageText(l.screened.households, now.roster.households)}`,
    `本周新排查${thisWeek}户，上周新排查${lastWeek}户，${difference(thisWeek, lastWeek)}`,
    `排查人数：截至今天${n.screened.people}人，${lastLabel}${l.screened.people}人`,
    `新纳入监测对象：截至今天${included(n)}户，${lastLabel}${included(l)}户`,
    `排查问题：截至今天${n.problemsFound}个（已整改${n.problemsRectified}个），${lastLabel}${l.problemsFound}个（已整改${l.problemsRectified}个）`,
    '上周的数按各条记录的日期统计；覆盖率都以现在的花名册户数为准。',
  ];
}

export const weekCompareFlow = placeQuestion({
  name: 'official/week-compare',
  title: '本周与上周对比',
  askWord: '这周和上周比一下',
  version: 1,
  roles: POLICY.view_reports,
  read(text) {
    const ask = readOfficialAsk(text);
    return ask?.view === 'week_compare' ? { scope: ask.scope, params: {} } : null;
  },
  async answer(place, _params, env) {
    const { lastWeekEnd, weekBeforeEnd } = weekEnds(shanghaiDay(env.now));
    // Noon of each Sunday: the port counts up to the day of the instant it is given.
    const noon = (day: Day) => startOfShanghaiDay(day) + 12 * HOUR;
    const now = await env.data.progress(place.code, env.now);
    if (!now.ok) return [say(denialText(now.reason, place, env.actor.staff!))];
    const last = await env.data.progress(place.code, noon(lastWeekEnd));
    const before = await env.data.progress(place.code, noon(weekBeforeEnd));
    if (!last.ok || !before.ok) return [say(`${place.label}上周的数现在取不到，没法对比。可以发送“${place.label}进度”先看截至今天的数。`)];
    const lines = weekCompareLines(now.value.total, last.value.total, before.value.total, last.value.reportDay);
    return [reply(markdownReply(`**${place.label}本周与上周对比**（截至${chineseDay(now.value.reportDay)}）`, lines))];
  },
});

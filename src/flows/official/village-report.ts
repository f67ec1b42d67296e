/**
 * 本周上报: a village cadre or screening-team member confirms the village's figures for this
 * week's report. This confirmation is what “reported” means (“哪些村还没报”, the Friday reminder):
 * a village has reported for a week when it confirmed after the previous Friday deadline and by
 * this one (src/domain/weekly-report.ts). A later confirmation in the same week corrects it.
 *
 * @example
 *   // 李明 (村干部, 凉水井村): “本周上报” → the figures; “确认” →
 *   // command { kind: 'official.confirmVillageWeek', villageCode: '610821101201', week: '2022-W19', figures: ['是', 2, 3, 9, …] }
 *   // reply 已上报：凉水井村第19周数字已于5月13日 10:00确认……如需更正，再发送“本周上报”重新确认。
 */
import { readOfficialAsk } from '../understand/official-asks.js';
import type { VillageWeekView } from './data.js';
import { headline } from './progress-text.js';
import { weekConfirmFlow } from './week-confirm.js';
import { clock, markdownReply } from './words.js';
import { POLICY, type Role } from '../../domain/roles.js';

/** '2022-W19' → '第19周'. */
export const weekWord = (week: string): string => `第${Number(week.slice(-2))}周`;

export const villageReportFlow = weekConfirmFlow<VillageWeekView>({
  name: 'official/village-report',
  title: '本周上报',
  version: 1,
  roles: POLICY.confirm_village_week,
  level: 'village',
  // A village's own people call it 周报 too (“周报”, “报周报”): for them it is this confirmation.
  asks: (text, role) => {
    const view = readOfficialAsk(text)?.view;
    return view === 'village_report' || (view === 'weekly_report' && (POLICY.confirm_village_week as readonly Role[]).includes(role));
  },
  load: (code, env) => env.data.villageWeek(code, env.now),
  week: (v) => v.week,
  row: (v) => v.village.row,
  show(v, place) {
    const lines = [...headline(v.village), `未整改问题${v.openProblems}个`];
    lines.push(
      v.confirmed
        ? `本周已由${v.confirmed.byName}于${clock(v.confirmed.at)}确认上报。数字有更正时回复“确认”重新上报，否则回复“不”。`
        : '核对无误请回复“确认”上报；数字不对请先更正排查记录再上报，回复“不”暂不上报。',
    );
    return markdownReply(`**${place.label}${weekWord(v.week)}上报**（${clock(v.deadline)}前报镇里）`, lines);
  },
  command: (v, place, figures) => ({ kind: 'official.confirmVillageWeek', villageCode: place.code, week: v.week, figures }),
  confirmed: (v, place, env) =>
    `已上报：${place.label}${weekWord(v.week)}数字（排查${v.village.row.screened.households}户${v.village.row.screened.people}人，问题${v.village.row.problemsFound}个）已于${clock(env.now)}确认，镇里可以看到。如需更正，再发送“本周上报”重新确认。`,
  declined: '好的，暂不上报。核对好后再发送“本周上报”。',
});

/**
 * 周报: a town official reviews the town's Friday 08:00 report (附件1 + 附件6, drafted Thursday
 * night) — the town's figures and the villages still missing — and confirms it. The confirmation
 * records the figures shown (a command); confirming again in the same week corrects it. The
 * files themselves come with “导出附件1” / “导出附件6” (and with the Thursday-night draft).
 *
 * @example
 *   // 赵六 (镇街干部, 高家堡镇): “周报” → the draft; “确认” →
 *   // command { kind: 'official.confirmTownWeek', townCode: '610821101', week: '2022-W19', figures: ['1/2', 2, 4, 11, …] }
 */
import { readOfficialAsk } from '../understand/official-asks.js';
import type { WeeklyReportView } from './data.js';
import { headline } from './progress-text.js';
import { weekWord } from './village-report.js';
import { weekConfirmFlow } from './week-confirm.js';
import { clock, markdownReply, nameList } from './words.js';
import { POLICY } from '../../domain/roles.js';

export const weeklyReportFlow = weekConfirmFlow<WeeklyReportView>({
  name: 'official/weekly-report',
  title: '周报',
  version: 1,
  roles: POLICY.confirm_town_week,
  level: 'town',
  asks: (text) => readOfficialAsk(text)?.view === 'weekly_report',
  load: (code, env) => env.data.weeklyReport(code, env.now),
  week: (v) => v.week,
  row: (v) => v.progress.total.row,
  show(v, place) {
    const villages = v.reporting.villages.filter((x) => x.town.code === place.code);
    const missing = villages.filter((x) => !x.confirmed).map((x) => x.place.name);
    const lines = [...headline(v.progress.total)];
    lines.push(missing.length ? `还没报的村（${missing.length}/${villages.length}个）：${nameList(missing)}` : `${villages.length}个村已全部上报。`);
    lines.push(
      v.confirmed
        ? `本周周报已由${v.confirmed.byName}于${clock(v.confirmed.at)}确认。数字有更正时回复“确认”重新确认，否则回复“不”。`
        : `核对无误请回复“确认”${missing.length ? '（没报的村可以稍后补报）' : ''}；回复“不”暂不确认。表格：发送“导出附件1”“导出附件6”。`,
    );
    return markdownReply(`**${place.label}${weekWord(v.week)}周报**（${clock(v.deadline)}报市里）`, lines);
  },
  command: (v, place, figures) => ({ kind: 'official.confirmTownWeek', townCode: place.code, week: v.week, figures }),
  confirmed: (v, place, env) =>
    `已确认：${place.label}${weekWord(v.week)}周报（排查${v.progress.total.row.screened.households}户，问题${v.progress.total.row.problemsFound}个）已于${clock(env.now)}确认，市里可以看到。如需更正，再发送“周报”重新确认。`,
  declined: '好的，暂不确认。周五8:00前再发送“周报”确认。',
});

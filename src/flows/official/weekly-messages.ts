/**
 * The words of the weekly report jobs (the bot sends them on their own, src/bot/official/weekly-job.ts):
 * the Thursday-night draft for each town's officials, and the Friday-morning reminders — to the
 * town officials, naming only the villages still missing, and to the cadres of those villages.
 * Pure builders over the same views the flows read; “reported” is the rule of
 * src/domain/weekly-report.ts, the same as “哪些村还没报”.
 *
 * @example
 *   draftMessage(view, 高家堡镇)      // markdown: 【周报草稿】高家堡镇第19周（5月13日 08:00报市里）…
 *   townReminder(reporting, 高家堡镇)  // text: 【提醒】今天08:00前…还没报的村（1/2个）：新村 …   (null: nothing to remind)
 *   villageReminder(新村, 'W19', t)    // text: 【提醒】高家堡镇新村第19周进度还没上报…
 */
import type { Place, ReportingView, WeeklyReportView } from './data.js';
import { headline } from './progress-text.js';
import { weekWord } from './village-report.js';
import { clock, markdownReply, nameList } from './words.js';
import type { Reply } from '../types.js';

/** 'HH:mm' of an instant, Shanghai time. */
const hhmm = (at: number): string => clock(at).split(' ')[1] as string;

function missingOf(view: ReportingView, town: Place): { missing: string[]; of: number; townConfirmed: boolean } {
  const villages = view.villages.filter((v) => v.town.code === town.code);
  return {
    missing: villages.filter((v) => !v.confirmed).map((v) => v.place.name),
    of: villages.length,
    townConfirmed: view.towns.some((t) => t.place.code === town.code && t.confirmed !== null),
  };
}

/** Thursday night, to each official of the town: the draft figures; the xlsx files follow it. */
export function draftMessage(view: WeeklyReportView, town: Place): Reply {
  const { missing, of } = missingOf(view.reporting, town);
  const lines = [...headline(view.progress.total)];
  lines.push(missing.length ? `还没报的村（${missing.length}/${of}个）：${nameList(missing)}` : `${of}个村已全部上报。`);
  lines.push('附件1、附件6草稿见下面的文件。核对无误请发送“周报”确认；数字不对请让相关村更正后再确认。');
  return markdownReply(`**【周报草稿】${town.label}${weekWord(view.week)}**（${clock(view.deadline)}报市里）`, lines);
}

/** Friday morning, to the town's officials; null when every village reported and the town confirmed. */
export function townReminder(view: ReportingView, town: Place): Reply | null {
  const { missing, of, townConfirmed } = missingOf(view, town);
  if (missing.length === 0 && townConfirmed) return null;
  const parts = [`【提醒】今天${hhmm(view.deadline)}前向市里报送${town.label}${weekWord(view.week)}周报（附件1、附件6）。`];
  if (missing.length) parts.push(`还没报的村（${missing.length}/${of}个）：${nameList(missing)}。`);
  if (!townConfirmed) parts.push('镇街周报还没确认，请发送“周报”核对确认。');
  return { type: 'text', text: parts.join('') };
}

/** Friday morning, to the cadres and screening team of a village that has not reported. */
export function villageReminder(village: Place, week: string, deadline: number): Reply {
  return { type: 'text', text: `【提醒】${village.label}${weekWord(week)}进度还没上报，今天${hhmm(deadline)}前镇里要汇总。请发送“本周上报”核对确认。` };
}

/**
 * The village 研判会 agenda as text: every household to judge — key-group households screened and
 * not yet judged, and open leads not yet through 民主评议 — with what was found and the days left on
 * the 15-day clock. Pure; used by the 研判会 flow and by the Thursday-morning push to the cadres
 * (src/bot/jobs/meeting-agenda.ts).
 *
 * @example
 *   agendaText('凉水井村', '2022-05-12', items, '2022-05-12')
 *   // '凉水井村5月12日（周四）研判会待研判2户：\n1. 张三户（4口人）\n   · 风险线索：户主住院，还剩11天（5月23日截止）\n…'
 *   agendaMessages([{ villageName: '凉水井村', cadres: ['liucun'], items }], '2022-05-12', '2022-05-12')
 *   // [{ to: 'liucun', reply: { type: 'text', text: '今天是本村研判会日。\n凉水井村5月12日（周四）研判会待研判2户：…' } }]
 */
import type { Day } from '../../domain/shanghai-days.js';
import type { Reply } from '../types.js';
import { dayLabel, echo } from './common.js';
import type { AgendaItem } from './data.js';
import { keyGroupMarks } from './labels.js';
import { clockWords } from './todo.js';

/** The lines under one household of the agenda. */
export function agendaItemLines(item: AgendaItem, today: Day): string[] {
  const lines: string[] = [];
  const s = item.screening;
  if (s) lines.push(`· 重点户排查（${dayLabel(s.day)}）：对象类型${keyGroupMarks(s.groups)}，${s.riskFound ? `发现风险：${echo(s.summary)}` : s.riskFound === false ? '未发现风险' : echo(s.summary)}`);
  const l = item.lead;
  if (l) lines.push(`· 风险线索：${l.note ? echo(l.note) : '（未写明）'}，${clockWords(today, l.deadline)}`);
  return lines;
}

/** The whole agenda of a village for the meeting on `meetingDay`, as one message. */
export function agendaText(villageName: string, meetingDay: Day, items: AgendaItem[], today: Day): string {
  if (items.length === 0) return `${villageName}${dayLabel(meetingDay)}研判会：暂无待研判的户。`;
  const body = items.map((item, i) => [`${i + 1}. ${item.headName}户（${item.size}口人）`, ...agendaItemLines(item, today).map((l) => `   ${l}`)].join('\n'));
  return [`${villageName}${dayLabel(meetingDay)}研判会待研判${items.length}户：`, ...body, '会上请发送“研判会”，逐户记录结论（拟纳入/不纳入及理由）。'].join('\n');
}

/** One village's cadres (UserIDs of 村干部 and 排查小组成员) and its agenda. */
export interface VillageAgenda {
  villageName: string;
  cadres: string[];
  items: AgendaItem[];
}

/**
 * The Thursday-morning push: the agenda to every cadre of every village that has something to
 * judge (a village with nothing pending gets no message — nothing to prepare, no noise).
 */
export function agendaMessages(villages: VillageAgenda[], meetingDay: Day, today: Day): Array<{ to: string; reply: Reply }> {
  return villages.flatMap((v) => {
    if (v.items.length === 0) return [];
    const text = `${meetingDay === today ? '今天是本村研判会日。' : ''}\n${agendaText(v.villageName, meetingDay, v.items, today)}`.replace(/^\n/, '');
    return v.cadres.map((to) => ({ to, reply: { type: 'text' as const, text } }));
  });
}

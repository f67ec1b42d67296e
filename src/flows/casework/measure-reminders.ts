/**
 * The weekly 帮扶 reminder: each cadre responsible for a monitored household (its contact cadre
 * or grid worker, and the village's cadres) is told which planned measures are still not
 * implemented, so the 跟进 (附件5) is done and the measures do not stay on paper. Sent with the
 * Thursday agenda (src/bot/jobs/meeting-agenda.ts).
 *
 * @example
 *   measureReminders([{ household: { headName: '王大山', villageName: '凉水井村' }, pending: ['employment'], responsible: ['wangwu', 'liucun'] }])
 *   // [{ to: 'liucun', reply: { type: 'text', text: '【帮扶措施提醒】…1. 王大山户（凉水井村）：就业帮扶…' } }, { to: 'wangwu', … }]
 */
import { MEASURE, type Measure } from '../../domain/catalog.js';
import type { Reply } from '../types.js';

export interface PendingMeasures {
  household: { headName: string; villageName: string };
  /** Planned measures not yet implemented (status 'pending'). */
  pending: Measure[];
  /** UserIDs of the cadres responsible for the household. */
  responsible: string[];
}

/** One message per responsible person listing their households' unimplemented measures; none when nothing is pending. */
export function measureReminders(items: readonly PendingMeasures[]): Array<{ to: string; reply: Reply }> {
  const byPerson = new Map<string, PendingMeasures[]>();
  for (const item of items) {
    if (item.pending.length === 0) continue;
    for (const to of new Set(item.responsible)) byPerson.set(to, [...(byPerson.get(to) ?? []), item]);
  }
  return [...byPerson.keys()].sort().map((to) => {
    const mine = byPerson.get(to) as PendingMeasures[];
    const lines = mine.map((m, i) => `${i + 1}. ${m.household.headName}户（${m.household.villageName}）：${m.pending.map((x) => MEASURE.label[x]).join('、')}`);
    const text = [`【帮扶措施提醒】您负责的${mine.length}户监测对象还有计划的帮扶措施未落实：`, ...lines, '请尽快落实；落实后发送“跟进 户主姓名”登记。'].join('\n');
    return { to, reply: { type: 'text', text } };
  });
}

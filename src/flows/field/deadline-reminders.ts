/**
 * The 15-day clock's daily reminders (SPEC.md §2.2: "the bot warns the responsible people before
 * the deadline and escalates when it passes"). Pure: from the open leads that are due soon or
 * overdue, and who is responsible for each, builds one message per person:
 * - the responsible grid workers and village cadres get every due-soon and overdue lead of theirs;
 * - the town officials get the overdue leads of their town (督办), one list per town.
 * A list names at most `MAX_LINES` leads, soonest deadline first, and counts the rest: at a
 * province's scale a town has hundreds of overdue leads, and a text that long would be split into
 * dozens of WeCom messages — past the 30 a minute one member may receive (src/bot/outbox/throttle.ts).
 * "我的待办" and "超期线索" show the whole list.
 *
 * @example
 *   deadlineReminders('2022-06-02', [{ lead: { name: '张三', villageName: '凉水井村', deadline: '2022-06-03', nextStep: '民主评议' }, responsible: ['wangwu'], town: ['zhaozhen'] }])
 *   // [{ to: 'wangwu', reply: { type: 'text', text: '【风险线索提醒】…1. 张三户（凉水井村）：下一步民主评议，还剩1天（6月3日截止）…' } }]
 */
import { daysBetween, type Day } from '../../domain/shanghai-days.js';
import type { Reply } from '../types.js';
import { clockWords } from './todo.js';

export interface DeadlineLead {
  /** The household head's name, or the declarant's for an unregistered household. */
  name: string;
  villageName: string;
  deadline: Day;
  /** The label of the next step of the procedure (入户核查 …), null when only the decision is left. */
  nextStep: string | null;
}

export interface DeadlineItem {
  lead: DeadlineLead;
  /** UserIDs of the grid workers and village cadres responsible for the lead. */
  responsible: string[];
  /** UserIDs of the town officials of the lead's town (told only once it is overdue). */
  town: string[];
}

const line = (l: DeadlineLead, clock: string, i: number) => `${i + 1}. ${l.name}户（${l.villageName}）：${l.nextStep ? `下一步${l.nextStep}` : '待作出认定结论'}，${clock}`;

/** Leads named in one reminder; the rest are counted ("另有N条"). Keeps a reminder one WeCom message. */
export const MAX_LINES = 15;

const lines = (list: readonly DeadlineItem[], clock: (deadline: Day) => string) => [
  ...list.slice(0, MAX_LINES).map((i, n) => line(i.lead, clock(i.lead.deadline), n)),
  ...(list.length > MAX_LINES ? [`……另有${list.length - MAX_LINES}条`] : []),
];

// One collator, the order `localeCompare` gives, without its cost per call (a province sorts tens of thousands of leads).
const collator = new Intl.Collator();
// Days are all 'YYYY-MM-DD': their plain order is the collator's.
const byDeadline = (a: DeadlineItem, b: DeadlineItem) => (a.lead.deadline < b.lead.deadline ? -1 : a.lead.deadline > b.lead.deadline ? 1 : collator.compare(a.lead.name, b.lead.name));

/** The reminders of `today`; a lead is due soon when at most `dueSoonDays` days are left. */
export function deadlineReminders(today: Day, items: readonly DeadlineItem[], dueSoonDays = 3): Array<{ to: string; reply: Reply }> {
  // Days left, once per distinct deadline (a province's leads share a few dozen deadlines).
  const days = new Map<Day, number>();
  const left = (i: DeadlineItem) => days.get(i.lead.deadline) ?? days.set(i.lead.deadline, daysBetween(today, i.lead.deadline)).get(i.lead.deadline)!;
  const words = new Map<Day, string>();
  const clock = (deadline: Day) => words.get(deadline) ?? words.set(deadline, clockWords(today, deadline)).get(deadline)!;
  const relevant = items.filter((i) => left(i) <= dueSoonDays).sort(byDeadline);
  const out: Array<{ to: string; reply: Reply }> = [];
  const group = (pick: (i: DeadlineItem) => readonly string[], from: readonly DeadlineItem[]) => {
    const per = new Map<string, DeadlineItem[]>();
    for (const item of from) {
      for (const to of new Set(pick(item))) {
        const list = per.get(to);
        if (list) list.push(item);
        else per.set(to, [item]);
      }
    }
    return [...per].sort(([a], [b]) => collator.compare(a, b));
  };
  for (const [to, list] of group((i) => i.responsible, relevant)) {
    const overdue = list.filter((i) => left(i) < 0).length;
    const head = `【风险线索提醒】您负责的${list.length}条风险线索${overdue > 0 ? `（其中${overdue}条已超期）` : ''}需尽快办理，识别认定须在发现线索之日起15天内完成：`;
    out.push({ to, reply: { type: 'text', text: [head, ...lines(list, clock), '办理后请在企业微信中记录对应步骤；发送“我的待办”查看全部。'].join('\n') } });
  }
  for (const [to, list] of group((i) => i.town, relevant.filter((i) => left(i) < 0))) {
    const head = `【超期督办】本镇街有${list.length}条风险线索已超过15天仍未完成识别认定：`;
    out.push({ to, reply: { type: 'text', text: [head, ...lines(list, clock), '请督促相关村尽快完成；发送“超期线索”查看详情。'].join('\n') } });
  }
  return out;
}

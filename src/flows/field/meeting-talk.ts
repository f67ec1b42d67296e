/**
 * Words about the 研判会 that record nothing, answered in one message (no state change):
 * - its day said changed (“这周的研判会改到周五了”, “研判会推迟到明天”): the day is the city's campaign
 *   calendar's, and only the administrator changes it on the server — the day set is said;
 * - it said over (“研判会结束了 都研究完了”, “会开完了”): the households still on the agenda are said
 *   (the verdicts themselves are recorded in the 研判会 errand: field/meeting, which also answers this
 *   right after a meeting with what it recorded);
 * - its 公示 said posted (“公示贴出去了 到15号”): the 公示 is recorded with the 拟纳入 verdict
 *   (“今天起公示到…？”), and nothing is recorded from these words.
 *
 * @example
 *   // 村干部: 这周的研判会改到周五了
 *   // → '研判会时间按市里的排查工作安排统一定为每周四15:00（本周是5月12日（周四））。这个时间由系统管理员在服务器上设置…'
 */
import { addDays, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { Env, Flow, Input, StepResult } from '../types.js';
import { agendaText } from './agenda.js';
import { dayLabel, done, guard, isoWeekdayOf, own, say } from './common.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '研判会';
const ROLES = FIELD_ROLES.todo;
const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const MEETING = /研判会|研判|(?:这周|本周|今天|周四)的?会/;
/** The day said moved: 改到周五, 推迟到明天, 提前到周三, 挪到下周一, 换成周五开. */
const MOVED = /(?:改|推迟|推后|延后|延期|提前|挪|换|调)(?:到|成|在|至)?(?:了)?\s*(?:这|本|下)?(?:周|星期|礼拜|明天|后天|今天|[0-9一二三四五六七八九十]+(?:号|日))|(?:改|换|调)(?:时间|日子)了?/;
/** Said over: 研判会结束了, 会开完了, 都研究完了, 散会了. */
const OVER = /(?:会|研判会)(?:已经|都)?(?:开完|结束|散|开好)了?|散会了?|(?:都|全)(?:已经)?(?:研究|研判|议)(?:完|好)了/;
/** Another meeting's words (动员部署, 培训): not the 研判会. */
const OTHER_MEETING = /部署|培训|动员|党员|村民大会|户主会/;
/** 公示 said posted or running: 公示贴出去了, 公示到15号, 已经公示了. */
const POSTED = /公示(?:已经|都)?(?:贴|张贴|挂|发|出)(?:出去|出来|上|好)?了?|(?:已经|都)?(?:贴|张贴)(?:了)?公示|公示(?:到|至)[^\s，,]{1,8}|公示(?:开始)?了/;
/** A question, not news: “研判会改时间了吗”. */
const ASKED = /[吗么?？]$|(?:了)?没(?:有)?$/;

type Said = 'moved' | 'over' | 'posted';

export function meetingTalk(input: Input, env: Env): Said | null {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  // Only the village's own people are told this (officials' 公示 words are casework).
  if (!(ROLES as readonly string[]).includes(env.actor.staff.role)) return null;
  const t = own(input.text).trim();
  // A verdict said with it (“研判会开完了 折二娃家拟纳入”) is the 研判会 errand's to record.
  if (OTHER_MEETING.test(t) || /纳入|暂缓|再议/.test(t)) return null;
  if (MEETING.test(t) && MOVED.test(t)) return 'moved';
  if (/排查|入户/.test(t)) return null;
  if (OVER.test(t) && !ASKED.test(t)) return 'over';
  if (POSTED.test(t) && !ASKED.test(t)) return 'posted';
  return null;
}

/** This week's meeting day (the campaign's weekday in today's week). */
export function thisWeeksMeeting(today: Day, weekday: number): Day {
  return addDays(today, weekday - isoWeekdayOf(today));
}

async function answer(said: Said, env: Env): Promise<StepResult> {
  const today = shanghaiDay(env.now);
  const campaign = await env.data.fieldCampaign(today);
  const { weekday, time } = campaign.meeting;
  const week = thisWeeksMeeting(today, weekday);
  if (said === 'moved') {
    return done(say(`研判会时间按市里的排查工作安排统一定为每${WEEKDAY[weekday]}${time}（本周是${dayLabel(week)}）。这个时间由系统管理员在服务器上设置，这里改不了；确需调整，请联系系统管理员。`));
  }
  const [items, villages] = await Promise.all([env.data.meetingAgenda(today), env.data.fieldVillages()]);
  const village = villages[0]?.name ?? '本村';
  if (said === 'over') {
    const left = items.length ? agendaText(village, week, items, today).replace(/^.*?研判会待研判(\d+)户：/, `还在研判会名单上的$1户：`) : `${village}研判会名单上已没有待研判的户。`;
    return done(say(`研判会的结论在会上发送“研判会”逐户记录（拟纳入/不纳入/暂缓），这条消息没有记录任何内容。\n${left}`));
  }
  return done(say(`公示的起止日期在研判会记录拟纳入结论时一并登记（会上会问“今天起公示到哪天？”），这条消息没有记录任何内容。${items.length ? `\n${village}研判会名单上还有${items.length}户待研判，发送“研判会”逐户记录。` : ''}`));
}

export const meetingTalkFlow: Flow = {
  name: 'field/meeting-talk',
  title: TITLE,
  version: 1,
  matches: (input, env) => meetingTalk(input, env) !== null,
  async start(input: Input, env: Env) {
    return guard(env, ROLES, TITLE) ?? answer(meetingTalk(input, env) as Said, env);
  },
  step: () => done(say(`「${TITLE}」一条消息即可问完。`)),
};

/**
 * 入户核查 of a risk lead, told when it is done: “冯文斌家那个线索 入户核查过了 确实是受伤住院 没收入了”.
 * The household must have an open lead of the asker's area whose next step is 入户核查 (the 待办's
 * second list); the step is recorded with what was found, and the 15-day clock and what comes next
 * (承诺授权、信息比对, then the village's 研判会) are said. One message, no questions: a household
 * without such a lead is told why nothing was recorded, and how to report a screening instead.
 *
 * @example
 *   // 网格员: 冯文斌家的线索入户核查过了 确实受伤住院 → command { kind: 'field.lead.visit', leadId: 7, note: '确实受伤住院' }
 */
import { LEAD_STEP } from '../../domain/catalog.js';
import { daysBetween, shanghaiDay } from '../../domain/shanghai-days.js';
import type { Env, Flow, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { dayLabel, done, echo, guard, nextMeetingDay, own, say } from './common.js';
import type { FieldLead } from './data.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '线索入户核查';

/** The visit said done: 入户核查过了, 核实完了, 上门核查了. Not a question (核查了吗), not still to do (要去核查). */
const VISITED = /(?:入户|上门|实地)?核(?:查|实)(?:过了|完了|好了|了|完成了?|结束了)(?![吗么没?？])/;
/** Said just before the visit words, it is not done yet (“还没核查过”, “明天去入户核查了”). */
const NOT_YET = /没|未|还要|要去|准备|打算|明天|下午去|待/;

/** The words of the visit said as a verdict of the screening flow (“有风险”): those stay a screening. */
function told(input: Input, env: Env): string | null {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  const t = normalize(input.text).trim();
  const m = VISITED.exec(t);
  if (!m || NOT_YET.test(t.slice(Math.max(0, m.index - 5), m.index)) || /[吗么?？]\s*$/.test(t) || /明天|后天|待会|改天|下周|再说/.test(t)) return null;
  return t;
}

/** What was found: the words after the visit, or else before it, without the household and the talk. */
function findings(t: string, head: string): string {
  const m = VISITED.exec(t);
  const after = m ? t.slice(m.index + m[0].length) : '';
  const before = m ? t.slice(0, m.index) : t;
  const clean = (x: string) =>
    x
      .split(head)
      .join(' ')
      .replace(/(?:家|户)?(?:的|那个|这个)?(?:风险)?线索/g, ' ')
      .replace(/^[\s,，。:：;；、家户的]+|[\s,，。:：;；、]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return clean(after) || clean(before);
}

export const leadVisitFlow: Flow = {
  name: 'field/lead-visit',
  title: TITLE,
  version: 1,
  matches: (input, env) => told(input, env) !== null,
  // Inside another errand (“入户核查完了” answering the 研判会's question) only when the lead is named.
  interrupts: (input, env) => (told(input, env) ?? '').includes('线索'),
  async start(input: Input, env: Env): Promise<StepResult> {
    const refused = guard(env, FIELD_ROLES.lead_visit, TITLE);
    if (refused) return refused;
    const t = told(input, env) as string;
    const today = shanghaiDay(env.now);
    const todo = await env.data.fieldTodo(today);
    const named = todo.awaitingVisit.filter((l) => l.headName.length >= 2 && t.includes(l.headName));
    // Said of one household: that one; of none, but only one lead waits: not guessed either.
    if (named.length !== 1) {
      const waiting = todo.awaitingVisit.map((l) => `${l.headName}户`).join('、');
      const which = named.length > 1 ? `“${echo(own(input.type === 'text' ? input.text : ''))}”说到了几户，请一户一条发送，如“${named[0]!.headName}家入户核查过了 情况属实”。` : '没有找到说的是哪一户待入户核查的风险线索。';
      return done(say(`${which}${waiting ? `待入户核查的线索：${waiting}。` : '您这里没有待入户核查的风险线索。'}\n入户排查一户请发送“排查 户主姓名 …”。`));
    }
    const lead = named[0] as FieldLead;
    const note = findings(t, lead.headName);
    const campaign = await env.data.fieldCampaign(today);
    const left = daysBetween(today, lead.deadline);
    const clock = left >= 0 ? `还剩${left}天（${dayLabel(lead.deadline)}截止）` : `已超期${-left}天（${dayLabel(lead.deadline)}截止）`;
    const next = LEAD_STEP.codes.slice(LEAD_STEP.codes.indexOf('home_visit') + 1, LEAD_STEP.codes.indexOf('village_review')).map((s) => LEAD_STEP.label[s]);
    return done(
      { type: 'command', command: { kind: 'field.lead.visit', leadId: lead.id, note } },
      say(
        [
          `已登记：${lead.headName}户风险线索入户核查（${dayLabel(today)}）${note ? `，核查情况：${echo(note)}` : ''}。`,
          `线索：${echo(lead.note)}，${clock}。`,
          `下一步：${next.join('、')}，提交本村${dayLabel(nextMeetingDay(env.now, campaign.meeting))}研判会。`,
        ].join('\n'),
      ),
    );
  },
  step: () => done(say(`「${TITLE}」一条消息即可办完。`)),
};

/**
 * The steps of a risk lead before the village's 研判会, told when they are done: 入户核查
 * (“冯文斌家那个线索 入户核查过了 确实是受伤住院”), 承诺授权 (“冯文斌家承诺书签了”, “授权书让他儿子代签了”)
 * and 信息比对 (“冯文斌家信息比对没问题”, “比对发现有一辆小车”, “信息比对不用做 已经是低保户”) — one, or
 * several in one message. The household must have an open lead of the asker's area with those
 * steps still to record (the 待办's second list); each step is recorded in the procedure's order
 * with what was said of it, and the 15-day clock and what comes next are said.
 *
 * One message, no questions. Nothing is recorded out of order: 承诺授权 waits for 入户核查 (信息比对
 * runs alongside, docs/CASEWORK.md), and the reply says what to send. A step recorded already
 * is said so, not recorded twice. What 信息比对 found is recorded as said; whether it keeps the
 * household out is the 研判会's decision (“不纳入：…”), never this message's.
 *
 * @example
 *   // 网格员: 冯文斌家的线索入户核查过了 确实受伤住院 承诺书也签了
 *   // → command { kind: 'field.lead.steps', leadId: 7, steps: [{ step: 'home_visit', note: '确实受伤住院' }, { step: 'consent', note: '' }] }
 */
import { LEAD_STEP, type LeadStep } from '../../domain/catalog.js';
import { daysBetween, shanghaiDay } from '../../domain/shanghai-days.js';
import type { Env, Flow, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { dayLabel, done, echo, guard, nextMeetingDay, own, say } from './common.js';
import { CHECK_STEPS, type CheckStep, type FieldLead } from './data.js';
import { followLead, rememberLead } from './lead-status.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '线索核查登记';

/**
 * The visit said done: 入户核查过了, 核实完了, 上门核查了 — or said with what it found right after
 * (“入户核查 情况不属实”, “核实 确实住院了”). Not a question (核查了吗, 核查完了没), not still to do
 * (要去核查); 没问题 after it is what it found (“核查完了没问题”).
 */
const VISITED = /(?:入户|上门|实地)?核(?:查|实)(?:(?:过了|完了|好了|了|完成了?|结束了)(?![吗么?？]|没有?(?=$|[\s,，。?？]))|(?=[\s,，:：]+(?:情况)?(?:基本)?(?:属实|不属实|确实|确有|与预警|跟预警|和预警)))/g;
/** The consent signed: 承诺书签了, 授权书也签好了, 让他儿子代签了授权书, 承诺授权做完了, 签了承诺书. */
const CONSENTED =
  /(?:承诺(?:授权)?|授权)(?:书|表|协议)?(?:\s*[和跟与、]?\s*授权(?:书|表))?\s*(?:也|都|已经|已)?(?:(?:让|由|叫|找)?[^\s，。,没未不要]{1,6}?)?代?(?:签(?:字|名)?(?:了|好了?|完了?|过了|的)|按(?:了|的)?手印|填(?:好|完)了?|弄好了?|办好了?|做(?:完|好)了?|(?:过|完|好)了|搞定了?|收回来了)|(?:代|已)?签(?:了|好了|完了)?(?:字)?的?(?:承诺|授权)(?:授权)?(?:书|表|协议)?/g;
/** 信息比对 said done or with its result: 比对过了, 信息比对没问题, 比对结果出来了 有小车, 比对不符. */
const COMPARED =
  /(?:信息|数据|大数据)?比对(?:(?:过了|完了|好了|完成了?|做了|结束了|结果出来了?|了)(?![吗么没?？])|(?:结果(?:是|为)?)?(?=\s*[，,:：]?\s*(?:也|都|就)?(?:没(?:有)?(?:啥)?问题|无(?:异常|问题)|正常|相符|符合|通过|不符|不相符|有问题|有异常|发现|查出|显示|名下|有(?:[一两二三几]?(?:辆|台|套|处|个|家))?(?:车|小车|轿车|三轮车|货车|面包车|房|商品房|门面|公职|财政供养|营业执照|工商|公司|存款)))|结果(?:是|为)?)/g;
/** 信息比对 not needed (“skipped when already done, e.g. for a new 低保 household”). */
const COMPARE_SKIPPED = /(?:不用|无需|不需要|免于?|省了)(?:做|再做|搞)?(?:信息|数据)?比对(?:了)?|(?:信息|数据)?比对(?:就|也)?(?:不用|无需|不需要|免了|省了)(?:做|再做|搞)?了?/g;
/**
 * 承诺授权 is one step of two papers: either said not signed (“承诺书签了 但授权书还没签”, “他不愿意签”)
 * and the step is not done, whatever else is said of it.
 */
const CONSENT_NOT = /(?:承诺|授权)(?:书|表|协议)?[^\s，。,]{0,6}?(?:没有?|未|不|不愿意|不肯|不想)(?:签|按手印)|拒(?:绝)?签/;
/** A question at its end (“承诺书签了没”, “核查了没有”, “比对了吗”): nothing is told done. */
const ASKED_AT_END = /(?:[吗么?？]|(?:了|过)?没(?:有)?)\s*$/;
/** Said just before the step words, it is not done yet (“还没核查过”, “明天去入户核查了”). */
const NOT_YET = /没|未|还要|要去|准备|打算|明天|下午去|待/;
/** Said just after the step words, it is not done either (“比对结果还没出来”, “比对了 还没反馈”). */
const NOT_YET_AFTER = /^[\s,，]*(?:结果)?(?:还|都|也)?(?:没|未)(?:有)?(?:出来|出|做完|弄完|做好|弄好|完成|完|好|反馈|回来|下来)/;
/** The visit made without going there (“没入户 电话核实了”): 入户核查 is made on the spot, so it is not that step. */
const NOT_ON_THE_SPOT = /(?:没|未|没有)(?:入户|上门|去)|(?:电话|打电话|微信|视频)(?:里)?(?:核查|核实)/;

interface Said {
  step: CheckStep;
  skipped: boolean;
  at: number;
  end: number;
}

/** The steps the message says done, in the order said; none when it is a question or about later. */
function stepsSaid(t: string): Said[] {
  if (ASKED_AT_END.test(t) || /明天|后天|待会|改天|下周|再说/.test(t)) return [];
  const found: Said[] = [];
  const scan = (re: RegExp, step: CheckStep, skipped = false) => {
    for (const m of t.matchAll(re)) {
      if (m[0] === '' || NOT_YET.test(t.slice(Math.max(0, m.index - 5), m.index)) || NOT_YET_AFTER.test(t.slice(m.index + m[0].length))) continue;
      if (step === 'home_visit' && NOT_ON_THE_SPOT.test(t)) continue;
      if (found.some((f) => m.index < f.end && f.at < m.index + m[0].length)) continue;
      found.push({ step, skipped, at: m.index, end: m.index + m[0].length });
    }
  };
  scan(COMPARE_SKIPPED, 'data_comparison', true);
  scan(VISITED, 'home_visit');
  scan(CONSENTED, 'consent');
  scan(COMPARED, 'data_comparison');
  const unsigned = CONSENT_NOT.test(t);
  return found
    .filter((f) => !(unsigned && f.step === 'consent'))
    .sort((a, b) => a.at - b.at)
    .filter((f, i, all) => all.findIndex((g) => g.step === f.step) === i);
}

/** The words of the steps said as a verdict of the screening flow (“有风险”): those stay a screening. */
function told(input: Input, env: Env): { text: string; said: Said[] } | null {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  const text = normalize(input.text).trim();
  const said = stepsSaid(text);
  return said.length > 0 ? { text, said } : null;
}

/** Someone else signing, said just before the signing words: 他儿子帮, 让老伴替他, 由女儿代, 叫孙子帮忙. */
const SIGNER_BEFORE = /(?:让|由|叫|找)?([^\s，。,、；;]{1,6}?)(?:帮(?:忙|着)?|替|代)(?:他|她|他们|老人|户主|他家|她家)?\s*$/;

/** What was said of each step: the words after it up to the next step, or (first step) before it, without the household and the talk. */
function notes(t: string, said: Said[], head: string): string[] {
  const clean = (x: string) =>
    x
      .split(head)
      .join(' ')
      .replace(/(?:家|户)?(?:的|那个|这个)?(?:风险)?线索/g, ' ')
      .replace(/(?:^|\s)(?:也|都|还有|另外|然后|并且|而且|和|跟)(?=\s|$)/g, ' ')
      .replace(/^[\s,，。:：;；、家户的也都]+|[\s,，。:：;；、也都]+$/g, '')
      .replace(/\s+/g, ' ')
      .replace(/,/g, '，')
      .trim();
  // Who signed for the household when said before the signing words (“他儿子帮签的承诺书”, “老伴替他签了承诺书”):
  // their words belong to the consent, not to what was said of the step before.
  const before = said.map((s, i) => (s.step === 'consent' ? SIGNER_BEFORE.exec(t.slice(i > 0 ? said[i - 1]!.end : 0, s.at)) : null));
  const startOf = (i: number) => (before[i] ? said[i]!.at - before[i]![0].length : said[i]!.at);
  return said.map((s, i) => {
    const upTo = i + 1 < said.length ? startOf(i + 1) : t.length;
    const note = clean(t.slice(s.end, upTo)) || (i === 0 ? clean(t.slice(0, startOf(0))) : '');
    // Signed by someone else for a person who cannot write (DOMAIN: a proxy may fill it): kept.
    const signed = t.slice(s.at, s.end).replace(/^(?:承诺(?:授权)?|授权)(?:书|表|协议)?(?:也|都|已经|已)?/, '');
    const proxy = s.step === 'consent' ? /^(?:让|由|叫|找)?(.{0,6}?)代签/.exec(signed) : null;
    const signer = proxy ? proxy[1] || '他人' : before[i] ? before[i]![1] : '';
    const by = signer ? `由${signer}代签` : '';
    return [by, note].filter(Boolean).join('，');
  });
}

const label = (s: LeadStep) => LEAD_STEP.label[s];

/** How to tell each step done, as this flow reads it: the example the 待办 and 线索进展 give. */
export function sayStepDone(headName: string, step: CheckStep): string {
  return `“${headName}家${STEP_SAYING[step]}”`;
}
const STEP_SAYING: Record<CheckStep, string> = { home_visit: '线索入户核查过了 情况属实', consent: '承诺书签了', data_comparison: '信息比对没问题' };
/** How the reply names what was said of a step. */
const NOTE_WORD: Record<CheckStep, string> = { home_visit: '核查情况', consent: '签署情况', data_comparison: '比对结果' };

export const leadVisitFlow: Flow = {
  name: 'field/lead-visit',
  title: TITLE,
  version: 2,
  matches: (input, env) => told(input, env) !== null,
  // Inside another errand (“入户核查完了” answering the 研判会's question) only when the lead is named.
  interrupts: (input, env) => (told(input, env)?.text ?? '').includes('线索'),
  async start(input: Input, env: Env): Promise<StepResult> {
    const refused = guard(env, FIELD_ROLES.lead_visit, TITLE);
    if (refused) return refused;
    const { text: t, said } = told(input, env) as { text: string; said: Said[] };
    const today = shanghaiDay(env.now);
    const todo = await env.data.fieldTodo(today);
    const named = todo.awaitingChecks.filter((l) => l.headName.length >= 2 && t.includes(l.headName));
    // Said of one household: that one; of none, but only one lead waits: not guessed either.
    if (named.length !== 1) {
      const waiting = todo.awaitingChecks.map((l) => `${l.headName}户（待${l.pending.map(label).join('、')}）`).join('、');
      const which = named.length > 1 ? `“${echo(own(input.type === 'text' ? input.text : ''))}”说到了几户，请一户一条发送，如${sayStepDone(named[0]!.headName, 'home_visit')}。` : '没有找到说的是哪一户待核查的风险线索。';
      return done(say(`${which}${waiting ? `待核查的线索：${waiting}。` : '您这里没有待入户核查、承诺授权或信息比对的风险线索。'}\n入户排查一户请发送“排查 户主姓名 …”。`));
    }
    const lead = named[0] as FieldLead;
    const saidNotes = notes(t, said, lead.headName);
    const ordered = said.map((s, i) => ({ ...s, note: saidNotes[i] as string })).sort((a, b) => CHECK_STEPS.indexOf(a.step) - CHECK_STEPS.indexOf(b.step));
    const recorded: Array<{ step: CheckStep; note: string; skipped: boolean }> = [];
    const already: CheckStep[] = [];
    let waitsForVisit = false;
    for (const s of ordered) {
      if (!lead.pending.includes(s.step)) already.push(s.step);
      else if (s.step === 'consent' && lead.pending.includes('home_visit') && !recorded.some((r) => r.step === 'home_visit')) waitsForVisit = true;
      else recorded.push({ step: s.step, note: s.skipped ? s.note || '无需比对' : s.note, skipped: s.skipped });
    }
    const campaign = await env.data.fieldCampaign(today);
    const left = daysBetween(today, lead.deadline);
    const clock = left >= 0 ? `还剩${left}天（${dayLabel(lead.deadline)}截止）` : `已超期${-left}天（${dayLabel(lead.deadline)}截止）`;
    const still = lead.pending.filter((p) => !recorded.some((r) => r.step === p));
    const lines: string[] = [];
    if (recorded.length > 0) {
      const what = recorded.map((r) => `${label(r.step)}${r.note ? `，${r.skipped ? '免于比对' : NOTE_WORD[r.step]}：${echo(r.note)}` : ''}`);
      lines.push(`已登记：${lead.headName}户风险线索${what.join('；')}（${dayLabel(today)}）。`);
    }
    if (already.length > 0) lines.push(`${lead.headName}户线索的${already.map(label).join('、')}已登记过，不再重复登记。`);
    if (waitsForVisit) lines.push(`承诺授权没有登记：${lead.headName}户线索还没登记入户核查。请发送“${lead.headName}家线索入户核查过了 核查情况 承诺书也签了”一并登记。`);
    lines.push(`线索：${echo(lead.note)}，${clock}。`);
    const meeting = `提交本村${dayLabel(nextMeetingDay(env.now, campaign.meeting))}研判会`;
    lines.push(still.length > 0 ? `下一步：${still.map(label).join('、')}，${meeting}。` : `入户核查、承诺授权、信息比对都已登记，下一步：${meeting}。`);
    // The household stays in mind: “信息比对的结果出来了吗” next is about it (field/lead-status).
    return done(...(recorded.length > 0 ? [{ type: 'command' as const, command: { kind: 'field.lead.steps' as const, leadId: lead.id, steps: recorded } }] : []), say(lines.join('\n')), rememberLead(lead.householdId, lead.headName));
  },
  followUp: followLead,
  step: () => done(say(`「${TITLE}」一条消息即可办完。`)),
};

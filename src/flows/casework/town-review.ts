/**
 * 镇街审核: the town official goes through what waits for the town, one card per household —
 * leads whose village 公示 is over (no objection: an objection is raised by the village as a
 * 不纳入 before the 公示 ends), 风险消除 proposals past their 公示, 回退 and 清退 requests — and
 * answers 同意 or 退回 (with a reason). A lead whose 信息比对 is not yet recorded is shown but
 * cannot be approved (信息比对 runs alongside the procedure and must be done before 镇街审核).
 * Each decision is written as it is given and told to the village (contact cadre, cadres); when
 * the city is next (a lead, a 清退) the city bureau gets the 市级审批 card (queue-card.ts). The
 * flow also starts from the 开始审核 button of the card the case-queue job pushes each morning.
 *
 * State (v1): node ∈ decide | reason; data = { items, i, taskId?, tally }.
 *
 * @example
 *   // 镇街干部: 镇街审核 → [card 镇街审核 王大山户（1/2）同意|退回] → 同意
 *   // → command { kind: 'casework.lead.town_review', leadId: 3, approve: true, reason: '' } + notices
 */
import { rolesThatMay } from '../../domain/roles.js';
import { LEAD_STEP } from '../../domain/catalog.js';
import { CASE_REQUEST_LABEL } from '../../domain/case-request.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { answerOf, cardQuestion, done, echo, guard, own, say, STALE_CARD, waiting } from '../field/common.js';
import { caseCardLines, caseHousehold, caseLines, casework, caseWhat, notify, openQueue } from './common.js';
import type { CaseItem } from './data.js';
import { queueCard } from './queue-card.js';
import { withSecondAnswer } from './queue-asked.js';

const TITLE = '镇街审核';

type Node = 'decide' | 'reason';
interface Data {
  items: CaseItem[];
  i: number;
  taskId?: string;
  tally: { approved: number; returned: number; waiting: number };
}

function ask(node: Node, data: Data, env: Env, lead: Effect[] = []): StepResult {
  const item = data.items[data.i]!;
  if (node === 'reason') return waiting(townReviewFlow, node, data, env, [...lead, say(`退回${item.headName}户的理由？（必填，会转告村里）`)]);
  const head = `${caseHousehold(item)}：${caseWhat(item)}（${data.i + 1}/${data.items.length}）`;
  const card = cardQuestion(env, {
    title: `镇街审核 ${item.headName}户（${data.i + 1}/${data.items.length}）`,
    question: `${caseWhat(item)}：同意还是退回？`,
    lines: caseCardLines(item),
    buttons: [{ key: 'approve', text: '同意' }, { key: 'return', text: '退回' }],
    hint: '同意请回复“同意”，退回请回复“退回 理由”。',
  });
  return waiting(townReviewFlow, node, { ...data, taskId: card.taskId }, env, [...lead, say([head, ...caseLines(item).map((l) => `· ${l}`)].join('\n')), card.effect]);
}

function next(data: Data, env: Env, effects: Effect[]): StepResult {
  const i = data.i + 1;
  if (i < data.items.length) return ask('decide', { items: data.items, i, tally: data.tally }, env, effects);
  const t = data.tally;
  return done(...effects, say(`镇街审核完毕：同意${t.approved}件，退回${t.returned}件${t.waiting ? `，待补信息比对${t.waiting}件` : ''}。`));
}

function cityCards(city: readonly string[], item: CaseItem, env: Env): Effect[] {
  // A task id of its own (WeCom wants them unique), not drawn from the conversation's ids.
  const taskId = `cq${shanghaiDay(env.now).replace(/-/g, '')}${item.type === 'lead' ? `l${item.leadId}` : `r${item.requestId}`}`;
  const card = queueCard('city', taskId, [item]);
  return [...new Set(city)].filter((id) => id !== env.actor.sender.id).map((id) => ({ type: 'send', to: { channel: 'app', id }, reply: card }) as Effect);
}

async function decide(data: Data, approve: boolean, reason: string, env: Env): Promise<StepResult> {
  const item = data.items[data.i]!;
  const command: Command =
    item.type === 'lead'
      ? { kind: 'casework.lead.town_review', leadId: item.leadId, approve, reason }
      : { kind: 'casework.request.decide', requestId: item.requestId, level: 'town', approve, reason };
  const who = await env.data.caseContacts(item.householdId);
  const name = env.actor.staff?.name ?? '';
  const what = caseWhat(item);
  const toCity = approve && (item.type === 'lead' || item.payload.kind === 'withdrawal');
  const told = approve
    ? `${caseHousehold(item)}的${what}已经镇街审核同意（${name}）。${toCity ? '已报市乡村振兴局审批。' : item.type === 'request' ? `${CASE_REQUEST_LABEL[item.payload.kind]}已生效。` : ''}`
    : `${caseHousehold(item)}的${what}被镇街退回（${name}），理由：${echo(reason)}。请村里核实后重新办理。`;
  const effects: Effect[] = [
    { type: 'command', command },
    say(approve ? `已同意：${item.headName}户${what}。` : `已退回：${item.headName}户${what}（理由：${echo(reason)}）。`),
    ...notify([...who.village, ...who.town], env, told),
    // The city bureau gets the 市级审批 card at once: its button opens the city's queue.
    ...(toCity ? cityCards(who.city, item, env) : []),
  ];
  const tally = { ...data.tally, ...(approve ? { approved: data.tally.approved + 1 } : { returned: data.tally.returned + 1 }) };
  return next({ ...data, tally }, env, effects);
}

async function onDecide(data: Data, input: Input, env: Env): Promise<StepResult> {
  const item = data.items[data.i]!;
  let key: string | null = null;
  let reason = '';
  if (input.type === 'text') {
    const t = own(input.text);
    // The refusals first (不通过 is not 通过); “没问题 同意” is 同意, “退回去 …” is 退回.
    const m = /^(?:没问题[\s,，]*)?(不同意|不通过|不批准|不行|驳回|退回(?:去)?|同意|通过|批准)[\s:：,，]*(.*)$/.exec(t);
    // “不行 退回”: the decision said twice is no reason.
    if (m) [key, reason] = [['同意', '通过', '批准'].includes(m[1] as string) ? 'approve' : 'return', (m[2] ?? '').replace(/^(?:退回|驳回)(?:去)?[\s,，]*/, '').trim()];
  } else {
    const a = answerOf(input, data.taskId ?? '', [], ['approve', 'return']);
    if (a === 'stale') return ask('decide', data, env, [say(STALE_CARD)]);
    key = a;
  }
  if (key === null) return ask('decide', data, env, [say('请回复“同意”或“退回 理由”。')]);
  if (key === 'approve' && item.type === 'lead' && item.missing.length) {
    const missing = item.missing.map((s) => LEAD_STEP.label[s]).join('、');
    return next({ ...data, tally: { ...data.tally, waiting: data.tally.waiting + 1 } }, env, [say(`${item.headName}户还没有登记${missing}，镇街审核前须完成。已提醒村里补登，这户稍后再审。`), ...notify((await env.data.caseContacts(item.householdId)).village, env, `${caseHousehold(item)}待镇街审核，但还没有登记${missing}，请尽快补登。`)]);
  }
  if (key === 'return' && reason.length < 2) return ask('reason', data, env);
  return decide(data, key === 'approve', reason, env);
}

/**
 * The queue: nothing waiting, or its first case — the household named with the word first
 * (“镇街审核 石秀英 同意”, “石秀英那户审核通过”), with its decision taken when one was said.
 */
async function openTownQueue(env: Env, rest: string): Promise<StepResult> {
  const refused = guard(env, rolesThatMay('town_review'), TITLE);
  if (refused) return refused;
  return openQueue<Data>({
    items: await env.data.caseQueue('town', shanghaiDay(env.now)),
    rest,
    queue: '镇街审核',
    verb: '审',
    words: { yes: '同意', no: '退回' },
    empty: '目前没有待镇街审核的事项（公示期未满的会在期满后出现）。',
    start: (items) => ({ items, i: 0, tally: { approved: 0, returned: 0, waiting: 0 } }),
    ask: (data, lead) => ask('decide', data, env, lead),
    decide: (data, input) => onDecide(data, input, env),
  });
}

export const townReviewFlow: Flow = {
  name: 'casework/town-review',
  title: TITLE,
  version: 1,
  matches: (input, env) => ['镇街审核', '待审核'].includes(casework(input, env)?.word ?? ''),
  async start(input: Input, env: Env) {
    return withSecondAnswer(await openTownQueue(env, casework(input, env)?.rest ?? ''), input, env);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    if (state.node === 'reason') {
      const t = input.type === 'text' ? own(input.text) : '';
      if (t.length < 2) return ask('reason', data, env, [say('请写明理由。')]);
      return decide(data, false, t, env);
    }
    return onDecide(data, input, env);
  },
};

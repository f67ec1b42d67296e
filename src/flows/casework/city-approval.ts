/**
 * 市级审批与公告: the city bureau (市乡村振兴局) goes through what the towns approved, one card
 * per household. For a lead: 纳入 in a category that fits the household (脱贫户: 脱贫不稳定户 or
 * 突发严重困难户; 一般农户: 边缘易致贫户 or 突发严重困难户), whether the epidemic caused it (附件1
 * 其中因疫情纳入), then 审批, 公告 and 系统录入 are recorded and the household becomes a monitoring
 * subject (its members, the risks read from the finds); or 不予纳入 with a reason. For a 清退
 * request: 批准清退 (final) or 不同意 with a reason. Each decision says whether the lead closed on
 * time against its clock, and is told to the village and the town.
 *
 * State (v1): node ∈ decide | epidemic | reason; data = { items, i, taskId?, category?, tally }.
 *
 * @example
 *   // 市乡村振兴局: 市级审批 → [card 市级审批 王大山户 脱贫不稳定户|突发严重困难户|不予纳入] → 脱贫不稳定户 → [是否因疫情] 否
 *   // → command { kind: 'casework.lead.city_decide', leadId: 3, include: true, category: 'unstable_alleviated', epidemic: false, reason: '' }
 */
import { rolesThatMay } from '../../domain/roles.js';
import { CATEGORY, type Category } from '../../domain/catalog.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { answerOf, cardQuestion, dayLabel, done, echo, guard, own, say, STALE_CARD, waiting } from '../field/common.js';
import { caseCardLines, caseHousehold, caseLines, casework, caseWhat, notify, openQueue } from './common.js';
import type { CaseItem } from './data.js';
import { withSecondAnswer } from './queue-asked.js';

const TITLE = '市级审批';

type Node = 'decide' | 'epidemic' | 'reason';
interface Data {
  items: CaseItem[];
  i: number;
  taskId?: string;
  category?: Category;
  tally: { approved: number; refused: number };
}

/** The categories a household may be included in, by its 户类型. */
function categoriesFor(item: Extract<CaseItem, { type: 'lead' }>): Category[] {
  return item.householdType === 'alleviated' ? ['unstable_alleviated', 'sudden_hardship'] : ['marginal', 'sudden_hardship'];
}

function buttons(item: CaseItem): Array<{ key: string; text: string }> {
  if (item.type === 'lead') return [...categoriesFor(item).map((c) => ({ key: c, text: CATEGORY.label[c] })), { key: 'refuse', text: '不予纳入' }];
  return [{ key: 'approve', text: '批准清退' }, { key: 'refuse', text: '不同意' }];
}

function ask(node: Node, data: Data, env: Env, lead: Effect[] = []): StepResult {
  const item = data.items[data.i]!;
  if (node === 'reason') return waiting(cityApprovalFlow, node, data, env, [...lead, say(`${item.type === 'lead' ? '不予纳入' : '不同意清退'}的理由？（必填，会转告镇村）`)]);
  const title = `市级审批 ${item.headName}户（${data.i + 1}/${data.items.length}）`;
  if (node === 'epidemic') {
    const card = cardQuestion(env, { title, question: '是否因新冠肺炎疫情影响纳入？', hint: '是请回复“是”，否请回复“否”。' });
    return waiting(cityApprovalFlow, node, { ...data, taskId: card.taskId }, env, [...lead, card.effect]);
  }
  const b = buttons(item);
  const card = cardQuestion(env, {
    title,
    question: item.type === 'lead' ? '批准纳入哪一类？' : '批准清退吗？',
    lines: caseCardLines(item),
    buttons: b,
    hint: `请回复：${b.map((x) => `“${x.text}”`).join('、')}${item.type === 'lead' ? '（不予纳入请带理由）' : ''}。`,
  });
  const head = `${caseHousehold(item)}：${caseWhat(item)}（${data.i + 1}/${data.items.length}）`;
  return waiting(cityApprovalFlow, node, { ...data, taskId: card.taskId }, env, [...lead, say([head, ...caseLines(item).map((l) => `· ${l}`)].join('\n')), card.effect]);
}

function next(data: Data, env: Env, effects: Effect[]): StepResult {
  const i = data.i + 1;
  if (i < data.items.length) return ask('decide', { items: data.items, i, tally: data.tally }, env, effects);
  return done(...effects, say(`市级审批完毕：批准${data.tally.approved}件，不予批准${data.tally.refused}件。`));
}

async function finish(data: Data, env: Env, approve: boolean, reason: string, epidemic: boolean): Promise<StepResult> {
  const item = data.items[data.i]!;
  const today = shanghaiDay(env.now);
  const who = await env.data.caseContacts(item.householdId);
  let command: Command;
  let said: string;
  if (item.type === 'lead') {
    command = { kind: 'casework.lead.city_decide', leadId: item.leadId, include: approve, category: approve ? ((data.category as Category | undefined) ?? null) : null, epidemic, reason };
    const clock = today > item.deadline ? `超期办结（应于${dayLabel(item.deadline)}前完成）` : `按时办结（${dayLabel(item.deadline)}前）`;
    said = approve
      ? `${caseHousehold(item)}经市级审批纳入监测对象：${CATEGORY.label[data.category as Category]}${epidemic ? '（因疫情纳入）' : ''}，已公告并录入系统；线索${clock}。请落实帮扶措施。`
      : `${caseHousehold(item)}经市级审批不予纳入，理由：${echo(reason)}；线索${clock}。`;
  } else {
    command = { kind: 'casework.request.decide', requestId: item.requestId, level: 'city', approve, reason };
    said = approve ? `${caseHousehold(item)}经市级审批同意清退（书面申请已留存）。` : `${caseHousehold(item)}的清退申请市级不同意，理由：${echo(reason)}。`;
  }
  const tally = approve ? { ...data.tally, approved: data.tally.approved + 1 } : { ...data.tally, refused: data.tally.refused + 1 };
  return next({ ...data, tally, category: undefined }, env, [{ type: 'command', command }, say(`已记录：${said}`), ...notify([...who.village, ...who.town], env, said)]);
}

async function onDecide(data: Data, input: Input, env: Env): Promise<StepResult> {
  const item = data.items[data.i]!;
  const keys = buttons(item).map((b) => b.key);
  let key: string | null = null;
  let reason = '';
  if (input.type === 'text') {
    const t = own(input.text);
    // A category said short (“边缘户”, “突发严重困难”): the one whose name it begins.
    const short = t.split(/[\s:：,，]+/)[0]?.replace(/户$/, '') ?? '';
    const named = buttons(item).find(
      (b) =>
        t.startsWith(b.text) ||
        (b.key !== 'refuse' && b.key !== 'approve' && short.length >= 2 && b.text.startsWith(short)) ||
        (b.key === 'approve' && /^(同意|批准)/.test(t)) ||
        (b.key === 'refuse' && /^(不同意|不予|不批准|不纳入|不能批|不批|不行)/.test(t)),
    );
    const said = named && !t.startsWith(named.text) && named.key !== 'refuse' && named.key !== 'approve' ? short : '';
    if (named) [key, reason] = [named.key, t.replace(said ? new RegExp(`^${said}户?`) : /^(不予纳入|不同意|不予|不批准|不纳入|不能批|不批|不行|批准清退|同意|批准)/, '').replace(/^[\s:：,，]+/, '').trim()];
  } else {
    const a = answerOf(input, data.taskId ?? '', [], keys);
    if (a === 'stale') return ask('decide', data, env, [say(STALE_CARD)]);
    key = a;
  }
  if (key === null) return ask('decide', data, env, [say('没看懂，请按卡片上的选项回复。')]);
  if (key === 'refuse') return reason.length >= 2 ? finish(data, env, false, reason, false) : ask('reason', data, env);
  if (item.type === 'lead') return ask('epidemic', { ...data, category: key as Category }, env);
  return finish(data, env, true, '', false);
}

/** The queue: nothing waiting, or its first case. */
async function openCityQueue(env: Env, rest: string): Promise<StepResult> {
  const refused = guard(env, rolesThatMay('city_approve'), TITLE);
  if (refused) return refused;
  return openQueue<Data>({
    items: await env.data.caseQueue('city', shanghaiDay(env.now)),
    rest,
    queue: '市级审批',
    verb: '批',
    words: { yes: '同意', no: '不同意' },
    empty: '目前没有待市级审批的事项。',
    start: (items) => ({ items, i: 0, tally: { approved: 0, refused: 0 } }),
    ask: (data, lead) => ask('decide', data, env, lead),
    decide: (data, input) => onDecide(data, input, env),
  });
}

export const cityApprovalFlow: Flow = {
  name: 'casework/city-approval',
  title: TITLE,
  version: 1,
  matches: (input, env) => ['市级审批', '待审批', '审批公告'].includes(casework(input, env)?.word ?? ''),
  async start(input: Input, env: Env) {
    return withSecondAnswer(await openCityQueue(env, casework(input, env)?.rest ?? ''), input, env);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    switch (state.node as Node) {
      case 'decide':
        return onDecide(data, input, env);
      case 'epidemic': {
        const a = answerOf(input, data.taskId ?? '', ['疫情']);
        if (a === 'stale') return ask('epidemic', data, env, [say(STALE_CARD)]);
        if (a === null) return ask('epidemic', data, env, [say('请回复“是”或“否”。')]);
        return finish(data, env, true, '', a === 'yes');
      }
      case 'reason': {
        const t = input.type === 'text' ? own(input.text) : '';
        if (t.length < 2) return ask('reason', data, env, [say('请写明理由。')]);
        return finish(data, env, false, t, false);
      }
    }
  },
};

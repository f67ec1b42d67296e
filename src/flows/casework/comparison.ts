/**
 * 信息比对 recorded when it is done: “信息比对 张三”. The comparison runs alongside the procedure
 * (seed: 同步开展) — 民主评议 and 公示 do not wait for it — but 镇街审核 does; the town is told it
 * is in.
 *
 * State (v1): node pick; data = { leads }.
 *
 * @example
 *   // 村干部: 信息比对 张三 → command { kind: 'casework.lead.comparison', leadId: 3 } → 已登记：张三户信息比对已完成。
 */
import { rolesThatMay } from '../../domain/roles.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { choiceOf, done, guard, numbered, say, waiting } from '../field/common.js';
import { caseHousehold, notify } from './common.js';
import type { CaseLead } from './data.js';

const TITLE = '信息比对';
const WORD = /^信息比对(?:已完成|完成了|已做)?[\s:：,，]+(.+)$/;
// The household first, in a sentence: “马有福家信息比对做完了”. What follows a separator says how it went (“薛有亮家信息比对完了 没问题”).
// Or how it went, right after it (“薛有亮家信息比对 没问题 ok”): a comparison that found nothing wrong is done.
const TOLD = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户)(?:的)?信息比对(?:(?:已经|已|都|也)?(?:做|弄|搞)?(?:完成|完|好)了?|(?:已经|已|都|也)?(?:做|弄|搞)了|(?=[\s,，。;；]+(?:没问题|无问题|没有问题|正常|无异常|都一致|一致|对上了|没毛病|ok|OK)))(?:[\s,，。;；]+.*)?$/;

/** The household named with the command, or null when the text is not one. */
function namedIn(text: string): string | null {
  const t = normalize(text).replace(/[。.!]+$/, '').trim();
  const m = WORD.exec(t) ?? TOLD.exec(t);
  return m ? (m[1] as string).replace(/户$/, '').trim() : null;
}

async function record(lead: CaseLead, env: Env): Promise<StepResult> {
  if (lead.comparisonDone) return done(say(`${lead.headName}户的信息比对已经登记过了。`));
  const who = await env.data.caseContacts(lead.householdId);
  return done(
    { type: 'command', command: { kind: 'casework.lead.comparison', leadId: lead.leadId } },
    say(`已登记：${caseHousehold(lead)}信息比对已完成。`),
    ...notify(who.town, env, `${caseHousehold(lead)}信息比对已完成，公示期满后可镇街审核。`),
  );
}

export const comparisonFlow: Flow = {
  name: 'casework/comparison',
  title: TITLE,
  version: 1,
  matches: (input, env) => input.type === 'text' && env.actor.sender.channel === 'app' && namedIn(input.text) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, rolesThatMay('record_comparison'), TITLE);
    if (refused) return refused;
    const name = namedIn(input.type === 'text' ? input.text : '') ?? '';
    const leads = await env.data.caseLeads(name);
    if (leads.length === 0) return done(say(`在您的辖区内没有找到“${name}”户办理中的风险线索。`));
    if (leads.length === 1) return record(leads[0]!, env);
    return waiting(comparisonFlow, 'pick', { leads }, env, [say(`对得上的有${leads.length}户：\n${numbered(leads.map(caseHousehold))}\n请回复序号。`)]);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const leads = (state.data as { leads: CaseLead[] }).leads;
    const n = input.type === 'text' ? choiceOf(input.text, leads.length) : null;
    return n ? record(leads[n - 1]!, env) : waiting(comparisonFlow, 'pick', { leads }, env, [say('请回复序号。')]);
  },
};

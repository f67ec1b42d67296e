/**
 * 政策问答 in plain words, for farmers: what 防止返贫监测 is, the income line of the year (from
 * configuration, `farmerPolicyFacts`), what a household can get, and how to declare. A question
 * names its topic ("今年标准是多少"); the menu click or a general "政策" gets the list of topics
 * (clickable). Never waits.
 *
 * @example
 *   policyFlow.start({ type: 'text', text: '今年的标准是多少' }, env)
 *   // done: '2022年的监测收入标准是：家庭人均纯收入每人每年6700元。…'
 */
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { classifyIntent, classifyRisks, type PolicyTopic } from '../understand/index.js';
import type { Env, Flow, Input, Reply, StepResult } from '../types.js';
import { isFarmer, reply, text } from './common.js';
import type { FarmerPolicyFacts } from './data.js';

const NAME = 'farmer/policy';
type Topic = Exclude<PolicyTopic, 'general'>;
const TOPICS: readonly Topic[] = ['monitoring', 'standard', 'measures', 'declare'];

export const TOPIC_MENU: Extract<Reply, { type: 'menu' }> = {
  type: 'menu',
  head: '想了解哪方面的政策？请点选：',
  items: [
    { id: 'policy:monitoring', label: '什么是防止返贫监测' },
    { id: 'policy:standard', label: '今年的收入标准' },
    { id: 'policy:measures', label: '纳入后有哪些帮扶' },
    { id: 'policy:declare', label: '怎么申报' },
  ],
  tail: '也可以直接问，比如“今年标准是多少”。',
};

/** The line of `year`, or the latest earlier one (said as such) when the year has none yet. */
function lineOf(facts: FarmerPolicyFacts, year: number): { year: number; line: number } | null {
  const known = facts.lines.filter((l) => l.year <= year).sort((a, b) => b.year - a.year);
  return known[0] ?? null;
}

export function answerOf(topic: Topic, facts: FarmerPolicyFacts, year: number): string {
  switch (topic) {
    case 'monitoring':
      return [
        '防止返贫监测，就是对脱贫户和普通农户常看一看：收入够不够、孩子上学、看病有没有保障、住房安不安全、有没有安全的饮用水。',
        '发现有返贫或致贫风险的，及时纳入监测、落实帮扶；风险稳定消除后再退出。申报和认定都不收任何费用。',
      ].join('\n');
    case 'standard': {
      const l = lineOf(facts, year);
      const demo = l && facts.demoLineYears?.includes(l.year) ? `（演示数据：${l.line}元是试用时的示例数字，不是官方公布的标准。）` : '';
      const line = !l
        ? '今年的监测收入标准以省里公布的为准，可以问村里的网格员。'
        : l.year === year
          ? `${year}年的监测收入标准是：家庭人均纯收入每人每年${l.line}元。${demo}`
          : `${year}年的标准还没公布，${l.year}年是每人每年${l.line}元。${demo}`;
      return [line, '但不只看收入：因病、因灾、因意外等花销大或收入大幅减少，基本生活出现严重困难的，收入超过标准也可以申报。'].join('\n');
    }
    case 'measures':
      return [
        '纳入监测后，会按您家的困难“缺什么补什么”，比如：',
        '· 看病难：医保报销、医疗救助、健康帮扶；',
        '· 孩子上学：教育资助、雨露计划；',
        '· 住房不安全：危房改造或搬迁；吃水难：饮水安全保障；',
        '· 有劳动力的：产业、就业帮扶，公益岗位，小额信贷；',
        '· 生活困难：低保、特困供养、临时救助等。',
        '具体措施由村里研判后和您商量确定。',
      ].join('\n');
    case 'declare':
      return [
        `申报很简单：点“申报困难”，说说家里遇到的困难，留下姓名和联系方式就行，没在户籍上也可以报。`,
        `网格员会在${facts.visitWithinDays}天内上门核实，村里评议、公示后，${facts.deadlineDays}天内有认定结果。`,
      ].join('\n');
  }
}

function topicOf(input: Input): Topic | null {
  if (input.type !== 'text') return null;
  if (input.menuId?.startsWith('policy:')) {
    const t = input.menuId.slice('policy:'.length) as Topic;
    return TOPICS.includes(t) ? t : null;
  }
  if (input.menuId) return null;
  const intent = classifyIntent(input.text, 'farmer');
  return intent.kind === 'policy' && intent.topic !== 'general' ? intent.topic : null;
}

async function answer(input: Input, env: Env): Promise<StepResult> {
  const topic = topicOf(input);
  if (!topic) return { status: 'done', effects: [reply(TOPIC_MENU)] };
  const facts = await env.data.farmerPolicyFacts();
  return { status: 'done', effects: [text(answerOf(topic, facts, Number(shanghaiDay(env.now).slice(0, 4))))] };
}

export const policyFlow: Flow = {
  name: NAME,
  title: '政策问答',
  version: 1,
  matches: (input, env) => {
    if (!isFarmer(env) || input.type !== 'text') return false;
    if (input.menuId) return input.menuId === 'policy' || input.menuId.startsWith('policy:');
    // "听说有补助，俺家房子塌了" is a declaration, not a question.
    return classifyIntent(input.text, 'farmer').kind === 'policy' && classifyRisks(input.text).length === 0;
  },
  start: answer,
  step: (_state, input, env) => answer(input, env),
};

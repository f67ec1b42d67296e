/**
 * 政策问答 in plain words, for farmers: what 防止返贫监测 and a 监测户 are, who may declare, the
 * income line of the year (from configuration, `farmerPolicyFacts`, said honestly when the year's
 * line is not published yet), what help is possible, that declaring costs nothing, how 低保 and
 * 医疗救助 relate, and how long it takes. Every answer ends with what the farmer can do next. A
 * question names its topic ("监测户是啥意思", "申报要花钱不"); the menu click or a general "政策"
 * gets the list of topics (clickable). A 低保/救助 question is also passed on to the grid worker.
 * Never waits.
 *
 * @example
 *   policyFlow.start({ type: 'text', text: '今年的标准是多少' }, env)
 *   // done: '2022年的监测收入标准是：家庭人均纯收入每人每年6700元。…'
 */
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { classifyIntent, classifyRisks } from '../understand/index.js';
import type { Effect, Env, Flow, Input, Reply, StepResult } from '../types.js';
import { isFarmer, reply, text } from './common.js';
import type { FarmerPolicyFacts } from './data.js';
import { contactLine, noticeTo, passOnText } from './person-texts.js';
import { looksLikeQuestion, personAsk, questionTopic, type QuestionTopic } from './questions.js';

const NAME = 'farmer/policy';
type Topic = QuestionTopic;
const TOPICS: readonly Topic[] = ['monitoring', 'who', 'standard', 'measures', 'cost', 'dibao', 'duration', 'declare'];

export const TOPIC_MENU: Extract<Reply, { type: 'menu' }> = {
  type: 'menu',
  head: '想了解哪方面的政策？请点选：',
  items: [
    { id: 'policy:monitoring', label: '什么是防止返贫监测' },
    { id: 'policy:who', label: '谁可以申报' },
    { id: 'policy:standard', label: '今年的收入标准' },
    { id: 'policy:measures', label: '纳入后有哪些帮扶' },
    { id: 'policy:dibao', label: '低保、医疗救助' },
    { id: 'policy:declare', label: '怎么申报、要多久' },
  ],
  tail: '也可以直接问，比如“今年标准是多少”“申报要花钱不”。',
};

/** What the farmer can do next, at the end of every answer. */
export const NEXT = {
  declare: '家里有困难，发“申报困难”或直接说说情况；想找人问，发“找网格员”。',
  ask: '还想问别的，直接问；想找人当面说，发“找网格员”。',
};

/** The line of `year`, or the latest earlier one (said as such) when the year has none yet. */
function lineOf(facts: FarmerPolicyFacts, year: number): { year: number; line: number } | null {
  const known = facts.lines.filter((l) => l.year <= year).sort((a, b) => b.year - a.year);
  return known[0] ?? null;
}

function standardLine(facts: FarmerPolicyFacts, year: number): string {
  const l = lineOf(facts, year);
  if (!l) return `${year}年的监测收入标准省里还没公布，公布后按新标准执行，可以问村里的网格员。`;
  const demo = facts.demoLineYears?.includes(l.year) ? `（演示数据：${l.line}元是试用时的示例数字，不是官方公布的标准。）` : '';
  if (l.year === year) return `${year}年的监测收入标准是：家庭人均纯收入每人每年${l.line}元。${demo}`;
  return `${year}年的标准省里还没公布，${l.year}年是每人每年${l.line}元；新标准公布后按新的执行。${demo}`;
}

export function answerOf(topic: Topic, facts: FarmerPolicyFacts, year: number): string {
  switch (topic) {
    case 'monitoring':
      return [
        '防止返贫监测，就是对脱贫户和普通农户常看一看：收入够不够、孩子上学、看病有没有保障、住房安不安全、有没有安全的饮用水。',
        '“监测户”（监测对象）就是经过核实、评议，认定有返贫或致贫风险、需要重点帮扶的人家，分三类：脱贫不稳定户、边缘易致贫户、突发严重困难户。风险稳定消除后再退出。申报和认定都不收任何费用。',
        NEXT.declare,
      ].join('\n');
    case 'who':
      return [
        '所有农户都可以申报，不管是不是脱贫户，没在户籍上、人户分离的也可以报。',
        '收入低、收入明显减少，或者因病、因灾、因意外花销大、基本生活困难的，都可以报；收入超过标准但遇到突发严重困难的，也可以报。',
        NEXT.declare,
      ].join('\n');
    case 'standard':
      return [standardLine(facts, year), '但不只看收入：因病、因灾、因意外等花销大或收入大幅减少，基本生活出现严重困难的，收入超过标准也可以申报。', NEXT.declare].join('\n');
    case 'measures':
      return [
        '纳入监测后，会按您家的困难“缺什么补什么”，比如：',
        '· 看病难：医保报销、医疗救助、健康帮扶；',
        '· 孩子上学：教育资助、雨露计划；',
        '· 住房不安全：危房改造或搬迁；吃水难：饮水安全保障；',
        '· 有劳动力的：产业、就业帮扶，公益岗位，小额信贷；',
        '· 生活困难：低保、特困供养、临时救助等。',
        '具体措施由村里研判后和您商量确定。',
        NEXT.declare,
      ].join('\n');
    case 'cost':
      return ['申报不花一分钱：申报、上门核实、评议、认定都不收任何费用，谁向您要钱都不要给，可以向村里或镇上反映。', NEXT.declare].join('\n');
    case 'dibao':
      return [
        '低保、特困供养、临时救助、医疗救助由民政、医保等部门按各自条件办理，和防止返贫监测是两回事，但可以一起办：申报后网格员上门核实，符合条件的会帮您同时申请低保或救助；看病花费大的，医保报销后还可以申请医疗救助。',
        '纳入监测不影响您申请低保，申请低保也不影响申报。',
      ].join('\n');
    case 'duration':
      return [
        `申报后网格员${facts.visitWithinDays}天内上门核实；从申报那天算起，村里评议、公示（至少5天）、镇上审核、市里审批，一般${facts.deadlineDays}天内有认定结果。遇到突发严重困难的，可以先救助、后走程序。`,
        '申报后随时发“查询进度”看办到哪一步。',
      ].join('\n');
    case 'declare':
      return [
        '申报很简单：点“申报困难”，说说家里遇到的困难，留下姓名和联系方式就行，不用准备材料（记得身份证号更好），没在户籍上也可以报，不收任何费用。',
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
  const own = questionTopic(input.text);
  if (own) return own;
  const intent = classifyIntent(input.text, 'farmer');
  return intent.kind === 'policy' && intent.topic !== 'general' ? intent.topic : null;
}

async function answer(input: Input, env: Env): Promise<StepResult> {
  const topic = topicOf(input);
  if (!topic) return { status: 'done', effects: [reply(TOPIC_MENU)] };
  const facts = await env.data.farmerPolicyFacts();
  const said = answerOf(topic, facts, Number(shanghaiDay(env.now).slice(0, 4)));
  if (topic !== 'dibao') return { status: 'done', effects: [text(said)] };
  // A 低保/救助 question is passed on: someone who can start it should know the farmer asked.
  const contacts = await env.data.farmerContacts();
  const words = input.type === 'text' && !input.menuId ? input.text : '想了解低保、医疗救助';
  if (!contacts || contacts.people.length === 0) return { status: 'done', effects: [text(`${said}\n想办的话，发“申报困难”说说家里情况，或者告诉我您是哪个村，我转给网格员。`)] };
  const effects: Effect[] = [
    text(`${said}\n${passOnText('低保、救助的事', contactLine(contacts.people))}`),
    ...noticeTo(contacts.people, '【农户问低保/救助】', words, env),
  ];
  return { status: 'done', effects };
}

export const policyFlow: Flow = {
  name: NAME,
  title: '政策问答',
  version: 1,
  matches: (input, env) => {
    if (!isFarmer(env) || input.type !== 'text') return false;
    if (input.menuId) return input.menuId === 'policy' || input.menuId.startsWith('policy:');
    if (personAsk(input.text)) return false;
    // "听说有补助，俺家房子塌了" is a declaration, not a question.
    if (classifyRisks(input.text).length > 0) return false;
    // “俺家困难得很 想申请帮扶” asks for help, not about it: a declaration said without a question.
    if (classifyIntent(input.text, 'farmer').kind === 'declare' && !looksLikeQuestion(input.text)) return false;
    return questionTopic(input.text) !== null || classifyIntent(input.text, 'farmer').kind === 'policy';
  },
  start: answer,
  step: (_state, input, env) => answer(input, env),
};

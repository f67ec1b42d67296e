/**
 * 重点户排查 (附件2, 十类人群和特殊对象): the screening team records one key-group household —
 * 对象类型 (multi-select 1–10: "1、3、5", "一三五", "１，３"), 家庭情况 (income, schooling and its
 * costs, illness and its costs, disaster losses — the person's own words, with the amount when one
 * is said), and whether a risk was found. The 会议研判结论 stays empty for the village 研判会.
 * The same team member reporting the household again the same day overwrites the record.
 * Key-group households are screened door to door: a report made by phone or WeChat is refused.
 *
 * State (v1): node ∈ name | pick | groups | income | schooling | illness | disaster | risk | riskDetail;
 * data = { name?, household?, candidates?, groups?, family: {…}, risk?, riskDetail? }.
 *
 * @example
 *   // 排查小组: 重点户排查 张三 → 对象类型？ → 一四 → 家庭收入？ → … → 是否发现风险？ → 没有
 *   // → command { kind: 'field.screening.save', form: 'key_group', answers: { groups: ['kg1_alleviated', 'kg4_dibao'], family, verdict: null, riskFound: false } }
 */
import { KEY_GROUP, keyGroupLabel, type KeyGroup, type KeyGroupBasis } from '../../domain/catalog.js';
import type { DerivedKeyGroup } from '../../domain/household.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { keyGroupsFromNumbers, type FamilySituation } from '../../domain/screening.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import type { Command } from '../commands.js';
import { findAmounts, normalize, parseMultiSelect, parseYesNo, readYesNo } from '../understand/index.js';
import { commandOf, confirmReply, dayLabel, done, echo, guard, nextMeetingDay, numbered, own, say, TEXT_PLEASE, waiting, type HouseholdRef, SCREENING_KEEP_MS } from './common.js';
import { keyGroupMarks, keyGroupNumbers } from './labels.js';
import { lookUp, nameIn, pickFrom } from './pick-household.js';
import { FIELD_ROLES } from './roles.js';
import type { TodaysScreening } from './data.js';

const TITLE = '重点户排查';
const ROLES = FIELD_ROLES.key_group;

type Topic = 'income' | 'schooling' | 'illness' | 'disaster';
type Node = 'name' | 'pick' | 'groups' | Topic | 'risk' | 'riskDetail' | 'confirm';

interface Data {
  name?: string;
  household?: HouseholdRef;
  candidates?: HouseholdRef[];
  groups?: KeyGroup[];
  /** The campaign's year and line for ②'s label, read when the groups are first asked. */
  basis?: KeyGroupBasis | null;
  /** Groups the register's data implies and no tag says: shown as 推定, chosen only by the screener. */
  derived?: DerivedKeyGroup[];
  family: Partial<Record<Topic, { text: string; yuan: number | null }>>;
  risk?: boolean;
  riskDetail?: string;
}

const LEAVE = '回复“取消”可退出。';

/**
 * Key-group households are screened 逐户, at the door: 附件2 has no 排查方式 column because the
 * plan leaves no choice (phone and WeChat are 附件3's methods for general households). A report
 * that says it was made by phone is not saved as a 附件2 screening.
 */
const REMOTE = /电话|打电话|微信|视频/;
const DOOR_TO_DOOR = '重点户须逐户入户排查，电话、微信不能代替，本次没有登记。\n请入户见到家人后再发送“重点户排查 姓名”；电话里了解到的风险可先告诉村干部，作为风险线索处理。';

const TOPICS: Topic[] = ['income', 'schooling', 'illness', 'disaster'];
const TOPIC_LABEL: Record<Topic, string> = { income: '家庭收入', schooling: '子女上学', illness: '患病情况', disaster: '灾害损失' };
const TOPIC_QUESTION: Record<Topic, string> = {
  income: '家庭收入情况？请说明收入来源和大概金额（如“务工收入一年3万多”）。',
  schooling: '子女上学和花费情况？（没有在校子女请回复“无”）',
  illness: '家庭成员患病及花销情况？（没有请回复“无”）',
  disaster: '意外灾害损失情况？（没有请回复“无”）',
};
const NOTHING = /^(?:无|没有|没|没得|都没有|不涉及|暂无|否)$/;

function question(node: Node, data: Data): string {
  const h = data.household;
  switch (node) {
    case 'name':
      return '请问排查哪一户？请回复户主姓名（家庭成员的名字也可以）。';
    case 'pick':
      return '请回复序号选择是哪一户。';
    case 'groups': {
      const registered = h?.keyGroups.length ? `登记的重点类型：${keyGroupMarks(h.keyGroups)}；与登记一致请回复“对”。\n` : '';
      const derived = data.derived?.length ? `按登记数据推定（未登记，请核实后自行选择）：${data.derived.map((d) => `${keyGroupMarks([d.group])}${d.reason}`).join('；')}。\n` : '';
      return `${h?.label ?? ''}\n${registered}${derived}对象类型？请回复编号，可多选（如“1、4”或“一四”）：\n${numbered(KEY_GROUP.codes.map((g) => keyGroupLabel(g, data.basis)))}`;
    }
    case 'risk':
      return '排查中是否发现返贫致贫风险？请回复“是”或“否”；有风险请一并说明。';
    case 'riskDetail':
      return '请简要说明发现的风险（如：老伴住院，自付2万多）。';
    case 'confirm':
      return '回复“是”或“确认”更正；回复“取消”不保存（原记录不变）。';
    default:
      return TOPIC_QUESTION[node];
  }
}

const ask = (node: Node, data: Data, env: Env, note?: string): StepResult =>
  waiting(keyGroupScreeningFlow, node, data, env, [say(note ? `${note}\n${question(node, data)}` : question(node, data))]);

async function proceed(data: Data, env: Env, note?: string): Promise<StepResult> {
  if (!data.household) {
    if (!data.name) return ask('name', data, env, note);
    const found = await lookUp(env, data.name);
    if (found.kind === 'none') return ask('name', { family: {} }, env, found.text);
    if (found.kind === 'many') return waiting(keyGroupScreeningFlow, 'pick', { ...data, candidates: found.candidates }, env, [say(found.text)]);
    data = { family: {}, household: found.household };
  }
  if (!data.groups) {
    const day = shanghaiDay(env.now);
    const h = data.household as HouseholdRef;
    const basis = data.basis !== undefined ? data.basis : ((await env.data.fieldCampaign(day)).keyGroupBasis ?? null);
    const derived = data.derived ?? (await env.data.derivedKeyGroups(h.id, day));
    return ask('groups', { ...data, basis, derived }, env, note);
  }
  const topic = TOPICS.find((t) => !data.family[t]);
  if (topic) return ask(topic, data, env, note);
  if (data.risk === undefined) return ask('risk', data, env, note);
  if (data.risk && !data.riskDetail) return ask('riskDetail', data, env, note);
  const earlier = await env.data.screenedToday((data.household as HouseholdRef).id, 'key_group', shanghaiDay(env.now));
  const diff = earlier ? changesFrom(earlier, data) : [];
  // Today's earlier record is replaced only when the person sees what changes and says yes.
  if (diff.length) return ask('confirm', data, env, `今天已登记过${(data.household as HouseholdRef).headName}户的重点户排查，本次将更正：\n${diff.join('\n')}`);
  return finish(data, env);
}

const riskShown = (risk: boolean, detail: string | null | undefined) => (risk ? `是（${echo(detail ?? '')}）` : '否');

/** "是否发现风险：是（…） → 否", "对象类型：1、4 → 1": what a new record changes against today's earlier one. */
function changesFrom(earlier: TodaysScreening, data: Data): string[] {
  const a = earlier.answers as { groups?: KeyGroup[]; riskFound?: boolean; riskDetails?: string | null } | undefined;
  const risk = !!data.risk;
  const detail = risk ? (data.riskDetail ?? '') : null;
  const out: string[] = [];
  if (a?.groups && keyGroupNumbers(a.groups) !== keyGroupNumbers(data.groups ?? [])) out.push(`对象类型：${keyGroupNumbers(a.groups)} → ${keyGroupNumbers(data.groups ?? [])}`);
  const wasRisk = a?.riskFound ?? earlier.riskFound;
  if (wasRisk !== risk || (a && risk && (a.riskDetails ?? '') !== detail)) out.push(`是否发现风险：${a ? riskShown(wasRisk, a.riskDetails) : wasRisk ? '是' : '否'} → ${riskShown(risk, detail)}`);
  return out;
}

const amountNote = (yuan: number | null) => (yuan === null ? '' : `（约${yuan}元）`);

async function finish(data: Data, env: Env): Promise<StepResult> {
  const h = data.household as HouseholdRef;
  const f = data.family as Record<Topic, { text: string; yuan: number | null }>;
  const [campaign, earlier] = await Promise.all([env.data.fieldCampaign(shanghaiDay(env.now)), env.data.screenedToday(h.id, 'key_group', shanghaiDay(env.now))]);
  const family: FamilySituation = {
    income: f.income.text, annualIncomeYuan: f.income.yuan,
    schooling: f.schooling.text, schoolingCostYuan: f.schooling.yuan,
    illness: f.illness.text, illnessCostYuan: f.illness.yuan,
    disaster: f.disaster.text, disasterLossYuan: f.disaster.yuan,
  };
  const groups = data.groups as KeyGroup[];
  const command: Command = {
    kind: 'field.screening.save',
    form: 'key_group',
    campaign: campaign.code,
    householdId: h.id,
    answers: { groups, family, verdict: null, riskFound: !!data.risk, riskDetails: data.risk ? (data.riskDetail ?? '') : null },
    remark: '',
  };
  const lines = [
    earlier ? '已更正今天的重点户排查（附件2），原记录已留档：' : '已登记重点户排查（附件2）：',
    `户主：${h.label}`,
    `对象类型：${keyGroupNumbers(groups)}（${keyGroupMarks(groups)}）`,
    ...TOPICS.map((t) => `${TOPIC_LABEL[t]}：${echo(f[t].text)}${amountNote(f[t].yuan)}`),
    `是否发现风险：${data.risk ? `是（${echo(data.riskDetail ?? '')}）` : '否'}`,
    `会议研判结论：待本村${dayLabel(nextMeetingDay(env.now, campaign.meeting))}研判会研判。`,
    `如需更正：今天内重新发送“重点户排查 ${h.headName}”，新记录会覆盖本条，原记录留档。`,
  ];
  return done({ type: 'command', command }, say(lines.join('\n')));
}

/** The amount said in an answer, only when exactly one is said (the words are what the form prints). */
function amountIn(text: string): number | null {
  const amounts = findAmounts(text);
  // “好几千” names no figure: the words alone are kept.
  return amounts.length === 1 && !amounts[0]?.vague ? (amounts[0]?.value ?? null) : null;
}

function answer(node: Node, data: Data, text: string): Data | string {
  const t = normalize(text);
  switch (node) {
    case 'name': {
      const name = nameIn(text);
      return name ? { ...data, name } : `没看到姓名。请回复户主或家庭成员的姓名，如“王大山”；${LEAVE}`;
    }
    case 'pick': {
      const chosen = pickFrom(text, data.candidates ?? []);
      if (chosen) return { family: {}, household: chosen };
      const name = nameIn(text);
      return name ? { family: {}, name } : `请回复1到${data.candidates?.length ?? 0}之间的序号，如“1”；${LEAVE}`;
    }
    case 'groups': {
      const registered = data.household?.keyGroups ?? [];
      const picked = parseMultiSelect(text, KEY_GROUP.codes.length);
      // "对" confirms the registered groups; a number is always a choice ("1" is not a yes here).
      if (!picked.ok && registered.length && !/\d/.test(t) && parseYesNo(text) === 'yes') return { ...data, groups: registered };
      if (!picked.ok) return picked.message;
      if (picked.values.length === 0) return '对象类型至少选一项；不属于十类人群的户，请发送“排查 姓名”按一般户登记。';
      return { ...data, groups: keyGroupsFromNumbers(picked.values) as KeyGroup[] };
    }
    case 'risk': {
      // The question's own verb answers it: “没发现”, “发现了 老伴住院”.
      const r = readYesNo(text, { echo: ['风险', '困难', '问题', '发现'] });
      if (!r.answer) return `没看懂是否发现风险。请回复“是”或“否”，有风险请说明，如“有，老伴住院自付2万”；${LEAVE}`;
      return { ...data, risk: r.answer === 'yes', ...(r.answer === 'yes' && r.rest ? { riskDetail: r.rest } : {}) };
    }
    case 'riskDetail':
      return t.length >= 2 && parseYesNo(t) === null ? { ...data, riskDetail: own(text) } : `请说说发现了什么风险，如“老伴住院，自付2万多”；${LEAVE}`;
    case 'confirm':
      return data;
    default: {
      if (node === 'income' && NOTHING.test(t)) return '家庭收入情况必须记录；确实没有收入请写明靠什么生活，如“无收入，靠低保生活”。';
      if (t === '') return '请用文字回答。';
      return { ...data, family: { ...data.family, [node]: NOTHING.test(t) ? { text: '无', yuan: null } : { text: own(text), yuan: amountIn(t) } } };
    }
  }
}

export const keyGroupScreeningFlow: Flow = {
  name: 'field/key-group-screening',
  title: TITLE,
  version: 1,
  // A half-finished report is kept (a visit, lunch, the night): SCREENING_KEEP_MS.
  keepMs: SCREENING_KEEP_MS,
  about: (state) => {
    const name = (state.data as { household?: { headName: string } }).household?.headName;
    return name ? `${name}户` : null;
  },
  matches: (input, env) => commandOf(input, env, ['screen_key']) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const rest = commandOf(input, env, ['screen_key'])?.rest ?? '';
    if (REMOTE.test(rest)) return done(say(DOOR_TO_DOOR));
    const name = rest ? nameIn(rest) : null;
    return proceed({ family: {}, ...(name ? { name } : {}) }, env, rest && !name ? `“${echo(rest)}”里没看到姓名。` : undefined);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const node = state.node as Node;
    const data = state.data as unknown as Data;
    if (input.type !== 'text') return ask(node, data, env, TEXT_PLEASE);
    // "重点户排查 李四" again: start over with that household.
    if (commandOf(input, env, ['screen_key'])) return keyGroupScreeningFlow.start(input, env);
    if (node === 'confirm') {
      const yes = confirmReply(input.text);
      if (yes === 'yes') return finish(data, env);
      if (yes === 'no') return done(say('好的，没有保存，今天的原记录不变。'));
      return ask(node, data, env, '请回复“是”更正，或回复“取消”不保存。');
    }
    const next = answer(node, data, input.text);
    if (typeof next === 'string') return ask(node, data, env, next);
    return proceed(next, env);
  },
};

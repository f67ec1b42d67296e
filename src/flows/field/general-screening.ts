/**
 * 一般户排查 (附件3): a grid worker or cadre reports one general household, in one line
 * ("排查 张三 入户 无风险 了解政策") or answering one question at a time. The household is looked
 * up by name inside the asker's own area only (several matches are asked back); what is missing is
 * asked, one question each; the record is stored and echoed with how to correct it. A report of the
 * same household made again the same day overwrites the earlier one (saveScreening keeps it in the
 * history); a report that found risk opens a lead for the village's next 研判会.
 *
 * State (v1): node ∈ name | pick | method | risk | riskDetail | policy;
 * data = { line: { name?, method?, risk?, riskDetail?, knowsPolicy?, remark? }, household?, candidates? }.
 *
 * @example
 *   // 网格员: 排查 张三 入户 有风险 儿子住院花了两万 了解政策
 *   // → done, command { kind: 'field.screening.save', form: 'general', householdId: 7, answers: { method: 'home_visit', riskFound: true, … } }
 *   // → '已登记一般户排查（附件3）：…已生成风险线索，提交本村5月12日（周四）研判会研判…'
 */
import { SCREENING_METHOD, type ScreeningMethod } from '../../domain/catalog.js';
import { addDays, shanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import { classifyRisks, normalize, parseScreeningLine, readYesNo } from '../understand/index.js';
import { choiceOf, commandOf, dayLabel, done, echo, guard, nextMeetingDay, own, say, TEXT_PLEASE, waiting, type HouseholdRef } from './common.js';
import { keyGroupMarks } from './labels.js';
import { lookUp, nameIn, pickFrom } from './pick-household.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '一般户排查';
const ROLES = FIELD_ROLES.general;

interface Line {
  name?: string;
  method?: ScreeningMethod;
  risk?: boolean;
  riskDetail?: string;
  knowsPolicy?: boolean;
  remark?: string;
}

interface Data {
  line: Line;
  household?: HouseholdRef;
  candidates?: HouseholdRef[];
}

type Node = 'name' | 'pick' | 'method' | 'risk' | 'riskDetail' | 'policy';

const METHODS = SCREENING_METHOD.codes;

function question(node: Node, data: Data): string {
  switch (node) {
    case 'name':
      return '请问登记哪一户？请回复户主姓名（家庭成员的名字也可以）。';
    case 'pick':
      return '请回复序号选择是哪一户。';
    case 'method':
      return `${data.household?.headName ?? ''}户的排查方式？请回复：${METHODS.map((m, i) => `${i + 1} ${SCREENING_METHOD.label[m]}`).join('、')}。`;
    case 'risk':
      return data.line.riskDetail
        ? `您提到“${echo(data.line.riskDetail)}”，近期是否发生返贫致贫风险？请回复“是”或“否”。`
        : '近期是否发生返贫致贫风险？请回复“是”或“否”；有风险请一并说明，如“有，儿子住院花了两万”。';
    case 'riskDetail':
      return '请简要说明风险情况（如：户主住院，花费3万多）。';
    case 'policy':
      return '是否基本了解防返贫政策？请回复“是”或“否”。';
  }
}

const ask = (node: Node, data: Data, env: Env, note?: string): StepResult =>
  waiting(generalScreeningFlow, node, data, env, [say(note ? `${note}\n${question(node, data)}` : question(node, data))]);

/** The next thing to ask, or the finished report. */
async function proceed(data: Data, env: Env, note?: string): Promise<StepResult> {
  const { line } = data;
  if (!data.household) {
    if (!line.name) return ask('name', data, env, note);
    const found = await lookUp(env, line.name);
    if (found.kind === 'none') return ask('name', { line: { ...line, name: undefined } }, env, found.text);
    if (found.kind === 'many') return waiting(generalScreeningFlow, 'pick', { ...data, candidates: found.candidates }, env, [say(found.text)]);
    data = { line, household: found.household };
  }
  if (line.method === undefined) return ask('method', data, env, note);
  if (line.risk === undefined) return ask('risk', data, env, note);
  if (line.risk && !line.riskDetail?.trim()) return ask('riskDetail', data, env, note);
  if (line.knowsPolicy === undefined) return ask('policy', data, env, note);
  return finish(data.household as HouseholdRef, line as Required<Pick<Line, 'method' | 'risk' | 'knowsPolicy'>> & Line, env);
}

async function finish(h: HouseholdRef, line: Required<Pick<Line, 'method' | 'risk' | 'knowsPolicy'>> & Line, env: Env): Promise<StepResult> {
  const [campaign, earlier, lead] = await Promise.all([env.data.fieldCampaign(shanghaiDay(env.now)), env.data.screenedToday(h.id, 'general', shanghaiDay(env.now)), env.data.openLeadOf(h.id)]);
  const riskDetails = line.risk ? (line.riskDetail ?? '').trim() : null;
  const command = {
    kind: 'field.screening.save',
    form: 'general',
    campaign: campaign.code,
    householdId: h.id,
    answers: { method: line.method, riskFound: line.risk, riskDetails, knowsPolicy: line.knowsPolicy },
    remark: (line.remark ?? '').trim(),
  };
  const lines = [
    earlier ? '已更正今天的一般户排查（附件3），原记录已留档：' : '已登记一般户排查（附件3）：',
    `户主：${h.label}`,
    `排查方式：${SCREENING_METHOD.label[line.method]}`,
    `近期是否发生风险：${line.risk ? `是（${echo(riskDetails ?? '')}）` : '否'}`,
    `是否基本了解防返贫政策：${line.knowsPolicy ? '是' : '否'}`,
    ...(line.remark?.trim() ? [`备注：${echo(line.remark)}`] : []),
  ];
  const meeting = dayLabel(nextMeetingDay(env.now, campaign.meeting));
  if (line.risk && lead) lines.push(`该户已有未办结的风险线索（${dayLabel(lead.discoveredOn)}发现，${dayLabel(lead.deadline)}前完成认定），本次情况一并提交本村${meeting}研判会。`);
  else if (line.risk && !earlier?.riskFound) {
    const deadline = addDays(shanghaiDay(env.now), campaign.identificationLimitDays);
    lines.push(`已生成风险线索，提交本村${meeting}研判会研判，${dayLabel(deadline)}前完成认定。`);
  } else if (!line.risk && earlier?.riskFound) lines.push('注意：今天早些时候登记的风险已生成线索，改为“否”不会撤销线索，请在研判会上作“不纳入”处理并写明理由。');
  if (h.keyGroups.length) lines.push(`提示：该户是重点关注户（对象类型${keyGroupMarks(h.keyGroups)}），还需排查小组按附件2排查。`);
  lines.push(`如需更正：今天内重新发送“排查 ${h.headName} …”，新记录会覆盖本条，原记录留档。`);
  return done({ type: 'command', command }, say(lines.join('\n')));
}

/** Reads the answer at `node` into the data; a string is the note to re-ask with. */
function answer(node: Node, data: Data, text: string): Data | string {
  const line = { ...data.line };
  switch (node) {
    case 'name': {
      // A whole line is welcome here ("张三 入户 无风险 了解政策").
      const said = parseScreeningLine(text);
      const name = nameIn(text) ?? said.name;
      if (!name) return '没看到姓名。';
      return { line: { ...pickSaid(said), ...stripUndefined(line), name } };
    }
    case 'pick': {
      const chosen = pickFrom(text, data.candidates ?? []);
      if (chosen) return { line, household: chosen };
      // Another name instead of a number: look that one up.
      const name = nameIn(text);
      if (name) return { line: { ...line, name } };
      return `请回复1到${data.candidates?.length ?? 0}之间的序号。`;
    }
    case 'method': {
      const n = choiceOf(text, METHODS.length);
      const method = n !== null ? METHODS[n - 1] : parseScreeningLine(text).method;
      return method ? { ...data, line: { ...line, method } } : '排查方式没看懂。';
    }
    case 'risk': {
      const r = readYesNo(text, { echo: ['风险', '困难'] });
      if (r.answer === 'yes') return { ...data, line: { ...line, risk: true, riskDetail: r.rest || line.riskDetail } };
      if (r.answer === 'no') return { ...data, line: { ...line, risk: false, riskDetail: undefined, remark: [line.remark, r.rest].filter(Boolean).join('，') || undefined } };
      // "老人住院了": an account of hardship without 是/否 — confirm it rather than guess.
      if (classifyRisks(text).length) return { ...data, line: { ...line, riskDetail: own(text) } };
      return '没看懂。';
    }
    case 'riskDetail':
      return normalize(text).length >= 2 ? { ...data, line: { ...line, riskDetail: own(text) } } : '请多说几个字。';
    case 'policy': {
      const r = readYesNo(text, { echo: ['了解', '知道', '清楚', '懂', '明白'] });
      return r.answer ? { ...data, line: { ...line, knowsPolicy: r.answer === 'yes' } } : '没看懂。';
    }
  }
}

function pickSaid(said: ReturnType<typeof parseScreeningLine>): Line {
  return stripUndefined({ method: said.method, risk: said.risk, riskDetail: said.riskDetail, knowsPolicy: said.knowsPolicy, remark: said.remark });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function looseLine(_rest: string, text: string): boolean {
  return parseScreeningLine(text).name !== undefined;
}

export const generalScreeningFlow: Flow = {
  name: 'field/general-screening',
  title: TITLE,
  version: 1,
  matches: (input, env) => commandOf(input, env, ['screen_general'], looseLine) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const said = parseScreeningLine(input.type === 'text' ? input.text : '');
    const line: Line = { ...pickSaid(said), ...(said.name ? { name: said.name } : {}) };
    const conflicts = said.conflicts.filter((f) => f !== 'name');
    const note = conflicts.length ? `“${conflicts.map((f) => ({ method: '排查方式', risk: '是否发生风险', knowsPolicy: '是否了解政策' })[f as 'method']).join('、')}”说了两种，请再确认一下。` : undefined;
    return proceed({ line }, env, note);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const node = state.node as Node;
    const data = state.data as unknown as Data;
    if (input.type !== 'text') return ask(node, data, env, TEXT_PLEASE);
    // A new one-line report instead of an answer: start over with it.
    if (node !== 'name' && commandOf(input, env, ['screen_general'], looseLine)) return generalScreeningFlow.start(input, env);
    const next = answer(node, data, input.text);
    if (typeof next === 'string') return ask(node, data, env, next);
    return proceed(next, env);
  },
};

/**
 * 整改销号 (对账销号): marking a problem of the asker's area rectified — choose it from the list of
 * open problems, say what was done, and whether data was corrected (补正数据, a 是/否 card). The
 * problem is closed with who, when and what; nothing is deleted.
 *
 * State (v1): node ∈ pick | what | data; data = { problems, chosen?, what?, taskId? }.
 *
 * @example
 *   // 整改 → '未整改的问题（2个）：1. …' → 1 → 整改了什么？ → 已补录收入信息 → [card 是否补正了数据？] → 是
 *   // → command { kind: 'field.problem.rectify', problemId: 5, what: '已补录收入信息', dataCorrected: true }
 */
import { PROBLEM_CATEGORY } from '../../domain/catalog.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import { headNamedFirst } from '../understand/names.js';
import type { Command } from '../commands.js';
import { normalize } from '../understand/index.js';
import { answerOf, cardQuestion, choiceOf, commandOf, dayLabel, done, echo, guard, numbered, own, say, STALE_CARD, TEXT_PLEASE, waiting } from './common.js';
import type { FieldProblem } from './data.js';
import { areaWord } from './pick-household.js';
import { clockWords } from './todo.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { isBareReply, LEAVE } from './problem-report.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '整改销号';
const ROLES = FIELD_ROLES.problem;
const LIST_MAX = 20;

interface Data {
  problems: FieldProblem[];
  chosen?: FieldProblem;
  what?: string;
  taskId?: string;
}

const short = (p: FieldProblem) => `${p.villageName}${p.headName ? `${p.headName}户` : ''}：${echo(p.description)}`;

function problemLine(p: FieldProblem, env: Env): string {
  return `${short(p)}（${PROBLEM_CATEGORY.label[p.category]}，${clockWords(shanghaiDay(env.now), p.deadline)}）`;
}

/** The ask ends by saying how to leave: a re-ask (with a note) always, the flow's first question too. */
const leave = (note: string | undefined, first: boolean) => (note || first ? `\n${LEAVE}` : '');

function askWhat(data: Data, env: Env, note?: string, first = false): StepResult {
  const p = data.chosen as FieldProblem;
  return waiting(problemFixFlow, 'what', data, env, [say(`${note ? `${note}\n` : ''}销号：${short(p)}\n整改措施：${echo(p.measure)}\n整改了什么？请简要说明（如：已入户核实，补录了收入信息）。${leave(note, first)}`)]);
}

function askData(data: Data, env: Env, note?: string): StepResult {
  const card = cardQuestion(env, { title: '整改销号', question: '这次整改是否补正了数据？', lines: [{ key: '问题', value: short(data.chosen as FieldProblem).slice(0, 26) }] });
  return waiting(problemFixFlow, 'data', { ...data, taskId: card.taskId }, env, [...(note ? [say(`${note}${leave(note, false)}`)] : []), card.effect]);
}

function list(data: Data, env: Env, note?: string, first = false): StepResult {
  const shown = data.problems.slice(0, LIST_MAX);
  const more = data.problems.length > shown.length ? `\n（另有${data.problems.length - shown.length}个未列出，先处理以上问题。）` : '';
  return waiting(problemFixFlow, 'pick', { problems: shown }, env, [say(`${note ? `${note}\n` : ''}未整改的问题（${data.problems.length}个）：\n${numbered(shown.map((p) => problemLine(p, env)))}${more}\n请回复要销号的问题序号。${leave(note, first)}`)]);
}

/** “请回复1到N之间的序号”, said right when there is only one. */
const pickHint = (n: number) => (n === 1 ? '请回复序号1。' : `请回复1到${n}之间的序号，比如：1。`);
const NUMBER = (rest: string) => /^[0-9一二两三四五六七八九十]+$/.test(rest);
const WHAT_EXAMPLE = '请写明整改了什么，比如：已入户核实，补录了收入信息。';

export const problemFixFlow: Flow = {
  name: 'field/problem-fix',
  title: TITLE,
  version: 1,
  // “第二个问题整改好了”: the number said in the sentence.
  matches: (input, env) => commandOf(input, env, ['problem_fix'], NUMBER) !== null,
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    const problems = await env.data.openProblems();
    if (problems.length === 0) return done(say(`您的${areaWord(env)}内没有未整改的问题。`));
    const rest = commandOf(input, env, ['problem_fix'], NUMBER)?.rest ?? '';
    const n = rest ? choiceOf(rest, Math.min(problems.length, LIST_MAX)) : null;
    // The household named first (“张三家的问题改好了”): its problem, or a list of its problems.
    const name = n === null && input.type === 'text' ? headNamedFirst(normalize(input.text), '家|户|的|那个') : null;
    const its = name ? problems.filter((p) => p.headName === name) : [];
    if (its.length === 1) return askWhat({ problems, chosen: its[0] }, env, undefined, true);
    if (its.length > 1) return list({ problems: its }, env, undefined, true);
    if (problems.length === 1 && !rest) return askWhat({ problems, chosen: problems[0] }, env, `未整改的问题只有1个（${PROBLEM_CATEGORY.label[problems[0]!.category]}，${dayLabel(problems[0]!.deadline)}截止）。`);
    return n !== null ? askWhat({ problems, chosen: problems[n - 1] }, env, undefined, true) : list({ problems }, env, undefined, true);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const data = state.data as unknown as Data;
    if (state.node === 'pick') {
      if (input.type !== 'text') return list(data, env, TEXT_PLEASE);
      const n = choiceOf(input.text, data.problems.length);
      return n === null ? list(data, env, `没看懂“${echo(normalize(input.text))}”。${pickHint(data.problems.length)}`) : askWhat({ ...data, chosen: data.problems[n - 1] }, env);
    }
    if (state.node === 'what') {
      const t = input.type === 'text' ? normalize(input.text) : '';
      // “确认”, “是”, “好了” answer a question; they do not say what was done.
      if (isBareReply(t)) return askWhat(data, env, `“${echo(t)}”没有说明整改情况。${WHAT_EXAMPLE}`);
      return t.length < 2 ? askWhat(data, env, WHAT_EXAMPLE) : askData({ ...data, what: own(input.type === 'text' ? input.text : '') }, env);
    }
    if (input.type !== 'text' && input.type !== 'card') return askData(data, env, TEXT_PLEASE);
    const a = answerOf(input, data.taskId ?? '', ['补正', '补录', '更正']);
    if (a === 'stale') return askData(data, env, STALE_CARD);
    if (a === null) return askData(data, env, '没看懂。请点按钮，或回复“是”（补正了数据）、“否”（没有改数据）。');
    const p = data.chosen as FieldProblem;
    if (!data.what) return askWhat(data, env);
    const command: Command = { kind: 'field.problem.rectify', problemId: p.id, what: data.what, dataCorrected: a === 'yes' };
    const text = [`已销号：${short(p)}`, `整改情况：${echo(data.what)}`, `补正数据：${a === 'yes' ? '是' : '否'}`, `整改人：${env.actor.staff?.name ?? ''}，${dayLabel(shanghaiDay(env.now))}`, '如有误，请联系镇街干部更正。'].join('\n');
    return done({ type: 'command', command }, say(text));
  },
};

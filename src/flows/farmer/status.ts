/**
 * “我的申报到哪一步了”: a farmer's own declarations — the step reached and its day, the deadline,
 * and who is handling it — and, once the farmer is bound to a household, that household's other
 * cases (found by a cadre or a department). Only declarations made from this WeChat are shown; asking about someone
 * else's (by name, by reference number, "邻居家的") is refused with the same words whether such a
 * declaration exists or not, so nothing leaks. Never waits.
 *
 * @example
 *   statusFlow.start({ type: 'text', text: '我的申报到哪一步了' }, env)
 *   // done: '您的申报（编号SB1，5月9日提交，因病）：\n进度：已受理，等待网格员入户核查\n…'
 */
import { CATEGORY, LEAD_SOURCE, LEAD_STEP, type LeadStep } from '../../domain/catalog.js';
import { ROLE_LABEL } from '../../domain/roles.js';
import { classifyIntent, classifyRisks, extractName, normalize } from '../understand/index.js';
import type { Env, Flow, Input, StepResult } from '../types.js';
import { isFarmer, riskLabels, shortDay, text } from './common.js';
import type { DeclarationProgress, DeclarationStage, HouseholdCase } from './data.js';
import { personAsk } from './questions.js';

const NAME = 'farmer/status';
/** The newest declarations shown (one reply stays short). */
const SHOWN = 3;

export const STATUS_TEXTS = {
  none: '还没有查到您用这个微信提交的申报。需要申报的话，请点“申报困难”或直接说说家里的困难。',
  othersRefused: '为保护个人信息，这里只能查询您本人（这个微信）提交的申报。别人家的情况请本人来查，或联系村里的网格员。',
  refNotYours: (ref: string) => `没有查到您用这个微信提交的编号为${ref}的申报。这里只能查询您本人提交的申报。`,
  more: (n: number) => `（另有${n}条更早的申报，发“查询 编号”可以单独查看。）`,
};

const REF = /SB[0-9A-Za-z]+/gi;
const OTHERS = /别人|他家|她家|人家的|邻居|亲戚家|朋友家|其他人|别家/;

/** Words before 的 that start like a surname but name nobody: “上次申报的”, “我申请的”, “困难的”. */
const NOT_A_NAME = /申报|申请|困难|情况|事情|上次|之前|那个|这个|报的|填的/;

/** Names said as someone's ("张三家的", "王秀兰的申报"): a surname-led 2–3 character name before 家/的. */
function namesIn(t: string): string[] {
  const s = normalize(t);
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const len of [2, 3]) {
      const c = s.slice(i, i + len);
      if (c.length === len && /[家的]/.test(s[i + len] ?? '') && !NOT_A_NAME.test(c) && extractName(c)?.name === c) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

/** What each step means for the farmer, said plainly (“承诺授权” is jargon to a farmer). */
const NEXT_IN_WORDS: Record<LeadStep, string> = {
  home_visit: '网格员上门看看家里的情况',
  consent: '请您（或家人代签）签一份同意核对家庭信息的承诺书',
  data_comparison: '有关部门核对您家的收入、车辆、房产等信息',
  village_review: '村里开会评议您家的情况',
  publicity: '在村里张贴公示至少5天（不公开身份证号、电话和病情）',
  town_review: '镇上审核',
  city_approval: '市里审批',
  announcement: '公布认定结果',
  system_entry: '录入全国监测系统，开始落实帮扶',
};

/** Where a declaration stands, in plain words (the next step said as what will happen). */
export function stageText(stage: DeclarationStage): string {
  switch (stage.kind) {
    case 'received':
      return '已受理，等待网格员入户核查';
    case 'step': {
      const i = LEAD_STEP.codes.indexOf(stage.step);
      const next = LEAD_STEP.codes[i + 1];
      return `已完成“${LEAD_STEP.label[stage.step]}”（${shortDay(stage.day)}）${next ? `。接下来：${NEXT_IN_WORDS[next]}` : ''}`;
    }
    case 'included':
      return `已认定为监测对象（${CATEGORY.label[stage.category]}，${shortDay(stage.day)}）。村里会和您商量落实帮扶措施`;
    case 'not_included':
      return `经评议暂不纳入（${shortDay(stage.day)}）。原因：${stage.reason}。如有异议可联系村委会`;
    case 'added_to_subject':
      return `您家已是监测对象（风险未消除），反映的困难已补充到您家的帮扶记录（${shortDay(stage.day)}），帮扶责任人会跟进落实措施`;
  }
}

/** One declaration as its farmer reads it. */
export function describe(p: DeclarationProgress): string {
  const open = p.stage.kind === 'received' || p.stage.kind === 'step';
  return [
    `您的申报（编号${p.ref}，${shortDay(p.declaredOn)}提交${p.riskTypes.length ? `，${riskLabels(p.riskTypes)}` : ''}）：`,
    `进度：${stageText(p.stage)}`,
    ...(p.handler ? [`负责人：${ROLE_LABEL[p.handler.role]}${p.handler.name}`] : []),
    ...(open ? [`认定时限：${shortDay(p.deadline)}前`] : []),
  ].join('\n');
}

/** Whether a declaration is still being decided. */
export const isOpen = (p: DeclarationProgress): boolean => p.stage.kind === 'received' || p.stage.kind === 'step';

function describeCase(c: HouseholdCase): string {
  const open = c.stage.kind === 'received' || c.stage.kind === 'step';
  return [
    `您家的帮扶事项（${LEAD_SOURCE.label[c.source]}，${shortDay(c.foundOn)}发现）：`,
    `进度：${stageText(c.stage)}`,
    ...(open ? [`认定时限：${shortDay(c.deadline)}前`] : []),
  ].join('\n');
}

async function answer(input: Input, env: Env): Promise<StepResult> {
  const said = input.type === 'text' && !input.menuId ? input.text : '';
  const mine = await env.data.myDeclarations();
  const refs = [...normalize(said).matchAll(REF)].map((m) => m[0].toUpperCase());
  const foreignRef = refs.find((r) => !mine.some((p) => p.ref.toUpperCase() === r));
  if (foreignRef) return { status: 'done', effects: [text(STATUS_TEXTS.refNotYours(foreignRef))] };
  const ownNames = new Set(mine.map((p) => p.declarantName));
  if (OTHERS.test(said) || namesIn(said).some((n) => !ownNames.has(n))) return { status: 'done', effects: [text(STATUS_TEXTS.othersRefused)] };
  const shown = refs.length ? mine.filter((p) => refs.includes(p.ref.toUpperCase())) : mine.slice(0, SHOWN);
  const cases = refs.length ? [] : (await env.data.myHouseholdCases()).slice(0, Math.max(0, SHOWN - shown.length));
  if (shown.length === 0 && cases.length === 0) return { status: 'done', effects: [text(STATUS_TEXTS.none)] };
  const rest = refs.length ? 0 : mine.length - shown.length;
  // One message: a farmer message allows at most five replies, and one reads better.
  const parts = [...shown.map(describe), ...cases.map(describeCase), ...(rest > 0 ? [STATUS_TEXTS.more(rest)] : [])];
  return { status: 'done', effects: [text(parts.join('\n\n'))] };
}

export const statusFlow: Flow = {
  name: NAME,
  title: '查询进度',
  version: 1,
  matches: (input, env) => {
    if (!isFarmer(env) || input.type !== 'text') return false;
    if (input.menuId) return input.menuId === 'progress';
    // An account of hardship is a declaration, even when it asks "怎么办".
    return classifyIntent(input.text, 'farmer').kind === 'my_declaration_status' && classifyRisks(input.text).length === 0 && !personAsk(input.text);
  },
  start: answer,
  step: (_state, input, env) => answer(input, env),
};

/**
 * A correction after the fact of a 重点户排查 (附件2), 回头看 (附件4) or 帮扶跟进 (附件5) report, said in
 * a message of its own right after it (“刚才那户其实有风险 因病”, “不对 收入其实不稳定”, “刚才那个帮扶
 * 还没落实”): it is about the asker's latest record of those forms saved in the last half hour
 * (`AFTERWARDS_MS`, as for 一般户排查 in screening-afterwards.ts). The answers it changes are shown
 * before → after and saved on 是 — the record replaced with its history (who, when, the words; the
 * original kept), a new risk opening its lead as a new report would. When the latest record is a
 * 一般户排查 one, or there is none, the general screening takes the words as before.
 *
 * @example
 *   // 排查小组 after “回头看 霍金山” … saved: “不对 收入其实不稳定”
 *   // → “要更正霍金山户的回头看（附件4）：收入是否持续稳定：是 → 否 …回复“是”保存”
 */
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { followUpConsequence, reviewConsequence, type FollowUpAnswers, type ReviewAnswers, type ScreeningForm } from '../../domain/screening.js';
import { describeFault } from '../../domain/case-faults.js';
import type { Command } from '../commands.js';
import type { ConversationState, Env, Flow, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { CORRECTION_LEAD, withoutCorrectionWords } from '../understand/corrections.js';
import { screeningWordsIn } from '../understand/screening-words.js';
import { confirmReply, dayLabel, done, echo, say, waiting } from './common.js';
import type { LastScreening } from './data.js';
import { generalScreeningFlow } from './general-screening.js';
import { FIELD_ROLES } from './roles.js';
import { AFTERWARDS_MS } from './screening-afterwards.js';

type Form = Exclude<ScreeningForm, 'general'>;
const FORMS: readonly Form[] = ['key_group', 'review', 'follow_up'];
const FORM_TITLE: Record<Form, string> = { key_group: '重点户排查（附件2）', review: '回头看（附件4）', follow_up: '帮扶跟进（附件5）' };
const LEAVE = '回复“取消”可退出。';

/** A yes/no answer of a form a correction may name, by the words that name it. */
interface Field {
  key: string;
  label: string;
  words: RegExp;
}
const FIELDS: Record<Form, Field[]> = {
  key_group: [],
  review: [
    { key: 'incomeStable', label: '收入是否持续稳定', words: /收入/ },
    { key: 'measuresImplemented', label: '帮扶措施是否落实', words: /措施/ },
    { key: 'guaranteesStable', label: '“三保障”及饮水安全是否持续巩固', words: /三保障|饮水/ },
    { key: 'eliminationStable', label: '风险消除是否稳定', words: /消除/ },
    { key: 'needsRelabel', label: '是否需要重新标注或备注', words: /标注/ },
    { key: 'needsWithdrawal', label: '是否需要清退', words: /清退/ },
  ],
  follow_up: [
    { key: 'assistanceImplemented', label: '帮扶是否落实', words: /帮扶|措施/ },
    { key: 'meetsEliminationStandard', label: '是否达到消除标准', words: /消除标准|达标|达到/ },
  ],
};
/** The form's risk answer and its details, where it has one. */
const RISK: Partial<Record<Form, { found: string; details: string; label: string }>> = {
  key_group: { found: 'riskFound', details: 'riskDetails', label: '是否发现风险' },
  review: { found: 'newRisk', details: 'newRiskDetails', label: '是否出现新的返贫致贫风险' },
};
const VALUE = /稳定|落实|到位|巩固|需要|要|达到|达标|是|有|否|没|不|未/;
const NEGATED = /不|没|未|无/;
const SAID_WRONG = /(?:写|说|搞|弄|填|记|录|报|选)?错了|不对|更正(?:一下)?|其实|应该|刚才|刚刚|那户|那个|这个|那家/g;

interface Data {
  form: Form;
  recordId: number;
  householdId: number;
  headName: string;
  day: Day;
  remark: string;
  answers: Record<string, unknown>;
  changes: string[];
  words: string;
  /** A 回头看's new risk said now: the record opens its lead (重新识别). */
  opensLead: boolean;
}

/** The roles that make records of the forms corrected here. */
const ROLES = new Set<string>(FORMS.flatMap((f) => [...FIELD_ROLES[f]]));

function fromTeam(input: Input, env: Env): input is Extract<Input, { type: 'text' }> {
  return input.type === 'text' && env.actor.sender.channel === 'app' && !!env.actor.staff && ROLES.has(env.actor.staff.role);
}

/**
 * Words of a correction naming something these forms record, opening as a correction (“不对 …”,
 * “刚才那户 …”); a record fault to report (“反映个问题 贺永胜家收入录错了”) is 报问题's.
 */
function aboutRecord(text: string): boolean {
  const t = normalize(text);
  if (/问题|反映|报一下|录入/.test(t)) return false;
  if (!CORRECTION_LEAD.test(t) && !/^(?:刚才|刚刚|上一)/.test(t)) return false;
  return screeningWordsIn(t).some((w) => w.said.field === 'risk') || /新(?:的)?风险|收入|措施|三保障|饮水|消除|标注|清退|帮扶|达标/.test(t);
}

/** The latest record of these forms (and of 一般户排查) the asker saved in the last half hour. */
async function latestOwn(env: Env): Promise<{ form: ScreeningForm; last: LastScreening } | null> {
  const today = shanghaiDay(env.now);
  const role = env.actor.staff?.role ?? '';
  const forms = (['general', ...FORMS] as const).filter((f) => (FIELD_ROLES[f] as readonly string[]).includes(role));
  const found = await Promise.all(forms.map(async (form) => ({ form, last: await env.data.lastOwnScreening(form, env.now - AFTERWARDS_MS, today) })));
  return found.filter((f): f is { form: ScreeningForm; last: LastScreening } => f.last !== null).sort((a, b) => b.last.at - a.last.at)[0] ?? null;
}

/**
 * Whether a 回头看's conclusion (回退 for instability, 清退, 重新标注 — which needs what to change)
 * differs between two sets of answers.
 */
function changesConclusion(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  const of = (a: Record<string, unknown>) => reviewConsequence(a as unknown as ReviewAnswers, { wholeHouseholdNoLabour: false });
  const [b, a] = [of(before), of(after)];
  return b.revert !== a.revert || b.withdrawalCandidate !== a.withdrawalCandidate || b.relabel !== a.relabel;
}

const shown = (v: unknown): string => (v === true ? '是' : v === false ? '否' : '（未填）');

/** What the correction changes of the record's answers, and how it is said; a string: not understood. */
export function correctedAnswers(form: Form, answers: Record<string, unknown>, text: string): { answers: Record<string, unknown>; changes: string[] } | string {
  const t = normalize(text);
  const next = { ...answers };
  const changes: string[] = [];
  const risk = RISK[form];
  const riskWord = screeningWordsIn(t).find((w) => w.said.field === 'risk');
  const newRisk = /(?:有|出现(?:了)?|发现(?:了)?)新(?:的)?(?:返贫致贫)?风险/.test(t);
  if (risk && (riskWord || newRisk)) {
    const found = newRisk || (riskWord?.said.field === 'risk' && riskWord.said.value === true);
    const rest = withoutCorrectionWords(t.replace(/(?:有|出现(?:了)?|发现(?:了)?)?新(?:的)?(?:返贫致贫)?风险|有风险|没(?:有)?风险|无风险/g, ' ')).replace(/^[\s,，。]+|[\s,，。]+$/g, '');
    if (found && rest.length < 2) return `请把风险情况一起说，如“刚才那户其实有风险 老汉住院了”；${LEAVE}`;
    if (next[risk.found] !== found || (found && next[risk.details] !== rest)) {
      changes.push(`${risk.label}：${shown(next[risk.found])}${next[risk.found] && next[risk.details] ? `（${echo(String(next[risk.details]))}）` : ''} → ${found ? `是（${echo(rest)}）` : '否'}`);
      next[risk.found] = found;
      next[risk.details] = found ? rest : null;
    }
    return changes.length ? { answers: next, changes } : `记录里已经是这样了，不用更正。`;
  }
  // Each answer named: the words from it to the next one named say its value (“收入写错了 其实不稳定” → 否).
  const hits = FIELDS[form].map((f) => ({ f, at: t.search(f.words) })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at);
  hits.forEach((h, i) => {
    const before = i === 0 ? t.slice(0, h.at).replace(SAID_WRONG, ' ') : '';
    const segment = `${before.slice(-3)}${t.slice(h.at, hits[i + 1]?.at ?? t.length)}`.replace(SAID_WRONG, ' ');
    // The answer's own words may carry its value (“达到消除标准了”, “帮扶还没落实”).
    if (!VALUE.test(segment.replace(/消除/g, ' '))) return;
    const v = !NEGATED.test(segment);
    if (next[h.f.key] !== v) {
      changes.push(`${h.f.label}：${shown(next[h.f.key])} → ${shown(v)}`);
      next[h.f.key] = v;
    }
  });
  if (changes.length) return { answers: next, changes };
  if (hits.length) return '记录里已经是这样了，不用更正。';
  const named = FIELDS[form].map((f) => f.label).concat(risk ? [risk.label] : []);
  return `没看懂要改哪一项。请直接说改成什么，如“不对 ${named[0] ?? '是否发现风险'}是否”；可以改：${named.join('、')}。${LEAVE}`;
}

async function save(data: Data, env: Env): Promise<StepResult> {
  const campaign = await env.data.fieldCampaign(data.day);
  const today = shanghaiDay(env.now);
  const command = {
    kind: 'field.screening.save', form: data.form, campaign: campaign.code, householdId: data.householdId, answers: data.answers, remark: data.remark,
    correction: data.words.slice(0, 200), ...(data.day !== today ? { day: data.day } : {}),
  } as unknown as Command;
  return done(
    { type: 'command', command },
    say([`已更正${data.headName}户的${FORM_TITLE[data.form]}，原记录已留档：`, ...(data.day !== today ? [`排查日期：${dayLabel(data.day)}`] : []), ...data.changes.map((c) => `更正：${c}`), ...(data.opensLead ? ['新的风险已生成线索，提交本村研判会研判。'] : []), ...(data.form === 'follow_up' ? followUpConsequence(data.answers as unknown as FollowUpAnswers).warnings.map((w) => `提醒：${describeFault(w)}`) : [])].join('\n')),
  );
}

export const recordCorrectionFlow: Flow = {
  name: 'field/record-correction',
  title: '更正排查记录',
  version: 1,
  matches: (input, env) => fromTeam(input, env) && aboutRecord(input.text),
  // Inside another errand the same words are that errand's.
  interrupts: () => false,
  async start(input: Input, env: Env): Promise<StepResult> {
    const latest = await latestOwn(env);
    if (!latest || latest.form === 'general') {
      if (generalScreeningFlow.matches(input, env)) return generalScreeningFlow.start(input, env);
      return done(say(`没有找到您${AFTERWARDS_MS / 60_000}分钟内登记的排查记录。要更正哪一户，请重新发送那一户的排查（如“回头看 姓名”），新记录会覆盖今天的原记录，原记录留档。`));
    }
    const form = latest.form as Form;
    const { last } = latest;
    const text = input.type === 'text' ? input.text : '';
    const read = correctedAnswers(form, last.answers ?? {}, text);
    if (typeof read === 'string') return done(say(`关于${last.household.headName}户刚登记的${FORM_TITLE[form]}：${read}`));
    // A 回头看 whose conclusion would change (回退, 清退) is answered again in full, where its requests are filed.
    if (form === 'review' && changesConclusion(last.answers ?? {}, read.answers)) {
      return done(say(`关于${last.household.headName}户刚登记的回头看（附件4）：${read.changes.join('；')}，会改变回头看的结论（回退、清退或重新标注）。请重新发送“回头看 ${last.household.headName}”逐项回答，确认后新记录替换原记录，原记录留档。`));
    }
    const data: Data = { form, recordId: last.id, householdId: last.household.id, headName: last.household.headName, day: last.day, remark: last.remark, answers: read.answers, changes: read.changes, words: text.trim(), opensLead: form === 'review' && last.answers?.newRisk !== true && read.answers.newRisk === true };
    return waiting(recordCorrectionFlow, 'confirm', data, env, [
      say([`要更正${last.household.headName}户刚登记的${FORM_TITLE[form]}：`, ...read.changes, '回复“是”或“确认”保存（原记录留档）；回复“取消”不改。'].join('\n')),
    ]);
  },
  async step(state: ConversationState, input: Input, env: Env): Promise<StepResult> {
    const data = state.data as unknown as Data;
    const yes = input.type === 'text' ? confirmReply(input.text) : null;
    if (yes === 'yes') return save(data, env);
    if (yes === 'no') return done(say('好的，没有更改，原记录不变。'));
    return waiting(recordCorrectionFlow, 'confirm', data, env, [say(`请回复“是”保存更正，或回复“取消”不改。`)]);
  },
};

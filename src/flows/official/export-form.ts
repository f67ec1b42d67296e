/**
 * 导出表格: “导出附件1”, “附件6 高家堡镇”, “导出附件3 凉水井村” — the form as an xlsx file message,
 * built by the bot (src/bot/forms) from the same records and the same 附件1 calculation as the
 * answers in words, for the asker's own area unless they name a place inside it.
 *
 * Waits twice at most: which form (“导出” alone), and which place when the name fits several.
 * The 整改台账 has no printed form yet: the answer says so and offers 附件6.
 *
 * A form sent is remembered for two hours (`RECALL_MS`, as the questions' answers: question.ts) as
 * `{ form, place, asOf }`; a follow-up that names only what changed exports again with that one thing
 * changed: another place (“那石门村的呢”, decided against the jurisdiction as ever: another town is
 * refused by name and the export stays remembered), another day (“上周的呢”: 附件1–3 counted to it; 附件4–6
 * are lists as they stand now, which is said) or another form (“附件6呢”, “换成问题清单”, “石门村的附件3呢”).
 *
 * @example
 *   // 赵六 (高家堡镇): “导出附件1”
 *   // → [text] 已生成附件1 进度统计表（高家堡镇，截至5月13日），请查收文件。
 *   //   [file] 附件1_防止返贫监测帮扶集中排查工作进度统计表_高家堡镇_2022-05-13.xlsx
 */
import { maskText } from '../../domain/privacy.js';
import { ROLE_LABEL, type Role, POLICY } from '../../domain/roles.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, Recall, StaffActor, StepResult } from '../types.js';
import { correctedWithin } from '../understand/corrections.js';
import { areaScope, classifyIntent, type AreaScope, type ExportForm } from '../understand/intents.js';
import { normalize } from '../understand/normalize.js';
import { followUpWords, readFollowUp } from '../understand/official-followup.js';
import { resolveRegion } from '../understand/regions.js';
import type { Place } from './data.js';
import { ambiguityMenu, choosePlace, denialText, pickCandidate, PLACE_SUFFIX, placeRefusal } from './place.js';
import { countedTo, MAX_TRIES, RECALL_MS } from './question.js';
import { capped, chineseDay, notUnderstood, reply, say } from './words.js';

type PrintedForm = Exclude<ExportForm, 'ledger'>;

export const FORM_LABEL: Record<PrintedForm, string> = {
  attachment1: '附件1 进度统计表',
  attachment2: '附件2 排查台账（十类人群和特殊对象）',
  attachment3: '附件3 排查台账（一般户）',
  attachment4: '附件4 已消除风险监测对象台账',
  attachment5: '附件5 未消除风险监测对象台账',
  attachment6: '附件6 问题清单',
};
const FORMS = Object.keys(FORM_LABEL) as PrintedForm[];
const LEDGER_TEXT = '整改台账暂时不能导出。问题和整改情况可以先导出附件6 问题清单（发送“导出附件6”）。';

const ROLES: readonly Role[] = POLICY.view_reports;
const NAME = 'official/export';
const VERSION = 1;

interface ExportData {
  form: PrintedForm | null;
  scopeText: string;
  candidates: Place[];
  tries: number;
  /** A follow-up's day, while its place is asked (absent: today). */
  asOf?: string;
}

const done = (effects: Effect[]): StepResult => ({ status: 'done', effects });
const wait = (node: string, data: ExportData, env: Env, effects: Effect[]): StepResult => ({
  status: 'waiting',
  state: { flow: NAME, v: VERSION, node, data: data as unknown as Record<string, unknown>, waitingSince: env.now },
  effects,
});

const FORM_MENU = {
  type: 'menu' as const,
  head: '导出哪一张表？',
  items: FORMS.map((f) => ({ id: f, label: FORM_LABEL[f] })),
  tail: '请回复序号，如“1”；发送“取消”退出。',
};

/** The form a reply names: its number (1–6) or its name (“问题清单”, “附件三”). */
function readForm(text: string, role: Role): ExportForm | null {
  const t = normalize(text).replace(/^第/, '').replace(/[个张。.]$/, '');
  if (/^[1-6]$/.test(t)) return FORMS[Number(t) - 1] as PrintedForm;
  const intent = classifyIntent(/^(?:导出|附件)/.test(t) ? t : `导出${t}`, role);
  return intent.kind === 'export' ? intent.form : null;
}

/** What a form sent leaves to remember for a follow-up (see the module comment). */
interface Exported {
  form: PrintedForm;
  place: Place;
  /** The day asked ('YYYY-MM-DD'; 附件1–3 are counted to it), or null: today. */
  asOf: string | null;
}

/** 附件1–3 count to a day (the progress and the screenings by their own days); 附件4–6 are lists as they stand. */
const DATED: readonly PrintedForm[] = ['attachment1', 'attachment2', 'attachment3'];

async function exportFor(form: PrintedForm, place: Place, env: Env, staff: StaffActor, asOf: string | null = null): Promise<Effect[]> {
  const day = DATED.includes(form) ? asOf : null;
  const r = await env.data.exportForm(form, place.code, countedTo({ asOf: day, by: null }, env));
  if (!r.ok && r.reason === 'invalid_input') {
    return [say(`${FORM_LABEL[form]}（${place.label}）没有生成：有记录填不进表格，请先更正：\n${capped(r.problems.map(maskText), 10, '条').join('\n')}`)];
  }
  if (!r.ok) return [say(denialText(r.reason, place, staff))];
  // The day asked is kept even for a list as it stands (“附件6呢” after last week's 附件1, then “附件1呢”: last week's again).
  const kept: Exported = { form, place, asOf };
  return [
    say(`已生成${FORM_LABEL[form]}（${place.label}，截至${chineseDay(day ?? shanghaiDay(env.now))}），请查收文件。数字有误请在对应的事项中更正后重新导出。`),
    reply({ type: 'file', fileName: r.value.fileName, contentBase64: r.value.contentBase64 }),
    { type: 'remember', data: kept as unknown as Record<string, unknown>, keepMs: RECALL_MS },
  ];
}

/** `before`: a follow-up's export remembered, still remembered when the new place is refused. */
async function withPlace(form: PrintedForm, scope: AreaScope, env: Env, staff: StaffActor, asOf: string | null = null, before?: Recall): Promise<StepResult> {
  const map = await env.data.officialMap();
  const choice = choosePlace(scope, map, staff);
  switch (choice.kind) {
    case 'one':
      return done([...(choice.note ? [say(choice.note)] : []), ...(await exportFor(form, choice.place, env, staff, asOf))]);
    case 'ambiguous':
      return wait('choose_place', { form, scopeText: choice.text, candidates: choice.candidates, tries: 0, ...(asOf ? { asOf } : {}) }, env, [reply(ambiguityMenu(choice.text, choice.candidates))]);
    default: {
      const kept: Effect[] = before ? [{ type: 'remember', data: before.data, keepMs: Math.max(0, before.until - env.now) }] : [];
      return done([say(placeRefusal(choice, staff, map.home)), ...kept]);
    }
  }
}

/**
 * What a follow-up of a form sent changes (see the module comment): a place or a day (the questions'
 * reading, understand/official-followup.ts), or a form, with a place or not (“石门村的附件3呢”); null when
 * the words are no such follow-up (a grouping, another question, “附件6” said without 呢/那/换成).
 */
function followUpOf(text: string, role: StaffActor['role'], today: string): { form: ExportForm | null; scope: AreaScope | null; day: string | 'today' | null } | null {
  // A form named (“附件6呢”, “那整改台账呢”, “石门村的附件3呢”) first: its words are no place.
  const { words, marked } = followUpWords(text);
  const intent = marked && words !== '' ? classifyIntent(/^(?:导出|附件)/.test(words) ? words : `导出${words}`, role) : null;
  if (intent?.kind === 'export' && intent.form !== null) {
    const rest = intent.rest.replace(/的$/, '');
    return { form: intent.form, scope: rest === '' ? null : areaScope(rest), day: null };
  }
  const said = readFollowUp(text, today);
  if (!said || (said.by !== null && !said.scope && said.day === null)) return null;
  return { form: null, scope: said.scope, day: said.day };
}

async function followUp(recall: Recall, input: Input, env: Env): Promise<StepResult | null> {
  const staff = env.actor.staff;
  if (input.type !== 'text' || !staff || !ROLES.includes(staff.role)) return null;
  const today = shanghaiDay(env.now);
  const said = followUpOf(input.text, staff.role, today);
  // A day still to come has no numbers: not a follow-up (read as any message).
  if (!said || (said.day !== null && said.day !== 'today' && said.day > today)) return null;
  if (said.scope?.kind === 'named') {
    // Words that name no place of the city (“那就这样吧”) are no follow-up.
    const map = await env.data.officialMap();
    if (!PLACE_SUFFIX.test(said.scope.text) && resolveRegion(said.scope.text, map.regions).kind === 'none') return null;
  }
  if (said.form === 'ledger') return done([say(LEDGER_TEXT), { type: 'remember', data: recall.data, keepMs: Math.max(0, recall.until - env.now) }]);
  const before = recall.data as unknown as Exported;
  const form = said.form ?? before.form;
  const asOf = said.day === null ? before.asOf : said.day === 'today' ? null : said.day;
  const result = said.scope ? await withPlace(form, said.scope, env, staff, asOf, recall) : done(await exportFor(form, before.place, env, staff, asOf));
  // A list as it stands now cannot be counted to another day: said, and exported as of today.
  if (said.day === null || said.day === 'today' || DATED.includes(form)) return result;
  return { ...result, effects: [say(`${FORM_LABEL[form]}只能导出现在的情况，不能按过去的日子导出。`), ...result.effects] };
}

/**
 * A form of the place an answer was about (“导出来” after the progress: 附件1), as the export itself
 * answers it — refused by role like the export.
 */
export async function exportAnswered(form: PrintedForm, place: Place, env: Env, asOf: string | null): Promise<StepResult> {
  const staff = env.actor.staff;
  if (!staff) return done([]);
  if (!ROLES.includes(staff.role)) return done([say(`您的账号（${ROLE_LABEL[staff.role]}）不能导出统计表格。如有需要，请联系镇街或市乡村振兴局。`)]);
  return done(await exportFor(form, place, env, staff, asOf));
}

function begin(form: ExportForm | null, scopeText: string, env: Env, staff: StaffActor): Promise<StepResult> | StepResult {
  if (form === 'ledger') return done([say(LEDGER_TEXT)]);
  if (form === null) return wait('choose_form', { form: null, scopeText, candidates: [], tries: 0 }, env, [reply(FORM_MENU)]);
  return withPlace(form, areaScope(scopeText), env, staff);
}

function retry(state: ConversationState, data: ExportData, input: Input, env: Env): StepResult {
  const tries = data.tries + 1;
  if (tries >= MAX_TRIES) return done([say('还是没看懂，已退出「导出表格」。可以直接发送如“导出附件1”。')]);
  // The question is asked again whole, so “继续” later shows it too.
  const menu = state.node === 'choose_form' ? FORM_MENU : ambiguityMenu(data.scopeText, data.candidates);
  return { status: 'waiting', state: { ...state, data: { ...data, tries } as unknown as Record<string, unknown>, waitingSince: env.now }, effects: [reply({ ...menu, head: `${notUnderstood(input)}${menu.head}` })] };
}

/**
 * A form or a place taken back in the same message (“导出附件六 哦不对 是附件一”, “附件1 凉水井村 不对
 * 马家沟村的”): what is said after the turn-back, the rest from before it; null without a turn-back.
 */
function takenBack(text: string, role: Role): { form: ExportForm | null; rest: string } | null {
  const within = correctedWithin(normalize(text));
  if (!within) return null;
  const before = classifyIntent(within.before, role);
  const after = classifyIntent(/^(?:导出|附件)/.test(within.after) ? within.after : `导出${within.after}`, role);
  if (after.kind !== 'export') return null;
  const earlier = before.kind === 'export' ? before : { form: null, rest: '' };
  return { form: after.form ?? earlier.form, rest: after.rest !== '' ? after.rest : earlier.rest };
}

export const exportFormFlow: Flow = {
  name: NAME,
  title: '导出表格',
  version: VERSION,
  followUp,
  matches: (input, env) => input.type === 'text' && env.actor.staff !== null && classifyIntent(input.text, env.actor.staff.role).kind === 'export',
  async start(input, env) {
    const staff = env.actor.staff;
    const intent = input.type === 'text' && staff ? classifyIntent(input.text, staff.role) : null;
    if (!staff || intent?.kind !== 'export') return done([]);
    if (!ROLES.includes(staff.role)) return done([say(`您的账号（${ROLE_LABEL[staff.role]}）不能导出统计表格。如有需要，请联系镇街或市乡村振兴局。`)]);
    const asked = input.type === 'text' ? takenBack(input.text, staff.role) : null;
    return asked ? begin(asked.form, asked.rest, env, staff) : begin(intent.form, intent.rest, env, staff);
  },
  async step(state, input, env) {
    const staff = env.actor.staff;
    const data = state.data as unknown as ExportData;
    if (!staff) return done([]);
    // A correction may start with words of its own: “不对，导出附件1 凉水井村”.
    const text = input.type === 'text' ? normalize(input.text).replace(/^(?:不对|不是|错了|我要|改成|换成|应该是)+[,，、\s]*/, '') : '';
    // A new export request (“导出附件6 店塔镇”) replaces the open one.
    const again = input.type === 'text' ? classifyIntent(text, staff.role) : null;
    if (again?.kind === 'export' && (again.form !== null || again.rest !== '')) return begin(again.form, again.rest, env, staff);
    if (state.node === 'choose_form') {
      const form = input.type === 'text' ? readForm(text, staff.role) : null;
      if (form) return begin(form, data.scopeText, env, staff);
      return retry(state, data, input, env);
    }
    const picked = input.type === 'text' ? pickCandidate(text, data.candidates) : null;
    if (picked && data.form) return done(await exportFor(data.form, picked, env, staff, data.asOf ?? null));
    return retry(state, data, input, env);
  },
};

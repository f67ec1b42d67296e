/**
 * 一般户排查 (附件3): a grid worker or cadre reports general households — in one line, in their
 * own words and order ("马有福家已入户排查，没问题，政策都知道", "排查 张三 入户 无风险 了解政策"),
 * several in one message, or answering one question at a time. Households are found by any name
 * of the asker's area (head or member, the roster is the dictionary); a name that sounds like one
 * of the roster's is asked back (“您说的是张静吗？”, card buttons); several matches are asked by
 * number; what is missing is asked, one question each. Several households are echoed together for
 * one confirmation; so is a report that would change a record made earlier today (before → after).
 * A report that found risk opens a lead for the village's next 研判会.
 *
 * A whole new report sent while a question waits replaces the question (the worker corrected a
 * typo and sent the line again): it is never read as the answer.
 *
 * A day said for the visit or the call (“上礼拜四入的户”, “昨天去陈兰家看了”, “3号去的”) is the record's
 * day (screening-day.ts); one that is unclear, still to come or of another campaign year is asked
 * first. A report left half-finished is kept (`SCREENING_KEEP_MS`): taken up hours later or the next
 * morning, it keeps what was said and the day it was begun; a new report of other households puts
 * it aside and asks the rest of it afterwards.
 *
 * State (v3): node ∈ day | name | pick | sounds | method | risk | riskDetail | policy | confirm;
 * data = { items: Item[] (screening-items.ts), at: index of the item being asked, taskId?, day?,
 * begun?, dayAsk?, pending? }.
 *
 * @example
 *   // 网格员: 排查 张三 入户 有风险 儿子住院花了两万 了解政策
 *   // → done, command { kind: 'field.screening.save', form: 'general', householdId: 7, answers: { method: 'home_visit', riskFound: true, … } }
 */
import { SCREENING_METHOD } from '../../domain/catalog.js';
import { newRiskTypes, riskAddedWords } from '../../domain/subject.js';
import { addDays, shanghaiDay } from '../../domain/shanghai-days.js';
import { fallbackReplies } from '../help.js';
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { classifyIntent, classifyRisks, normalize, parseYesNo, readOfficialAsk, readYesNo, splitAside } from '../understand/index.js';
import { CHANGED_NAMED, CORRECTION_LEAD, correctsEarlier, SAME_AS_BEFORE, withoutCorrectionWords } from '../understand/corrections.js';
import { risksOfNote } from '../understand/risks.js';
import { startsWithSurname } from '../understand/names.js';
import { screeningWordsIn, type WordHit } from '../understand/screening-words.js';
import { cardQuestion, choiceOf, commandOf, confirmReply, dayLabel, done, echo, guard, householdRef, nextMeetingDay, own, say, SCREENING_KEEP_MS, TEXT_PLEASE, waiting, type HouseholdRef } from './common.js';
import { keyGroupMarks } from './labels.js';
import { lookUp, nameIn, pickFrom } from './pick-household.js';
import { PROBLEM_ASKED } from './problem-report.js';
import { FIELD_ROLES } from './roles.js';
import { correctionLine, lastRecord, lineLike, sameAsBefore, withoutDeniedWay, AFTERWARDS_MS } from './screening-afterwards.js';
import { correctedAtConfirm, correctedMidway, filledFromEarlier, keptAside, lastSaid } from './screening-corrections.js';
import { changes, confirmText, isWholeReport, itemsOf, lineOf, readWithRoster, summary, type Complete, type Item, type Line } from './screening-items.js';
import { DAY_IN_ANSWER, dayOfWords, dayQuestion, screeningDayIn, withoutDayWords, type SaidDay } from './screening-day.js';
import type { Day } from '../../domain/shanghai-days.js';

const TITLE = '一般户排查';
const ROLES = FIELD_ROLES.general;
const LEAVE = '回复“取消”可退出。';

interface Data {
  items: Item[];
  at: number;
  taskId?: string;
  /** The message began as a correction (“刚才说错了 …”): what it leaves out comes from the asker's record of today. */
  correcting?: boolean;
  /** The words of a correction said after the record was saved, kept with the corrected record's history. */
  correction?: string;
  /** The day said for the screening (“上礼拜四入的户”), checked. */
  day?: Day;
  /** The day the report was begun: a report finished the next morning is of that day. */
  begun?: Day;
  /** A day said that cannot be taken as it stands (unclear, to come, another year): asked first. */
  dayAsk?: Extract<SaidDay, { kind: 'ask' }>;
  /** Households of an earlier message, with answers already, put aside by a new report: asked after it. */
  pending?: { items: Item[]; begun?: Day; day?: Day };
}

/** The record's day: said, else the day the report was begun, else today. */
const recordDayOf = (data: Data, env: Env): Day => data.day ?? data.begun ?? shanghaiDay(env.now);

/** Whether every field of the form is said for the household. */
const isComplete = (i: Item): boolean => i.line.method !== undefined && i.line.risk !== undefined && i.line.knowsPolicy !== undefined && (!i.line.risk || !!i.line.riskDetail?.trim());

/** Whether a household's report has answers already (worth keeping when another report comes first). */
const hasAnswers = (i: Item): boolean => !!i.household && (i.line.method !== undefined || i.line.risk !== undefined || i.line.knowsPolicy !== undefined);

type Node = 'day' | 'name' | 'pick' | 'sounds' | 'method' | 'risk' | 'riskDetail' | 'policy' | 'confirm';

const METHODS = SCREENING_METHOD.codes;

function question(node: Exclude<Node, 'sounds' | 'confirm' | 'day'>, item: Item, many: boolean): string {
  const who = many && item.household ? `${item.household.headName}户：` : '';
  switch (node) {
    case 'name':
      return '请问登记哪一户？请回复户主姓名（家庭成员的名字也可以）。';
    case 'pick':
      return '请回复序号选择是哪一户。';
    case 'method':
      return `${item.household?.headName ?? ''}户的排查方式？请回复：${METHODS.map((m, i) => `${i + 1} ${SCREENING_METHOD.label[m]}`).join('、')}。`;
    case 'risk':
      return item.line.riskDetail
        ? `${who}您提到“${echo(item.line.riskDetail)}”，近期是否发生返贫致贫风险？请回复“是”或“否”。`
        : `${who}近期是否发生返贫致贫风险？请回复“是”或“否”；有风险请一并说明，如“有，儿子住院花了两万”。`;
    case 'riskDetail':
      return `${who}请简要说明风险情况（如：户主住院，花费3万多）。`;
    case 'policy':
      return `${who}是否基本了解防返贫政策？请回复“是”或“否”。`;
  }
}

const current = (data: Data): Item => data.items[data.at] as Item;

function withItem(data: Data, item: Item): Data {
  const items = data.items.slice();
  items[data.at] = item;
  return { ...data, items };
}

function ask(node: Node, data: Data, env: Env, note?: string): StepResult {
  const item = current(data);
  if (node === 'sounds') {
    const names = (item.similar ?? []).map((s) => s.name);
    const q = cardQuestion(env, {
      title: `${TITLE}：核对姓名`,
      question: `${note ? `${note}\n` : ''}您说的是${names.join('还是')}吗？`,
      buttons: [...(item.similar ?? []).slice(0, 5).map((s) => ({ key: `h${s.id}:${s.name}`, text: s.name })), { key: 'none', text: '都不是' }],
      hint: `请点选，或回复正确的姓名；${LEAVE}`,
    });
    return waiting(generalScreeningFlow, node, { ...data, taskId: q.taskId }, env, [q.effect]);
  }
  if (node === 'confirm') return waiting(generalScreeningFlow, node, data, env, [say(`${note ? `${note}\n` : ''}${confirmText(data.items as Complete[], dayLine(data, env))}`)]);
  if (node === 'day') {
    const today = shanghaiDay(env.now);
    const text = dayQuestion(data.dayAsk as Extract<SaidDay, { kind: 'ask' }>, today, Number(today.slice(0, 4)));
    return waiting(generalScreeningFlow, node, data, env, [say(note ? `${note}\n${text}` : text)]);
  }
  const text = question(node, item, data.items.length > 1);
  return waiting(generalScreeningFlow, node, data, env, [say(note ? `${note}\n${text}` : text)]);
}

/** The next thing to ask, the confirmation, or the saved records. */
async function proceed(data: Data, env: Env, note?: string): Promise<StepResult> {
  if (data.dayAsk) return ask('day', data, env, note);
  for (let at = 0; at < data.items.length; at++) {
    data = { ...data, at };
    const item = current(data);
    if (!item.household) {
      if (item.similar?.length) return ask('sounds', data, env, note);
      if (!item.said) return ask('name', data, env, note);
      const found = await lookUp(env, item.said);
      if (found.kind === 'none') return ask('name', withItem(data, { ...item, said: '' }), env, found.text);
      if (found.kind === 'many') return waiting(generalScreeningFlow, 'pick', withItem(data, { ...item, candidates: found.candidates }), env, [say(note ? `${note}\n${found.text}` : found.text)]);
      data = withItem(data, { ...item, household: found.household });
    }
    if (data.correcting) {
      const it = current(data);
      const earlier = await env.data.screenedToday((it.household as HouseholdRef).id, 'general', recordDayOf(data, env));
      data = withItem(data, { ...it, line: filledFromEarlier(it.line, earlier?.answers) });
      // A correction of a record that is not there (none of this household today): said, then asked as a new one.
      if (!earlier && data.correction) note = [note, `今天没有您登记的${(it.household as HouseholdRef).headName}户一般户排查，按新的一条登记。`].filter(Boolean).join('\n');
    }
    const { line } = current(data);
    if (line.method === undefined) return ask('method', data, env, note);
    if (line.risk === undefined) return ask('risk', data, env, note);
    if (line.risk && !line.riskDetail?.trim()) return ask('riskDetail', data, env, note);
    if (line.knowsPolicy === undefined) return ask('policy', data, env, note);
  }
  // The same household named twice (head and member): one record, the later words win.
  const byHousehold = new Map<number, Item>();
  for (const it of data.items) byHousehold.set((it.household as HouseholdRef).id, { ...byHousehold.get((it.household as HouseholdRef).id), ...it, line: { ...byHousehold.get((it.household as HouseholdRef).id)?.line, ...it.line } });
  const day = recordDayOf(data, env);
  const items: Complete[] = [];
  for (const it of byHousehold.values()) {
    const earlier = await env.data.screenedToday((it.household as HouseholdRef).id, 'general', day);
    items.push({ ...(it as Complete), ...(earlier ? { earlier } : {}) });
  }
  const replacing = items.some((it) => it.earlier && changes(it).length > 0);
  const kept = { ...(data.day ? { day: data.day } : {}), ...(data.begun ? { begun: data.begun } : {}), ...(data.pending ? { pending: data.pending } : {}) };
  if (items.length > 1 || replacing) return ask('confirm', { items, at: 0, ...(data.correction ? { correction: data.correction } : {}), ...kept }, env, note);
  return finish(items, { ...data, ...kept }, env, note, data.correction);
}

/** “排查日期：6月30日（周四）” when the record is of another day than today. */
function dayLine(data: Data, env: Env): string | undefined {
  const day = recordDayOf(data, env);
  return day === shanghaiDay(env.now) ? undefined : `排查日期：${dayLabel(day)}`;
}

/** The records saved, then the households put aside by this report asked again. */
async function finish(items: Complete[], data: Data, env: Env, note?: string, correction?: string): Promise<StepResult> {
  const saved = await save(items, data, env, note, correction);
  const pending = data.pending;
  if (!pending?.items.length || saved.status !== 'done') return saved;
  const names = [...new Set(pending.items.map((i) => i.household?.headName ?? i.said))].join('、');
  const next = await proceed({ items: pending.items, at: 0, ...(pending.day ? { day: pending.day } : {}), ...(pending.begun ? { begun: pending.begun } : {}) }, env, `刚才${names}户的排查还没登记完，接着问：`);
  return { ...next, effects: [...saved.effects, ...next.effects] } as StepResult;
}

async function save(items: Complete[], data: Data, env: Env, note?: string, correction?: string): Promise<StepResult> {
  const day = recordDayOf(data, env);
  const today = shanghaiDay(env.now);
  const campaign = await env.data.fieldCampaign(shanghaiDay(env.now));
  const meeting = dayLabel(nextMeetingDay(env.now, campaign.meeting));
  const effects: Effect[] = [];
  const texts: string[] = [];
  for (const it of items) {
    const h = it.household;
    const line = it.line;
    const lead = await env.data.openLeadOf(h.id);
    const subject = line.risk ? (await env.data.fieldSubjects('open', shanghaiDay(env.now), h.headName)).find((x) => x.household.id === h.id) : undefined;
    const riskDetails = line.risk ? (line.riskDetail ?? '').trim() : null;
    effects.push({
      type: 'command',
      command: { kind: 'field.screening.save', form: 'general', campaign: campaign.code, householdId: h.id, answers: { method: line.method, riskFound: line.risk, riskDetails, knowsPolicy: line.knowsPolicy }, remark: (line.remark ?? '').trim(), ...(correction && it.earlier ? { correction } : {}), ...(day !== today ? { day } : {}) },
    });
    const lines = items.length === 1
      ? [
          it.earlier ? '已更正今天的一般户排查（附件3），原记录已留档：' : '已登记一般户排查（附件3）：',
          `户主：${h.label}`,
          ...(day !== today ? [`排查日期：${dayLabel(day)}`] : []),
          ...(it.earlier && changes(it).length ? [`更正：${changes(it).join('；')}`] : []),
          `排查方式：${SCREENING_METHOD.label[line.method]}`,
          `近期是否发生风险：${line.risk ? `是（${echo(riskDetails ?? '')}）` : '否'}`,
          `是否基本了解防返贫政策：${line.knowsPolicy ? '是' : '否'}`,
          ...(line.remark?.trim() ? [`备注：${echo(line.remark)}`] : []),
        ]
      : [`${texts.length + 1}. ${h.label}：${summary(line)}${it.earlier ? '（已更正今天的记录，原记录留档）' : ''}`];
    if (line.risk && subject && !it.earlier?.riskFound) lines.push(riskAddedWords(newRiskTypes(subject.risks.map((type) => ({ type })), risksOfNote(riskDetails ?? ''))));
    else if (line.risk && lead) lines.push(`该户已有未办结的风险线索（${dayLabel(lead.discoveredOn)}发现，${dayLabel(lead.deadline)}前完成认定），本次情况一并提交本村${meeting}研判会。`);
    else if (line.risk && !it.earlier?.riskFound) lines.push(`已生成风险线索，提交本村${meeting}研判会研判，${dayLabel(addDays(day, campaign.identificationLimitDays))}前完成认定。`);
    else if (!line.risk && it.earlier?.riskFound) lines.push('注意：今天早些时候登记的风险已生成线索，改为“否”不会撤销线索，请在研判会上作“不纳入”处理并写明理由。');
    if (h.keyGroups.length) lines.push(`提示：该户是重点关注户（对象类型${keyGroupMarks(h.keyGroups)}），还需排查小组按附件2排查。`);
    texts.push(lines.join('\n'));
  }
  const head = items.length > 1 ? [`已登记${items.length}户一般户排查（附件3）${day !== today ? `，排查日期：${dayLabel(day)}` : ''}：`] : [];
  const tail = items.length === 1 ? `如需更正：今天内重新发送“排查 ${items[0]?.household.headName} …”，新记录会覆盖本条，原记录留档。` : '如需更正：今天内重新发送“排查 姓名 …”，新记录会覆盖原记录，原记录留档。';
  return done(...effects, say([...(note ? [note] : []), ...head, ...texts, tail].join('\n')));
}

/** Reads the answer at `node` into the item; a string is the note to re-ask with. */
async function answer(node: Node, data: Data, input: Input, env: Env): Promise<Data | string> {
  const item = current(data);
  const line = { ...item.line };
  const text = input.type === 'text' ? input.text : '';
  const set = (l: Line) => withItem(data, { ...item, line: l });
  // The other fields said in an answer ("有风险" when asked how the household was reached) are
  // kept, and the question asked again without calling the answer unclear.
  const others = (): Data | null => {
    const t = normalize(text);
    const more: Line = { ...line };
    // Only words that name their field: "不知道" answering whether there is a risk is not about the policy.
    // Where the way is asked, “没问题”, “都挺好” can only be about the household: no risk (a careful
    // worker tells how it is before how it was learnt); a risk found is never read from so little.
    const named = (w: WordHit) =>
      (w.said.field === 'knowsPolicy' ? /政策/ : w.said.field === 'risk' ? (node === 'method' && !w.said.value ? /./ : /风险|困难/) : /./).test(t.slice(w.start, w.end));
    for (const w of screeningWordsIn(t).filter(named)) {
      if (w.said.field === 'method' && more.method === undefined) more.method = w.said.value;
      if (w.said.field === 'risk' && more.risk === undefined) more.risk = w.said.value;
      if (w.said.field === 'knowsPolicy' && more.knowsPolicy === undefined) more.knowsPolicy = w.said.value;
    }
    return more.method !== line.method || more.risk !== line.risk || more.knowsPolicy !== line.knowsPolicy ? set(more) : null;
  };
  switch (node) {
    case 'name': {
      const reading = await readWithRoster(text, env);
      const named = reading.reports.find((r) => r.names.length > 0);
      const n = named?.names[0];
      // What the answer adds ("张三 入户") fills in; what was said before stays unless said again —
      // but hardship told in the answer without 有/无风险 reopens the risk question, as it would in
      // a first message (screening-report.ts never lets "无风险" stand beside hardship words).
      const next: Line = { ...line, ...(named ? lineOf(named) : {}) };
      if (named && named.risk === undefined && named.suggestedRisks.length > 0) delete next.risk;
      if (n) return withItem(data, { said: n.said, line: next, ...(n.ids.length === 0 && n.similar.length ? { similar: n.similar } : {}) });
      const name = nameIn(text);
      return name ? withItem(data, { said: name, line: next }) : `没看到姓名。请回复户主或家庭成员的姓名，如“张三”；${LEAVE}`;
    }
    case 'pick': {
      const chosen = pickFrom(text, item.candidates ?? []);
      if (chosen) return withItem(data, { ...item, household: chosen, candidates: undefined });
      const name = nameIn(text);
      if (name) return withItem(data, { said: name, line });
      return `请回复1到${item.candidates?.length ?? 0}之间的序号，如“1”；${LEAVE}`;
    }
    case 'sounds': {
      const similar = item.similar ?? [];
      let key: string | null = null;
      if (input.type === 'card') key = input.taskId === data.taskId ? input.eventKey : null;
      else {
        const n = choiceOf(text, similar.length);
        const yes = parseYesNo(text);
        if (n !== null) key = `h${similar[n - 1]?.id}:${similar[n - 1]?.name}`;
        else if (yes === 'yes' && similar.length === 1) key = `h${similar[0]?.id}:${similar[0]?.name}`;
        else if (yes === 'no') {
          // “不是，是刘军”: the right name said with the no.
          const right = nameIn(normalize(text).replace(/^(?:不是|不对|错了|没有|不)[,，。\s]*(?:是|应该是)?/, ''));
          if (right && !similar.some((c) => c.name === right)) return withItem(data, { said: right, line });
          key = 'none';
        }
      }
      if (key === 'none') return withItem(data, { said: '', line });
      const m = key ? /^h(\d+):(.+)$/.exec(key) : null;
      if (m) {
        const ref = await lookUp(env, m[2] as string);
        const household = ref.kind === 'one' ? ref.household : ref.kind === 'many' ? ref.candidates.find((c) => c.id === Number(m[1])) : undefined;
        if (household) return withItem(data, { said: m[2] as string, line, household });
      }
      const name = nameIn(text);
      if (name) return withItem(data, { said: name, line });
      return `请点选姓名，或回复正确的姓名，如“张三”；${LEAVE}`;
    }
    case 'method': {
      const n = choiceOf(text, METHODS.length);
      const said = screeningWordsIn(normalize(text)).find((w) => w.said.field === 'method');
      // One of the ways the question lists, typed as listed (“其他”, also “其它”).
      const typed = normalize(text).replace(/[\s。.!！,，]/g, '').replace(/^其它$/, '其他');
      const listed = METHODS.find((m) => SCREENING_METHOD.label[m] === typed);
      const method = n !== null ? METHODS[n - 1] : (listed ?? (said?.said.field === 'method' ? said.said.value : undefined));
      if (!method) return others() ?? `没看懂排查方式。请回复序号或方式，如“1”或“入户”；${LEAVE}`;
      // “入户 没风险”: the other fields said with the way are kept, not asked again.
      const more = others();
      return set({ ...(more ? current(more).line : line), method });
    }
    case 'risk': {
      // The way or the policy said along with the answer (“没风险 政策也知道”) is taken too, not asked again.
      const plus = (l: Line): Line => {
        const o = others();
        return o ? { ...l, method: l.method ?? current(o).line.method, knowsPolicy: l.knowsPolicy ?? current(o).line.knowsPolicy } : l;
      };
      const r = readYesNo(text, { echo: ['风险', '困难', '问题', '发生'] });
      if (r.answer === 'yes') return set(plus({ ...line, risk: true, riskDetail: r.rest || line.riskDetail }));
      if (r.answer === 'no') {
        const l = plus({ ...line, risk: false, riskDetail: undefined });
        const restWasFields = l.knowsPolicy !== line.knowsPolicy || l.method !== line.method;
        return set({ ...l, remark: restWasFields ? line.remark : [line.remark, r.rest].filter(Boolean).join('，') || undefined });
      }
      const word = screeningWordsIn(normalize(text)).find((w) => w.said.field === 'risk');
      if (word?.said.field === 'risk') return set(plus({ ...line, risk: word.said.value, ...(word.said.value ? {} : { riskDetail: undefined }) }));
      // "老人住院了": an account of hardship without 是/否 — confirm it rather than guess.
      if (classifyRisks(text).length) return set({ ...line, riskDetail: own(text) });
      const more = others();
      if (more) return more;
      return `没看懂是否有风险。请回复“是”或“否”，有风险请说明，如“有，老人住院花了两万”；${LEAVE}`;
    }
    case 'riskDetail': {
      const t = normalize(text);
      if (t.length < 2 || parseYesNo(t) !== null) return `请说说是什么风险，如“户主住院，花费3万多”；${LEAVE}`;
      return set({ ...line, riskDetail: own(text) });
    }
    case 'policy': {
      // “讲了”, “给讲过了”: the worker explained the policy, as “政策讲了” says in a report.
      if (POLICY_TOLD.test(normalize(text).replace(/[。.!！~]+$/, ''))) return set({ ...line, knowsPolicy: true });
      const r = readYesNo(text, { echo: ['了解', '知道', '清楚', '懂', '明白'] });
      if (r.answer) return set({ ...line, knowsPolicy: r.answer === 'yes' });
      const word = screeningWordsIn(normalize(text)).find((w) => w.said.field === 'knowsPolicy');
      return word?.said.field === 'knowsPolicy' ? set({ ...line, knowsPolicy: word.said.value }) : (others() ?? `没看懂是否了解政策。请回复“是”或“否”，如“了解”或“不太了解”；${LEAVE}`);
    }
    case 'confirm':
    case 'day':
      return data;
  }
}

const POLICY_TOLD = /^(?:已经?|都|也)?(?:给|跟)?(?:他|她|他们|她们|人家|户主)?(?:讲|宣传|宣讲|讲解)(?:了|过了|过|清楚了|到位了)$/;

/** A text from a staff member whose role screens general households. */
function fromScreener(input: Input, env: Env): input is Extract<Input, { type: 'text' }> {
  return input.type === 'text' && env.actor.sender.channel === 'app' && !!env.actor.staff && (ROLES as readonly string[]).includes(env.actor.staff.role);
}

/** Words of a slip in the registered data or a problem found, not of the screening just told. */
const RECORDS_SLIP = /发现(?:了|个|一个)?问题|报(?:个|一个)?问题|系统(?:里|上|中)|档案|花名册|台账|户籍|人口数|口人|身份证|录入/;

/**
 * Said of the record just made, with nothing else open (screening-afterwards.ts): a correction
 * that names one of the form's fields (“不对，是电话问的”, “刚才那户其实有风险 因病”), or a household
 * reported as the one before (“杨建平家也一样”).
 */
function aboutLastRecord(input: Input, env: Env): boolean {
  if (!fromScreener(input, env)) return false;
  const t = normalize(input.text);
  // A slip found in the records (“发现个问题 张三家的人口数录错了”) is 报问题's (附件6), not a record of ours corrected.
  if (RECORDS_SLIP.test(t) && classifyIntent(t, (env.actor.staff as NonNullable<Env['actor']['staff']>).role).kind === 'problem_report') return false;
  if (correctsEarlier(t)) return screeningWordsIn(t).some((w) => w.said.field === 'method' || w.said.field === 'risk' || w.said.field === 'knowsPolicy');
  return SAME_AS_BEFORE.test(t) && householdNamedAtStart(t);
}

/**
 * Staff-side screening words with a household in them: a report in the worker's own words. Two
 * of the three fields, or one beside a name-like word ("马有福家入户了"); an answer inside another
 * flow ("入户核实后补录") is not taken for a report.
 */
function soundsLikeReport(input: Input, env: Env): boolean {
  if (!fromScreener(input, env)) return false;
  // 好的 said as a courtesy is dropped, not the 好的 of “挺好的” (no risk).
  const t = normalize(input.text).replace(/(?<![挺很真都还蛮])好的|收到|知道了|谢谢/g, ' ');
  const kind = classifyIntent(t, (env.actor.staff as NonNullable<Env['actor']['staff']>).role).kind;
  // The week's report or its comparison asked (“周报ok了没”): its ok/没 are no report's fields.
  const asked = readOfficialAsk(t)?.view;
  if (asked === 'weekly_report' || asked === 'village_report' || asked === 'week_compare') return false;
  const words = screeningWordsIn(t).filter((w) => w.said.field === 'method' || w.said.field === 'risk' || w.said.field === 'knowsPolicy');
  const fields = new Set(words.map((w) => w.said.field)).size;
  if (fields === 0) return hardshipOfNamedHousehold(t, kind);
  // “下午去了刘有才家 情况正常 政策知晓” also reads like a question about 情况: two report fields
  // (how, risk, policy) make it a report, not a progress question.
  const questionLike = ['progress', 'overdue', 'not_reported'].includes(kind) && fields >= 2;
  if (!['unknown', 'policy', 'declare', 'screen_general'].includes(kind) && !questionLike) return false;
  let rest = t;
  for (const w of [...words].reverse()) rest = rest.slice(0, w.start) + ' ' + rest.slice(w.end);
  const pieces = rest.replace(/好的|是的|收到|知道了|谢谢|排查|今天|已经|政策/g, ' ').split(/[\s,.;!?。、]+/).filter((p) => /[\u4e00-\u9fa5]{2,}/.test(p));
  if (fields >= 2) return true;
  // “贺永胜家有人住院了 有风险”: one field beside a household named at the start.
  if (householdNamedAtStart(t)) return true;
  return pieces.some((p) => /^[\u4e00-\u9fa5]{2,4}$/.test(p.replace(/^(?:走访了|走访|去了|给|对)/, '').replace(/(?:家|户|家里)$/, '')) && startsWithSurname(p.replace(/^(?:走访了|走访|去了|给|对)/, '')));
}

/**
 * “贺永胜家水管冻裂了 吃水困难”: a household named at the start, then hardship in the risk words —
 * a screening that found a risk, said without any of the form's words. The flow reads it as such
 * and asks what was not said (whether it is a risk, how the household was reached, the policy).
 */
function hardshipOfNamedHousehold(t: string, kind: string): boolean {
  if (!['unknown', 'declare', 'problem_report'].includes(kind)) return false;
  // “王在田家房子漏雨了 报个问题”: the problem asked to be reported is 报问题's, not a screening.
  if (PROBLEM_ASKED.test(t)) return false;
  return householdNamedAtStart(t) && classifyRisks(t).length > 0;
}

/** A household named at the start of a message: “贺永胜家…”, “今天去了马有福家…”, “刘有才户…”. */
function householdNamedAtStart(t: string): boolean {
  // “今天排了两户 张三家…”: the count said first, then the households one by one.
  const counted = t.replace(/^\s*(?:今天|昨天|前天|上午|下午)?(?:又|一共|共)?(?:排查?了|走访了|入户了|去了|跑了|看了)(?:[一二两三四五六七八九十\d]{1,3})(?:户|家)[\s,，:：。]*/, '');
  const m = /^(?:今天|昨天|前天|刚才|刚刚|下午|上午)?(?:去了|到了|走访了|去|到)?([\u4e00-\u9fa5·]{2,4}?)(?:家里|家|户)/.exec(counted.replace(/\s+/g, ''));
  return !!m && startsWithSurname(m[1] as string);
}

/** What a worker says when they went to, called or saw a household (“苏金凤家也去了”, “李四家刚走访完”). */
const VISITED = /(?:去了|去过|到了|走访|入户|看了|看过|转了|打了电话|打电话|问了|问过|见了|见过)/;

/**
 * While a question about one household waits (the way, the risk, its detail, the policy), a message
 * that opens with ANOTHER household of the roster and tells of it — a visit, a hardship or one of
 * the form's words (“苏金凤家也去了 她男人腿摔断了 干不了重活”) — is the next report, never the
 * answer: the waiting one is put aside and asked afterwards, as with a whole report.
 */
function startsAnother(node: Node, data: Data, reading: Awaited<ReturnType<typeof readWithRoster>>, text: string): boolean {
  if (!['method', 'risk', 'riskDetail', 'policy'].includes(node)) return false;
  const t = normalize(text);
  if (!householdNamedAtStart(t)) return false;
  const now = current(data);
  const first = reading.reports.flatMap((r) => r.names)[0];
  if (!first || (first.ids.length === 0 && first.similar.length === 0)) return false;
  const same = first.said === now.said || first.said === now.household?.headName || (!!now.household && first.ids.includes(now.household.id));
  if (same) return false;
  return reading.words >= 1 || VISITED.test(t) || classifyRisks(t).length > 0;
}

/** "排查 张三", "排查张三" (a name right after the word), or a report in the worker's own words. */
function startsReport(input: Input, env: Env): boolean {
  return commandOf(input, env, ['screen_general'], (rest) => /^[\u4e00-\u9fa5·]{2,4}(?:\s|$)/.test(rest)) !== null || soundsLikeReport(input, env);
}

/** What a report sent while another waited keeps of it: the households said again, the day begun, the ones put aside. */
interface Carried {
  items: Item[];
  begun?: Day;
  pending?: Data['pending'];
}

async function begin(input: Input, env: Env, note?: string, carried?: Carried): Promise<StepResult> {
  // A question put aside after the report (“另外问一下 研判会啥时候开”) is no 备注: said back, to be asked on its own.
  const { said: whole, aside } = splitAside(input.type === 'text' ? input.text : '');
  // The day the visit or the call was made, when said (“上礼拜四入的户”): the record's day, its words no 备注.
  const today = shanghaiDay(env.now);
  const saidDay = screeningDayIn(whole, today, Number(today.slice(0, 4)));
  const said = withoutDayWords(whole, saidDay);
  const dated: Partial<Data> = {
    begun: carried?.begun ?? today,
    ...(saidDay.kind === 'day' ? { day: saidDay.day } : saidDay.kind === 'ask' ? { dayAsk: saidDay } : {}),
    ...(carried?.pending?.items.length ? { pending: carried.pending } : {}),
  };
  const reading = await readWithRoster(said, env);
  // A household of the waiting report said again keeps what was said of it then (the new words win).
  const items = itemsOf(reading).map((i) => {
    const was = carried?.items.find((c) => c.said === i.said || c.household?.headName === i.said);
    return was ? { ...i, line: { ...was.line, ...i.line } } : i;
  });
  const named = items.some((i) => i.said !== '');
  const t = normalize(said);
  // Said of the record just made (screening-afterwards.ts).
  if (!named && correctsEarlier(t)) return correctLastRecord(await readWithRoster(withoutDeniedWay(said), env), said, env);
  if (sameAsBefore(t, reading)) {
    const last = await lastRecord(env);
    if (last) return proceed({ items: items.map((i) => ({ ...i, line: { ...lineLike(last), ...i.line } })), at: 0 }, env, `按${last.household.headName}户的情况登记。`);
  }
  // Words without any household and without 排查: maybe not a report at all — say so, as if unmatched.
  if (!named && !reading.command && reading.words < 2) return done(...fallbackReplies(input, env).map((reply): Effect => ({ type: 'reply', reply })));
  const conflicts = [...new Set(reading.reports.flatMap((r) => r.conflicts))];
  const told = conflicts.length ? `“${conflicts.map((f) => ({ method: '排查方式', risk: '是否发生风险', knowsPolicy: '是否了解政策' })[f]).join('、')}”说了两种，请再确认一下。` : undefined;
  const count = reading.reports.find((r) => r.countSaid)?.countSaid;
  const recognized = items.map((i) => i.said).filter(Boolean);
  const short =
    count && count > items.length
      ? recognized.length
        ? `您说了${count}户，只认出${recognized.join('、')}；其余的户请另发一条。`
        : `您说了${count}户，还没说是哪几户。请告诉我户主姓名，一户一户地登记（一条消息里也可以说几户）。`
      : undefined;
  const skipped = reading.skipped.length ? `${reading.skipped.join('、')}户您说还没排查，这次不登记。` : undefined;
  if (items.length === 0 && skipped) return done(say(skipped));
  const asked = aside ? `您另外问的“${echo(aside)}”没有记进备注，请单独发一条再问。` : undefined;
  const correcting = CORRECTION_LEAD.test(t) || (named && CHANGED_NAMED.test(t)) ? { correcting: true } : {};
  // What says the change (“其实是”) is no remark of the household's.
  const plain = (x: string | undefined) => (x === undefined ? x : withoutCorrectionWords(x).replace(/^是(?:[\s,，。；;]+|$)/, ''));
  const lines = correcting.correcting ? items.map((i) => ({ ...i, line: { ...i.line, ...(i.line.remark !== undefined ? { remark: plain(i.line.remark) } : {}), ...(i.line.riskDetail !== undefined ? { riskDetail: plain(i.line.riskDetail) } : {}) } })) : items;
  return proceed({ items: lines.length ? lines : [{ said: '', line: {} }], at: 0, ...correcting, ...dated }, env, [note, told, short, skipped, asked].filter(Boolean).join('\n') || undefined);
}

/**
 * A correction naming no household (“不对，是电话问的”): it is about the asker's record saved in the
 * last half hour, shown before → after and replaced on 是, the words kept with its history. With no
 * such record the household is asked (then today's record of it, if any, is the one corrected).
 */
async function correctLastRecord(reading: Awaited<ReturnType<typeof readWithRoster>>, said: string, env: Env): Promise<StepResult> {
  const line = correctionLine(reading);
  const last = await lastRecord(env);
  const base: Data = { items: [], at: 0, correcting: true, correction: said.trim().slice(0, 200) };
  if (!last) {
    return ask('name', { ...base, items: [{ said: '', line }] }, env, `没有找到您${AFTERWARDS_MS / 60_000}分钟内登记的一般户排查，要更正哪一户？`);
  }
  const household = householdRef(last.household);
  // The corrected record keeps its own day (a screening said to be of another day).
  return proceed({ ...base, ...(last.day !== shanghaiDay(env.now) ? { day: last.day } : {}), items: [{ said: household.headName, household, line }] }, env);
}

/** “都是入户”, “两户都了解”, “全都没风险”: the answer is said of every household of the report. */
const ALL_OF = /(?:^|[\s,，])(?:这|那)?(?:两|俩|几|三|四)?(?:户|家)?(?:都|全都|全部|全|一样)(?:是)?/;

/**
 * An answer said of all the report's households (ALL_OF) fills that field for those not answered
 * yet: the way, the policy, or no risk (a risk found is each household's own, with its detail).
 */
function forAll(node: Node, data: Data, text: string): Data {
  if (data.items.length < 2 || !ALL_OF.test(normalize(text))) return data;
  const line = current(data).line;
  const fill: Partial<Line> =
    node === 'method' && line.method !== undefined ? { method: line.method } : node === 'policy' && line.knowsPolicy !== undefined ? { knowsPolicy: line.knowsPolicy } : node === 'risk' && line.risk === false ? { risk: false } : {};
  const [field] = Object.keys(fill) as Array<keyof Line>;
  if (!field) return data;
  return { ...data, items: data.items.map((i, k) => (k === data.at || i.line[field] !== undefined ? i : { ...i, line: { ...i.line, ...fill } })) };
}

/** The day asked (“上礼拜”, “28号” still to come): a day said, or “是” for the one suggested. */
async function answerDay(data: Data, text: string, env: Env): Promise<StepResult> {
  const today = shanghaiDay(env.now);
  const year = Number(today.slice(0, 4));
  const t = normalize(text);
  const words = t.match(DAY_IN_ANSWER)?.[0];
  const said: SaidDay = words ? dayOfWords(words, today, year) : { kind: 'none' };
  const { dayAsk: asked, ...rest } = data;
  if (said.kind === 'day') return proceed({ ...rest, day: said.day }, env);
  if (said.kind === 'ask') return ask('day', { ...rest, dayAsk: said }, env);
  if (parseYesNo(t) === 'yes' && asked?.guess) return proceed({ ...rest, day: asked.guess }, env);
  return ask('day', data, env, `没看懂日期。${LEAVE}`);
}

export const generalScreeningFlow: Flow = {
  name: 'field/general-screening',
  title: TITLE,
  version: 3,
  keepMs: SCREENING_KEEP_MS,
  about: (state) => {
    const data = state.data as unknown as Data;
    const names = [...new Set(data.items.map((i) => i.household?.headName ?? i.said).filter(Boolean))];
    return names.length ? `${names.join('、')}户` : null;
  },
  matches: (input, env) => startsReport(input, env) || aboutLastRecord(input, env),
  // Inside another errand, a correction naming no household is that errand's answer, not this flow's.
  interrupts: (input, env) => startsReport(input, env),
  async start(input: Input, env: Env) {
    const refused = guard(env, ROLES, TITLE);
    if (refused) return refused;
    return begin(input, env);
  },
  async step(state: ConversationState, input: Input, env: Env) {
    const node = state.node as Node;
    const data = state.data as unknown as Data;
    if (input.type !== 'text' && !(input.type === 'card' && node === 'sounds')) return ask(node, data, env, TEXT_PLEASE);
    if (input.type === 'text') {
      // A whole report replaces the waiting question: it is never read as the answer to it.
      const reading = await readWithRoster(input.text, env);
      if (isWholeReport(reading) || startsAnother(node, data, reading, input.text)) {
        // Households of the replaced message that the new one does not name are said, never dropped quietly.
        const named = new Set(reading.reports.flatMap((r) => r.names.map((n) => n.said)));
        const resent = (i: Item) => named.has(i.said) || (!!i.household && named.has(i.household.headName)) || !!i.similar?.some((c) => named.has(c.name));
        const notResent = data.items.filter((i) => (i.household || i.said) && !resent(i));
        // Households of the waiting report with answers already (a screening left at lunch) are put
        // aside and asked after the new one; the rest of them are said, never dropped quietly.
        // Only a report left half-answered (the worker was answering its questions), never a whole message
        // waiting for its echo or a name's check (that one is being sent again, corrected).
        const halfAnswered = ['method', 'risk', 'riskDetail', 'policy'].includes(node);
        const aside = halfAnswered ? notResent.filter((i) => hasAnswers(i) && !isComplete(i)) : [];
        const left = notResent.filter((i) => !aside.includes(i)).map((i) => i.household?.headName ?? i.said);
        const notes = [
          node === 'confirm' ? '上一条没有保存，按您新发的内容登记。' : '',
          left.length ? `上一条里的${[...new Set(left)].join('、')}还没有登记，需要的话请另发一条。` : '',
          aside.length ? `刚才${[...new Set(aside.map((i) => i.household?.headName ?? i.said))].join('、')}户的排查先放着，登记完这条接着问。` : '',
        ].filter(Boolean);
        const again = data.items.filter((i) => resent(i));
        const pending = aside.length ? { items: aside, ...(data.day ? { day: data.day } : {}), ...(data.begun ? { begun: data.begun } : {}) } : data.pending;
        return begin(input, env, notes.join('\n') || undefined, { items: again, ...(again.length && data.begun ? { begun: data.begun } : {}), ...(pending ? { pending } : {}) });
      }
    }
    if (node === 'day') return answerDay(data, input.type === 'text' ? input.text : '', env);
    if (node === 'confirm') {
      const fixed = input.type === 'text' ? await correctedAtConfirm(data.items, input.text, env) : null;
      if (fixed) return proceed({ ...data, items: fixed, at: 0 }, env, '已按您说的改了，请再核对一遍：');
      const yes = input.type === 'text' ? confirmReply(input.text) : null;
      if (yes === 'yes') return finish(data.items as Complete[], data, env, undefined, data.correction);
      if (yes === 'no') {
        const p = data.pending;
        if (p?.items.length) return proceed({ items: p.items, at: 0, ...(p.day ? { day: p.day } : {}), ...(p.begun ? { begun: p.begun } : {}) }, env, `好的，这条没有保存。刚才${[...new Set(p.items.map((i) => i.household?.headName ?? i.said))].join('、')}户的排查还没登记完，接着问：`);
        return done(say('好的，没有保存。需要时请重新发送。'));
      }
      return ask('confirm', data, env, `请回复“是”保存，或回复“取消”不保存。`);
    }
    if (input.type === 'text' && ['method', 'risk', 'riskDetail', 'policy'].includes(node)) {
      const fixed = correctedMidway(current(data).line, input.text);
      if (fixed) return proceed(withItem(data, { ...current(data), line: fixed.line }), env, fixed.note);
      // A correction whose change was not understood is never read as the answer (“不对 …” is no “否”).
      const t = normalize(input.text);
      const lead = CORRECTION_LEAD.exec(t);
      if (lead && t.slice(lead[0].length).replace(/[\s,，。.!！]/g, '').length >= 2) return ask(node, data, env, `没看懂要改哪一项。请直接说改成什么，如“不对，是电话问的”“不对，风险是孩子上学”；${LEAVE}`);
    }
    // “入户 哦不对 是打的电话”: the answer is what follows the last turn-back.
    if (input.type === 'text' && ['method', 'risk', 'policy'].includes(node)) input = { ...input, text: lastSaid(input.text) };
    const next = await answer(node, data, input, env);
    if (typeof next === 'string') return ask(node, data, env, next);
    return proceed(forAll(node, next, input.type === 'text' ? input.text : ''), env, keptAside(node, current(data).line, current(next).line));
  },
};

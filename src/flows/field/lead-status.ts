/**
 * Where a household's risk lead stands, asked by whoever works on it: “冯文斌家那个线索到哪一步了”,
 * “郭富贵的线索咋处理”, “冯文斌的线索还有几天到期”, “冯文斌家线索核查了吗”. The answer names what
 * was found, the 15-day clock, the steps recorded and still to record before the village's
 * 研判会 — with the words that record the next one — or the step the lead waits for after it; a
 * household without an open lead, how its last one ended (认定纳入 or 不纳入). Only households of the
 * asker's own area are looked at; one message, no questions. A question that names no household
 * (“承诺书签了没有”, “还要做啥”) is about the household talked about in the last half hour (its standing
 * asked, or a step recorded: field/lead-visit), else the one open lead of the area, else which one is asked.
 *
 * @example
 *   // 网格员: 冯文斌家那个线索到哪一步了
 *   // → '冯文斌户风险线索（12月4日发现）：儿子受伤住院…\n15天时限：还剩2天（12月9日截止）。\n已登记：入户核查。还要：承诺授权、信息比对…'
 */
import { CATEGORY, LEAD_STEP } from '../../domain/catalog.js';
import { POLICY } from '../../domain/roles.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { Effect, Env, Flow, Input, Recall, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { headNamedFirst } from '../understand/names.js';
import { dayLabel, done, echo, guard, nextMeetingDay, say } from './common.js';
import { CHECK_STEPS, type FieldHousehold, type FieldLead } from './data.js';
import { sayStepDone } from './lead-visit.js';
import { areaWord } from './pick-household.js';
import { clockWords } from './todo.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '线索进展';

/** A question about where the lead stands (not a step told done: field/lead-visit). */
const ASKS =
  /(?:到|办到|走到|进行到|弄到|搞到|审到|批到)(?:哪|那)(?:一步|步|儿|里)?了?|还(?:要|得|需要|该)(?:做|干|办|弄|搞)(?:啥|什么|哪些|哪几步)|还差(?:啥|什么|哪一?步|几步)|下一步(?:干|做|办|该)?(?:啥|什么)|(?:认定|纳入)(?:了|过|下来)?(?:吗|么|没)|批下来(?:了)?(?:吗|么|没)|咋(?:处理|办|弄|整|样)|怎么(?:处理|办|弄|样)|啥情况|什么情况|有没有进展|进展|进度|(?:还有|还剩)几天|(?:几|多少)天(?:到期|截止)|(?:啥|什么)时候(?:到期|截止)|多久(?:到期|截止)|到期了?[吗么没]|超期了?[吗么没]|(?:核查|核实|签|比对|研判|办完|结)(?:做|弄|搞)?(?:完|好)?(?:了|过)?[吗么没]|(?:批|审|审核|审批)(?:了|过)?(?:[吗么没]|没有)|是不是(?:该|要|快)|急不急|要紧不|(?:结果)?(?:出来|下来|回来)了?(?:[吗么没]|没有)|出结果了?(?:[吗么没]|没有)/;
/**
 * What the question is about: the lead, by its name or by its source (那个预警), or said as “the
 * matter” of the household (“冯文斌家那个事到哪一步了”, “冯文斌家的事办得咋样了”), or by one of its
 * steps (“冯文斌家信息比对做完了吗”, “冯文斌家承诺书签了没”) — only with a
 * question of ASKS and the household named first, so a report (“没啥事”) is never this.
 */
const ABOUT = /线索|预警|(?:那个|这个|那件|这件|的)事(?:情|儿)?|入户核查|承诺书|授权书|承诺授权|信息比对/;
/** The household named first: 冯文斌家…, 冯文斌的…, 冯文斌那个…, 冯文斌户…. */
const NAMED_BY = '家|户|的|那个|这个';

/**
 * What a lead is called: 线索 by those who work on it; the farmer's 申报 it came from, and (asked by
 * the town or the city) the case it became: 审核, 审批, 认定.
 */
const LEAD_WORD = /线索|申报/;
const CASE_WORD = /线索|申报|审核|审批|认定|纳入/;
/** A place said before the household (“石门村那个石秀英的申报”): not the household's name. */
const PLACE_FIRST = /^(?:[\u4e00-\u9fa5]{1,5}?(?:村|镇|乡|街道|办事处)(?:的|那个|这个|那户|这户)?\s*)+/;

/** Words of a step or of the lead itself said first (“信息比对的结果出来了吗”): never a household's name. */
const STEP_FIRST = /^(?:信息|数据|承诺|授权|入户|核查|核实|比对|线索|预警|申报)/;

function nameFirst(t: string): string | null {
  const first = headNamedFirst(t, NAMED_BY);
  const name = first && !/(?:村|镇|乡)$/.test(first) ? first : headNamedFirst(t.replace(PLACE_FIRST, ''), NAMED_BY);
  return name && !STEP_FIRST.test(name) ? name : null;
}

/** The question about a lead, and the household named first in it (null: none named). */
function question(input: Input, env: Env): { t: string; name: string | null } | null {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  const t = normalize(input.text).trim();
  const official = followsFromAbove(env);
  if (!(ABOUT.test(t) || (official ? CASE_WORD : LEAD_WORD).test(t)) || !ASKS.test(t)) return null;
  return { t, name: nameFirst(t) };
}

/** Asked from the town or the city, who follow the lead rather than record its steps. */
const followsFromAbove = (env: Env) => env.actor.staff?.jurisdiction.level === 'town' || env.actor.staff?.jurisdiction.level === 'city';

/**
 * A lead's step asked without any household (“承诺书签了没有”, “线索到哪一步了”) by whoever records the
 * steps: the one open lead of their area, or which household is asked back. The lead is then named
 * by its own words (线索, a step), not by the matter of a household or its source alone: 预警 without
 * a household is the departments' word (预警进度, 预警模板).
 */
const UNNAMED_ABOUT = /线索|申报|入户核查|承诺书|授权书|承诺授权|信息比对/;

function answersUnnamed(q: { t: string }, env: Env): boolean {
  return (FIELD_ROLES.lead_visit as readonly string[]).includes(env.actor.staff?.role ?? '') && UNNAMED_ABOUT.test(q.t);
}

/** Said without the lead's words, the question must be the whole message (“还要做啥”, not “系统登不上 咋办”). */
const ASKS_ALL = new RegExp(ASKS.source, 'g');
const FILLER = /[\s,，。.?？!！~～]|那个?|这个?|现在|目前|到底|还|了|呢|吗|啊|呀|的|他家|她家|他们家|这户|那户|这家|那家|下一步|一步/g;
/** Other matters a short question may be about (the area's progress, the 待办, the 研判会): not the lead's. */
const OTHER_MATTER = /网格|村|镇|全部|大家|排查|待办|名单|研判会|公示|问题|整改|回头看|几户|多少户/;

/**
 * Right after one household's lead was talked about (its standing asked, or a step recorded: the
 * answer remembered for `RECALL_MS`), a question of its steps that names no household
 * (“信息比对的结果出来了吗”, “承诺书签了没有”, “还要做啥”) is about that household.
 */
export async function followLead(recall: Recall, input: Input, env: Env): Promise<StepResult | null> {
  const kept = recall.data as { householdId?: unknown; headName?: unknown };
  if (typeof kept.householdId !== 'number' || typeof kept.headName !== 'string') return null;
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return null;
  const t = normalize(input.text).trim();
  if (!ASKS.test(t) || nameFirst(t) !== null) return null;
  const aboutLead = ABOUT.test(t) || CASE_WORD.test(t);
  if (!aboutLead && (OTHER_MATTER.test(t) || Array.from(t.replace(ASKS_ALL, '').replace(FILLER, '')).length > 2)) return null;
  const refused = guard(env, POLICY.follow_lead, TITLE);
  if (refused) return refused;
  const matched = (await env.data.findHouseholds(kept.headName)).filter((h) => h.id === kept.householdId);
  return matched.length ? answerFor(matched, env) : null;
}

/** The lead kept for a follow-up: one household answered, for half an hour. */
export const RECALL_MS = 30 * 60_000;
export const rememberLead = (householdId: number, headName: string): Effect => ({ type: 'remember', data: { householdId, headName }, keepMs: RECALL_MS });

const label = (s: keyof typeof LEAD_STEP.label) => LEAD_STEP.label[s];

function standing(lead: FieldLead, who: string, headName: string, env: Env, meeting: Parameters<typeof nextMeetingDay>[1]): string {
  const today = shanghaiDay(env.now);
  const lines = [`${who}风险线索（${dayLabel(lead.discoveredOn)}发现）${lead.note ? `：${echo(lead.note)}` : ''}`, `15天时限：${clockWords(today, lead.deadline)}。`];
  const recorded = CHECK_STEPS.filter((s) => !lead.pending.includes(s));
  const meetingDay = `本村${dayLabel(nextMeetingDay(env.now, meeting))}研判会`;
  if (lead.pending.length > 0) {
    // Officials follow the lead; the grid worker or the village records its steps.
    const howToTell = followsFromAbove(env) ? '（由网格员或村里入户办理并登记）' : `，办完一步发给我，如${sayStepDone(headName, lead.pending[0]!)}`;
    lines.push(`已登记：${recorded.length ? recorded.map(label).join('、') : '无'}。还要：${lead.pending.map(label).join('、')}${howToTell}；之后提交${meetingDay}。`);
  } else if (lead.nextStep === 'village_review' || lead.nextStep === null) {
    lines.push(`入户核查、承诺授权、信息比对都已登记，等${meetingDay}研判。`);
  } else {
    lines.push(`研判会已拟纳入，现在等${label(lead.nextStep)}。`);
  }
  return lines.join('\n');
}

async function answerFor(found: FieldHousehold[], env: Env): Promise<StepResult> {
  const leads = await Promise.all(found.map(async (h) => ({ h, lead: await env.data.openLeadOf(h.id) })));
  const withLead = leads.filter((x) => x.lead !== null);
  const shown = withLead.length ? withLead : leads.slice(0, 1);
  const campaign = await env.data.fieldCampaign(shanghaiDay(env.now));
  // A household without an open lead: how its last one ended (认定纳入 or 不纳入), if it had one.
  const ends = new Map(await Promise.all(shown.filter((x) => x.lead === null).map(async ({ h }) => [h.id, await env.data.lastLeadEnd(h.id)] as const)));
  const answers = shown.map(({ h, lead }) => {
    const who = shown.length > 1 ? `${h.headName}户（${h.villageName}${h.gridName ?? ''}）` : `${h.headName}户`;
    if (lead) return standing(lead, who, h.headName, env, campaign.meeting);
    const end = ends.get(h.id);
    if (!end) return `${who}目前没有在办的风险线索。`;
    const how = end.decision === 'include' ? `已认定纳入监测（${CATEGORY.label[end.category]}）` : `不纳入（${echo(end.reason.replace(/^研判会不纳入[:：]/, ''))}）`;
    return `${who}目前没有在办的风险线索；上一条线索${dayLabel(end.day)}${how}。`;
  });
  // One household answered: a question of its steps that names none (“承诺书签了没有”) is about it.
  const one = shown.length === 1 ? shown[0]!.h : null;
  return done(say(answers.join('\n\n')), ...(one ? [rememberLead(one.id, one.headName)] : []));
}

/** No household named: the one open lead of the asker's area, or which household is asked back (one message). */
async function answerUnnamed(env: Env): Promise<StepResult> {
  const today = shanghaiDay(env.now);
  const [todo, agenda] = await Promise.all([env.data.fieldTodo(today), env.data.meetingAgenda(today)]);
  const open = new Map<number, string>();
  for (const l of todo.awaitingChecks) open.set(l.householdId, l.headName);
  for (const a of agenda) if (a.lead && a.householdId !== null) open.set(a.householdId, a.headName);
  if (open.size === 1) {
    const [id, headName] = [...open][0]!;
    const found = (await env.data.findHouseholds(headName)).filter((h) => h.id === id);
    if (found.length) return answerFor(found, env);
  }
  if (open.size === 0) return done(say(`您的${areaWord(env)}内目前没有在办的风险线索。问某一户请带上户主姓名，如“张三家线索到哪一步了”。`));
  const names = [...open.values()];
  return done(say(`您问的是哪一户的线索？在办的有：${names.join('、')}。请带上户主姓名再问，如“${names[0]}家线索到哪一步了”。`));
}

export const leadStatusFlow: Flow = {
  name: 'field/lead-status',
  title: TITLE,
  version: 1,
  matches: (input, env) => {
    const q = question(input, env);
    return q !== null && (q.name !== null || answersUnnamed(q, env));
  },
  async start(input: Input, env: Env): Promise<StepResult> {
    const refused = guard(env, POLICY.follow_lead, TITLE);
    if (refused) return refused;
    const name = question(input, env)?.name ?? null;
    if (name === null) return answerUnnamed(env);
    const matched = await env.data.findHouseholds(name);
    if (matched.length === 0) return done(say(`在您的${areaWord(env)}内没有找到“${name}”户。请核对户主姓名再问。`));
    // The household headed by the name before one where it is a member's; of several, those with a lead.
    const heads = matched.filter((h) => h.headName === name);
    return answerFor((heads.length ? heads : matched).slice(0, 5), env);
  },
  followUp: followLead,
  step: () => done(say(`「${TITLE}」一条消息即可问完。`)),
};

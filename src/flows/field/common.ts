/**
 * Pieces every field flow shares: who may use which flow, how a command is recognised (strictly,
 * so an answer that happens to start with 问题/整改 is not taken for a new command), waiting
 * states, household labels with masked phones, 是/否 questions as template cards with a text
 * fallback, and the day of the next village 研判会.
 *
 * @example
 *   const refused = guard(env, ['grid_worker', 'village_cadre'], '一般户排查');
 *   if (refused) return refused;            // a farmer, a department, or someone not on the roster
 *   const q = yesNoCard(env, { title: '回头看（1/6）', question: '收入是否持续稳定？' });
 *   return waiting(flow, 'q', { taskId: q.taskId }, env, [q.effect]);
 */
import { addDays, shanghaiDay, startOfShanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { maskPhone, maskText } from '../../domain/privacy.js';
import { ROLE_LABEL, type Role } from '../../domain/roles.js';
import { notRegistered } from '../help.js';
import type { Effect, Env, Flow, Input, Reply, StepResult } from '../types.js';
import { classifyIntent, normalize, parseYesNo, type IntentKind } from '../understand/index.js';
import type { FieldHousehold } from './data.js';

export const say = (text: string): Effect => ({ type: 'reply', reply: { type: 'text', text } });

/** Finishes the flow with these replies. */
export const done = (...effects: Effect[]): StepResult => ({ status: 'done', effects });

/** Waits for the next answer at `node`. */
/**
 * How long a half-finished screening (附件2–5) is kept waiting: a worker called away (a visit, lunch,
 * the evening) takes it up hours later or the next morning with nothing said lost; past a day and
 * a half it ends, and the dispatcher says so.
 */
export const SCREENING_KEEP_MS = 36 * 3_600_000;

export function waiting(flow: Pick<Flow, 'name' | 'version'>, node: string, data: object, env: Env, effects: Effect[]): StepResult {
  return { status: 'waiting', state: { flow: flow.name, v: flow.version, node, data: data as Record<string, unknown>, waitingSince: env.now }, effects };
}

const FARMER_REFUSAL = '这是网格员、村干部和排查小组登记排查用的功能。您家如果遇到困难，可以直接说说情况，我们会转给村里的网格员。';

/**
 * Refuses a flow to whoever may not use it: a farmer (微信客服), someone not on the staff roster,
 * or a role the flow is not for (e.g. a 行业部门). Null when the actor may go on.
 */
export function guard(env: Env, allowed: readonly Role[], title: string): StepResult | null {
  const staff = env.actor.staff;
  if (env.actor.sender.channel === 'kf') return done(say(FARMER_REFUSAL));
  if (!staff) return done({ type: 'reply', reply: notRegistered(env) });
  if (allowed.includes(staff.role)) return null;
  const who = allowed.map((r) => ROLE_LABEL[r]).join('、');
  return done(say(`「${title}」由${who}办理，您的角色（${ROLE_LABEL[staff.role]}）不能办理。发送“帮助”查看您可以办的事。`));
}

const SEPARATOR = /[\s:：,，、]/;

/**
 * Whether `input` is one of these staff commands, and what followed the command word. Strict on
 * purpose: the command word must stand alone or be followed by a space or separator ("整改 3",
 * "问题：…"), except where `loose` accepts what follows (a screening line: "排查张三 入户").
 * A farmer's text is read as the staff command only when it means nothing to the farmer flows.
 */
export function commandOf(input: Input, env: Env, kinds: readonly IntentKind[], loose?: (rest: string, text: string) => boolean): { rest: string } | null {
  if (input.type !== 'text') return null;
  const t = normalize(input.text).replace(/[。.!~]+$/, '').trim();
  const asker = env.actor.staff?.role ?? 'grid_worker';
  if (env.actor.sender.channel === 'kf' && classifyIntent(t, 'farmer').kind !== 'unknown') return null;
  const intent = classifyIntent(t, asker);
  if (!kinds.includes(intent.kind) || !('rest' in intent || intent.kind === 'todo')) return null;
  const rest = 'rest' in intent ? intent.rest : '';
  // A farmer's sentence never starts a staff errand by its words alone: only the command itself does.
  if (rest === '' || (env.actor.sender.channel !== 'kf' && loose?.(rest, t))) return { rest };
  const at = t.lastIndexOf(rest);
  // “研判一下呼延平家 …”: 一下 after the command word ends it as a separator would.
  return at > 0 && (SEPARATOR.test(t[at - 1] as string) || t.slice(0, at).endsWith('一下')) ? { rest } : null;
}

/** "张三（凉水井村一组，4口人，电话138****5678）"; the member's name is added when it matched. */
export function householdLabel(h: FieldHousehold): string {
  const place = h.gridName ? `${h.villageName}${h.gridName}` : h.villageName;
  const parts = [place, `${h.size}口人`, ...(h.phone ? [`电话${maskPhone(h.phone)}`] : [])];
  const member = h.matchedMember ? `（成员${h.matchedMember}）` : '';
  return `${h.headName}户${member}（${parts.join('，')}）`;
}

/** What a flow keeps of a household in its state: no phone, no members. */
export interface HouseholdRef {
  id: number;
  headName: string;
  label: string;
  villageCode: string;
  villageName: string;
  size: number;
  keyGroups: FieldHousehold['keyGroups'];
  noLabour: boolean;
}

export const householdRef = (h: FieldHousehold): HouseholdRef => ({
  id: h.id, headName: h.headName, label: householdLabel(h), villageCode: h.villageCode, villageName: h.villageName, size: h.size, keyGroups: h.keyGroups, noLabour: h.noLabour,
});

/** The person's own words, for storage: as typed (full-width commas kept), spaces tidied. */
export const own = (text: string): string => text.replace(/[\s\u3000]+/g, ' ').trim();

/** Free text as it may be echoed: ID numbers and phones masked, trimmed. */
export const echo = (text: string): string => maskText(text.trim());

/** A numbered list "1. …\n2. …". */
export const numbered = (lines: string[]): string => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');

/** The 1-based choice in a reply to a numbered list ("2", "第二个", "２号"), or null. */
export function choiceOf(text: string, count: number): number | null {
  const t = normalize(text).replace(/^第/, '').replace(/[个户条项号.。]$/, '');
  const digits = /^\d+$/.test(t) ? Number(t) : '一二三四五六七八九十'.indexOf(t) + 1;
  return digits >= 1 && digits <= count ? digits : null;
}

const WEEKDAY_LABEL = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** ISO weekday of a day (1 = Monday … 7 = Sunday). */
export function isoWeekdayOf(day: Day): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** "5月12日（周四）". */
export function dayLabel(day: Day): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（${WEEKDAY_LABEL[isoWeekdayOf(day)]}）`;
}

/**
 * The day of the next village 研判会: today when it is the meeting weekday and the meeting has not
 * started, else the next such weekday. Shanghai days (the campaign's zone, UTC+8 all year).
 */
export function nextMeetingDay(now: number, meeting: { weekday: number; time: string }): Day {
  const today = shanghaiDay(now);
  const [hh, mm] = meeting.time.split(':').map(Number) as [number, number];
  const ahead = (meeting.weekday - isoWeekdayOf(today) + 7) % 7;
  if (ahead > 0) return addDays(today, ahead);
  return now < startOfShanghaiDay(today) + (hh * 60 + mm) * 60_000 ? today : addDays(today, 7);
}

export interface CardQuestion {
  /** Short title (the card shows about 26 characters). */
  title: string;
  question: string;
  lines?: Array<{ key: string; value: string }>;
  buttons?: Array<{ key: string; text: string }>;
  /** How to answer in text, for the fallback; default 请回复“是”或“否”。 */
  hint?: string;
}

/** A question as a template card with buttons (是/否 by default) and a text fallback. */
export function cardQuestion(env: Env, q: CardQuestion): { taskId: string; effect: Effect } {
  const taskId = env.newId('fq');
  const buttons = (q.buttons ?? [{ key: 'yes', text: '是' }, { key: 'no', text: '否' }]).map((b, i) => ({ ...b, style: (i === 0 ? 1 : 2) as 1 | 2 }));
  const lines = (q.lines ?? []).map((l) => `${l.key}：${l.value}`);
  const reply: Reply = {
    type: 'card',
    card: { kind: 'button_interaction', taskId, title: q.title, desc: q.question, ...(q.lines?.length ? { lines: q.lines } : {}), buttons },
    fallback: [q.title, ...lines, q.question, q.hint ?? '请回复“是”或“否”。'].join('\n'),
  };
  return { taskId, effect: { type: 'reply', reply } };
}

/**
 * The answer to a card question: the key of the pressed button, or the text read as 是/否
 * ('yes'/'no'); 'stale' for a button of an older card; null when the text says neither.
 */
export function answerOf(input: Input, taskId: string, echoWords: readonly string[], keys: readonly string[] = ['yes', 'no']): string | 'stale' | null {
  if (input.type === 'card') return input.taskId === taskId && keys.includes(input.eventKey) ? input.eventKey : 'stale';
  if (input.type !== 'text') return null;
  return parseYesNo(input.text, { echo: echoWords });
}

/** Said when a button of an earlier question is pressed. */
export const STALE_CARD = '这是之前的问题卡片，请回答最新的问题：';

/** Said when a picture, file or voice arrives while a question waits. */
export const TEXT_PLEASE = '请用文字回答。';

/**
 * The answer to “回复‘是’保存”: 'yes' for 是/对/确认/保存/提交/可以/没问题/都对 …, 'no' for
 * 不对/不保存/否 …, null otherwise — a bare “没有” says neither here, so it is asked again.
 */
export function confirmReply(text: string): 'yes' | 'no' | null {
  const t = normalize(text).replace(/[。.!！~]+$/, '').trim();
  if (/^(?:确认|保存|提交|都对|对的|就这样|没错|好了)/.test(t)) return 'yes';
  if (/^(?:不保存|先不|别保存|不要|算了)/.test(t)) return 'no';
  if (/^没有?$/.test(t)) return null;
  const yn = parseYesNo(t);
  return yn === 'yes' || yn === 'no' ? yn : null;
}

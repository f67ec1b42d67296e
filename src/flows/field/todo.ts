/**
 * 我的待办: what is waiting for a grid worker or cadre in their own area — households not yet
 * screened this campaign, open leads with 入户核查, 承诺授权 or 信息比对 still to record, with the days
 * left on the 15-day clock, and eliminated subjects due a 回头看. Answers at once; never waits.
 * The unscreened households asked as a list (“把没排的名单发我”, “还剩哪几户没去”) are that first
 * section alone.
 *
 * @example
 *   // 网格员: 待办
 *   // → '我的待办（5月9日）：\n一、还没排查的户：2户——张三、李四。…\n二、待核查的风险线索：1条——王五（户主住院），待入户核查、承诺授权、信息比对，还剩12天（5月21日截止）。…'
 */
import { LEAD_STEP } from '../../domain/catalog.js';
import { daysBetween, shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import type { Env, Flow, Input } from '../types.js';
import { normalize } from '../understand/index.js';
import { asksOwnTodo, classifyIntent } from '../understand/intents.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import { commandOf, dayLabel, done, echo, guard, say } from './common.js';
import type { FieldLead } from './data.js';
import { sayStepDone } from './lead-visit.js';
import { areaWord } from './pick-household.js';
import { FIELD_ROLES } from './roles.js';

const TITLE = '我的待办';
const ROLES = FIELD_ROLES.todo;
const NAMES_MAX = 10;
const TODO_WORDS = /^(?:我的)?(?:待办|待办事项|任务)$|^今天(?:干啥|做什么|要做什么)\??$/;
const asksTodo = (t: string) => TODO_WORDS.test(t) || asksOwnTodo(t);

/**
 * “我们网格还有几户没排”: a grid worker's question about their own area's progress is their to-do
 * list (the officials' progress answers only the areas above a grid: src/flows/official/progress.ts).
 */
function ownProgressOfGridWorker(input: Input, env: Env): boolean {
  if (input.type !== 'text' || env.actor.sender.channel !== 'app' || env.actor.staff?.role !== 'grid_worker') return false;
  const intent = classifyIntent(input.text, 'grid_worker');
  return intent.kind === 'progress' && intent.scope.kind === 'own';
}

/**
 * The households not screened yet asked as a list (“把没排的名单发我”, “没排查的有谁”, “还剩哪几户没去”):
 * the 待办's first section alone. A grid worker's always (their grid); a cadre's or a team's when the
 * officials' 未排查户名单 (src/flows/official/unscreened.ts, by grid) does not read it.
 */
const NOT_SCREENED = /(?:没|未|还没|没有)(?:有)?(?:排查|排|入户|走访|摸排|去)(?:过|到)?/;
const AS_LIST = /哪些|哪几|哪家|谁家|哪户|名单|清单|列出|列一下|列个|列下|有谁|是谁|姓名|名字|发我|发给我|给我|看看|看下/;
/** A place named (“石门村没排的有谁”), a count asked (“还有几户没排”) or another errand: not one's own list. */
const NOT_OWN_LIST = /[\u4e00-\u9fa5]{1,6}(?:村|镇|乡|街道|社区)(?!里|干部)|多少|(?<!哪)几(?:户|家|个)|线索|研判|公示|培训|部署|问题/;

function unscreenedAsked(input: Input, env: Env): boolean {
  if (input.type !== 'text' || input.menuId || env.actor.sender.channel !== 'app' || !env.actor.staff) return false;
  if (!(ROLES as readonly string[]).includes(env.actor.staff.role)) return false;
  const t = normalize(input.text).trim();
  if (!NOT_SCREENED.test(t) || !AS_LIST.test(t) || NOT_OWN_LIST.test(t.replace(/^(?:我们|咱们|俺们|本)(?:村|网格)/, ''))) return false;
  return env.actor.staff.role === 'grid_worker' || readOfficialAsk(input.text)?.view !== 'unscreened';
}

async function unscreenedList(env: Env) {
  const today = shanghaiDay(env.now);
  const { unscreened } = await env.data.fieldTodo(today);
  if (unscreened.total === 0) return done(say(`您的${areaWord(env)}内花名册上的户都已排查，没有还没排查的户。`));
  return done(say(`您的${areaWord(env)}还没排查的户（${dayLabel(today)}）：${unscreened.total}户——${names(unscreened.names, unscreened.total, '户')}。\n入户后发送“排查 户主姓名 …”登记；发送“待办”看全部待办。`));
}

const monthDay = (day: Day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function names(list: string[], total: number, unit: string): string {
  const shown = list.slice(0, NAMES_MAX).join('、');
  return total > NAMES_MAX ? `${shown}等${total}${unit}` : shown;
}

/** "还剩12天（5月21日截止）", "今天截止", "已超期3天（5月6日截止）". */
export function clockWords(today: Day, deadline: Day): string {
  const left = daysBetween(today, deadline);
  if (left > 0) return `还剩${left}天（${monthDay(deadline)}截止）`;
  if (left === 0) return `今天截止（${monthDay(deadline)}）`;
  return `已超期${-left}天（${monthDay(deadline)}截止）`;
}

const leadLine = (l: FieldLead, today: Day) => `${l.headName}${l.note ? `（${echo(l.note)}）` : ''}，待${l.pending.map((s) => LEAD_STEP.label[s]).join('、')}，${clockWords(today, l.deadline)}`;

async function answer(env: Env) {
  const todo = await env.data.fieldTodo(shanghaiDay(env.now));
  const today = shanghaiDay(env.now);
  const { unscreened, awaitingChecks, dueReview } = todo;
  if (unscreened.total === 0 && awaitingChecks.length === 0 && dueReview.length === 0) {
    return done(say(`您的${areaWord(env)}内暂无待办：户户已排查，没有待核查的线索，也没有待回头看的户。`));
  }
  const lines = [`我的待办（${dayLabel(today)}）：`];
  lines.push(unscreened.total ? `一、还没排查的户：${unscreened.total}户——${names(unscreened.names, unscreened.total, '户')}。发送“排查 户主姓名 …”登记。` : '一、还没排查的户：无，已全部排查。');
  lines.push(
    awaitingChecks.length
      ? `二、待核查的风险线索：${awaitingChecks.length}条——\n${awaitingChecks.map((l) => `· ${leadLine(l, today)}`).join('\n')}\n办完一步发给我，如${awaitingChecks[0]!.pending.map((step) => sayStepDone(awaitingChecks[0]!.headName, step)).join('')}。`
      : '二、待核查的风险线索：无。',
  );
  lines.push(dueReview.length ? `三、待回头看的已消除风险户：${dueReview.length}户——${names(dueReview.map((d) => d.headName), dueReview.length, '户')}。发送“回头看 户主姓名”登记。` : '三、待回头看的已消除风险户：无。');
  return done(say(lines.join('\n')));
}

export const todoFlow: Flow = {
  name: 'field/todo',
  title: TITLE,
  version: 1,
  matches: (input: Input, env: Env) => unscreenedAsked(input, env) || (commandOf(input, env, ['todo']) !== null && input.type === 'text' && asksTodo(normalize(input.text).replace(/[。.!]+$/, ''))) || ownProgressOfGridWorker(input, env),
  async start(input: Input, env: Env) {
    return guard(env, ROLES, TITLE) ?? (unscreenedAsked(input, env) ? unscreenedList(env) : answer(env));
  },
  // Never waits; a stray step (an old state) answers again.
  step: (_state, _input, env) => guard(env, ROLES, TITLE) ?? answer(env),
};

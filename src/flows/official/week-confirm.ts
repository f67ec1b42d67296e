/**
 * The shape of the two weekly confirmations: a village's “本周上报” and a town's “周报”. The asker
 * sees their place's figures for this week's report, and confirms them (“确认”) or not; the
 * confirmation is a domain command carrying exactly the figures that were shown (the 附件1 cells,
 * `PROGRESS_COLUMNS`). If the figures changed between showing and confirming (a screening came in),
 * the new ones are shown and asked again — nobody confirms numbers they have not seen.
 *
 * State while waiting (node `confirm`): `{ code, week, figures, tries }`.
 *
 * @example
 *   export const villageReportFlow = weekConfirmFlow({ name: 'official/village-report', … });
 */
import { PROGRESS_COLUMNS } from '../../domain/progress-columns.js';
import type { ProgressRow } from '../../domain/progress.js';
import { ROLE_LABEL, type Role } from '../../domain/roles.js';
import type { ConversationState, Effect, Env, Flow, Reply, StaffActor, StepResult } from '../types.js';
import { parseYesNo } from '../understand/yes-no.js';
import { normalize } from '../understand/normalize.js';
import type { Answer, Place } from './data.js';
import { denialText } from './place.js';
import { MAX_TRIES } from './question.js';
import { notUnderstood, reply, say } from './words.js';
import type { Command } from '../commands.js';

export type Figures = Array<string | number>;

/** The 附件1 cells of a row, as the form prints them: what a confirmation records. */
export const figuresOf = (row: ProgressRow): Figures => PROGRESS_COLUMNS.map((c) => c.value(row));

export interface WeekConfirmSpec<V> {
  name: string;
  title: string;
  version: number;
  roles: readonly Role[];
  /** The level of the asker's home this confirmation is for. */
  level: 'village' | 'town';
  /** Whether the text asks for this confirmation, from someone of `role`. */
  asks(text: string, role: Role): boolean;
  load(code: string, env: Env): Promise<Answer<V>>;
  week(view: V): string;
  row(view: V): ProgressRow;
  /** The figures and how to answer (already confirmed this week or not). */
  show(view: V, place: Place): Reply;
  /** The domain command recording the confirmation. */
  command(view: V, place: Place, figures: Figures): Command;
  /** The echo once confirmed, saying how to correct it. */
  confirmed(view: V, place: Place, env: Env): string;
  /** When the asker answers no. */
  declined: string;
}

interface ConfirmData {
  code: string;
  week: string;
  figures: Figures;
  tries: number;
}

const done = (effects: Effect[]): StepResult => ({ status: 'done', effects });
const YES_WORDS = /^(?:确认|确认上报|上报|确认无误|无误|没问题|对的|对|是|好|可以|提交|报吧|报)$/;
// “Not now” in the ways people put it: 先不报了, 暂不确认, 等会再报, 再看看.
const NO_WORDS = /^(?:先不|暂不|暂时不|不报|不上报|不确认|等会|等一下|等等|再看看|回头再)/;

export function weekConfirmFlow<V>(spec: WeekConfirmSpec<V>): Flow {
  const waitFor = (view: V, place: Place, env: Env, tries: number, effects: Effect[]): StepResult => {
    const data: ConfirmData = { code: place.code, week: spec.week(view), figures: figuresOf(spec.row(view)), tries };
    const state: ConversationState = { flow: spec.name, v: spec.version, node: 'confirm', data: data as unknown as Record<string, unknown>, waitingSince: env.now };
    return { status: 'waiting', state, effects };
  };

  async function open(env: Env, staff: StaffActor, note: Effect[] = []): Promise<StepResult> {
    const { home } = await env.data.officialMap();
    if (!home || home.level !== spec.level) return done([say(`「${spec.title}」由${spec.level === 'village' ? '村干部或排查小组成员' : '镇街干部'}办理，您的账号（${ROLE_LABEL[staff.role]}）没有对应的${spec.level === 'village' ? '村' : '镇街'}。`)]);
    const r = await spec.load(home.code, env);
    if (!r.ok) return done([say(denialText(r.reason, home, staff))]);
    return waitFor(r.value, home, env, 0, [...note, reply(spec.show(r.value, home))]);
  }

  return {
    name: spec.name,
    title: spec.title,
    version: spec.version,
    matches: (input, env) => input.type === 'text' && env.actor.staff !== null && spec.asks(input.text, env.actor.staff.role),
    async start(_input, env) {
      const staff = env.actor.staff;
      if (!staff) return done([]);
      if (!spec.roles.includes(staff.role)) return done([say(`「${spec.title}」由${spec.roles.map((r) => ROLE_LABEL[r]).join('或')}办理，您的账号（${ROLE_LABEL[staff.role]}）不能办理。`)]);
      return open(env, staff);
    },
    async step(state, input, env) {
      const staff = env.actor.staff;
      const data = state.data as unknown as ConfirmData;
      if (!staff || state.node !== 'confirm') return done([]);
      const text = input.type === 'text' ? normalize(input.text).replace(/[。.!！~]+$/, '') : '';
      if (input.type === 'text' && spec.asks(input.text, staff.role)) return open(env, staff);
      const answer = YES_WORDS.test(text) ? 'yes' : NO_WORDS.test(text) ? 'no' : parseYesNo(text);
      if (answer === 'no') return done([say(spec.declined)]);
      if (answer === 'yes') {
        const { home } = await env.data.officialMap();
        if (!home || home.code !== data.code) return done([say('您的辖区已变化，请重新发送。')]);
        const r = await spec.load(home.code, env);
        if (!r.ok) return done([say(denialText(r.reason, home, staff))]);
        const figures = figuresOf(spec.row(r.value));
        if (spec.week(r.value) !== data.week || JSON.stringify(figures) !== JSON.stringify(data.figures)) {
          return waitFor(r.value, home, env, 0, [say('刚才以来数字有变化（或已到新的一周），请按最新数字再核对一次：'), reply(spec.show(r.value, home))]);
        }
        return done([{ type: 'command', command: spec.command(r.value, home, figures) }, say(spec.confirmed(r.value, home, env))]);
      }
      const tries = data.tries + 1;
      if (tries >= MAX_TRIES) return done([say(`还是没看懂，已退出「${spec.title}」，没有上报。需要时请重新发送。`)]);
      const next: ConversationState = { ...state, data: { ...data, tries } as unknown as Record<string, unknown>, waitingSince: env.now };
      return { status: 'waiting', state: next, effects: [say(`${notUnderstood(input)}核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。`)] };
    },
  };
}

/**
 * The shape every official question shares: read the request, check the role, decide the place
 * against the asker's jurisdiction (place.ts), and answer — or, when the name fits several
 * places ("新村"), ask which one and wait. Each question flow (progress, ranking, …) is one
 * `placeQuestion({...})` in its own file.
 *
 * State while waiting (node `choose_place`): `{ params, asked, text, candidates: Place[], tries }`.
 * A reply that picks none is asked again; after three it gives up politely.
 *
 * Every answer is remembered for two hours (`RECALL_MS`: the dispatcher keeps it with the
 * conversation, src/flows/types.ts `Recall`) as `{ place, params, asked }`; a follow-up that names
 * only what changed (understand/official-followup.ts) is then answered as the same question with
 * that one thing changed: another place (decided against the jurisdiction as ever: “那锦界镇呢” from
 * a town official is refused by name), another day (`follows.day`: the numbers counted to it) or
 * another grouping (`follows.grouping`: towns or villages). What the question does not take is said
 * and the rest answered (“上周的呢” after 超期线索: “只看现在的情况”, then the leads as of now); after the
 * two hours a follow-up is read as any message (“凉水井村的呢”: progress, as before).
 *
 * @example
 *   export const rankingFlow = placeQuestion({
 *     name: 'official/ranking', title: '排名通报', askWord: '排名', version: 1, roles: ['town_official', 'city_bureau', 'admin'],
 *     read: (text) => { const a = readOfficialAsk(text); return a?.view === 'ranking' ? { scope: a.scope, params: {} } : null; },
 *     answer: async (place, params, env) => [say('…')],
 *   });
 */
import { ROLE_LABEL, type Role } from '../../domain/roles.js';
import { shanghaiDay, startOfShanghaiDay } from '../../domain/shanghai-days.js';
import type { ConversationState, Effect, Env, Flow, Input, Recall, StaffActor, StepResult } from '../types.js';
import type { AreaScope } from '../understand/intents.js';
import { normalize } from '../understand/normalize.js';
import { EXPORT_IT, readFollowUp } from '../understand/official-followup.js';
import { resolveRegion } from '../understand/regions.js';
import type { Place } from './data.js';
import { ambiguityMenu, choosePlace, PLACE_SUFFIX, pickCandidate, placeRefusal } from './place.js';
import { notUnderstood, reply, say } from './words.js';

export type Params = Record<string, string | number | boolean | null>;

/**
 * What a follow-up changed besides the place: the day the numbers are counted to (`asOf`,
 * 'YYYY-MM-DD'; null: now) and the grouping (`by`: the towns or the villages; null: the question's own).
 */
export interface Asked {
  asOf: string | null;
  by: 'town' | 'village' | null;
}

const AS_ASKED: Asked = { asOf: null, by: null };

/** How long an answer is remembered for a follow-up (“凉水井村的呢”): a working session, not the next day. */
export const RECALL_MS = 2 * 3_600_000;

/** What an answer leaves to remember. */
interface Remembered {
  place: Place;
  params: Params;
  asked: Asked;
}

/** The instant the numbers are counted to: noon of the day asked (the port counts up to the day of the instant it is given), else now. */
export function countedTo(asked: Asked, env: Env): number {
  return asked.asOf === null ? env.now : startOfShanghaiDay(asked.asOf) + 12 * 3_600_000;
}

export interface PlaceQuestionSpec<P extends Params> {
  name: string;
  title: string;
  version: number;
  /** What to add to a place name to ask this again (“进度” → “高家堡镇进度”). */
  askWord: string;
  /** Who may ask; other staff get a refusal that names their role. */
  roles: readonly Role[];
  /** The request in this text (its place and options), or null when the text is not this question. */
  read(text: string, staff: StaffActor): { scope: AreaScope; params: P } | null;
  /** The answer for a decided place (replies; usually numbers from `env.data`), as a follow-up changed it (`asked`). */
  answer(place: Place, params: P, env: Env, asked: Asked): Promise<Effect[]>;
  /**
   * What a follow-up may change besides the place: the day (`asked.asOf`), the grouping (`asked.by`);
   * `what`: the names of this answer a follow-up may say with a place (“凉水井村的名单呢”).
   */
  follows?: { day?: true; grouping?: true; what?: RegExp };
  /** “导出来” after the answer: the answer's place as a form (the export flow's answer), when the question has one. */
  exported?(place: Place, env: Env, asked: Asked): Promise<StepResult>;
}

export const MAX_TRIES = 3;
const NODE = 'choose_place';

interface ChooseData {
  params: Params;
  /** Absent in states saved before follow-ups were read. */
  asked?: Asked;
  text: string;
  candidates: Place[];
  tries: number;
}

const done = (effects: Effect[]): StepResult => ({ status: 'done', effects });

/** Builds the flow of one official question (see the module comment). */
export function placeQuestion<P extends Params>(spec: PlaceQuestionSpec<P>): Flow {
  const refusedRole = (staff: StaffActor) => !spec.roles.includes(staff.role);

  /** The answer for a decided place, and what it leaves to remember. */
  async function answered(place: Place, params: P, env: Env, asked: Asked): Promise<Effect[]> {
    const remembered: Remembered = { place, params, asked };
    return [...(await spec.answer(place, params, env, asked)), { type: 'remember', data: remembered as unknown as Record<string, unknown>, keepMs: RECALL_MS }];
  }

  /** `before`: a follow-up's question remembered, still remembered when the new place is refused. */
  async function decide(scope: AreaScope, params: P, env: Env, staff: StaffActor, asked: Asked = AS_ASKED, before?: Recall, said = ''): Promise<StepResult> {
    const map = await env.data.officialMap();
    const choice = choosePlace(scope, map, staff, said);
    switch (choice.kind) {
      case 'one': {
        const effects = await answered(choice.place, params, env, asked);
        return done(choice.note ? [say(choice.note), ...effects] : effects);
      }
      case 'ambiguous': {
        const data: ChooseData = { params, asked, text: choice.text, candidates: choice.candidates, tries: 0 };
        const state: ConversationState = { flow: spec.name, v: spec.version, node: NODE, data: data as unknown as Record<string, unknown>, waitingSince: env.now };
        return { status: 'waiting', state, effects: [reply(ambiguityMenu(choice.text, choice.candidates))] };
      }
      default: {
        const kept: Effect[] = before ? [{ type: 'remember', data: before.data, keepMs: Math.max(0, before.until - env.now) }] : [];
        return done([say(placeRefusal(choice, staff, map.home)), ...kept]);
      }
    }
  }

  /** A follow-up of this question's answer (see the module comment), or null. */
  async function followUp(recall: Recall, input: Input, env: Env): Promise<StepResult | null> {
    const staff = env.actor.staff;
    if (input.type !== 'text' || !staff || refusedRole(staff)) return null;
    const today = shanghaiDay(env.now);
    if (spec.exported && EXPORT_IT.test(normalize(input.text).replace(/[\s。.!！~～]+/g, ''))) {
      const before = recall.data as unknown as Remembered;
      const r = await spec.exported(before.place, env, before.asked ?? AS_ASKED);
      // This answer stays the one a follow-up refers to (“凉水井村的呢” after it is still about this question).
      return { ...r, effects: [...r.effects.filter((e) => e.type !== 'remember'), { type: 'remember', data: recall.data, keepMs: Math.max(0, recall.until - env.now) }] };
    }
    const said = readFollowUp(input.text, today);
    // A name of another answer (“凉水井村周报呢” after the progress): a question of its own.
    if (said?.what !== undefined && !spec.follows?.what?.test(said.what)) return null;
    // A day still to come has no numbers: not a follow-up (read as any message).
    if (!said || (said.day !== null && said.day !== 'today' && said.day > today)) return null;
    if (said.scope?.kind === 'named') {
      // Words that name no place of the city (“那就这样吧”) are no follow-up.
      const map = await env.data.officialMap();
      if (!PLACE_SUFFIX.test(said.scope.text) && resolveRegion(said.scope.text, map.regions).kind === 'none') return null;
    }
    // What this question does not take is said, and the rest answered (“上周的呢” after 超期线索: the leads as they are now).
    const pastDay = said.day !== null && said.day !== 'today';
    const notTaken = [
      ...(pastDay && !spec.follows?.day ? ['只看现在的情况，不能按过去的日子查'] : []),
      ...(said.by !== null && !spec.follows?.grouping ? ['不分按村、按镇排（排名请发“各村排名”或“镇街排名”）'] : []),
    ];
    const before = recall.data as unknown as Remembered;
    const was = before.asked ?? AS_ASKED;
    const day = spec.follows?.day ? said.day : null;
    const asked: Asked = { asOf: day === null ? was.asOf : day === 'today' ? null : day, by: (spec.follows?.grouping ? said.by : null) ?? was.by };
    const params = before.params as P;
    const result = said.scope ? await decide(said.scope, params, env, staff, asked, recall, input.text) : done(await answered(before.place, params, env, asked));
    if (notTaken.length === 0) return result;
    const line = say(`「${spec.title}」${notTaken.join('，')}。`);
    return { ...result, effects: [line, ...result.effects] };
  }

  return {
    name: spec.name,
    title: spec.title,
    version: spec.version,
    matches: (input: Input, env: Env) => input.type === 'text' && env.actor.staff !== null && spec.read(input.text, env.actor.staff) !== null,
    async start(input, env) {
      const staff = env.actor.staff;
      const asked = input.type === 'text' && staff ? spec.read(input.text, staff) : null;
      if (!staff || !asked) return done([]);
      if (refusedRole(staff)) return done([say(`您的账号（${ROLE_LABEL[staff.role]}）不能查看${spec.title}。如有需要，请联系镇街或市乡村振兴局。`)]);
      return decide(asked.scope, asked.params, env, staff, AS_ASKED, undefined, input.type === 'text' ? input.text : '');
    },
    followUp,
    async step(state, input, env) {
      const staff = env.actor.staff;
      const data = state.data as unknown as ChooseData;
      if (!staff || state.node !== NODE) return done([]);
      const picked = input.type === 'text' ? pickCandidate(input.text, data.candidates) : null;
      if (picked) {
        // The candidates were inside the asker's jurisdiction when offered; the port checks again.
        return done(await answered(picked, data.params as P, env, data.asked ?? AS_ASKED));
      }
      // A new request of the same question (“不对，我要问店塔镇的进度”) replaces the open one.
      const again = input.type === 'text' ? spec.read(input.text, staff) : null;
      if (again && again.scope.kind !== 'own') return decide(again.scope, again.params, env, staff, data.asked ?? AS_ASKED);
      const tries = data.tries + 1;
      if (tries >= MAX_TRIES) return done([say(`还是没能确定是哪个地方，已退出「${spec.title}」。可以直接发送全名再问，例如“${data.candidates[0]?.label ?? ''}${spec.askWord}”。`)]);
      // The list is asked again whole, so “继续” later shows it too.
      const menu = ambiguityMenu(data.text, data.candidates);
      const next: ConversationState = { ...state, data: { ...data, tries } as unknown as Record<string, unknown>, waitingSince: env.now };
      return { status: 'waiting', state: next, effects: [reply({ ...menu, head: `${notUnderstood(input)}${menu.head}` })] };
    },
  };
}


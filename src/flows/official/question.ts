/**
 * The shape every official question shares: read the request, check the role, decide the place
 * against the asker's jurisdiction (place.ts), and answer — or, when the name fits several
 * places ("新村"), ask which one and wait. Each question flow (progress, ranking, …) is one
 * `placeQuestion({...})` in its own file.
 *
 * State while waiting (node `choose_place`): `{ params, text, candidates: Place[], tries }`.
 * A reply that picks none is asked again; after three it gives up politely.
 *
 * @example
 *   export const rankingFlow = placeQuestion({
 *     name: 'official/ranking', title: '排名通报', askWord: '排名', version: 1, roles: ['town_official', 'city_bureau', 'admin'],
 *     read: (text) => { const a = readOfficialAsk(text); return a?.view === 'ranking' ? { scope: a.scope, params: {} } : null; },
 *     answer: async (place, params, env) => [say('…')],
 *   });
 */
import { ROLE_LABEL, type Role } from '../../domain/roles.js';
import type { ConversationState, Effect, Env, Flow, Input, StaffActor, StepResult } from '../types.js';
import type { AreaScope } from '../understand/intents.js';
import type { Place } from './data.js';
import { ambiguityMenu, choosePlace, pickCandidate, placeRefusal } from './place.js';
import { notUnderstood, reply, say } from './words.js';

export type Params = Record<string, string | number | boolean | null>;

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
  /** The answer for a decided place (replies; usually numbers from `env.data`). */
  answer(place: Place, params: P, env: Env): Promise<Effect[]>;
}

export const MAX_TRIES = 3;
const NODE = 'choose_place';

interface ChooseData {
  params: Params;
  text: string;
  candidates: Place[];
  tries: number;
}

const done = (effects: Effect[]): StepResult => ({ status: 'done', effects });

/** Builds the flow of one official question (see the module comment). */
export function placeQuestion<P extends Params>(spec: PlaceQuestionSpec<P>): Flow {
  const refusedRole = (staff: StaffActor) => !spec.roles.includes(staff.role);

  async function decide(scope: AreaScope, params: P, env: Env, staff: StaffActor): Promise<StepResult> {
    const map = await env.data.officialMap();
    const choice = choosePlace(scope, map, staff);
    switch (choice.kind) {
      case 'one': {
        const effects = await spec.answer(choice.place, params, env);
        return done(choice.note ? [say(choice.note), ...effects] : effects);
      }
      case 'ambiguous': {
        const data: ChooseData = { params, text: choice.text, candidates: choice.candidates, tries: 0 };
        const state: ConversationState = { flow: spec.name, v: spec.version, node: NODE, data: data as unknown as Record<string, unknown>, waitingSince: env.now };
        return { status: 'waiting', state, effects: [reply(ambiguityMenu(choice.text, choice.candidates))] };
      }
      default:
        return done([say(placeRefusal(choice, staff, map.home))]);
    }
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
      return decide(asked.scope, asked.params, env, staff);
    },
    async step(state, input, env) {
      const staff = env.actor.staff;
      const data = state.data as unknown as ChooseData;
      if (!staff || state.node !== NODE) return done([]);
      const picked = input.type === 'text' ? pickCandidate(input.text, data.candidates) : null;
      if (picked) {
        // The candidates were inside the asker's jurisdiction when offered; the port checks again.
        return done(await spec.answer(picked, data.params as P, env));
      }
      // A new request of the same question (“不对，我要问店塔镇的进度”) replaces the open one.
      const again = input.type === 'text' ? spec.read(input.text, staff) : null;
      if (again && again.scope.kind !== 'own') return decide(again.scope, again.params, env, staff);
      const tries = data.tries + 1;
      if (tries >= MAX_TRIES) return done([say(`还是没能确定是哪个地方，已退出「${spec.title}」。可以直接发送全名再问，例如“${data.candidates[0]?.label ?? ''}${spec.askWord}”。`)]);
      // The list is asked again whole, so “继续” later shows it too.
      const menu = ambiguityMenu(data.text, data.candidates);
      const next: ConversationState = { ...state, data: { ...data, tries } as unknown as Record<string, unknown>, waitingSince: env.now };
      return { status: 'waiting', state: next, effects: [reply({ ...menu, head: `${notUnderstood(input)}${menu.head}` })] };
    },
  };
}


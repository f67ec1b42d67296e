/**
 * 绑定我家: a farmer asks to link their WeChat to their household. The bot takes the name, the
 * 身份证号 (or its last 4) and the village (pre-filled from the poster), stores the request
 * (command `farmer.request_binding`) and sends the responsible grid worker a card to confirm;
 * the binding counts only once a grid worker confirms it (bind-confirm.ts). The farmer's answer
 * is the same whether or not the household was found, so the request reveals nothing.
 *
 * @example
 *   bindFlow.start({ type: 'text', text: '我想绑定我家' }, env)
 *   // waiting at 'name': '绑定后，…\n请问您的姓名（和户口本上一致）？'
 */
import { maskIdNumber } from '../../domain/privacy.js';
import type { Region } from '../../domain/types.js';
import { classifyIntent, normalize, parseYesNo } from '../understand/index.js';
import type { ButtonCard, ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { isFarmer, NUDGE_TIMER, readIdAnswer, readName, reply, text, textOf, waiting, withoutNumbers } from './common.js';
import type { FarmerRoute } from './data.js';
import { isVillage, readVillage, regionName, villageLabel, villageMenu } from './places.js';

const NAME = 'farmer/bind';
const VERSION = 1;
type Node = 'name' | 'id' | 'village' | 'confirm';

interface BindDraft {
  name: string | null;
  idNumber: string | null;
  idTail: string | null;
  villageCode: string | null;
  offered: string[];
}

export const BIND_TEXTS = {
  intro: '绑定后，您可以在这里查看您家事项的进度。需要核对姓名、身份证号和所在村，网格员确认后生效。',
  already: (label: string, head: string) => `您已经绑定了家庭：${label}，户主${head}。如需更换，请联系村里的网格员。`,
  name: '请问您的姓名（和户口本上一致）？',
  nameUnclear: '没看清名字，请只发您的姓名，比如：张三。',
  id: '请发您的身份证号（18位），或者身份证后4位。',
  idBad: (message: string, masked: string) => `${message}：${masked}。请再核对一下重新发，或只发后4位。`,
  idRequired: '绑定需要核对身份证号，暂时办不了。这不影响申报困难：有困难随时点“申报困难”。',
  village: '您家在哪个镇、哪个村？（比如：高家堡镇凉水井村）',
  villageNotFound: '没找到这个村。请说镇（街道）和村的名字，比如：高家堡镇凉水井村。',
  villageOfTown: (town: string) => `${town}下面的村比较多，请说村名。`,
  confirmHint: '请点“确认提交”，或“重新填”。',
  submitted: (ref: string) => `已提交绑定申请（编号${ref}）。网格员核实后会在这里通知您结果。`,
  nudge: '您的绑定申请还没提交，还差一步：',
  textOnly: '这里暂时只能看懂文字，请用文字回答：',
};

const stateOf = (d: BindDraft, node: Node, env: Env): ConversationState => ({ flow: NAME, v: VERSION, node, data: d as unknown as Record<string, unknown>, waitingSince: env.now });

function nextNode(d: BindDraft): Node {
  if (!d.name) return 'name';
  if (!d.idNumber && !d.idTail) return 'id';
  if (!d.villageCode) return 'village';
  return 'confirm';
}

const idShown = (d: BindDraft) => (d.idNumber ? maskIdNumber(d.idNumber) : `后4位${d.idTail ?? ''}`);

function prompt(d: BindDraft, node: Node, places: readonly Region[], notes: string[]) {
  switch (node) {
    case 'confirm':
      return reply({
        type: 'menu',
        head: [...notes, '请核对：', `姓名：${d.name}`, `身份证：${idShown(d)}`, `村：${villageLabel(places, d.villageCode ?? '')}`, '确认提交绑定申请吗？'].join('\n'),
        items: [
          { id: 'bind:yes', label: '确认提交' },
          { id: 'bind:redo', label: '重新填' },
        ],
      });
    case 'village':
      if (d.offered.length) return reply(villageMenu(places, d.offered, [...notes, '有几个村名字相近，请问是哪一个？'].join('\n')));
      return text([...notes, BIND_TEXTS.village].join('\n'));
    default:
      return text([...notes, BIND_TEXTS[node]].join('\n'));
  }
}

function ask(d: BindDraft, env: Env, places: readonly Region[], notes: string[], node: Node = nextNode(d)): StepResult {
  return waiting(stateOf(d, node, env), env, [prompt(d, node, places, notes)]);
}

async function begin(_input: Input, env: Env): Promise<StepResult> {
  const [places, profile] = await Promise.all([env.data.farmerPlaces(), env.data.farmerProfile()]);
  if (profile.bound) return { status: 'done', effects: [text(BIND_TEXTS.already(villageLabel(places, profile.bound.villageCode), profile.bound.headName))] };
  const entry = profile.entryVillage && isVillage(places, profile.entryVillage) ? profile.entryVillage : null;
  return ask({ name: null, idNumber: null, idTail: null, villageCode: entry, offered: [] }, env, places, [BIND_TEXTS.intro]);
}

/** The card (text fallback included) a grid worker gets for one request. */
export function bindingCard(ref: string, index: number, d: BindDraft, route: FarmerRoute, places: readonly Region[]): ButtonCard & { fallback: string } {
  const label = villageLabel(places, route.placement.villageCode);
  const matched = route.household ? `户主${route.household.headName}（户编号${route.household.code}）` : '未自动匹配到户';
  const how = route.household ? `核实后请点按钮，或回复“确认绑定 ${ref}”/“拒绝绑定 ${ref} 原因”。` : `核实后请回复“确认绑定 ${ref} 户编号”，或“拒绝绑定 ${ref} 原因”。`;
  return {
    kind: 'button_interaction',
    taskId: `bind-${ref}-${index}`,
    title: '农户申请绑定家庭',
    desc: `编号${ref}。${how}`,
    lines: [
      { key: '申请人', value: d.name ?? '' },
      { key: '身份证', value: idShown(d) },
      { key: '村', value: label },
      { key: '户籍', value: matched },
    ],
    buttons: route.household
      ? [
          { key: 'confirm', text: '确认是本户', style: 1 },
          { key: 'reject', text: '不是本户', style: 2 },
        ]
      : [{ key: 'reject', text: '无法核实', style: 2 }],
    fallback: [`【农户申请绑定家庭】编号${ref}`, `申请人：${d.name}（身份证${idShown(d)}）`, `村：${label}`, `户籍：${matched}`, how].join('\n'),
  };
}

async function submit(d: BindDraft, env: Env, places: readonly Region[]): Promise<StepResult> {
  const route = await env.data.routeFarmerCase({ name: d.name ?? '', idTail: d.idTail, idNumber: d.idNumber, villageCode: d.villageCode ?? '' });
  if (!route) return ask({ ...d, villageCode: null }, env, places, [BIND_TEXTS.villageNotFound], 'village');
  const ref = env.newId('BD').toUpperCase();
  const sends = route.workers.map((w, i): Effect => {
    const { fallback, ...card } = bindingCard(ref, i + 1, d, route, places);
    return { type: 'send', to: { channel: 'app', id: w.userId }, reply: { type: 'card', card, fallback } };
  });
  return {
    status: 'done',
    effects: [
      {
        type: 'command',
        command: {
          kind: 'farmer.request_binding', ref, name: d.name ?? '', idNumber: d.idNumber, idTail: d.idTail ?? '', villageCode: route.placement.villageCode, householdId: route.householdId,
          workers: route.workers, openKfId: env.actor.sender.openKfId ?? null,
        },
      },
      ...sends,
      text(BIND_TEXTS.submitted(ref)),
      { type: 'cancelTimer', key: NUDGE_TIMER },
    ],
  };
}

async function step(state: ConversationState, input: Input, env: Env): Promise<StepResult> {
  const places = await env.data.farmerPlaces();
  const d = state.data as unknown as BindDraft;
  const node = state.node as Node;
  if (input.type === 'timeout') return { status: 'waiting', state, effects: input.key === NUDGE_TIMER ? [prompt(d, node, places, [BIND_TEXTS.nudge])] : [] };
  const t = textOf(input);
  if (t === null) return ask(d, env, places, [BIND_TEXTS.textOnly], node);
  switch (node) {
    case 'name': {
      // “张秀英 610821…”: the ID sent with the name is kept, not asked again.
      const id = readIdAnswer(t);
      const withId = id.kind === 'full' ? { idNumber: id.value, idTail: id.tail } : {};
      const name = readName(t) ?? (id.kind === 'full' ? readName(withoutNumbers(t)) : null);
      return name ? ask({ ...d, name, ...withId }, env, places, []) : ask(d, env, places, [BIND_TEXTS.nameUnclear], 'name');
    }
    case 'id': {
      const a = readIdAnswer(t);
      if (a.kind === 'full') return ask({ ...d, idNumber: a.value, idTail: a.tail }, env, places, []);
      if (a.kind === 'tail') return ask({ ...d, idNumber: null, idTail: a.tail }, env, places, []);
      if (a.kind === 'bad') return waiting(stateOf(d, 'id', env), env, [text(BIND_TEXTS.idBad(a.message, a.masked))]);
      if (a.kind === 'declined') return { status: 'done', effects: [text(BIND_TEXTS.idRequired), { type: 'cancelTimer', key: NUDGE_TIMER }] };
      return ask(d, env, places, [], 'id');
    }
    case 'village': {
      const r = readVillage(input, places, d.offered);
      if (r.kind === 'one') return ask({ ...d, villageCode: r.code, offered: [] }, env, places, []);
      if (r.kind === 'choose') return ask({ ...d, offered: r.codes }, env, places, [], 'village');
      if (r.kind === 'town') return waiting(stateOf({ ...d, offered: [] }, 'village', env), env, [text(BIND_TEXTS.villageOfTown(regionName(places, r.townCode)))]);
      return waiting(stateOf({ ...d, offered: [] }, 'village', env), env, [text(BIND_TEXTS.villageNotFound)]);
    }
    case 'confirm': {
      const menuId = input.type === 'text' ? input.menuId : undefined;
      if (menuId === 'bind:yes' || parseYesNo(t) === 'yes' || /^(?:提交|确认提交)/.test(normalize(t))) return submit(d, env, places);
      if (menuId === 'bind:redo' || parseYesNo(t) === 'no' || /重新|不对|错/.test(t)) return ask({ ...d, name: null, idNumber: null, idTail: null }, env, places, []);
      return ask(d, env, places, [BIND_TEXTS.confirmHint], 'confirm');
    }
  }
}

export const bindFlow: Flow = {
  name: NAME,
  title: '绑定我家',
  version: VERSION,
  matches: (input, env) => {
    if (!isFarmer(env) || input.type !== 'text') return false;
    if (input.menuId) return input.menuId === 'bind';
    return classifyIntent(input.text, 'farmer').kind === 'bind_household';
  },
  start: begin,
  step,
};

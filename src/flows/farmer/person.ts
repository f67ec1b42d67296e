/**
 * 找人: a farmer can reach a person at any point — “人工”, “电话多少”, “网格员是谁”, “俺不识字”, or a
 * question the bot cannot answer. The farmer gets their grid worker's and village cadre's names
 * and working phones; those people get the farmer's words at once (command `farmer.ask_person`
 * keeps the trail). “没人来” about an open declaration is a complaint: the farmer is shown where
 * the declaration really stands, and the grid worker and the village are told, with the
 * declaration's reference and deadline (command `farmer.chase`).
 *
 * When the farmer's village is not known yet (no binding, no declaration, no poster), it asks
 * for it once; otherwise it never waits.
 *
 * @example
 *   personFlow.start({ type: 'text', text: '俺们村网格员是谁，电话多少' }, env)
 *   // done: '您村（高家堡镇凉水井村）的网格员王五，电话13900001111；村干部刘七，电话13900002222。…'
 */
import type { ConversationState, Effect, Env, Flow, Input, StepResult } from '../types.js';
import { isFarmer, reply, shortDay, text, textOf } from './common.js';
import type { FarmerContacts } from './data.js';
import { contactLine, noticeTo, passOnText } from './person-texts.js';
import { readVillage, villageLabel, villageMenu } from './places.js';
import { personAsk } from './questions.js';
import { describe, isOpen, stageText } from './status.js';

const NAME = 'farmer/person';
/** The router sends an unanswerable question here with this menu id. */
export const QUESTION_MENU_ID = 'person:question';

type Ask = 'person' | 'nobody_came' | 'question';

export const PERSON_TEXTS = {
  whichVillage: '请问您是哪个镇、哪个村？（比如：高家堡镇凉水井村）我好告诉您网格员的电话，并让他联系您。',
  villageAgain: '没找到这个村。请说镇和村的名字，比如：高家堡镇凉水井村。',
  nobody: '您村暂时还没有登记负责的干部，请联系村委会或镇政府。',
  cannotType: '不方便打字的话，直接打电话就行。',
  sorry: '让您久等了，很抱歉。',
};

function askOf(input: Input): Ask | null {
  if (input.type !== 'text') return null;
  if (input.menuId === QUESTION_MENU_ID) return 'question';
  if (input.menuId === 'person') return 'person';
  if (input.menuId) return null;
  return personAsk(input.text);
}

/** Asks for the farmer's village (once; again only when the answer named none). */
async function ask(words: string, kind: Ask, env: Env, offered: string[] = [], note?: string): Promise<StepResult> {
  const state: ConversationState = { flow: NAME, v: 1, node: 'village', data: { words, kind, offered }, waitingSince: env.now };
  const places = await env.data.farmerPlaces();
  return { status: 'waiting', state, effects: [offered.length ? reply(villageMenu(places, offered, '有几个村名字相近，请问是哪一个？')) : text(note ?? PERSON_TEXTS.whichVillage)] };
}

/** The farmer is given the people and they are told; `kind` decides the words. */
async function connect(contacts: FarmerContacts, words: string, kind: Ask, env: Env): Promise<StepResult> {
  const places = await env.data.farmerPlaces();
  const where = villageLabel(places, contacts.villageCode);
  if (contacts.people.length === 0) return { status: 'done', effects: [text(PERSON_TEXTS.nobody)] };
  const who = contactLine(contacts.people);
  const command: Effect = { type: 'command', command: { kind: 'farmer.ask_person', villageCode: contacts.villageCode, words, ask: kind } };
  if (kind === 'question') {
    return { status: 'done', effects: [command, text(`这个问题我答不准，${passOnText('问题', `您村（${where}）的${who}`)}`), ...noticeTo(contacts.people, '【农户提问，请解答】', words, env)] };
  }
  const lines = [`您村（${where}）的${who}。`, '已经告诉他们您在找人，他们会尽快联系您；着急的话可以直接打电话。'];
  if (/不识字|不会打字|打字慢|不会写字|看不懂/.test(words)) lines.push(PERSON_TEXTS.cannotType);
  return { status: 'done', effects: [command, text(lines.join('\n')), ...noticeTo(contacts.people, '【农户找人】', words, env)] };
}

/** “没人来” about an open declaration: its real state to the farmer, the grid worker and the village told. */
async function chase(words: string, env: Env): Promise<StepResult | null> {
  const open = (await env.data.myDeclarations()).filter(isOpen);
  const p = open[0];
  if (!p) return null;
  const contacts = await env.data.farmerContacts(p.villageCode);
  const people = contacts?.people ?? [];
  const effects: Effect[] = [
    { type: 'command', command: { kind: 'farmer.chase', ref: p.ref, words } },
    text([PERSON_TEXTS.sorry, describe(p), people.length ? passOnText('情况', `${contactLine(people)}，并报给了村里`) : PERSON_TEXTS.nobody].join('\n')),
    ...noticeTo(people, '【农户催办】', words, env, [`申报编号${p.ref}（${shortDay(p.declaredOn)}提交，认定时限${shortDay(p.deadline)}前）`, `当前进度：${stageText(p.stage)}`]),
  ];
  return { status: 'done', effects };
}

async function start(input: Input, env: Env): Promise<StepResult> {
  const kind = askOf(input) ?? 'person';
  const words = textOf(input) || '想找人';
  if (kind === 'nobody_came') {
    const chased = await chase(words, env);
    if (chased) return chased;
  }
  const contacts = await env.data.farmerContacts();
  return contacts ? connect(contacts, words, kind, env) : ask(words, kind, env);
}

async function step(state: ConversationState, input: Input, env: Env): Promise<StepResult> {
  const { words, kind, offered } = state.data as { words: string; kind: Ask; offered: string[] };
  if (input.type === 'timeout') return { status: 'waiting', state, effects: [] };
  const places = await env.data.farmerPlaces();
  const r = readVillage(input, places, offered);
  if (r.kind === 'choose') return ask(words, kind, env, r.codes);
  if (r.kind !== 'one') return ask(words, kind, env, [], PERSON_TEXTS.villageAgain);
  const contacts = await env.data.farmerContacts(r.code);
  return contacts ? connect(contacts, words, kind, env) : ask(words, kind, env, [], PERSON_TEXTS.villageAgain);
}

export const personFlow: Flow = {
  name: NAME,
  title: '找网格员',
  version: 1,
  matches: (input, env) => isFarmer(env) && askOf(input) !== null,
  start,
  step,
};

/**
 * What keeps a farmer's account from being lost: an unfinished declaration is a draft kept for
 * days (the flow's `keepMs`); after a day without being finished, what was said so far goes to
 * the village's grid worker and cadre as an unconfirmed lead (“农户未完成申报”, command
 * `farmer.unfinished`) so someone calls; and a farmer retelling the hardship of a declaration
 * still open has it added to that one (command `farmer.add_to_declaration`) instead of a second
 * lead with a second 15-day clock.
 *
 * @example
 *   handoff(d, env, places)   // sends to 王五 and 刘七: '【农户未完成申报】…', and tells the farmer
 */
import type { Region } from '../../domain/types.js';
import type { Effect, Env, Reply, StepResult } from '../types.js';
import { NUDGE_TIMER, quoteWords, reply, text } from './common.js';
import type { DeclarationProgress } from './data.js';
import { amountsLine, idLine, phoneLine, risksLine, type Draft } from './declaration.js';
import { villageLabel } from './places.js';
import { describe, isOpen } from './status.js';

/** An unfinished declaration is kept this long (then the conversation expires). */
export const DRAFT_KEEP_MS = 7 * 86_400_000;
/** After this long unfinished, what was said reaches the grid worker. */
export const HANDOFF_AFTER_MS = 86_400_000;
export const HANDOFF_TIMER = 'handoff';

export const DRAFT_TEXTS = {
  handedOff: (who: string) => `您的申报还没填完。为了不耽误，已先把您说的情况转给${who}，他会联系您。想接着填，回答下面的问题就行：`,
  handedOffNobody: '您的申报还没填完，想接着填，回答下面的问题就行：',
  joined: (ref: string, day: string) => `这件事已经补充到您${day}的申报（编号${ref}）里了，不用重新申报，也不重新计时；网格员会一并核实。`,
  openIntro: (ref: string, day: string) => `您${day}的申报（编号${ref}）还在办理中。有新情况请直接说，会补充到那份申报里。`,
  assistance: '您想申请低保或救助，也记下了，会一并转给网格员。',
  startOver: '好的，刚才说的不算，咱们重新来。',
  question: (q: string) => `您问的“${q}”记下了，会转给网格员，他上门时当面给您解答。`,
};

/** The farmer's newest open declaration, if any. */
export async function openDeclaration(env: Env): Promise<DeclarationProgress | null> {
  return (await env.data.myDeclarations()).find(isOpen) ?? null;
}

/** The notice of an unfinished declaration: everything said so far, marked unconfirmed. */
function unfinishedNotice(d: Draft, places: readonly Region[], env: Env): string {
  return [
    '【农户未完成申报】（未经农户确认，请电话或上门核实）',
    `申报人：${d.name ?? '未说'}（身份证${idLine(d)}，电话${phoneLine(d)}）`,
    `地址：${d.villageCode ? villageLabel(places, d.villageCode) : '未说'}`,
    `困难：${risksLine(d) || '未说明'}${d.amounts.length ? `；金额：${amountsLine(d)}` : ''}`,
    ...(d.assistance ? ['农户提出申请低保或救助。'] : []),
    ...(d.questions?.length ? [`农户问：${d.questions.map((q) => `“${quoteWords([q], 40)}”`).join('、')}`] : []),
    `农户原话：“${quoteWords(d.words, 120) || '（还没说）'}”`,
    `农户微信客服会话：${env.actor.sender.id.slice(-6)}。农户已经一天没有填完，请主动联系。`,
  ].join('\n');
}

/**
 * A day has passed unfinished: the grid worker and the village cadre get what was said, the farmer
 * is told so with the question again. `question` is the waiting question as it was asked.
 */
export async function handoff(d: Draft, env: Env, places: readonly Region[], question: Reply, next: Draft): Promise<Effect[]> {
  const route = d.villageCode ? await env.data.routeFarmerCase({ name: d.name ?? '', idTail: d.idTail, idNumber: d.idNumber, villageCode: d.villageCode }) : null;
  const workers = route?.workers ?? [];
  const gridWorker = workers.find((w) => w.role === 'grid_worker') ?? workers[0];
  const note = gridWorker ? DRAFT_TEXTS.handedOff(`网格员${gridWorker.name}`) : DRAFT_TEXTS.handedOffNobody;
  const asked: Reply = question.type === 'text' ? { type: 'text', text: `${note}\n${question.text}` } : question.type === 'menu' ? { ...question, head: `${note}\n${question.head}` } : question;
  if (d.words.length === 0 && !d.name) return [reply(asked)];
  const notice = unfinishedNotice(next, places, env);
  return [
    ...(route ? [{ type: 'command', command: { kind: 'farmer.unfinished', villageCode: route.placement.villageCode, words: d.words, name: d.name, workers } } satisfies Effect] : []),
    ...workers.map((w): Effect => ({ type: 'send', to: { channel: 'app', id: w.userId }, reply: { type: 'text', text: notice } })),
    reply(asked),
  ];
}

/** The account added to the farmer's open declaration `d.join`; the farmer and its workers told. */
export async function joinOpen(d: Draft, env: Env, places: readonly Region[]): Promise<StepResult> {
  const join = d.join!;
  const open = (await env.data.myDeclarations()).find((p) => p.ref === join.ref);
  const route = await env.data.routeFarmerCase({ name: join.name, idTail: null, idNumber: null, villageCode: join.villageCode });
  const workers = route?.workers ?? [];
  const words = d.words;
  const notice = [
    `【农户补充申报情况】编号${join.ref}（${villageLabel(places, join.villageCode)}，申报人${join.name}）`,
    `补充的困难：${risksLine(d) || '未说明'}${d.amounts.length ? `；金额：${amountsLine(d)}` : ''}`,
    ...(d.assistance ? ['农户提出申请低保或救助。'] : []),
    `农户原话：“${quoteWords(words, 120)}”`,
    '已并入原申报，不另立线索，认定时限不变。',
  ].join('\n');
  const day = open ? `${Number(open.declaredOn.slice(5, 7))}月${Number(open.declaredOn.slice(8, 10))}日` : '之前';
  return {
    status: 'done',
    effects: [
      { type: 'command', command: { kind: 'farmer.add_to_declaration', ref: join.ref, words, risks: d.risks, amounts: d.amounts, assistance: !!d.assistance } },
      ...workers.map((w): Effect => ({ type: 'send', to: { channel: 'app', id: w.userId }, reply: { type: 'text', text: notice } })),
      text([DRAFT_TEXTS.joined(join.ref, day), ...(d.assistance ? [DRAFT_TEXTS.assistance] : []), ...(open ? [describe(open)] : [])].join('\n')),
      { type: 'cancelTimer', key: NUDGE_TIMER },
      { type: 'cancelTimer', key: HANDOFF_TIMER },
    ],
  };
}

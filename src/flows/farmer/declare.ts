/**
 * 农户自主申报: a farmer (微信客服) tells what happened; the bot asks, one question at a time,
 * for what is missing — the account, the name, the 身份证号 or its tail (or none), a phone (or
 * none), the village (pre-filled from the poster's QR code or the farmer's binding) — shows a
 * summary to confirm or correct, and on 提交 opens the risk lead (command `farmer.declare`),
 * tells the responsible grid worker and village cadre at once, and gives the farmer a reference
 * number and what happens next. Declarations are never refused for want of registration.
 *
 * Details said early are taken when they come ("我是张三，电话138…，俺家老汉住院了"); a wrong
 * ID checksum is asked again with nothing lost; a reminder comes after 10 quiet minutes. An
 * answer that does not fit (an amount for the name) is refused with an example; a question
 * nobody answers here is kept for the grid worker. At the summary, every way of saying yes
 * submits and a change can be named. The draft lives 7 days, reaches the grid worker after one,
 * and a retelling while a declaration is open joins it (declare-draft.ts). A farmer bound to a
 * household is not asked their name again.
 *
 * @example
 *   declareFlow.start({ type: 'text', text: '俺家老汉住院了花了三万多咋办' }, env)
 *   // waiting at 'name': '记下了：因病（住院）。\n请问申报人叫什么名字？'
 */
import { maskText } from '../../domain/privacy.js';
import { shanghaiDay } from '../../domain/shanghai-days.js';
import type { Region } from '../../domain/types.js';
import { lastSaid } from '../understand/corrections.js';
import { classifyIntent, classifyRisks, normalize, parseYesNo, unclearClosures } from '../understand/index.js';
import type { ConversationState, Effect, Env, Flow, Input, Reply, StepResult } from '../types.js';
import { isFarmer, NUDGE_TIMER, quoteWords, readIdAnswer, readName, readPhoneAnswer, reply, riskLabels, shortDay, text, textOf, waiting, withoutNumbers } from './common.js';
import { acceptAsOther, addStory, draftSchema, emptyDraft, readWhose, riskTypesOf, suspectsSuddenHardship, withoutTakenBack, withoutWhose, withWhose, type Draft } from './declaration.js';
import { DRAFT_KEEP_MS, DRAFT_TEXTS, HANDOFF_AFTER_MS, HANDOFF_TIMER, handoff, joinOpen, openDeclaration } from './declare-draft.js';
import { looksLikeQuestion, soundsLikeHardship } from './questions.js';
import { confirmMenu, fixMenu, noticeText, question, subjectNoticeText, submittedText, submittedToSubjectText, TEXTS, type AskNode, type FIX_ITEMS } from './declare-texts.js';
import { isVillage, readVillage, regionName, villageLabel, villageNamedOutright } from './places.js';

const NAME = 'farmer/declare';
const VERSION = 1;
type Node = AskNode | 'confirm' | 'fix';

function nextNode(d: Draft): Node {
  // A shop closed whose owner the account did not tell is asked first (“饭店是您家自己开的，还是…打工？”).
  if (d.whose?.length) return 'whose';
  if (d.words.length === 0 || d.risks.length === 0) return 'story';
  if (!d.name) return 'name';
  if (!d.idNumber && !d.idTail && !d.idSkipped) return 'id';
  if (!d.phone && !d.phoneSkipped) return 'phone';
  if (!d.villageCode) return 'village';
  return 'confirm';
}

/** The question of `node` (or the summary, or the choice of what to fix), `notes` first. */
function render(d: Draft, node: Node, places: readonly Region[], notes: string[]): Reply {
  if (node === 'confirm') return confirmMenu(d, places, notes);
  if (node === 'fix') return fixMenu(notes);
  return question(node, d, places, notes);
}

/** Asks what is missing next (or shows the summary), with `notes` before the question. */
function advance(d: Draft, env: Env, places: readonly Region[], notes: string[], node: Node = nextNode(d)): StepResult {
  return waiting(stateOf(d, node, env), env, [reply(render(d, node, places, notes))]);
}

/** "我要申报", "有困难", a menu click: a request without an account of what happened. */
function isBareRequest(t: string): boolean {
  const rest = normalize(t).replace(/我要|我想|想要|要|申报|申请|帮扶|救助|求助|有困难|困难|帮帮我|帮忙|你好|您好|请问|一下|[,.!?。、~\s]/g, '');
  return rest.length <= 2;
}

/** A village named outright (its name or an alias, not a guess), for details said in passing. */
function villageSaid(t: string, places: readonly Region[]): string | null {
  return villageNamedOutright(t, places);
}

/**
 * Takes details said in passing (a phone, a valid ID, "我叫…", a village) into the empty fields,
 * except the one being asked (its own answer is read more carefully). Returns the notes to say.
 */
function absorb(d: Draft, t: string, asking: Node, places: readonly Region[], overwrite = false): { d: Draft; notes: string[] } {
  const notes: string[] = [];
  let next = d;
  const phone = readPhoneAnswer(t);
  if (asking !== 'phone' && phone.kind === 'ok' && (overwrite || !next.phone)) {
    next = { ...next, phone: phone.value, phoneSkipped: false };
    notes.push(TEXTS.phoneKept(phone.masked));
  }
  const id = readIdAnswer(t);
  if (asking !== 'id' && id.kind === 'full' && (overwrite || (!next.idNumber && !next.idTail))) {
    next = { ...next, idNumber: id.value, idTail: id.tail, idSkipped: false };
    notes.push(TEXTS.idKept(id.masked));
  }
  const name = readName(t, true, places.map((p) => p.name));
  if (asking !== 'name' && name && (overwrite || !next.name)) next = { ...next, name };
  const village = villageSaid(t, places);
  // The farmer's own village said outright (“俺是马家沟村的”) outweighs the poster they scanned.
  const overPoster = next.villageFrom === 'entry' && village !== next.villageCode && village !== null && saysOwnVillage(t, places, village);
  if (asking !== 'village' && village && (overwrite || !next.villageCode || overPoster)) {
    next = { ...next, villageCode: village, villageFrom: 'said', offered: [] };
    if (overPoster) notes.push(TEXTS.villageKept(villageLabel(places, village)));
  }
  return { d: next, notes };
}

/**
 * Whether the words give the village as the farmer's own — “俺是马家沟村的”, “我家在马家沟”, “住马家沟村” —
 * and not as a place in the account (“娃在马家沟村上学”).
 */
function saysOwnVillage(t: string, places: readonly Region[], code: string): boolean {
  const name = places.find((p) => p.code === code)?.name;
  if (!name) return false;
  const short = name.replace(/村$/, '');
  const own = new RegExp(`(?:(?:俺|我|咱)(?:们|家)?(?:是|在|住在?)|(?:家|住)(?:在|是)?)(?:${short})(?:村)?(?=的|人|$|[，。,\\s])`);
  return own.test(normalize(t).trim());
}

async function begin(input: Input, env: Env): Promise<StepResult> {
  const [places, profile, open] = await Promise.all([env.data.farmerPlaces(), env.data.farmerProfile(), openDeclaration(env)]);
  let d = emptyDraft();
  if (profile.bound && isVillage(places, profile.bound.villageCode)) {
    // A farmer bound to a household gave their name (and ID tail) when binding: not asked again.
    d = { ...d, villageCode: profile.bound.villageCode, villageFrom: 'bound', name: profile.bound.name ?? null, idTail: profile.bound.idTail ?? null };
  } else if (profile.entryVillage && isVillage(places, profile.entryVillage)) d = { ...d, villageCode: profile.entryVillage, villageFrom: 'entry' };
  if (open) d = { ...d, join: { ref: open.ref, villageCode: open.villageCode, name: open.declarantName } };
  const handoffTimer: Effect = { type: 'timer', key: HANDOFF_TIMER, dueAt: env.now + HANDOFF_AFTER_MS };
  const t = textOf(input);
  const started = async (): Promise<StepResult> => {
    if (t === null || input.type !== 'text' || input.menuId || isBareRequest(t)) {
      const intro = open ? DRAFT_TEXTS.openIntro(open.ref, shortDay(open.declaredOn)) : d.villageCode ? `好的，帮您登记困难（${villageLabel(places, d.villageCode)}）。` : '好的，帮您登记困难。';
      return advance(d, env, places, [intro]);
    }
    const taken = absorb(d, t, 'story', places);
    return onStory(taken.d, t, env, places, taken.notes);
  };
  const r = await started();
  return r.status === 'waiting' ? { ...r, effects: [...r.effects, handoffTimer] } : r;
}

function onStory(d0: Draft, t: string, env: Env, places: readonly Region[], notes: string[]): Promise<StepResult> | StepResult {
  const d = addStory(d0, t);
  const asked = d.assistance && !d0.assistance ? [DRAFT_TEXTS.assistance] : [];
  // Whose the closed shop was is asked before anything else; what was understood besides is said first.
  if (d.whose?.length) return advance(d, env, places, [...notes, ...(d.risks.length > 0 ? [TEXTS.understood(riskLabels(riskTypesOf(d)))] : []), ...asked], 'whose');
  if (d.risks.length === 0 && d.storyTries === 0) return waiting(stateOf({ ...d, storyTries: 1 }, 'story', env), env, [text([...notes, ...asked, TEXTS.storyAgain].join('\n'))]);
  return understoodStory(d, env, places, [...notes], asked);
}

/** The account read: what was understood said (or that it was kept as told), then the next question. */
function understoodStory(d0: Draft, env: Env, places: readonly Region[], notes: string[], asked: string[] = []): Promise<StepResult> | StepResult {
  const understood = d0.risks.length > 0 ? TEXTS.understood(riskLabels(riskTypesOf(d0))) : TEXTS.storyKept;
  const d = acceptAsOther(d0);
  // A retelling while a declaration is open joins it: one lead, one clock, one notice.
  if (d.join) return joinOpen(d, env, places);
  return advance(d, env, places, [...notes, understood, ...asked]);
}

/** Hardship said without a cause ("日子过不下去了"): an account, even when it ends with "咋办". */
const HARDSHIP = /过不下去|活不下去|没法过|揭不开锅|困难|难|没钱|没饭|穷|病|伤|灾|塌|漏|欠/;

/** Words that are an amount or a number, not a name ("五万", "3000块"); "钱六" and "万三" are names. */
const NUMBERISH = /^[0-9零〇一二两三四五六七八九十百千]+[万千百]?(?:多|余|来)?(?:块|元|块钱)?$/;

/** Whose the closed place was: answered, the next one or the next question; twice not understood, left to the grid worker. */
function onWhose(d: Draft, t: string, env: Env, places: readonly Region[], notes: string[]): Promise<StepResult> | StepResult {
  const whose = readWhose(t);
  if (whose) {
    const next = withWhose(addStory(d, t), whose);
    return next.whose?.length ? advance(next, env, places, notes, 'whose') : understoodStory(next, env, places, notes);
  }
  if ((d.whoseTries ?? 0) >= 1) {
    const next = withoutWhose(d);
    return next.whose?.length ? advance(next, env, places, [...notes, TEXTS.whoseLeft], 'whose') : understoodStory(next, env, places, [...notes, TEXTS.whoseLeft]);
  }
  return advance({ ...d, whoseTries: (d.whoseTries ?? 0) + 1 }, env, places, [...notes, TEXTS.whoseUnclear], 'whose');
}

function onName(d: Draft, t: string, env: Env, places: readonly Region[], notes: string[]): StepResult {
  const said = normalize(t).replace(/\s+/g, '');
  // “杨秀英 610821…”: the ID (or phone) pasted with the name was taken by `absorb`; the name is the rest.
  const bare = withoutNumbers(t);
  const name = NUMBERISH.test(said) ? null : (readName(t, false, places.map((p) => p.name)) ?? (bare && bare !== normalize(t).trim() ? readName(bare, false, places.map((p) => p.name)) : null));
  if (!name) return advance(d, env, places, [...notes, NUMBERISH.test(said) ? TEXTS.nameNotAmount : TEXTS.nameUnclear], 'name');
  return advance({ ...d, name }, env, places, notes);
}

function onId(d: Draft, t: string, env: Env, places: readonly Region[], notes: string[]): StepResult {
  const a = readIdAnswer(t);
  switch (a.kind) {
    case 'full':
      return advance({ ...d, idNumber: a.value, idTail: a.tail, idSkipped: false }, env, places, [...notes, TEXTS.idKept(a.masked)]);
    case 'tail':
      return advance({ ...d, idNumber: null, idTail: a.tail, idSkipped: false }, env, places, [...notes, TEXTS.tailKept(a.tail)]);
    case 'declined':
      return advance({ ...d, idNumber: null, idTail: null, idSkipped: true }, env, places, [...notes, TEXTS.idSkipped]);
    case 'bad':
      // Re-asked as a note only: the question would repeat what the note says.
      return waiting(stateOf(d, 'id', env), env, [text([...notes, TEXTS.idBad(a.message, a.masked)].join('\n'))]);
    case 'unclear':
      return waiting(stateOf(d, 'id', env), env, [text([...notes, TEXTS.idUnclear].join('\n'))]);
  }
}

function onPhone(d: Draft, t: string, env: Env, places: readonly Region[], notes: string[]): StepResult {
  const a = readPhoneAnswer(t);
  switch (a.kind) {
    case 'ok':
      return advance({ ...d, phone: a.value, phoneSkipped: false }, env, places, [...notes, TEXTS.phoneKept(a.masked)]);
    case 'declined':
      return advance({ ...d, phone: null, phoneSkipped: true }, env, places, [...notes, TEXTS.phoneSkipped]);
    case 'bad':
      return waiting(stateOf(d, 'phone', env), env, [text([...notes, TEXTS.phoneBad(a.message)].join('\n'))]);
    case 'unclear':
      return waiting(stateOf(d, 'phone', env), env, [text([...notes, TEXTS.phoneUnclear].join('\n'))]);
  }
}

function onVillage(d: Draft, input: Input, env: Env, places: readonly Region[], notes: string[]): StepResult {
  const r = readVillage(input, places, d.offered);
  switch (r.kind) {
    case 'one':
      return advance({ ...d, villageCode: r.code, villageFrom: 'said', offered: [] }, env, places, [...notes, TEXTS.villageKept(villageLabel(places, r.code))]);
    case 'choose':
      return advance({ ...d, offered: r.codes }, env, places, notes, 'village');
    case 'town':
      return waiting(stateOf({ ...d, offered: [] }, 'village', env), env, [text([...notes, TEXTS.villageOfTown(regionName(places, r.townCode))].join('\n'))]);
    case 'none':
      return waiting(stateOf({ ...d, offered: [] }, 'village', env), env, [text([...notes, TEXTS.villageNotFound(Array.from(maskText(textOf(input) ?? '')).slice(0, 12).join(''))].join('\n'))]);
  }
}

const FIX_WORDS: Array<[RegExp, (typeof FIX_ITEMS)[number]['id']]> = [
  [/身份证|证号/, 'fix:id'],
  [/电话|手机/, 'fix:phone'],
  [/名字|姓名|叫/, 'fix:name'],
  [/村|镇|地址|住址/, 'fix:village'],
  [/困难|情况|重新说|事/, 'fix:story'],
];

function clearField(d: Draft, fix: string): Draft {
  switch (fix) {
    case 'fix:story':
      return { ...d, words: [], risks: [], amounts: [], storyTries: 0, whose: [], whoseTries: 0 };
    case 'fix:name':
      return { ...d, name: null };
    case 'fix:id':
      return { ...d, idNumber: null, idTail: null, idSkipped: false };
    case 'fix:phone':
      return { ...d, phone: null, phoneSkipped: false };
    default:
      return { ...d, villageCode: null, villageFrom: null, offered: [] };
  }
}

/**
 * "以上对吗？" answered yes in any of the ways people say it: 对, 没有 (nothing wrong), 没问题, 可以,
 * 提交, 都对, 好了, 不用改, "对，提交" — each part of the answer must say so.
 */
const SUBMIT = /^(?:对|对的|对着呢|是|是的|嗯|嗯嗯|没有|没|没错|没问题|可以|行|好|好的|好了|提交|提交吧|确认|确定|都对|全对|都对的|不用改|不用改了|不改了|不需要改|不用了|就这样|就这些|没啥要改的|没有要改的|没有了|确认提交|确定提交|提交申报|ok)(?:了|的|吧|啊|呀|哈)?$/i;

export function saysSubmit(t: string): boolean {
  const parts = normalize(t).toLowerCase().split(/[\s,，.。!！~～、]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => SUBMIT.test(p));
}

/** “刚才名字写错了，应该是郝强”, “名字改成…”: the corrected name, else null. */
function renamedIn(t: string): string | null {
  if (!/名字|姓名/.test(t)) return null;
  const m = /(?:应该是|应该叫|改成|改为|改叫|是|叫|为|[:：])\s*([\u4e00-\u9fa5·]{2,4})[。.!！]?$/.exec(normalize(t).trim());
  return m ? readName(m[1] as string) : null;
}

/** “刚才…错了”, “不对，…”, “…改成…”: words that correct an earlier answer. */
const CORRECTING = /错了|写错|说错|打错|填错|不对|改成|改为|应该是|更正/;

/**
 * An earlier answer corrected while another question waits (“刚才名字写错了，应该是郝强”, “不对，电话是…”):
 * the draft with the correction, or null when the words correct nothing already answered.
 */
function correctedEarlier(d: Draft, t: string, node: AskNode, places: readonly Region[]): Draft | null {
  if (!CORRECTING.test(t)) return null;
  const renamed = node !== 'name' ? renamedIn(t) : null;
  const next = absorb(renamed ? { ...d, name: renamed } : d, t, node, places, true).d;
  return JSON.stringify(next) !== JSON.stringify(d) ? next : null;
}

/** “重来”, “重新填”: the farmer starts the declaration over. */
const START_OVER = /^(?:重来|重新来|重新填|重新报|重新申报|从头来|从头开始|重新开始|从新来)(?:吧|一遍|一次|一下)?$/;

/** “返回”, “回去”: back from the choice of what to change to the summary. */
const GO_BACK = /^(?:返回|回去|退回|上一步|返回上一步|回到上一步)$/;

/** At the summary: a correction ("电话错了，是139…"), more of the account, 提交, or 改. */
async function onConfirm(d: Draft, input: Input, env: Env, places: readonly Region[]): Promise<StepResult> {
  const t = textOf(input) ?? '';
  if (input.type === 'text' && input.menuId === 'declare:yes') return submit(d, env, places);
  if (input.type === 'text' && input.menuId === 'declare:fix') return advance(d, env, places, [], 'fix');
  if (input.type === 'text' && !input.menuId && saysSubmit(t)) return submit(d, env, places);
  const corrected = absorb(d, t, 'confirm', places, true);
  const bad = readIdAnswer(t);
  if (bad.kind === 'bad') return advance(d, env, places, [TEXTS.idBad(bad.message, bad.masked)], 'confirm');
  const renamed = /(?:名字|姓名)/.test(t) ? readName(t.replace(/^.*?(?:名字|姓名)(?:应该)?(?:是|叫|为|:|：)?/, '')) : null;
  const fixed = renamed ? { ...corrected.d, name: renamed } : corrected.d;
  if (JSON.stringify(fixed) !== JSON.stringify(d)) return advance(fixed, env, places, [TEXTS.corrected], 'confirm');
  // “不对 房子没事 就是老汉住院”: a hardship taken back is dropped, never added again.
  const lessened = withoutTakenBack(d, t);
  if (lessened) return advance(lessened, env, places, [TEXTS.corrected], 'confirm');
  if (classifyRisks(t).length > 0 || unclearClosures(t).length > 0) {
    const more = addStory(d, t);
    return advance(more, env, places, [TEXTS.added], more.whose?.length ? 'whose' : 'confirm');
  }
  const yes = parseYesNo(t);
  if (yes === 'yes' || /^(?:提交|确认提交|确定提交|对[,，]?提交|没问题|就这样)/.test(normalize(t))) return submit(d, env, places);
  const fix = FIX_WORDS.find(([re]) => re.test(t));
  if (fix) return advance(clearField(d, fix[1]), env, places, []);
  if (yes === 'no' || /改|不对|错/.test(t)) return advance(d, env, places, [], 'fix');
  return advance(d, env, places, [TEXTS.confirmHint], 'confirm');
}

function onFix(d: Draft, input: Input, env: Env, places: readonly Region[]): Promise<StepResult> | StepResult {
  const t = textOf(input) ?? '';
  if (input.type === 'text' && (input.menuId === 'declare:yes' || (!input.menuId && saysSubmit(t)))) return submit(d, env, places);
  const clicked = input.type === 'text' && input.menuId?.startsWith('fix:') ? input.menuId : null;
  const said = clicked ?? FIX_WORDS.find(([re]) => re.test(t))?.[1] ?? null;
  const corrected = absorb(d, t, 'fix', places, true);
  if (!said && JSON.stringify(corrected.d) !== JSON.stringify(d)) return advance(corrected.d, env, places, [TEXTS.corrected], 'confirm');
  if (!said && GO_BACK.test(normalize(t).replace(/[。.!！\s]+/g, ''))) return advance(d, env, places, [], 'confirm');
  if (!said) return advance(d, env, places, [], 'fix');
  return advance(clearField(d, said), env, places, []);
}

async function submit(d: Draft, env: Env, places: readonly Region[]): Promise<StepResult> {
  const villageCode = d.villageCode as string;
  const route = await env.data.routeFarmerCase({ name: d.name ?? '', idTail: d.idTail, idNumber: d.idNumber, villageCode });
  if (!route) return advance({ ...d, villageCode: null, villageFrom: null }, env, places, [TEXTS.villageGone]);
  const facts = await env.data.farmerPolicyFacts();
  const ref = env.newId('SB').toUpperCase();
  const today = shanghaiDay(env.now);
  const sudden = suspectsSuddenHardship(d, facts.suddenHintMinYuan);
  const monitored = !!route.openSubject;
  const notice = monitored ? subjectNoticeText(d, ref, route, places) : noticeText(d, ref, route, places, facts, today, sudden);
  const effects: Effect[] = [
    {
      type: 'command',
      command: {
        kind: 'farmer.declare', ref, name: d.name ?? '', idNumber: d.idNumber, idTail: d.idTail, phone: d.phone, placement: route.placement, householdId: route.householdId,
        words: d.words, risks: d.risks, amounts: d.amounts, suddenHardship: sudden, workers: route.workers, openKfId: env.actor.sender.openKfId ?? null,
      },
    },
    ...route.workers.map((w): Effect => ({ type: 'send', to: { channel: 'app', id: w.userId }, reply: { type: 'text', text: notice } })),
    text([monitored ? submittedToSubjectText(ref, route, d) : submittedText(ref, route, facts, today), ...(d.assistance ? [DRAFT_TEXTS.assistance] : [])].join('\n')),
    { type: 'cancelTimer', key: NUDGE_TIMER },
    { type: 'cancelTimer', key: HANDOFF_TIMER },
  ];
  return { status: 'done', effects };
}

/** Whether the text answers the question of `node` (rightly or wrongly, e.g. a bad checksum). */
function answers(node: AskNode, input: Input, places: readonly Region[], d: Draft): boolean {
  const t = textOf(input) ?? '';
  switch (node) {
    case 'story':
      return true;
    case 'whose':
      return readWhose(t) !== null;
    case 'name':
      return readName(t, false, places.map((p) => p.name)) !== null;
    case 'id':
      return readIdAnswer(t).kind !== 'unclear';
    case 'phone':
      return readPhoneAnswer(t).kind !== 'unclear';
    case 'village':
      return readVillage(input, places, d.offered).kind !== 'none';
  }
}

function stateOf(d: Draft, node: Node, env: Env): ConversationState {
  return { flow: NAME, v: VERSION, node, data: d as unknown as Record<string, unknown>, waitingSince: env.now };
}

async function step(state: ConversationState, input: Input, env: Env): Promise<StepResult> {
  const parsed = draftSchema.safeParse(state.data);
  const places = await env.data.farmerPlaces();
  if (!parsed.success) return begin({ type: 'text', text: '', menuId: 'declare' }, env);
  const d = parsed.data;
  const node = state.node as Node;
  if (input.type === 'timeout') {
    if (input.key === HANDOFF_TIMER && !d.handedOff) {
      const next = { ...d, handedOff: true };
      return { status: 'waiting', state: stateOf(next, node, env), effects: await handoff(d, env, places, render(d, node, places, []), next) };
    }
    // Same state, so the dispatcher keeps the original question for “继续”.
    if (input.key !== NUDGE_TIMER) return { status: 'waiting', state, effects: [] };
    return { status: 'waiting', state, effects: [reply(render(d, node, places, [TEXTS.nudge]))] };
  }
  if (input.type !== 'text') return advance(d, env, places, [input.type === 'event' ? TEXTS.stillOpen : TEXTS.textOnly], node);
  if (!input.menuId && START_OVER.test(normalize(input.text).replace(/[。.!！~\s]+/g, ''))) {
    // What was said is dropped; the village of the poster or the binding stays.
    const kept = d.villageFrom === 'said' ? {} : { villageCode: d.villageCode, villageFrom: d.villageFrom };
    const fresh: Draft = { ...emptyDraft(), ...kept, ...(d.villageFrom === 'bound' ? { name: d.name, idTail: d.idTail } : {}), ...(d.join ? { join: d.join } : {}), ...(d.handedOff ? { handedOff: true } : {}) };
    return advance(fresh, env, places, [DRAFT_TEXTS.startOver]);
  }
  if (node === 'confirm') return onConfirm(d, input, env, places);
  if (node === 'fix') return onFix(d, input, env, places);
  const fixed = node !== 'story' ? correctedEarlier(d, input.text, node, places) : null;
  if (fixed) return advance(fixed, env, places, [TEXTS.corrected], node);
  const taken = absorb(d, input.text, node, places);
  // More of the account instead of the answer ("老伴腿也摔断了" when asked for the name): kept, and asked again.
  if (node !== 'story' && !answers(node, input, places, d) && classifyRisks(input.text).length > 0) {
    return advance(addStory(taken.d, input.text), env, places, [...taken.notes, TEXTS.added], node);
  }
  // A question nobody could answer here: kept for the grid worker, and the question asked again.
  // (At the account, a question about hardship — "日子过不下去了咋办" — is the account.)
  const asking = node === 'story' ? classifyRisks(input.text).length === 0 && !HARDSHIP.test(input.text) : !answers(node, input, places, d);
  if (asking && looksLikeQuestion(input.text)) {
    return advance({ ...taken.d, questions: [...(taken.d.questions ?? []), input.text] }, env, places, [...taken.notes, DRAFT_TEXTS.question(quoteWords([input.text], 30))], node);
  }
  // A mind changed inside the answer (“13812340000 哦不对 是13812340001”): what follows the last turn-back.
  const said = lastSaid(input.text);
  switch (node) {
    case 'story':
      return onStory(taken.d, input.text, env, places, taken.notes);
    case 'whose':
      return onWhose(taken.d, said, env, places, taken.notes);
    case 'name':
      return onName(taken.d, said, env, places, taken.notes);
    case 'id':
      return onId(taken.d, said, env, places, taken.notes);
    case 'phone':
      return onPhone(taken.d, said, env, places, taken.notes);
    case 'village':
      return onVillage(taken.d, input, env, places, taken.notes);
  }
}

export const declareFlow: Flow = {
  name: NAME,
  title: '申报困难',
  version: VERSION,
  // An unfinished declaration is a draft: kept for days, resumed with “继续” (see declare-draft.ts).
  keepMs: DRAFT_KEEP_MS,
  matches: (input, env) => {
    if (!isFarmer(env) || input.type !== 'text') return false;
    if (input.menuId) return input.menuId === 'declare';
    return classifyIntent(input.text, 'farmer').kind === 'declare' || soundsLikeHardship(input.text);
  },
  start: begin,
  step,
};

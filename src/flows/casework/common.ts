/**
 * What the casework flows share: their command words, the notices that tell everyone concerned
 * (the household's contact cadre, the village, the town — and the city when it is next), and the
 * one-line label of a case on a card.
 *
 * @example
 *   casework('风险消除 张三')        // { word: '风险消除', rest: '张三' }
 *   notify(['liucun', 'zhaozhen'], env, '张三户风险消除申请已提交…')   // one `send` each, never to the asker
 */
import { CATEGORY } from '../../domain/catalog.js';
import { payloadLabel } from '../../domain/case-request.js';
import type { Effect, Env, Input, StepResult } from '../types.js';
import { normalize } from '../understand/index.js';
import { startsWithSurname } from '../understand/names.js';
import { dayLabel, done, say } from '../field/common.js';
import type { CaseItem } from './data.js';

const WORDS = /^(镇街审核|待审核|市级审批|待审批|审批公告|风险消除|申请风险消除|自然消除|清退|申请清退)(?:[\s:：,，]+(.*))?$/;
// The queue's word said shorter or as the level says it (“审核 张三 同意”, “镇里审核 张三 通过”, “审批 张三 批准”), a household after it.
const WORDS_SHORT = /^(?:(镇里|镇上|镇街)?审核|(市里|市级)?审批)[\s:：,，]+([\u4e00-\u9fa5·]{2,4}(?:家|户|那户)?(?:[\s,，]+.*)?)$/;
// A village's request said with the household first: “王在田家想申请风险消除”, “折二娃户申请清退”.
// What follows a separator is the reason, asked again by the flow (“刘军家要清退 当时纳入的时候收入算错了”).
const TOLD = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户)(?:想|要|准备|打算)?(?:申请)?(风险消除|自然消除|清退)(?:一下)?(?:[\s,，。;；]+.*)?$/;
// The risk said to be gone, then asked to be closed (“马有福家风险已经消除了 申请销号”): a 风险消除 request.
// …or the reason first and the request last (“郝在明家收入超标了 得清退”).
const TOLD_LAST = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户)[^\s,，。;；]{1,16}[\s,，。;；]+(?:得|要|该|应该|需要|准备|只能)?(?:申请)?(风险消除|自然消除|清退)(?:了|吧|一下)?$/;
// A decision told with the household first (“石门村石秀英那户审核通过”, “石秀英家市里审批同意了”): the
// queue's flow, with the household and the decision as what followed its word. Not a question.
const DECIDED = /^(?:[\u4e00-\u9fa5]{2,5}?(?:村|社区))?([\u4e00-\u9fa5·]{2,4}?)(?:家|户|那户|这户|那家)(?:的)?(?:(镇街|镇里|镇上|乡里)?(审核)|(市里|市级|市局)?(审批))(?:也|已经|已)?(通过|同意|不通过|不同意|退回|驳回)(?:了)?$/;
// A return said by the official who decides, the household first, without the queue's word
// (“刘有才家退回 材料不全 承诺书没签”): the queue of the speaker's level, the reason after it.
const RETURNED = /^(?:[\u4e00-\u9fa5]{2,5}?(?:村|社区))?([\u4e00-\u9fa5·]{2,4}?)(?:家|户|那户|这户|那家)(?:的)?(?:先)?(退回|驳回|不同意|不通过|同意|通过|批准)(?:去)?(?:了|吧)?(?:[\s,，。;；:：]+(.*))?$/;
// …or the decision first (“同意张三家”, “退回王大山户 材料不全”).
const DECIDED_FIRST = /^(退回|驳回|不同意|同意|通过|批准)\s*([\u4e00-\u9fa5·]{2,4}?)(?:家|户|那户)(?:[\s,，。;；:：]+(.*))?$/;
const TAKEN_BACK = /(?:不对|说错了|不是)[\s,，]*(?:还)?(?:没有|没)(?:消除|清退)?$/;
const TURNED = /(?:不对|说错了|不是)[\s,，]*(?:是|应该是)?(?:申请)?(风险消除|自然消除|清退)$/;
const QUEUE_OF_ROLE: Partial<Record<string, string>> = { town_official: '镇街审核', city_bureau: '市级审批' };
const GONE = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户)(?:的)?风险(?:已经|已|都)?(?:消除|解除)了?(?:[\s,，。;；]+.*)?$/;

/**
 * The buttons of the pushed cards that open a queue (src/flows/casework/queue-card.ts): pressing
 * one is saying its word, so the same flow starts whether the official types or presses.
 */
export const QUEUE_BUTTON = { town: 'casework:town_review', city: 'casework:city_approval' } as const;
const BUTTON_WORD: Readonly<Record<string, string>> = { [QUEUE_BUTTON.town]: '镇街审核', [QUEUE_BUTTON.city]: '市级审批' };

/**
 * A question about what waits for review or approval (“有几户等着镇里审核的”, “要审批的有哪些”,
 * “审核清单发我”): the queue's word. 审批 is the city's step, 审核 the town's.
 */
const ASKED_QUEUE: Array<[RegExp, string]> = [
  [/(?:等|待|要|需|该|排队)(?:着)?(?:市里?|市级|市局|我们|咱们?)?(?:来|去)?审批|(?:等|待|要|需|该)(?:着)?(?:市里?|市级|市局)(?:来|去)?批(?!评)|审批的|审批(?:待办|清单|列表|名单|任务)|(?:几|多少)(?:户|件|个).{0,8}审批/, '市级审批'],
  [/(?:等|待|要|需|该|排队)(?:着)?(?:镇里?|镇街|乡里?|我们|咱们?)?(?:来|去)?审核|^(?!.*(?:附件|表|周报|数据)).*(?:报上来的.{0,8}(?:我|俺|咱)?(?:来)?审|(?:我|俺|咱)(?:来)?审(?:一下|下|审))|审核的|审核(?:待办|清单|列表|名单|任务)|(?:几|多少)(?:户|件|个).{0,8}审核/, '镇街审核'],
];

/** A queue named first, then asked after (“市级审批还有几户没批”, “镇街审核有几件”, “审批的现在有多少”). */
const NAMED_THEN_ASKED = /^(市级审批|市里审批|审批|镇街审核|镇上审核|镇里审核|审核)(?:的)?(?:现在|目前|今天)?(?:还)?(?:有|剩|剩下|差)?(?:几|多少|哪些|啥)(?:户|件|个|家|条)?(?:没批|没审|待批|待审|要批|要审|没有批|没有审|等着)?(?:的)?(?:了)?(?:吗|呢|啊)?[?？]?$/;

/** The casework command in an app text (or a queue card's button), and what followed it; null otherwise. */
export function casework(input: Input, env: Env): { word: string; rest: string } | null {
  if (env.actor.sender.channel !== 'app') return null;
  if (input.type === 'card') {
    const word = BUTTON_WORD[input.eventKey];
    return word ? { word, rest: '' } : null;
  }
  if (input.type !== 'text') return null;
  const t = normalize(input.text).replace(/[。.!]+$/, '').trim();
  const m = WORDS.exec(t);
  if (m) return { word: m[1] as string, rest: (m[2] ?? '').trim() };
  const named = NAMED_THEN_ASKED.exec(t.replace(/\s+/g, ''));
  if (named) return { word: (named[1] as string).endsWith('审批') ? '市级审批' : '镇街审核', rest: '' };
  // A request taken back (“张三家风险已经消除了 不对 还没有”) is none; one turned into another
  // (“张三家要清退 不是 是风险消除”) is the one said last.
  if (TAKEN_BACK.test(t)) return null;
  const turned = TURNED.exec(t);
  const told = TOLD.exec(t) ?? TOLD_LAST.exec(t);
  if (told) return { word: turned ? (turned[1] as string) : (told[2] as string), rest: told[1] as string };
  const short = WORDS_SHORT.exec(t);
  if (short) return { word: short[2] !== undefined || (short[1] === undefined && /^审批/.test(t)) ? '市级审批' : '镇街审核', rest: (short[3] as string).trim() };
  // The decision said by the official who makes it, with the household, without the queue's word.
  const level = QUEUE_OF_ROLE[env.actor.staff?.role ?? ''];
  const returned = RETURNED.exec(t);
  if (returned && level) return { word: level, rest: `${returned[1] as string} ${returned[2] as string} ${returned[3] ?? ''}`.trim() };
  const first = DECIDED_FIRST.exec(t);
  if (first && level) return { word: level, rest: `${first[2] as string} ${first[1] as string} ${first[3] ?? ''}`.trim() };
  const gone = GONE.exec(t);
  if (gone) return { word: '风险消除', rest: gone[1] as string };
  // The decision in the first words, a reason after them (“张三家审核不通过 收入超了”).
  const [head = '', ...tail] = t.split(/\s+/);
  const decided = DECIDED.exec(t.replace(/\s+/g, '')) ?? DECIDED.exec(head);
  const after = DECIDED.exec(t.replace(/\s+/g, '')) ? '' : tail.join(' ');
  if (decided) return { word: decided[3] ? '镇街审核' : '市级审批', rest: `${decided[1] as string} ${decided[6] as string} ${after}`.trim() };
  // A question with a household's decision in it (“张三家审核通过了吗”) is not a request for the queue.
  if (/通过|同意|退回|驳回/.test(t)) return null;
  const asked = ASKED_QUEUE.find(([re]) => re.test(t));
  return asked ? { word: asked[1], rest: '' } : null;
}

/**
 * The household and decision said with a queue's word (“镇街审核 石秀英 同意”, “石秀英那户审核通过”):
 * the queue's items with that household first, and the decision in the words the queue's own
 * question reads (`yes`/`no` said first, the rest the reason). `missing` when no case of the queue
 * is that household's; null when nothing was named.
 */
export function namedInQueue<T extends Pick<CaseItem, 'headName'>>(rest: string, items: readonly T[], words: { yes: string; no: string }): { items: T[]; answer: string | null } | { missing: string } | null {
  const m = /^([\u4e00-\u9fa5·]{2,4}?)(?:家|户|那户|这户)?(?:[\s,，]*(同意|通过|批准|不通过|不同意|不批准|退回|驳回)[\s,，:：]*(.*))?$/.exec(normalize(rest).trim());
  if (!m) return null;
  const name = m[1] as string;
  if (!startsWithSurname(name)) return null;
  const at = items.findIndex((item) => item.headName === name);
  if (at < 0) return { missing: name };
  const reordered = [items[at] as T, ...items.filter((_, k) => k !== at)];
  const verdict = m[2];
  if (!verdict) return { items: reordered, answer: null };
  const yes = ['同意', '通过', '批准'].includes(verdict);
  return { items: reordered, answer: `${yes ? words.yes : words.no} ${m[3] ?? ''}`.trim() };
}

/** How a queue flow opens its queue (`openQueue`): its name, its verb, its state and its steps. */
export interface QueueOpening<D> {
  items: CaseItem[];
  /** What followed the queue's word (`casework(…).rest`): a household, maybe with its decision. */
  rest: string;
  /** 镇街审核 or 市级审批. */
  queue: string;
  /** 审 (town) or 批 (city): “先审石秀英户”, “下面逐户审核”. */
  verb: '审' | '批';
  /** The queue's own words for yes and no. */
  words: { yes: string; no: string };
  /** Said when nothing waits. */
  empty: string;
  start(items: CaseItem[]): D;
  ask(data: D, lead: Effect[]): StepResult;
  decide(data: D, input: Input): Promise<StepResult>;
}

/**
 * The queue: nothing waiting, or its first case — the household named with the word first
 * (“镇街审核 石秀英 同意”, “石秀英那户审核通过”), with its decision taken when one was said.
 */
export async function openQueue<D>(o: QueueOpening<D>): Promise<StepResult> {
  const named = namedInQueue(o.rest, o.items, o.words);
  const absent = named && 'missing' in named ? `${named.missing}户不在待${o.queue}的名单上。` : '';
  if (o.items.length === 0) return done(say(`${absent}${o.empty}`));
  const count = `待${o.queue}${o.items.length}件`;
  if (named && 'items' in named) {
    const data = o.start(named.items);
    const lead = say(`${count}，先${o.verb}${named.items[0]!.headName}户。`);
    if (named.answer === null) return o.ask(data, [lead]);
    const r = await o.decide(data, { type: 'text', text: named.answer });
    return { ...r, effects: [lead, ...r.effects] };
  }
  return o.ask(o.start(o.items), [say(`${absent}${count}，下面逐户${o.verb === '审' ? '审核' : '审批'}。`)]);
}

/** One text notice to each of `userIds` but the asker. */
export function notify(userIds: readonly string[], env: Env, text: string): Effect[] {
  const me = env.actor.sender.id;
  return [...new Set(userIds)].filter((id) => id !== me).map((id) => ({ type: 'send', to: { channel: 'app', id }, reply: { type: 'text', text } }) as Effect);
}

/** "张三户（凉水井村，4口人）". */
export const caseHousehold = (i: Pick<CaseItem, 'headName' | 'villageName' | 'size'>): string => `${i.headName}户（${i.villageName}，${i.size}口人）`;

/** What the case asks for, e.g. '新增监测对象认定' or '风险消除（帮扶消除）'. */
export const caseWhat = (i: CaseItem): string => (i.type === 'lead' ? '新增监测对象认定' : payloadLabel(i.payload));

/** Lines shown under a case (no ID numbers, phones or health details: the card may be forwarded). */
export function caseLines(i: CaseItem): string[] {
  if (i.type === 'lead') {
    return [`线索：${i.note}`, `发现：${dayLabel(i.discoveredOn)}，${dayLabel(i.deadline)}前完成认定`, ...(i.publicityUntil ? [`公示：到${dayLabel(i.publicityUntil)}，期满无异议`] : [])];
  }
  const p = i.payload;
  const lines = [`监测对象：${CATEGORY.label[i.category]}，${dayLabel(i.includedOn)}纳入`, `申请：${dayLabel(i.requestedOn)}`];
  if (p.kind === 'elimination' && p.cause !== 'household_dissolved') {
    const f = p.facts;
    lines.push(`人均纯收入：${f.perCapitaIncome ?? '未填'}元（监测线${f.incomeLine}元）`, `三保障：${f.threeGuaranteesSecured ? '有保障' : '未保障'}；饮水：${f.drinkingWaterSafe ? '安全' : '不安全'}`);
  }
  if (i.publicityUntil) lines.push(`公示：到${dayLabel(i.publicityUntil)}，期满无异议`);
  if (p.note) lines.push(`情况：${p.note}`);
  if (i.evidence) lines.push(`书面申请：${i.evidence.fileName}（已留存）`);
  return lines;
}

/** The first lines of a case as a card's key/value rows (the card shows about 26 characters a value). */
export const caseCardLines = (i: CaseItem): Array<{ key: string; value: string }> =>
  caseLines(i).slice(0, 4).map((l) => ({ key: l.split('：')[0] as string, value: l.split('：').slice(1).join('：').slice(0, 26) }));

/**
 * What the declaration flow says: the questions (one at a time), the summary menu, the answer
 * with the reference number and what happens next, and the notice to the grid worker and the
 * village cadre. Personal data is masked in all of them.
 */
import { addDays, type Day } from '../../domain/shanghai-days.js';
import type { Region } from '../../domain/types.js';
import { ROLE_LABEL } from '../../domain/roles.js';
import type { Reply } from '../types.js';
import { newRiskTypes, riskAddedWords } from '../../domain/subject.js';
import { quoteWords, riskLabels, shortDay } from './common.js';
import type { FarmerPolicyFacts, FarmerRoute } from './data.js';
import { amountsLine, factLines, idLine, phoneLine, riskTypesOf, risksLine, summaryLines, type Draft } from './declaration.js';
import { villageLabel, villageMenu } from './places.js';

export type AskNode = 'story' | 'whose' | 'name' | 'id' | 'phone' | 'village';

/** Whose the closed place was (see declaration.ts `whose`): the household's own business, or where someone worked. */
export const whoseQuestion = (place: string, words: string): string => `您说的“${words}”：这个${place}是您家自己开的，还是家里人在${place}打工？请回复“自己开的”或“打工”。`;

export const QUESTION: Record<Exclude<AskNode, 'whose'>, string> = {
  story: '请用一两句话说说家里遇到了什么困难，比如：有人生病住院、孩子上学费用高、房子开裂漏雨、遭了灾、出了意外、没了工作、种地养殖亏了。',
  name: '请问申报人叫什么名字？',
  id: '请发申报人的身份证号（18位）；不方便的话发后4位也行，实在没有就回“没有”。',
  phone: '留个手机号吧，方便网格员联系您；不方便就回“没有”。',
  village: '您家在哪个镇、哪个村？（比如：高家堡镇凉水井村）',
};

export const TEXTS = {
  storyAgain: '能再具体说说吗？比如谁生病了、花了多少钱，孩子上学要交多少钱，房子哪里坏了，遭了什么灾。',
  storyKept: '记下了，网格员上门时会详细了解。',
  understood: (risks: string) => `记下了：${risks}。`,
  nameUnclear: '没看清名字，请只发申报人的姓名，比如：张三。',
  nameNotAmount: '这里要填的是申报人的姓名，比如：张三。花了多少钱已经记下了，网格员上门时还会细问。',
  idKept: (masked: string) => `好的，身份证号${masked}。`,
  tailKept: (tail: string) => `好的，身份证后4位${tail}。`,
  idSkipped: '没关系，网格员上门时再核对。',
  idBad: (message: string, masked: string) => `${message}：${masked}。请再核对一下重新发；也可以只发后4位，或回“没有”。`,
  idUnclear: '没看懂，请发18位身份证号，或者身份证后4位；没有就回“没有”。',
  phoneKept: (masked: string) => `好的，电话${masked}。`,
  phoneSkipped: '好的，不留电话也行。',
  phoneBad: (message: string) => `${message}。不方便留电话就回“没有”。`,
  phoneUnclear: '没看懂，请发11位手机号；不方便就回“没有”。',
  whoseUnclear: '没看懂。',
  whoseLeft: '好的，这个情况网格员上门时再细问。',
  villageNotFound: (said: string) => `没找到“${said}”。请说镇（街道）和村的名字，比如：高家堡镇凉水井村。`,
  villageOfTown: (town: string) => `${town}下面的村比较多，请说村名，比如：凉水井村。`,
  villageChoose: '有几个村名字相近，请问是哪一个？',
  villageKept: (label: string) => `好的，${label}。`,
  villageGone: '这个村暂时不在系统里，请再说一次村名，或联系村委会。',
  corrected: '已改好。',
  added: '已补充。',
  confirmHint: '没看懂。都对就回“对”或“提交”；要改就说改哪项，比如“电话改成13912345678”“改地址”。',
  fixWhich: '要改哪一项？',
  textOnly: '这里暂时只能看懂文字，语音和图片请等网格员上门时再说。请用文字回答：',
  stillOpen: '您的申报还没办完，接着来：',
  nudge: '您的申报还没提交，还差一步：',
};

export const FIX_ITEMS = [
  { id: 'declare:yes', label: '不用改，提交' },
  { id: 'fix:story', label: '困难情况（重新说）' },
  { id: 'fix:name', label: '姓名' },
  { id: 'fix:id', label: '身份证号' },
  { id: 'fix:phone', label: '电话' },
  { id: 'fix:village', label: '地址（村）' },
] as const;

export const fixMenu = (notes: string[] = []): Reply => ({ type: 'menu', head: [...notes, TEXTS.fixWhich].join('\n'), items: FIX_ITEMS.map((i) => ({ ...i })), tail: '也可以直接发正确的内容，比如“电话13912345678”“改地址”；发“取消”就不报了。' });

/** The summary to confirm, as a menu (one message); `notes` go first. */
export function confirmMenu(d: Draft, places: readonly Region[], notes: string[]): Reply {
  return {
    type: 'menu',
    head: [...notes, '请核对您的申报：', ...summaryLines(d, places), '以上对吗？'].join('\n'),
    items: [
      { id: 'declare:yes', label: '对，提交' },
      { id: 'declare:fix', label: '有要改的' },
    ],
    tail: '也可以直接发要改的内容，比如“电话13912345678”；发“取消”就不报了。',
  };
}

/** The question of `node` with `notes` before it, in one message. */
export function question(node: AskNode, d: Draft, places: readonly Region[], notes: string[]): Reply {
  if (node === 'village' && d.offered.length > 0) return villageMenu(places, d.offered, [...notes, TEXTS.villageChoose].join('\n'));
  if (node === 'whose') {
    const first = d.whose?.[0];
    return { type: 'text', text: [...notes, first ? whoseQuestion(first.place, first.words) : QUESTION.story].join('\n') };
  }
  return { type: 'text', text: [...notes, QUESTION[node]].join('\n') };
}

/** What the farmer reads after submitting: the reference number and what happens next. */
export function submittedText(ref: string, route: FarmerRoute, facts: FarmerPolicyFacts, today: Day): string {
  const gridWorker = route.workers.find((w) => w.role === 'grid_worker') ?? route.workers[0];
  const who = gridWorker ? `${ROLE_LABEL[gridWorker.role]}${gridWorker.name}` : '村里的网格员';
  return [
    `已提交！申报编号：${ref}。`,
    `${who}会在${facts.visitWithinDays}天内上门核实，村里评议、公示后，${facts.deadlineDays}天内（${shortDay(addDays(today, facts.deadlineDays))}前）给出认定结果。`,
    '想知道办到哪一步，随时发“查询进度”。',
  ].join('\n');
}

/**
 * The reply when the farmer's household is already an open monitoring subject: no new
 * identification; what they said is added to the household's record and its helpers follow it up.
 */
export function submittedToSubjectText(ref: string, route: FarmerRoute, d: Draft): string {
  const gridWorker = route.workers.find((w) => w.role === 'grid_worker') ?? route.workers[0];
  const who = gridWorker ? `${ROLE_LABEL[gridWorker.role]}${gridWorker.name}` : '村里的帮扶责任人';
  const added = newRiskTypes((route.openSubject?.risks ?? []).map((type) => ({ type })), riskTypesOf(d));
  return [
    `已提交！申报编号：${ref}。`,
    `您家已是监测对象（风险未消除），不用重新认定。${added.length ? `已将新反映的“${riskLabels(added)}”补充到您家的风险类型` : '您反映的情况已记入您家的帮扶记录'}，${who}会跟进落实帮扶措施。`,
    '想知道办到哪一步，随时发“查询进度”。',
  ].join('\n');
}

/** The notice to the helpers of a household already monitored: the new risk, no lead, measures to follow up. */
export function subjectNoticeText(d: Draft, ref: string, route: FarmerRoute, places: readonly Region[]): string {
  const added = newRiskTypes((route.openSubject?.risks ?? []).map((type) => ({ type })), riskTypesOf(d));
  const headName = route.household?.headName ?? d.name ?? '';
  return [
    `【农户自主申报·监测对象新增风险】编号${ref}`,
    `申报人：${d.name ?? ''}（身份证${idLine(d)}，电话${phoneLine(d)}）`,
    `地址：${villageLabel(places, route.placement.villageCode)}，户主${headName}家`,
    `困难：${risksLine(d) || '未说明'}${d.amounts.length ? `；金额：${amountsLine(d)}` : ''}`,
    ...factLines(d),
    `农户原话：“${quoteWords(d.words, 120)}”`,
    riskAddedWords(added),
  ].join('\n');
}

/** The notice to a grid worker or village cadre: a new lead with its clock. */
export function noticeText(d: Draft, ref: string, route: FarmerRoute, places: readonly Region[], facts: FarmerPolicyFacts, today: Day, sudden: boolean): string {
  const place = villageLabel(places, route.placement.villageCode);
  const household = route.household ? `户籍：匹配到户主${route.household.headName}家（户编号${route.household.code}）` : '户籍：未匹配到登记户，请入户核实（人户分离或未登记也应受理）';
  return [
    `【农户自主申报】编号${ref}`,
    `申报人：${d.name ?? ''}（身份证${idLine(d)}，电话${phoneLine(d)}）`,
    `地址：${place}`,
    household,
    `困难：${risksLine(d) || '未说明'}${d.amounts.length ? `；金额：${amountsLine(d)}` : ''}`,
    ...factLines(d),
    `农户原话：“${quoteWords(d.words, 120)}”`,
    ...(sudden ? ['疑似突发严重困难，可先行救助。'] : []),
    ...(d.assistance ? ['农户提出申请低保或救助，请一并了解、协助申请。'] : []),
    ...(d.questions?.length ? [`农户问：${d.questions.map((q) => `“${quoteWords([q], 40)}”`).join('、')}，请上门时解答。`] : []),
    `请在${facts.visitWithinDays}天内入户核查，${shortDay(addDays(today, facts.deadlineDays))}前完成认定（${facts.deadlineDays}天）。`,
  ].join('\n');
}

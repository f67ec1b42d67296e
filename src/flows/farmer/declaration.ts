/**
 * The declaration a farmer is putting together (农户自主申报), as plain versioned JSON, and what is
 * made of it: the summary the farmer confirms, the command that opens the risk lead, and the
 * notice the grid worker and village cadre receive. The farmer's own words are kept verbatim;
 * risk types and amounts are read from them (src/flows/understand).
 *
 * @example
 *   let d = emptyDraft();
 *   d = addStory(d, '俺家老汉住院了花了三万多咋办');   // risks: 因病, amounts: 三万多
 *   summaryLines(d, places)                          // ['申报人：…', '困难：因病（住院）', …]
 */
import { z } from 'zod';
import { RISK_TYPE, type RiskType } from '../../domain/catalog.js';
import { maskIdNumber, maskPhone } from '../../domain/privacy.js';
import type { Region } from '../../domain/types.js';
import { ASSISTANCE_LABEL, readAssistanceRequest, readLabour, suddenHardshipHint } from '../understand/facts.js';
import { classifyRisks, extractAmounts, normalize, unclearClosures } from '../understand/index.js';
import { hintYuan, periodBefore, PER_LABEL } from './amount-periods.js';
import { quoteWords } from './common.js';
import { detectAssistanceRequest } from './questions.js';
import { villageLabel } from './places.js';

const riskSchema = z.object({
  riskType: z.enum(RISK_TYPE.codes as [RiskType, ...RiskType[]]),
  disasterSubtype: z.string().optional(),
  evidence: z.array(z.string()),
  remark: z.string().optional(),
});
// `per`: the sum was said by the day, month or year (amount-periods.ts); `value` is the sum as said.
const amountSchema = z.object({ value: z.number(), text: z.string(), kind: z.string(), riskType: z.string().optional(), per: z.enum(['day', 'month', 'year']).optional() });

export const draftSchema = z.object({
  /** Every account the farmer gave, verbatim, in order. */
  words: z.array(z.string()),
  risks: z.array(riskSchema),
  amounts: z.array(amountSchema),
  /** How often the account was asked for and not understood. */
  storyTries: z.number().int(),
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  idTail: z.string().nullable(),
  idSkipped: z.boolean(),
  phone: z.string().nullable(),
  phoneSkipped: z.boolean(),
  villageCode: z.string().nullable(),
  /** Where the village came from: the poster's QR code, the farmer's binding, or their words. */
  villageFrom: z.enum(['entry', 'bound', 'said']).nullable(),
  /** Village codes offered in the last menu (a typed "2" picks the second). */
  offered: z.array(z.string()),
  /** The farmer asked for 低保 or 救助 (passed on with the declaration). */
  assistance: z.boolean().optional(),
  /** Questions the farmer asked on the way that nobody could answer here (passed on). */
  questions: z.array(z.string()).optional(),
  /** The farmer's open declaration this account is added to instead of opening a second lead. */
  join: z.object({ ref: z.string(), villageCode: z.string(), name: z.string() }).nullable().optional(),
  /** What was said so far has been handed to the grid worker (the draft was left a day). */
  handedOff: z.boolean().optional(),
  /**
   * Places closed whose owner the account did not tell (“饭店关门了”), to be asked one by one: the
   * household's own business (因产业项目失败) or where they worked (因务工就业不稳). `whoseTries`: answers not understood.
   */
  whose: z.array(z.object({ place: z.string(), words: z.string() })).optional(),
  whoseTries: z.number().int().optional(),
});
export type Draft = z.infer<typeof draftSchema>;
export type DraftRisk = z.infer<typeof riskSchema>;

export function emptyDraft(): Draft {
  return { words: [], risks: [], amounts: [], storyTries: 0, name: null, idNumber: null, idTail: null, idSkipped: false, phone: null, phoneSkipped: false, villageCode: null, villageFrom: null, offered: [] };
}

/** Adds an account: words kept, new risk types and amounts merged in, a 低保/救助 request noted. */
export function addStory(d: Draft, words: string): Draft {
  const risks = [...d.risks];
  // A shop closed whose owner the words do not tell is asked about (`whose`), not guessed.
  for (const m of classifyRisks(words, { askWhose: true })) {
    const had = risks.find((r) => r.riskType === m.riskType);
    if (!had) risks.push({ riskType: m.riskType, evidence: m.evidence, ...(m.disasterSubtype ? { disasterSubtype: m.disasterSubtype } : {}), ...(m.remark ? { remark: m.remark } : {}) });
    else for (const e of m.evidence) if (!had.evidence.includes(e)) had.evidence.push(e);
  }
  const said = normalize(words);
  const amounts = [
    ...d.amounts,
    ...extractAmounts(words).map((a) => {
      const per = periodBefore(said.slice(0, a.start), a.text);
      return { value: a.value, text: a.text, kind: a.kind, ...(a.riskType ? { riskType: a.riskType } : {}), ...(per ? { per } : {}) };
    }),
  ];
  const asked = d.whose ?? [];
  const whose = [...asked, ...unclearClosures(words).filter((c) => !asked.some((a) => a.place === c.place))];
  return { ...d, words: [...d.words, words], risks, amounts, ...(detectAssistanceRequest(words) ? { assistance: true } : {}), ...(whose.length ? { whose } : {}) };
}

/** Whose the closed place was, by the farmer's answer: their own, a place of work, or not said. */
export function readWhose(text: string): 'own' | 'wage' | null {
  const t = normalize(text).replace(/\s+/g, '');
  // Someone else's (“不是俺家的”, “人家开的”, “老板家的”) first: 开的 alone would read as their own.
  if (/不是(?:俺|我|咱|自己|自家)|(?:人家|别人|老板|亲戚|朋友|公家|外地人)(?:开|家|的)/.test(t)) return 'wage';
  if (/自己开|自家|(?:俺|我|咱)(?:们)?(?:家)?(?:开|办|经营|承包)的|是(?:俺|我|咱)(?:们)?家?的|自己的|开的|开了/.test(t)) return 'own';
  if (/打工|上班|干活|做工|做活|工作|服务员|厨师|洗碗|帮工|帮厨|工钱|工资|给人|别人|人家|老板的|雇/.test(t)) return 'wage';
  if (/老板|本钱|生意|买卖|赔|亏|贷款|投/.test(t)) return 'own';
  return null;
}

/** The first closed place asked about, answered: its risk recorded (with the words of the account), the question settled. */
export function withWhose(d: Draft, whose: 'own' | 'wage'): Draft {
  const [first, ...rest] = d.whose ?? [];
  if (!first) return d;
  const riskType: RiskType = whose === 'own' ? 'industry_failure' : 'unstable_employment';
  const had = d.risks.find((r) => r.riskType === riskType);
  const risks = had ? d.risks.map((r) => (r === had && !r.evidence.includes(first.words) ? { ...r, evidence: [...r.evidence, first.words] } : r)) : [...d.risks, { riskType, evidence: [first.words] }];
  return { ...d, risks, whose: rest, whoseTries: 0 };
}

/** The first closed place not settled after asking twice: left to the grid worker (the words are kept). */
export function withoutWhose(d: Draft): Draft {
  return { ...d, whose: (d.whose ?? []).slice(1), whoseTries: 0 };
}

/** What a hardship taken back names: “房子没事”, “房子没问题”, “不是房子的事”. */
const TAKEN_BACK = /([\u4e00-\u9fa5]{1,8}?)(?:没事|没问题|没啥事|好着呢|好着哩|好好的|不要紧|不算)|不是([\u4e00-\u9fa5]{1,6}?)的事/g;

/**
 * “不对 房子没事 就是老汉住院”: a hardship said before and taken back. The risk types whose words the
 * denial names (or whose type it says) are dropped, the words kept with the account; null when the
 * words take nothing back, or would take back every hardship (then it is no correction but a new account).
 */
export function withoutTakenBack(d: Draft, words: string): Draft | null {
  const t = normalize(words);
  const denied = [...t.matchAll(TAKEN_BACK)].map((m) => (m[1] ?? m[2] ?? '').replace(/^(?:不对|不是|其实|哦|那个|就是|还有)+/, '')).filter((w) => w.length >= 2);
  if (!denied.length) return null;
  const names = (e: string, w: string) => e.includes(w) || w.includes(e) || (w.length >= 2 && e.startsWith(w.slice(0, 2)));
  const gone = d.risks.filter((r) => denied.some((w) => r.evidence.some((e) => names(e, w)) || classifyRisks(w).some((m) => m.riskType === r.riskType)));
  if (!gone.length || gone.length === d.risks.length) return null;
  return { ...d, risks: d.risks.filter((r) => !gone.includes(r)), words: [...d.words, words] };
}

/** An account nobody could classify is kept as 其他, with the farmer's words as the remark. */
export function acceptAsOther(d: Draft): Draft {
  if (d.risks.length > 0) return d;
  return { ...d, risks: [{ riskType: 'other', evidence: [], remark: quoteWords(d.words, 40) }] };
}

/** Suspected 突发严重困难 (illness, accident or disaster costing at least this much): a hint for the grid worker. */
export const SUDDEN_HINT_MIN_YUAN = 10_000;

/** The one rule (understand/facts.ts), at the configured threshold. */
export function suspectsSuddenHardship(d: Draft, minYuan: number = SUDDEN_HINT_MIN_YUAN): boolean {
  // A cost by the day is compared with the yearly line as a year of it (never stored so): amount-periods.ts.
  return suddenHardshipHint(d.amounts.map((a) => ({ ...a, value: hintYuan(a) })), riskTypesOf(d), minYuan);
}

/** "因病（住院）；因学（上大学、学费）". */
export function risksLine(d: Draft): string {
  return d.risks.map((r) => `${RISK_TYPE.label[r.riskType]}${r.evidence.length ? `（${r.evidence.join('、')}）` : ''}`).join('；');
}

/** "三万多（因病）、八千（因学）、收入两千五". */
export function amountsLine(d: Draft): string {
  return d.amounts.map((a) => `${a.kind === 'income' ? '收入' : ''}${a.text}${a.per ? PER_LABEL[a.per] : ''}${a.riskType ? `（${RISK_TYPE.label[a.riskType as RiskType]}）` : ''}`).join('、');
}

/** What the words say beyond the risks: the labour situation and a 低保/救助 request (understand/facts.ts). */
export function factLines(d: Pick<Draft, 'words'>): string[] {
  const words = d.words.join(' ');
  const labour = readLabour(words);
  const asked = readAssistanceRequest(words);
  return [
    ...(labour ? [`劳动力：${labour.situation === 'none' ? '家里没有劳动力' : '劳动力不足'}（${labour.evidence.join('、')}）`] : []),
    ...(asked ? [`申请：${asked.kinds.map((k) => ASSISTANCE_LABEL[k]).join('、')}（已一并转给网格员）`] : []),
  ];
}

export function idLine(d: Pick<Draft, 'idNumber' | 'idTail'>): string {
  if (d.idNumber) return maskIdNumber(d.idNumber);
  if (d.idTail) return `后4位${d.idTail}`;
  return '未提供';
}

export const phoneLine = (d: Pick<Draft, 'phone'>): string => (d.phone ? maskPhone(d.phone) : '未提供');

/** The lines the farmer checks before submitting. */
export function summaryLines(d: Draft, places: readonly Region[]): string[] {
  return [
    `申报人：${d.name ?? ''}`,
    `身份证：${idLine(d)}`,
    `电话：${phoneLine(d)}`,
    `地址：${d.villageCode ? villageLabel(places, d.villageCode) : ''}`,
    `困难：${risksLine(d) || '（网格员上门时了解）'}`,
    ...(d.amounts.length ? [`金额：${amountsLine(d)}`] : []),
    ...factLines(d),
    ...(d.assistance && !readAssistanceRequest(d.words.join(' ')) ? ['您还提出：申请低保或救助（一并转给网格员）'] : []),
    `您说的：“${quoteWords(d.words)}”`,
  ];
}

/** The kinds of risk, for the staff notice and the command. */
export const riskTypesOf = (d: Draft): RiskType[] => d.risks.map((r) => r.riskType);

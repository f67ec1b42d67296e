/**
 * From a farmer's own account to the 风险类型 of DOMAIN.md: "儿子住院花了三万多，去年冰雹把
 * 玉米打了" → 因病 (住院, 三万多), 因自然灾害/气象 (冰雹).
 *
 * How a word counts (the words themselves live in risk-lexicon.ts):
 * - longest words first, each character read once ("不上学" is a dropout, not "上学");
 * - not when negated shortly before ("没生病", "不是因为看病", "家里没人住院"), said to be fine
 *   right after ("吃水没问题"), or hypothetical ("万一生病了");
 * - some words need company in their clause (生活费 beside a student, 裂缝 beside a house) or are
 *   void after another word ("羊得病死了" is a failed flock, not an illness);
 * - a space between Chinese words ends a clause, as a comma would (phones and voice input);
 * - 因产业项目失败 needs a thing farmed or run and a loss ("养的羊死了一半", "大棚亏了"), unless a
 *   disaster named in the same sentence caused the loss (then it is the disaster);
 * - 新冠/疫情 has no type of its own: 其他 with the remark "因新冠肺炎疫情影响";
 * - a shop or a workplace closed ("饭店关门了", "厂子倒闭了") is 因产业项目失败 when it was the household's
 *   own and 因务工就业不稳 when they worked there (workplace.ts); when the words do not say, the
 *   lexicon's reading stands unless the caller asks back (`askWhose`: the farmer's declaration);
 * - a low income said ("一年收入也就四千来块 三口人") is 其他 (家庭收入低); beside another hardship only
 *   when it is low in figures (facts.ts `isLowIncomeInFigures`), and after them (the cause is the main type).
 * The evidence is quoted from the original text, exactly as typed: the farmer's words are kept.
 */
import type { DisasterSubtype, RiskType } from '../../domain/catalog.js';
import { normalizeWithOffsets, quoteOriginal } from './normalize.js';
import { isLowIncomeInFigures, isLowIncomeStatement, readIncome, withRepeatedCosts } from './facts.js';
import { findAmounts, type Amount } from './quantities.js';
import { readClosures } from './workplace.js';
import {
  CLAUSE_BREAK, COMBO_RULES, FINE_AFTER, HYPOTHETICAL, NEGATION_FILLER, NEGATORS, WORD_RULES, type WordRule,
} from './risk-lexicon.js';

/** One risk type found in a text, with the words that show it. */
export interface RiskMention {
  riskType: RiskType;
  /** For 因自然灾害: the first specific sub-type mentioned, else 'other'. */
  disasterSubtype?: DisasterSubtype;
  /** The matched words as typed, in order of appearance, without repeats. */
  evidence: string[];
  /** For 其他: the remark the form needs. */
  remark?: string;
}

interface Hit {
  start: number;
  end: number;
  risk: RiskType;
  subtype?: DisasterSubtype;
  remark?: string;
}

interface Clause {
  start: number;
  end: number;
}

function clausesOf(t: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (const m of t.matchAll(CLAUSE_BREAK)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: t.length });
  return out;
}

const clauseAt = (clauses: Clause[], pos: number) => clauses.find((c) => pos >= c.start && pos < c.end) ?? { start: pos, end: pos };

/** Whether the words just before `pos` (within the clause) negate what follows. */
function negatedBefore(before: string): boolean {
  for (let i = before.length - 1; i >= 0; i--) {
    for (const n of NEGATORS) {
      if (before.startsWith(n, i) && NEGATION_FILLER.test(before.slice(i + n.length))) return true;
    }
  }
  return false;
}

function wordHits(t: string): Array<Hit & { rule: WordRule }> {
  const all: Array<Hit & { rule: WordRule }> = [];
  for (const rule of WORD_RULES) {
    for (const word of rule.words) {
      for (let at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + 1)) {
        all.push({ start: at, end: at + word.length, risk: rule.risk, subtype: rule.subtype, remark: rule.remark, rule });
      }
    }
  }
  // Longest first; a character belongs to one word only.
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof all = [];
  for (const h of all) if (!taken.some((k) => h.start < k.end && k.start < h.end)) taken.push(h);
  return taken;
}

function counts(t: string, clauses: Clause[], h: { start: number; end: number }, requires?: RegExp, voidAfter?: RegExp): boolean {
  const c = clauseAt(clauses, h.start);
  const before = t.slice(c.start, h.start);
  // Company said earlier in the sentence counts too: "住的是土窑 几十年了 快塌了" (a space ends a clause).
  if (requires && !requires.test(t.slice(sentenceStart(t, c.start), c.end))) return false;
  if (voidAfter?.test(before)) return false;
  if (HYPOTHETICAL.test(before)) return false;
  if (negatedBefore(before)) return false;
  return !FINE_AFTER.test(t.slice(h.end, c.end));
}

/** Where each sentence starts (after 。!? or a new line). */
const sentenceStart = (t: string, pos: number) => Math.max(0, ...[...t.slice(0, pos).matchAll(/[。!?\n]/g)].map((m) => m.index + 1));

function comboHits(t: string, clauses: Clause[], taken: Hit[]): Hit[] {
  const out: Hit[] = [];
  for (const rule of COMBO_RULES) {
    for (const c of clauses) {
      const clause = t.slice(c.start, c.end);
      // A loss in a sentence that names a disaster is the disaster's ("今年大旱，玉米绝收").
      const from = sentenceStart(t, c.start);
      const to = t.slice(c.end).search(/[。!?\n]/);
      const sentenceEnd = to < 0 ? t.length : c.end + to;
      if (rule.risk === 'industry_failure' && taken.some((h) => h.risk === 'natural_disaster' && h.start >= from && h.end <= sentenceEnd)) continue;
      const found = findCombo(clause, rule.subjects, rule.outcomes, rule.maxGap) ?? continuedCombo(t, c, clauses, rule.subjects, rule.outcomes);
      if (!found) continue;
      const hit = { start: c.start + found.start, end: c.start + found.end, risk: rule.risk };
      // Negation applies to the outcome ("羊没死") or the whole ("不是养殖亏的").
      const outcomeStart = c.start + found.outcomeStart;
      if (negatedBefore(t.slice(c.start, outcomeStart)) && /[没不未]/.test(t.slice(hit.start, outcomeStart))) continue;
      if (!counts(t, clauses, hit)) continue;
      out.push(hit);
    }
  }
  return out;
}

/** "养了20头牛，死了3头": the loss opens the next clause of the same sentence. */
function continuedCombo(t: string, c: Clause, clauses: Clause[], subjects: readonly string[], outcomes: readonly string[]) {
  const clause = t.slice(c.start, c.end);
  const subject = subjects.map((s) => ({ s, at: clause.indexOf(s) })).find((x) => x.at >= 0);
  if (!subject) return null;
  // The loss may open one of the next three clauses of the same sentence ("开了个饭馆 疫情关门了 赔了五万").
  for (const next of clauses.slice(clauses.indexOf(c) + 1, clauses.indexOf(c) + 4)) {
    if (/[。!?\n]/.test(t.slice(c.end, next.start))) return null;
    const head = t.slice(next.start, next.start + 8);
    const outcome = outcomes.map((o) => ({ o, at: head.indexOf(o) })).find((x) => x.at >= 0 && x.at <= 3);
    if (!outcome) continue;
    const outcomeStart = next.start - c.start + outcome.at;
    return { start: subject.at, end: outcomeStart + outcome.o.length, outcomeStart };
  }
  return null;
}

function findCombo(clause: string, subjects: readonly string[], outcomes: readonly string[], maxGap: number) {
  for (const s of subjects) {
    for (let at = clause.indexOf(s); at >= 0; at = clause.indexOf(s, at + 1)) {
      const from = at + s.length;
      for (const o of outcomes) {
        const oAt = clause.indexOf(o, from);
        if (oAt >= 0 && oAt - from <= maxGap) return { start: at, end: oAt + o.length, outcomeStart: oAt };
      }
    }
  }
  return null;
}

export interface ClassifyOptions {
  /**
   * A shop that closed whose owner the words do not tell (“饭店关门了”) counts as nothing: the
   * caller asks whose it was (`unclearClosures`). Otherwise the lexicon's reading stands.
   */
  askWhose?: boolean;
}

/**
 * The hits as whose the closed place was says (workplace.ts): the household's own business is
 * 因产业项目失败 and not a job lost; a place of work is 因务工就业不稳 and no failed business.
 */
function byWhose(t: string, clauses: Clause[], hits: Hit[], opts: ClassifyOptions): Hit[] {
  let out = hits;
  for (const c of readClosures(t)) {
    if (!counts(t, clauses, c)) continue;
    const over = (h: Hit) => h.start < c.end && c.start < h.end;
    const drop: RiskType | null = c.whose === 'own' ? 'unstable_employment' : c.whose === 'wage' || opts.askWhose ? 'industry_failure' : null;
    if (drop) out = out.filter((h) => !(h.risk === drop && over(h)));
    const risk: RiskType | null = c.whose === 'own' ? 'industry_failure' : c.whose === 'wage' ? 'unstable_employment' : null;
    if (risk && !out.some((h) => h.risk === risk && over(h))) out = [...out, { start: c.start, end: c.end, risk }];
  }
  return out;
}

/** A place closed whose owner the words do not tell: the place (“饭店”) and the words as typed (“饭店关门”). */
export interface UnclearClosure {
  place: string;
  words: string;
}

/** The places closed whose owner the words do not tell (“饭店关门了” → 饭店): to be asked. */
export function unclearClosures(text: string): UnclearClosure[] {
  const n = normalizeWithOffsets(text);
  const t = n.text;
  const clauses = clausesOf(t);
  const out: UnclearClosure[] = [];
  for (const c of readClosures(t)) {
    const place = c.place.replace(/^小(?=超市|饭馆)/, '');
    if (c.whose === 'unclear' && counts(t, clauses, c) && !out.some((o) => o.place === place)) out.push({ place, words: quoteOriginal(n, c.start, c.end) });
  }
  return out;
}

/**
 * The risk types a text describes, in the order they are first mentioned (the first is the
 * main one, as the forms want).
 *
 * @example
 *   classifyRisks('儿子住院花了三万多')
 *   // [{ riskType: 'illness', evidence: ['住院'] }]
 *   classifyRisks('去年冰雹把大棚砸了，今年又大旱')
 *   // [{ riskType: 'natural_disaster', disasterSubtype: 'meteorological', evidence: ['冰雹', '大旱'] }]
 *   classifyRisks('家里没人生病')   // []
 */
export function classifyRisks(text: string, opts: ClassifyOptions = {}): RiskMention[] {
  const n = normalizeWithOffsets(text);
  const t = n.text;
  const clauses = clausesOf(t);
  const words = wordHits(t).filter((h) => counts(t, clauses, h, h.rule.requires, h.rule.voidAfter));
  const hits = byWhose(t, clauses, [...words, ...comboHits(t, clauses, words)], opts).sort((a, b) => a.start - b.start);
  const byRisk = new Map<RiskType, RiskMention>();
  for (const h of hits) {
    const quote = quoteOriginal(n, h.start, h.end);
    const had = byRisk.get(h.risk);
    if (!had) {
      const mention: RiskMention = { riskType: h.risk, evidence: [quote] };
      if (h.subtype) mention.disasterSubtype = h.subtype;
      if (h.remark) mention.remark = h.remark;
      byRisk.set(h.risk, mention);
      continue;
    }
    if (!had.evidence.includes(quote)) had.evidence.push(quote);
    if (had.disasterSubtype === 'other' && h.subtype && h.subtype !== 'other') had.disasterSubtype = h.subtype;
    // Rain that brought the hillside down (“下暴雨 山上的土滑下来”): the landslide did the damage, a geological disaster.
    else if ((had.disasterSubtype === 'flood' || had.disasterSubtype === 'meteorological') && h.subtype === 'geological') had.disasterSubtype = 'geological';
  }
  // A stated low income ("一年收入就两千五 家里四口人"): 其他, the figure kept with the amounts — beside
  // the other hardships said with it when it is low in figures ("…四千来块 三口人 娃还在念书": 因学 and 其他).
  if (byRisk.size === 0 ? isLowIncomeStatement(text) : isLowIncomeInFigures(text)) {
    const income = readIncome(text);
    const had = byRisk.get('other');
    if (!had) byRisk.set('other', { riskType: 'other', evidence: income ? [income.text] : [], remark: '家庭收入低' });
    else if (income && !had.evidence.includes(income.text)) had.evidence.push(income.text);
  }
  return [...byRisk.values()];
}

/** A sum of money in a hardship account, tied to the risk it was spent on or lost to. */
export interface RiskAmount extends Amount {
  /** The risk whose words stand nearest before the amount in the same sentence (else after it in the same clause). */
  riskType?: RiskType;
}

/**
 * The amounts in a farmer's account, each tied to the risk it belongs to.
 *
 * @example
 *   extractAmounts('看病花了三万多，孩子学费一年八千')
 *   // [{ value: 30000, approx: 'more', text: '三万多', kind: 'cost', riskType: 'illness', … },
 *   //  { value: 8000, text: '八千', kind: 'cost', riskType: 'schooling', … }]
 */
export function extractAmounts(text: string): RiskAmount[] {
  const t = normalizeWithOffsets(text).text;
  const clauses = clausesOf(t);
  const words = wordHits(t).filter((h) => counts(t, clauses, h, h.rule.requires, h.rule.voidAfter));
  const hits = [...words, ...comboHits(t, clauses, words)];
  return withRepeatedCosts(text, findAmounts(text)).map((a) => {
    // An income belongs to the household, not to a risk ("一年收入就两千五" is no school cost).
    if (a.kind === 'income') return { ...a };
    const from = sentenceStart(t, a.start);
    const before = hits.filter((h) => h.end <= a.start && h.start >= from).sort((x, y) => y.end - x.end)[0];
    const c = clauseAt(clauses, a.start);
    const after = hits.filter((h) => h.start >= a.end && h.end <= c.end).sort((x, y) => x.start - y.start)[0];
    const risk = before?.risk ?? after?.risk;
    return risk ? { ...a, riskType: risk } : { ...a };
  });
}

/**
 * The risk types a note names, once each, main first — how a find's note is read wherever its risk
 * types are needed (a lead's at 市级审批, a find added to an open subject, the reply that says so).
 */
export function risksOfNote(note: string): RiskType[] {
  return [...new Set(classifyRisks(note).map((m) => m.riskType))];
}

/**
 * Grid workers' screening reports (附件3) read by what they say, not by how they begin: a
 * household of the speaker's area (head or member, found anywhere in the text — the roster is
 * the dictionary) plus screening words, in any order, with or without 排查:
 *   "马有福家已入户排查，没问题，政策都知道"   "今天走访了刘有才户 一切正常 知道政策"
 *   "入户 张三 无风险 知道政策"                 "张三、李四两户都入户了，都没风险，政策都了解"
 * Several households in one message are several reports: names side by side ("、", 和, 及)
 * share what follows; a name said after another report's words starts a new report; words said
 * after 都/均 are shared by every report of the line; one report per line.
 *
 * Never invents: a field not said stays unset, one said twice differently is listed in
 * `conflicts`, a name that matches nobody exactly carries the roster's sound-alikes for the flow
 * to ask about, and a name-like word that matches nothing is kept as a report of its own (asked
 * about), never folded into 备注.
 *
 * @example
 *   readScreeningReports('马有福家已入户排查，没问题，政策都知道', roster)
 *   // { reports: [{ names: [{ said: '马有福', ids: [12], similar: [] }], method: 'home_visit', risk: false, knowsPolicy: true, … }], words: 3 }
 */
import type { ScreeningMethod } from '../../domain/catalog.js';
import { looksLikeSlip } from './name-sounds.js';
import { placeWords, startsWithSurname } from './names.js';
import { normalize } from './normalize.js';
import { classifyRisks, type RiskMention } from './risks.js';
import { countSaid, meaningful, mendSlips, screeningWordsIn, trimFiller, type Said, type WordHit } from './screening-words.js';

/** The households of the speaker's area, with everyone's name, and the place names of the region tree. */
export interface ScreeningRoster {
  households: ReadonlyArray<{ id: number; headName: string; members: readonly string[] }>;
  places: readonly string[];
}

export interface NameMention {
  said: string;
  /** Households whose head or a member has exactly this name. */
  ids: number[];
  /** When none matched exactly: names of the roster that sound alike or slipped by one character. */
  similar: Array<{ id: number; name: string }>;
}

export type ReportField = 'method' | 'risk' | 'knowsPolicy';

export interface ScreeningReport {
  names: NameMention[];
  method?: ScreeningMethod;
  risk?: boolean;
  riskDetail?: string;
  /** Risk types read from the detail: for the flow to confirm when 有风险 was not said. */
  suggestedRisks: RiskMention[];
  knowsPolicy?: boolean;
  remark?: string;
  conflicts: ReportField[];
  /** "三户都…": the count said, when it is more than the names found. */
  countSaid?: number;
}

export interface ScreeningReading {
  reports: ScreeningReport[];
  /** How many of the three fields were said somewhere (0–3): 0 means this is no report. */
  words: number;
  /** Began with 排查 / 一般户排查. */
  command: boolean;
  /** Households named as not screened yet ("刘有才家还没去"): no report, and the flow says so. */
  skipped: string[];
}

interface Token {
  start: number;
  end: number;
  name?: NameMention;
  said?: Said;
  shared?: boolean;
}

interface Group {
  start: number;
  tokens: Token[];
  names: NameMention[];
  wordsAfterName: boolean;
}

const ALSO = /也是|也一样|一样|同上|也/;
/**
 * “除了王在田家有风险 其他都没有”, “只有王在田家有风险，别的都没有”, “除王在田有风险外 其余都没风险”: one
 * household of several with a risk, the others without — never the risk given to the others.
 */
const ONLY_ONE_RISK = /(?:除了|除|只有|就|仅)([\u4e00-\u9fa5·]{2,4}?)(?:家|户|一户|一家)?(?:有|存在)(?:点)?(?:风险|问题|困难)(?:外|以外|之外)?[,，。;；\s]*(?:其他|其它|其余|别的|剩下的?|另外)(?:的)?(?:几|两|三|四|五)?(?:户|家)?(?:都|均|全)?(?:没有?|无|没得)(?:啥|什么)?(?:风险|问题)?/;
/** What is left of a risk detail once the words of “…其他都没有” are gone (nothing: the detail is asked). */
const EXCEPT_WORDS = /除了|除|只有|仅|其他|其它|其余|别的|剩下的?|另外|[的几两三四五]?(?:户|家)?(?:都|均|全)?(?:没有?|无|没得)(?:啥|什么)?(?:风险|问题)?|外|以外|之外|[,，。;；\s]/g;

/** Applies “除了X家有风险 其他都没有” to the reports of a line (see ONLY_ONE_RISK). */
function onlyOneRisk(t: string, reports: ScreeningReport[]): ScreeningReport[] {
  const m = ONLY_ONE_RISK.exec(t);
  const who = m?.[1];
  if (!who) return reports;
  const isWho = (n: NameMention) => n.said === who;
  const theirs = reports.find((r) => r.names.length === 1 && isWho(r.names[0] as NameMention));
  const group = reports.find((r) => r.names.length > 1 && r.names.some(isWho));
  if (!group) return reports;
  const mention = group.names.find(isWho) as NameMention;
  const others = { ...group, names: group.names.filter((n) => !isWho(n)), risk: false, riskDetail: undefined, suggestedRisks: [], conflicts: group.conflicts.filter((f) => f !== 'risk'), remark: undefined };
  const base = theirs ?? { ...group, names: [mention] };
  const detail = base.riskDetail?.replace(EXCEPT_WORDS, '') ? base.riskDetail : undefined;
  const one: ScreeningReport = { ...base, risk: true, riskDetail: detail, conflicts: base.conflicts.filter((f) => f !== 'risk'), ...(theirs ? {} : { remark: undefined, suggestedRisks: [] }) };
  return reports.flatMap((r) => (r === group ? (theirs ? [others] : [others, one]) : r === theirs ? [one] : [r]));
}
// "刘有才家还没去": a household named as not screened yet is no report.
const NOT_DONE = /还没(?:去|入户|排查|排|走访|联系)|没(?:去成|入户|排查|排成|排上|联系上|见着|见到|找着)|未(?:入户|排查|走访)|(?:下次|改天|明天)再(?:去|排查|入户)/;
// A visit still to come, said before the household (“明天再去趟刘军家”, “还没去白秀兰家”): not a report of it.
const NOT_YET_BEFORE = /(?:(?:明天|后天|改天|回头|过两天|下次|下回|准备|打算|还要|还得|再)(?:再)?(?:去|到|跑)(?:一)?(?:趟|下|一下)?|还没(?:去|到|跑)(?:过)?)$/;

/** Exact roster names in the text, longest first, never overlapping. */
function rosterNames(t: string, roster: ScreeningRoster, taken: boolean[]): Token[] {
  const byName = new Map<string, number[]>();
  for (const h of roster.households) {
    for (const n of [h.headName, ...h.members]) {
      const ids = byName.get(n) ?? [];
      if (!ids.includes(h.id)) ids.push(h.id);
      byName.set(n, ids);
    }
  }
  const names = [...byName.keys()].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  const out: Token[] = [];
  for (const n of names) {
    for (let at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + 1)) {
      if (taken.slice(at, at + n.length).some(Boolean)) continue;
      for (let i = at; i < at + n.length; i++) taken[i] = true;
      out.push({ start: at, end: at + n.length, name: { said: n, ids: byName.get(n) as number[], similar: [] } });
    }
  }
  return out;
}

/** Name-like words of the free pieces that sound like a roster name (张晶 for 张静), or that match nothing but look like a name before 家/户. */
function unknownNames(t: string, roster: ScreeningRoster, taken: boolean[], places: Set<string>): Token[] {
  const people = roster.households.flatMap((h) => [h.headName, ...h.members].map((name) => ({ id: h.id, name })));
  const out: Token[] = [];
  for (let i = 0; i < t.length; i++) {
    if (taken[i] || !startsWithSurname(t.slice(i))) continue;
    const free = (len: number) => {
      const s = t.slice(i, i + len);
      return s.length === len && /^[\u4e00-\u9fa5]+$/.test(s) && !taken.slice(i, i + len).some(Boolean) && !places.has(s) ? s : null;
    };
    // First a sound-alike of the roster (any length), then a name-like word before 家/户 that is
    // no count ("孙琦两户" is 孙琦 and 两户).
    let hit: Token | null = null;
    for (let len = 4; len >= 2 && !hit; len--) {
      const s = free(len);
      const similar = s ? people.filter((p) => looksLikeSlip(s, p.name)) : [];
      if (s && similar.length) hit = { start: i, end: i + len, name: { said: s, ids: [], similar: similar.filter((p, k) => similar.findIndex((q) => q.id === p.id && q.name === p.name) === k) } };
    }
    for (let len = 3; len >= 2 && !hit; len--) {
      const s = free(len);
      // 户主/户口 are no household marker (“向户主宣传”), and a word ending in 在/回/到/住 is a place
      // said (“毕业在家”, “回到家”), not a name.
      if (s && /^(?:家|户)(?![主口籍])/.test(t.slice(i + len)) && !/[0-9两几这那该每在回到住]$/.test(s)) hit = { start: i, end: i + len, name: { said: s, ids: [], similar: [] } };
    }
    if (!hit) continue;
    for (let k = hit.start; k < hit.end; k++) taken[k] = true;
    out.push(hit);
    i = hit.end - 1;
  }
  return out;
}

/**
 * Starts the report of `tok` (a name after another report's words). Words of its own clause
 * said just before the name go with it ("…，电话李四无风险"), as does a lone word right before
 * it that the earlier report already has ("入户 张三 无风险 电话 李四 …").
 */
function splitAt(t: string, g: Group, tok: Token): Group {
  const lastName = g.tokens.filter((x) => x.name).pop() as Token;
  const strong = /[,.;!?。、]/;
  let from = tok.start;
  for (let i = tok.start - 1; i >= lastName.end; i--) {
    if (strong.test(t[i] as string)) break;
    from = i;
  }
  const ownWords = (cut: number) => g.tokens.some((x) => x.start > lastName.start && x.start < cut && x.said && x.said.field !== 'command');
  if (!ownWords(from)) from = tok.start;
  if (from === tok.start) {
    const prev = g.tokens[g.tokens.length - 1];
    const f = prev?.said?.field;
    const again = prev && f && f !== 'command' && f !== 'remark' && g.tokens.some((x) => x !== prev && x.said?.field === f);
    if (prev && again && /^\s*$/.test(t.slice(prev.end, tok.start))) from = prev.start;
  }
  const moved = g.tokens.filter((x) => x.start >= from);
  g.tokens = g.tokens.filter((x) => x.start < from);
  return { start: from, tokens: moved, names: [], wordsAfterName: moved.some((x) => x.said && x.said.field !== 'command') };
}

/** Splits the tokens of one line into reports (see the module comment). */
function groupsOf(t: string, tokens: Token[]): Group[] {
  const groups: Group[] = [{ start: 0, tokens: [], names: [], wordsAfterName: false }];
  for (const tok of tokens) {
    let g = groups[groups.length - 1] as Group;
    if (tok.name) {
      // “马有福家入户了 不对 是刘有才家”: a name right after a correction replaces the names before it.
      const prev = g.tokens[g.tokens.length - 1];
      if (prev?.said?.field === 'correction' && g.names.length > 0 && /^\s*$/.test(t.slice(prev.end, tok.start))) {
        g.names = [tok.name];
        g.tokens = g.tokens.filter((x) => !x.name);
        g.tokens.push(tok);
        continue;
      }
      // “应该是刘军家 不是折二娃”: a name said only to be denied is no household of the line.
      if (/不是\s*$/.test(t.slice(Math.max(0, tok.start - 3), tok.start))) {
        g.names = g.names.filter((n) => n.said !== tok.name?.said);
        continue;
      }
      // "刘翠兰户…老汉王在田住院了": another name of the same household is not another report.
      const same = g.names.some((n) => n.said !== tok.name?.said && n.ids.some((id) => tok.name?.ids.includes(id)));
      // The same name said again only to be taken back (“杨建平 入户 … 杨建平 不对 是杨建国”) starts no report.
      const next = tokens[tokens.indexOf(tok) + 1];
      const retracted = g.names.some((n) => n.said === tok.name?.said) && next?.said?.field === 'correction' && /^\s*$/.test(t.slice(tok.end, next.start));
      if (retracted) continue;
      if (g.names.length > 0 && g.wordsAfterName && !same) {
        g = splitAt(t, g, tok);
        groups.push(g);
      }
      if (!g.names.some((n) => n.said === tok.name?.said)) g.names.push(tok.name);
      g.tokens.push(tok);
      continue;
    }
    g.tokens.push(tok);
    if (g.names.length > 0 && tok.said?.field !== 'command' && tok.said?.field !== 'correction') g.wordsAfterName = true;
  }
  return groups;
}

function valueOf(tokens: Token[], field: ReportField): { value?: unknown; conflict: boolean } {
  const said = tokens.filter((x) => x.said?.field === field);
  // “入户了，不对，是打的电话”: what is said again after a correction replaces what came before it.
  const fix = tokens.filter((x) => x.said?.field === 'correction').pop();
  const corrected = fix ? said.filter((x) => x.start > fix.start) : [];
  const values = new Set((corrected.length > 0 ? corrected : said).map((x) => x.said?.value));
  if (values.size === 1) return { value: [...values][0], conflict: false };
  return { conflict: values.size > 1 };
}

/** The pieces of text in [from, to) not covered by any token. */
function pieces(t: string, tokens: Token[], from: number, to: number): string[] {
  const out: string[] = [];
  let at = from;
  for (const tok of [...tokens].sort((a, b) => a.start - b.start)) {
    if (tok.start > at) out.push(t.slice(at, tok.start));
    at = Math.max(at, tok.end);
  }
  if (to > at) out.push(t.slice(at, to));
  return out.flatMap((p) => p.split(/[\s,;；。、()]+/)).map(trimFiller).filter(meaningful);
}

function reportOf(t: string, g: Group, to: number, allTokens: Token[]): ScreeningReport {
  const r: ScreeningReport = { names: g.names, suggestedRisks: [], conflicts: [] };
  for (const field of ['method', 'risk', 'knowsPolicy'] as const) {
    const v = valueOf(g.tokens, field);
    if (v.conflict) r.conflicts.push(field);
    else if (v.value !== undefined) (r as unknown as Record<string, unknown>)[field] = v.value;
  }
  // A second name of the same household ("老汉王在田住院了") is part of what was said, not cut out.
  const seen = new Set<number>();
  const inSpan = allTokens.filter((x) => {
    if (x.start < g.start || x.end > to) return false;
    if (!x.name || x.name.ids.length === 0) return true;
    const again = x.name.ids.every((id) => seen.has(id)) && g.names.some((n) => n.said !== x.name?.said && n.ids.some((id) => x.name?.ids.includes(id)));
    x.name.ids.forEach((id) => seen.add(id));
    return !again;
  });
  const remarkAt = g.tokens.find((x) => x.said?.field === 'remark')?.end ?? Infinity;
  const free = pieces(t, inSpan, g.start, Math.min(to, remarkAt));
  const remark = remarkAt < to ? pieces(t, inSpan, remarkAt, to) : [];
  const detail = free.join('，');
  if (detail !== '') {
    const suggested = classifyRisks(detail);
    if (r.risk === true) {
      r.riskDetail = detail;
      r.suggestedRisks = suggested;
    } else if (suggested.length > 0 && r.risk === false && settled(t, g, to)) {
      // “高兰英住过院 现在好了 无风险”: a hardship said to be over, then judged no risk, is 备注.
      remark.unshift(detail);
    } else if (suggested.length > 0) {
      // Hardship words beside "无风险", or without 是/否: the flow confirms, it never guesses.
      delete r.risk;
      r.riskDetail = detail;
      r.suggestedRisks = suggested;
    } else if (!ALSO.test(detail) || meaningful(detail.replace(ALSO, ''))) remark.unshift(detail);
  }
  if (remark.length > 0) r.remark = remark.join('，');
  return r;
}

// Words that say a hardship is over or met (现在好了, 恢复得好着呢, 出院了, 问题不大, 学费贷款办了),
// or judged no difficulty (不算啥困难, 没啥大事).
// Never when denied (“恢复得不好”, “还不能干活了”, “没解决了”).
const SETTLED = /(?:现在|已经|早就?)(?:都)?好了|(?<![没不未])恢复(?:好)?了|(?<![没不未])恢复(?:得|的)(?:挺|还|很|都)?(?:好|不错|可以|还行)|(?<![没不未])(?:已经|早就?)?出院了|问题不大|影响不大|不影响|(?<![没不未])(?:学费|助学)贷(?:了)?款|贷款(?:已经)?办(?:了|好了|下来了)|(?<![不没未])能干(?:点)?(?:轻)?活了?|(?<![不没未])生活能自理|(?:今年)?收成(?:好|还行|还可以|不错)|(?<![没不未])(?:已经)?解决了|不算(?:啥|什么|太)?困难|负担不大|没(?:啥|什么)大(?:事|问题|碍)|不碍事/;
// Means and support (有养老金 有医保, 有奖学金, 身体还行, 没啥负担): they settle only what is not
// an event — old age, living alone, schooling (MILD) — never an illness, an accident or a loss.
const SUPPORT = /(?<![没不未])(?:有|领|拿|享受)(?:了|着)?(?:养老金|养老保险|退休金|医保|低保|奖学金|助学金)|(?:身体|日子|生活)(?:都|也)?(?:还|挺|很)?(?:行|好|硬朗|可以|过得去)|(?:没|没有)(?:啥|什么)?负担/;
const MILD: readonly string[] = ['lack_of_labour', 'schooling'];
const settles = (hardship: string, by: string): boolean => SETTLED.test(by) || (SUPPORT.test(by) && classifyRisks(hardship).every((r) => MILD.includes(r.riskType)));

/**
 * Whether the hardship words of a report said no risk are all told to be over: each piece with a
 * hardship is followed (in it or after it) by words that settle it, and nothing of a hardship comes
 * after the last 无风险 (“无风险 … 哦对了 前两天摔了一跤住院了” is asked).
 */
function settled(t: string, g: Group, to: number): boolean {
  const noRisk = g.tokens.filter((x) => x.said?.field === 'risk' && x.said.value === false).pop();
  if (!noRisk) return false;
  // The words as said, short ones too (“现在好了” is no 备注, but it settles what came before).
  const clauses = (from: number, end: number) => t.slice(from, end).split(/[\s,.;:!?。、，；()]+/).filter((c) => c !== '');
  // After it, a hardship settled in its clause or a later one (“两个娃都上学呢 也没啥负担”).
  const after = clauses(noRisk.end, to);
  if (after.some((p, i) => classifyRisks(p).length > 0 && !after.slice(i).some((q) => settles(p, q)))) return false;
  const before = clauses(g.start, noRisk.start);
  const last = before.map((p) => classifyRisks(p).length > 0).lastIndexOf(true);
  // None before it: the hardship was all after, and settled there.
  return last < 0 ? after.some((p) => classifyRisks(p).length > 0) : before.slice(last).some((p) => settles(before[last] as string, p));
}

/** Reads one line: its reports, with 都/均 shared words and 也 (same as before) applied. */
function readLine(line: string, roster: ScreeningRoster, places: Set<string>): { reports: ScreeningReport[]; words: Set<string>; skipped: string[] } {
  const t = mendSlips(normalize(line));
  const taken: boolean[] = Array.from({ length: t.length }, () => false);
  const named = rosterNames(t, roster, taken);
  // Place names ("石门村李和平…") are neither names nor 备注.
  const placed: Token[] = [];
  for (const p of [...places].sort((a, b) => b.length - a.length)) {
    for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) {
      if (taken.slice(at, at + p.length).some(Boolean)) continue;
      for (let i = at; i < at + p.length; i++) taken[i] = true;
      placed.push({ start: at, end: at + p.length });
    }
  }
  // "去马有福家": 去 right before a household's name is a visit.
  const visits: Token[] = [];
  for (const n of named) {
    // …but not a visit still to come (“还没去王在田家”, “明天再去马有福家”).
    // “前天去的贺是成家”: 去的 as well.
    const at = t[n.start - 1] === '去' ? n.start - 1 : t.slice(n.start - 2, n.start) === '去的' ? n.start - 2 : -1;
    if (at < 0 || taken.slice(at, n.start).some(Boolean) || NOT_YET_BEFORE.test(t.slice(Math.max(0, at - 7), at + 1))) continue;
    for (let i = at; i < n.start; i++) taken[i] = true;
    visits.push({ start: at, end: n.start, said: { field: 'method', value: 'home_visit' } });
  }
  // 都/均 before a word or inside it (“都没风险”, “政策都了解”) gives it to every household of the line.
  const words: Token[] = screeningWordsIn(t, (s, e) => taken.slice(s, e).some(Boolean)).map((w: WordHit) => ({ ...w, shared: /(?:都|均|全)(?:是|已|已经|已经是|是在)?$/.test(t.slice(Math.max(0, w.start - 4), w.start)) || /都|均/.test(t.slice(w.start, w.end)) }));
  for (const w of words) for (let i = w.start; i < w.end; i++) taken[i] = true;
  const guessed = unknownNames(t, roster, taken, places);
  // "排查 赵六 入户…": the word right after 排查 is the name, even one the area does not know
  // (the flow then says it is not found here — never that it exists elsewhere).
  const lead = /^(?:一般户排查|排查)\s*[:：]?\s*([\u4e00-\u9fa5·]{2,4})(?=\s|$)/.exec(t);
  if (named.length === 0 && guessed.length === 0 && lead?.[1]) {
    const at = t.indexOf(lead[1], lead[0].length - lead[1].length);
    if (!taken.slice(at, at + lead[1].length).some(Boolean)) guessed.push({ start: at, end: at + lead[1].length, name: { said: lead[1], ids: [], similar: [] } });
  }
  const tokens = [...named, ...visits, ...words, ...guessed].sort((a, b) => a.start - b.start);
  const groups = groupsOf(t, tokens).filter((g, i, all) => g.names.length > 0 || (i === 0 && all.length === 1));
  const said = new Set([...words, ...visits].filter((w) => w.said && w.said.field !== 'command' && w.said.field !== 'remark' && w.said.field !== 'correction').map((w) => w.said?.field as string));
  const spans = groups.map((g, i) => t.slice(g.start, groups[i + 1]?.start ?? t.length));
  const all = groups.map((g, i) => reportOf(t, g, groups[i + 1]?.start ?? t.length, [...tokens, ...placed]));
  const own = (r: ScreeningReport) => r.method !== undefined || r.risk !== undefined || r.knowsPolicy !== undefined || r.conflicts.length > 0;
  const notDone = (i: number) => NOT_DONE.test(spans[i] as string) || NOT_YET_BEFORE.test(t.slice(Math.max(0, (groups[i]?.start ?? 0) - 8), groups[i]?.start ?? 0));
  const skipped = all.flatMap((r, i) => (!own(r) && notDone(i) ? r.names.map((n) => n.said) : []));
  // A household named as where something happened (“王海以前在马有福家帮工”), with no word of its own, is no
  // report; 到…家 is a visit (“到刘有才家也一样”), and 也一样/同上 repeats the report before.
  const where = (i: number) => /在$/.test(t.slice(0, groups[i]?.tokens.find((x) => x.name)?.start ?? 0)) && !ALSO.test(spans[i] as string);
  let reports = all.filter((r, i) => own(r) || (!notDone(i) && !where(i)));
  if (reports.length > 1) {
    // Words after 都/均 belong to every report of the line; "李四也是" repeats the report before.
    const shared = words.filter((w) => w.shared);
    reports.forEach((r, i) => {
      for (const w of shared) {
        const f = w.said?.field;
        if ((f === 'method' || f === 'risk' || f === 'knowsPolicy') && r[f] === undefined && !r.conflicts.includes(f)) (r as unknown as Record<string, unknown>)[f] = w.said?.value;
      }
      const before = reports[i - 1];
      if (before && !own(r) && ALSO.test(spans[all.indexOf(r)] as string)) Object.assign(r, { method: before.method, risk: before.risk, riskDetail: before.riskDetail, knowsPolicy: before.knowsPolicy, suggestedRisks: before.suggestedRisks });
    });
  }
  const count = countSaid(t);
  reports = onlyOneRisk(t, reports);
  if (count && reports.length === 1 && (reports[0] as ScreeningReport).names.length < count) (reports[0] as ScreeningReport).countSaid = count;
  return { reports, words: said, skipped };
}

/**
 * Reads a message as screening reports (one per household named; see the module comment).
 * `reports` is empty when no household was named and no screening word was said.
 */
export function readScreeningReports(text: string, roster: ScreeningRoster): ScreeningReading {
  const command = /^\s*(?:一般户排查|排查)/.test(normalize(text));
  const places = placeWords(roster.places);
  const reports: ScreeningReport[] = [];
  const words = new Set<string>();
  const skipped: string[] = [];
  for (const line of text.split(/\r?\n+/).filter((l) => l.trim() !== '')) {
    const r = readLine(line, roster, places);
    for (const w of r.words) words.add(w);
    skipped.push(...r.skipped);
    // A line without a household adds to the report before it ("没问题" on its own line).
    for (const rep of r.reports) {
      const last = reports[reports.length - 1];
      if (rep.names.length === 0 && last) {
        for (const f of ['method', 'risk', 'knowsPolicy', 'riskDetail', 'remark'] as const) if (last[f] === undefined && rep[f] !== undefined) (last as unknown as Record<string, unknown>)[f] = rep[f];
      } else reports.push(rep);
    }
  }
  const any = reports.some((r) => r.names.length > 0) || words.size > 0;
  return { reports: any ? reports : [], words: words.size, command, skipped };
}

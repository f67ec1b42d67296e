/**
 * Which place an official's question is about, decided against the asker's jurisdiction before
 * any number is read: their own area ("进度", "本镇"), the city ("全市"), or a place named in words
 * ("高家堡", "高家堡镇凉水井村", "gjb"). A place outside the jurisdiction is refused by name only —
 * the refusal carries no number, and says nothing a public list of place names would not. A place
 * that is not found at all is answered for the asker's own area, with a line saying so.
 *
 * @example
 *   choosePlace({ kind: 'named', text: '高家堡' }, map, townOfficial)
 *   // { kind: 'one', place: { level: 'town', code: '610821101', name: '高家堡镇', label: '高家堡镇' }, note: null }
 *   choosePlace({ kind: 'city' }, map, townOfficial)
 *   // { kind: 'one', place: 高家堡镇, note: '您的辖区是高家堡镇，看不到全市的数据。以下是高家堡镇：' }
 */
import { ROLE_LABEL } from '../../domain/roles.js';
import type { Region } from '../../domain/types.js';
import type { StaffActor } from '../types.js';
import type { AreaScope } from '../understand/intents.js';
import { normalize } from '../understand/normalize.js';
import { resolveRegion } from '../understand/regions.js';
import type { Denial, OfficialMap, Place } from './data.js';
import { quoteBack } from './words.js';

export type PlaceChoice =
  | { kind: 'one'; place: Place; note: string | null }
  | { kind: 'ambiguous'; text: string; candidates: Place[] }
  | { kind: 'outside'; names: string[] }
  | { kind: 'unknown'; text: string }
  | { kind: 'no_home' };

/** A region as a Place (grids are not places of these questions: null). */
export function placeOf(region: Region, regions: readonly Region[]): Place | null {
  if (region.level === 'grid') return null;
  const town = region.level === 'village' ? regions.find((r) => r.code === region.parentCode) : undefined;
  return { level: region.level, code: region.code, name: region.name, label: town ? `${town.name}${region.name}` : region.name };
}

const PLACE_LEVELS = ['city', 'town', 'village'] as const;

/** “咱镇”, “全镇的”, “本街道”: the asker's town said, not their area — for a village's staff, an area above their own. */
const OWN_TOWN = /(?:咱们?|我们|俺们?|本|全|这个?)(?:镇|乡|街道)(?!上报|长)/;

/** The line before a village's numbers when its staff asked about the town above it (“高家堡镇进度”, “咱镇进度”). */
export function aboveNote(above: { name: string; level: string }, home: Place): string {
  const whole = above.level === 'city' ? '全市' : '全镇';
  return `${above.name}（${whole}）不在您的辖区内，您的辖区是${home.label}。以下是${home.label}：`;
}

/**
 * Decides the place of a question (see the module comment). `said`: the question as sent, for
 * “咱镇”/“全镇” asked by a village's staff — their village is shown, saying the town is not theirs.
 */
export function choosePlace(scope: AreaScope, map: OfficialMap, staff: StaffActor, said = ''): PlaceChoice {
  const home = map.home;
  if (scope.kind === 'own') {
    if (!home) return { kind: 'no_home' };
    const town = home.level === 'village' && OWN_TOWN.test(normalize(said)) ? map.regions.find((r) => r.code === map.regions.find((v) => v.code === home.code)?.parentCode) : undefined;
    return { kind: 'one', place: home, note: town ? aboveNote(town, home) : null };
  }
  if (scope.kind === 'city') {
    if (home?.level === 'city') return { kind: 'one', place: home, note: null };
    return home ? { kind: 'one', place: home, note: `您的辖区是${home.label}，看不到全市的数据。以下是${home.label}：` } : { kind: 'no_home' };
  }
  const levels = scope.levelHint ? [scope.levelHint] : PLACE_LEVELS;
  // Resolved over the whole city first, then held against the jurisdiction: a search limited to
  // the asker's area would read “店塔镇新村” as the asker's own 新村.
  const found = resolveRegion(scope.text, map.regions, undefined, { levels });
  const places = (rs: readonly Region[]) => rs.map((r) => placeOf(r, map.regions)).filter((p): p is Place => p !== null);
  const mine = (r: Region) => isWithin(r.code, staff.jurisdiction.code, map.regions);
  // A place nobody knows (a typo, a word of the question left over): the asker's own area, saying so —
  // unless what was left over is plainly the question's own words (“今年累计”, “新增监测对象”).
  if (found.kind === 'none') return home ? { kind: 'one', place: home, note: questionWords(scope.text) ? null : unknownNote(scope.text, home) } : { kind: 'unknown', text: scope.text };
  const candidates = found.kind === 'one' ? [found.region] : found.candidates;
  const inside = places(candidates.filter(mine));
  if (inside.length === 1) return { kind: 'one', place: inside[0] as Place, note: null };
  if (inside.length > 1) return { kind: 'ambiguous', text: scope.text, candidates: inside };
  // The town (or city) the asker's own area lies in: not theirs to see, their own area is shown instead.
  const above = home ? places(candidates).filter((p) => isWithin(home.code, p.code, map.regions)) : [];
  if (home && above.length === 1 && candidates.length === 1) return { kind: 'one', place: home, note: aboveNote(above[0] as Place, home) };
  return { kind: 'outside', names: places(candidates).map((p) => p.label) };
}

export const PLACE_SUFFIX = /(?:村|镇|乡|街道|社区|市|县|区|组|网格)$/;
/** Words of the campaign's questions that no place name here is made of. */
const QUESTION_WORDS = /监测|对象|累计|新增|新纳入|今年|去年|本周|这周|上周|本月|这个月|多少|几个|几户|识别|纳入|排查|消除|回头看|情况|进度|数据|统计|一共|总共|户数|人数|脱贫|风险|线索|问题|整改|帮扶|措施/;

/** Whether text taken for a place is words of the question rather than a name (no place suffix, a question word in it). */
export function questionWords(text: string): boolean {
  const t = normalize(text).trim();
  return !PLACE_SUFFIX.test(t) && QUESTION_WORDS.test(t);
}

/** The line before an answer for the asker's own area when the place asked about was not found. */
export function unknownNote(text: string, home: Place): string {
  const said = quoteBack(text);
  const what = /^[\u4e00-\u9fa5a-zA-Z*0-9]{2,}$/.test(said) ? `没有找到“${said}”这个地方` : '没看出问的是哪个地方';
  return `${what}，以下是您的辖区${home.label}的情况（问别处请发镇街或村的全名，例如“${home.name}进度”）：`;
}

/** Whether `code` is `ancestor` or lies below it. */
export function isWithin(code: string, ancestor: string, regions: readonly Region[]): boolean {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  for (let r = byCode.get(code), hops = 0; r && hops < 8; r = r.parentCode === null ? undefined : byCode.get(r.parentCode), hops++) {
    if (r.code === ancestor) return true;
  }
  return false;
}

/**
 * The candidate a reply picks: its number ("2", "第二个", "２") or its name ("店塔镇新村",
 * "店塔的"); null when the reply names none or several.
 */
export function pickCandidate(text: string, candidates: readonly Place[]): Place | null {
  const t = normalize(text).replace(/[。.!~,，]+$/, '').replace(/^第/, '').replace(/(?:个|项|号)$/, '').trim();
  const numbers: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
  const n = /^\d{1,2}$/.test(t) ? Number(t) : numbers[t];
  if (n !== undefined) return candidates[n - 1] ?? null;
  if (t.length < 2) return null;
  const exact = candidates.filter((c) => c.label === t || c.name === t);
  if (exact.length === 1) return exact[0] as Place;
  // "店塔的", "店塔镇那个", "那店塔镇的呢": the reply names a part of one label (a town name tells villages apart).
  const core = t.replace(/^(?:那|是|要)/, '').replace(/(?:的|那个|这个|那边)?(?:呢|咧|嘞|吧)?$/, '');
  if (core.length < 2) return null;
  const partial = candidates.filter((c) => c.label.includes(core) || core.includes(c.label));
  return partial.length === 1 ? (partial[0] as Place) : null;
}

/** The Chinese answer when a place cannot be shown. */
export function placeRefusal(choice: Exclude<PlaceChoice, { kind: 'one' } | { kind: 'ambiguous' }>, staff: StaffActor, home: Place | null): string {
  switch (choice.kind) {
    case 'outside':
      return `${choice.names.join('、')}不在您的辖区${home ? `（${home.label}）` : ''}内，无法查看。${home ? `可以发送“${home.name}进度”查看本辖区。` : ''}`;
    case 'unknown':
      return `没有找到“${quoteBack(choice.text)}”这个地方。请发送镇街或村的名称，例如“${home?.name ?? '高家堡镇'}进度”。`;
    case 'no_home':
      return noRole(staff);
  }
}

export function noRole(staff: StaffActor): string {
  return `您的账号（${ROLE_LABEL[staff.role]}）不能查看这项统计。如有需要，请联系镇街或市乡村振兴局。`;
}

/** Words for a port refusal. */
export function denialText(reason: Denial, place: Place, staff: StaffActor): string {
  switch (reason) {
    case 'out_of_jurisdiction':
      return `${place.label}不在您的辖区内，无法查看。`;
    case 'role':
      return noRole(staff);
    case 'not_found':
      return `没有找到${place.label}的数据。`;
  }
}

/** The question that lists same-named places (a numbered menu; the reply is read by `pickCandidate`). */
export function ambiguityMenu(text: string, candidates: readonly Place[]): { type: 'menu'; head: string; items: Array<{ id: string; label: string }>; tail: string } {
  const levelWord = (p: Place) => (p.level === 'town' ? '（镇街）' : p.level === 'city' ? '（全市）' : '');
  return {
    type: 'menu',
    head: `“${quoteBack(text)}”有${candidates.length}个地方，您问的是哪一个？`,
    items: candidates.map((c) => ({ id: c.code, label: `${c.label}${levelWord(c)}` })),
    tail: '请回复序号或全名；发送“取消”退出。',
  };
}

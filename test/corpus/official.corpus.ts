/**
 * The officials' corpus (./official.items.ts) run through the real router, registry and official
 * flows, with the in-memory official port of the transcripts (test/flows/official/fixtures.ts:
 * the real 附件1 calculation, the jurisdiction checks of the real port). Each question is the
 * first message of a fresh conversation (a follow-up: the second, after the question it follows), read as the person reads it (markdown's plain text, a
 * menu as numbered lines, a file or picture by its name).
 *
 * Verdicts (test/corpus/types.ts):
 * - correct: the expected view for the expected place (a refusal by name, or the choice of places,
 *   when that is what the item expects);
 * - asked: the choice of places offered where the item names one place;
 * - wrong: the asker's own area answered with a line saying the place was not found, a refusal where
 *   an answer was due, or an answer where a refusal was due — all visible to the asker;
 * - silent_misrecord: numbers of another place or another view given as the answer, with nothing said;
 * - not_understood: "没太明白", the help menu, or nothing.
 */
import type { OfficialData } from '../../src/flows/official/data.js';
import { ACTORS, fakeData, place, CITY, DT, DT_GJB, DT_XC, GJB, GJB_XC, LSJ, LZ } from '../flows/official/fixtures.js';
import { routedTalk } from '../flows/official/routed.js';
import { OFFICIAL_ITEMS, type Asker, type OfficialItem } from './official.items.js';
import type { ItemResult, Verdict } from './types.js';

const PLACE_CODE: Record<string, string> = { GJB, LSJ, GXC: GJB_XC, DT, DXC: DT_XC, DGJB: DT_GJB, LZ, CITY };
const HOME: Record<Asker, string> = { town: GJB, city: CITY, cadre: LSJ, otherTown: DT, team: LSJ };

/** The first line or file name by which each view's answer is recognised, for a place label. */
const VIEW: Record<string, (label: string) => RegExp> = {
  P: (l) => new RegExp(`^${l}排查进度（截至`),
  R: (l) => new RegExp(`^${l}(?:本周)?上报情况`),
  O: (l) => new RegExp(`^${l}超期风险线索`),
  Z: (l) => new RegExp(`^${l}零问题的村`),
  K: (l) => new RegExp(`^${l}.{0,6}排查通报`),
  S: (l) => new RegExp(`^${l}督导名单`),
  C: (l) => new RegExp(`^\\[image:${l}_coverage_`),
  CO: (l) => new RegExp(`^\\[image:${l}_overdue_`),
  X: (l) => new RegExp(`^\\[file:attachment1_${l}_`),
  X2: (l) => new RegExp(`^\\[file:attachment2_${l}_`),
  X3: (l) => new RegExp(`^\\[file:attachment3_${l}_`),
  X4: (l) => new RegExp(`^\\[file:attachment4_${l}_`),
  X5: (l) => new RegExp(`^\\[file:attachment5_${l}_`),
  X6: (l) => new RegExp(`^\\[file:attachment6_${l}_`),
  W: (l) => new RegExp(`^${l}本周与上周对比`),
  T: (l) => new RegExp(`^${l}(?:网格员和村干部|第\\d+网格的网格员)`),
  U: (l) => new RegExp(`^${l}还没排查的户（截至`),
};

const ANY_VIEW = /^(?:\S+?)(?:排查进度（截至|(?:本周)?上报情况|超期风险线索|零问题的村|督导名单|本周与上周对比|网格员和村干部|第\d+网格的网格员|还没排查的户（截至|.{0,6}排查通报)|^\[(?:image|file):/;
const NOT_FOUND_NOTE = /^(?:没有找到“.*”这个地方|没看出问的是哪个地方)，以下是您的辖区/;

export function judgeOfficial(item: OfficialItem, replies: readonly string[]): { verdict: Verdict; firstMessage: boolean; detail?: string } {
  const [, asker, expected] = item;
  const detail = replies.map((r) => r.split('\n')[0]).join(' | ').slice(0, 160);
  const menu = replies.some((r) => /有\d+个地方，您问的是哪一个？/.test(r));
  const refused = replies.some((r) => /不在您的辖区/.test(r));
  const noted = replies.some((r) => NOT_FOUND_NOTE.test(r));
  const answered = replies.filter((r) => ANY_VIEW.test(r));
  if (expected === 'ask') return menu ? { verdict: 'correct', firstMessage: true, detail } : answered.length ? { verdict: 'silent_misrecord', firstMessage: false, detail } : { verdict: 'not_understood', firstMessage: false, detail };
  if (expected === 'refuse') {
    if (refused) return { verdict: 'correct', firstMessage: true, detail };
    return answered.length ? { verdict: noted ? 'wrong' : 'silent_misrecord', firstMessage: false, detail } : { verdict: 'not_understood', firstMessage: false, detail };
  }
  const [view, where] = expected.split('@') as [string, string];
  const label = place(where === 'own' ? HOME[asker] : (PLACE_CODE[where] as string)).label;
  const want = (VIEW[view] as (l: string) => RegExp)(label);
  if (answered.some((r) => want.test(r))) {
    // The asker's own area with a "not found" line is right only when the own area was asked.
    if (noted && where !== 'own' && PLACE_CODE[where] !== HOME[asker]) return { verdict: 'wrong', firstMessage: false, detail };
    return { verdict: 'correct', firstMessage: true, detail };
  }
  if (menu) return { verdict: 'asked', firstMessage: false, detail };
  if (refused || noted) return { verdict: 'wrong', firstMessage: false, detail };
  if (answered.length) return { verdict: 'silent_misrecord', firstMessage: false, detail };
  return { verdict: 'not_understood', firstMessage: false, detail };
}

/** Every item of the officials' corpus, judged. */
export async function runOfficialCorpus(): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  const data = new Map<Asker, OfficialData>();
  for (const [i, item] of OFFICIAL_ITEMS.entries()) {
    const actor = ACTORS[item[1]];
    if (!data.has(item[1])) data.set(item[1], fakeData(actor));
    const talk = routedTalk(actor, data.get(item[1]) as OfficialData);
    // A follow-up: the question before first, ten minutes earlier.
    if (item[3]) await talk.say(item[3]);
    const { replies } = await talk.say(item[0], item[3] ? 10 * 60_000 : 0);
    out.push({ id: `official-${String(i + 1).padStart(3, '0')}`, role: 'official', text: item[0], ...judgeOfficial(item, replies) });
  }
  return out;
}

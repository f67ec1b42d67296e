/**
 * 网格员名单: who answers for a grid or a village — "石门村第二网格谁负责", "石门村网格员都是谁",
 * "枣林村的网格员电话多少", "高家堡镇有哪些网格员", "咱村网格员名单". Answered from the staff
 * roster (the active grid workers by their grid, and the village cadres), within the asker's
 * jurisdiction only: a village cadre their own village, a town official their town, the city
 * bureau every town; another place is refused by name (place.ts), like every official question.
 * Names and grids are shown; working phones only masked (maskPhone: 130****0101).
 *
 * @example
 *   // 石德明 (村干部, 石门村): “第二网格谁负责”
 *   // → 高家堡镇石门村第2网格的网格员\n第2网格：张军（电话130****0102）…
 */
import { maskPhone } from '../../domain/privacy.js';
import { POLICY } from '../../domain/roles.js';
import { gridNumberOf, readOfficialAsk } from '../understand/official-asks.js';
import type { Place, RosterPerson, StaffRosterView } from './data.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { capped, say } from './words.js';

const MAX_LINES = 40;
const NOTE = '电话已隐去中间几位，完整号码请在企业微信通讯录里查看。';

const person = (p: RosterPerson): string => (p.phone ? `${p.name}（电话${maskPhone(p.phone)}）` : p.name);
const people = (ps: readonly RosterPerson[], none: string): string => (ps.length ? ps.map(person).join('、') : none);

type Village = StaffRosterView['villages'][number];

/** One line per grid of a village (only grid `n` when asked), then its village cadres. */
function villageLines(v: Village, n: number | null, withName: boolean): string[] {
  const grids = n === null ? v.grids : v.grids.filter((g) => gridNumberOf(g.name) === n || g.aliases.some((a) => gridNumberOf(a) === n));
  const prefix = withName ? `${v.village.name}` : '';
  const lines = grids.map((g) => `${prefix}${g.name}：${people(g.workers, '暂无登记的网格员')}`);
  if (n === null && v.grids.length === 0) lines.push(`${prefix}（未分网格）`);
  if (n === null) lines.push(`${prefix}村干部：${people(v.cadres, '暂无登记')}`);
  return lines;
}

/** The answer: the place's grids (or grid `n`) with their workers, and the village cadres. */
export function rosterReply(place: Place, view: StaffRosterView, n: number | null): ReturnType<typeof say> {
  const lines = view.villages.flatMap((v) => villageLines(v, n, place.level !== 'village'));
  const what = n === null ? '网格员和村干部' : `第${n}网格的网格员`;
  if (lines.length === 0) {
    const where = place.level === 'village' ? place.label : `${place.label}各村`;
    return say(n === null ? `${where}还没有登记网格员和村干部。` : `${where}没有第${n}网格。可以发送“${place.label}网格员都是谁”看全部网格。`);
  }
  // Plain text: the stars of a masked phone would read as markdown.
  return say([`${place.label}${what}`, ...capped(lines, MAX_LINES, '条'), NOTE].join('\n'));
}

export const staffRosterFlow = placeQuestion({
  name: 'official/staff-roster',
  title: '网格员名单',
  askWord: '网格员都是谁',
  version: 1,
  roles: POLICY.view_reports,
  read(text) {
    const ask = readOfficialAsk(text);
    return ask?.view === 'staff' ? { scope: ask.scope, params: { grid: ask.grid ?? null } } : null;
  },
  async answer(place, params, env) {
    const r = await env.data.staffRoster(place.code);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    return [rosterReply(place, r.value, typeof params.grid === 'number' ? params.grid : null)];
  },
});

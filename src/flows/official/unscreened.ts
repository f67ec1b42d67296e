/**
 * 未排查户名单: which households are still to be screened — "石门村还有哪些户没排查", "没排查的户有哪些",
 * "把石门村没排查的户列出来", "未排查户名单". A list, where "还有多少户没排查" (a count) is progress.
 * For a village: the heads of the households with no record in the campaign's window, by grid (the
 * complement of 附件1's 集中排查对象, from `env.data.unscreened`). For a town or the city: how many
 * each village (or town) has left, from the same progress numbers, and how to ask for a village's names.
 * Grid workers have their own list in 待办 (their grid), so the question is not theirs here.
 *
 * @example
 *   // 石德明 (村干部, 石门村): “还有哪些户没排查”
 *   // → 高家堡镇石门村还没排查的户（截至12月7日）：共7户\n第1网格（3户）：石秀英、贺永胜、杨建平\n…
 */
import { POLICY } from '../../domain/roles.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { Place, UnscreenedView } from './data.js';
import { denialText } from './place.js';
import { countedTo, placeQuestion } from './question.js';
import { capped, chineseDay, nameList, say } from './words.js';

/** Names shown per grid before “等N户”, and places listed for a town or the city. */
const NAMES_PER_GRID = 60;
const MAX_PLACES = 40;

/** A village's answer: its unscreened households by grid. */
export function villageLines(place: Place, view: UnscreenedView): string[] {
  const total = view.grids.reduce((n, g) => n + g.headNames.length, 0);
  const head = `${place.label}还没排查的户（截至${chineseDay(view.reportDay)}）`;
  if (total === 0) return [`${head}：无，花名册上的户都已排查。`];
  const lines = view.grids.map((g) => `${g.name ?? '未分网格'}（${g.headNames.length}户）：${nameList(g.headNames, NAMES_PER_GRID, '户')}`);
  return [`${head}：共${total}户`, ...lines, '网格员发送“排查 户主姓名 …”登记；名单按户主姓名列出。'];
}

export const unscreenedFlow = placeQuestion({
  name: 'official/unscreened',
  title: '未排查户名单',
  askWord: '哪些户没排查',
  version: 1,
  roles: POLICY.view_reports,
  read(text, staff) {
    // A grid worker's own list is in 待办.
    if (staff.role === 'grid_worker') return null;
    const ask = readOfficialAsk(text);
    return ask?.view === 'unscreened' ? { scope: ask.scope, params: {} } : null;
  },
  // “凉水井村的名单呢” after a town's counts: that village's list.
  follows: { day: true, what: /名单|花名册/ },
  async answer(place, _params, env, asked) {
    const staff = env.actor.staff!;
    const at = countedTo(asked, env);
    if (place.level === 'village') {
      const view = await env.data.unscreened(place.code, at);
      return [say(view.ok ? villageLines(place, view.value).join('\n') : denialText(view.reason, place, staff))];
    }
    const progress = await env.data.progress(place.code, at);
    if (!progress.ok) return [say(denialText(progress.reason, place, staff))];
    const { parts, reportDay } = progress.value;
    // The villages of a town, the towns of the city.
    const left = parts
      .map((p) => ({ place: p.place, left: p.roster.households - p.row.screened.households }))
      .filter((v) => v.left > 0)
      .sort((a, b) => b.left - a.left);
    const total = left.reduce((n, v) => n + v.left, 0);
    const head = `${place.label}还没排查的户（截至${chineseDay(reportDay)}）`;
    if (total === 0) return [say(`${head}：无，各村花名册上的户都已排查。`)];
    const example = left[0]!.place;
    const next = example.level === 'village' ? '看该村的名单' : '看该镇各村';
    return [say([`${head}：共${total}户`, ...capped(left.map((v) => `${v.place.name}：${v.left}户`), MAX_PLACES, '处'), `发送“${example.name}哪些户没排查”${next}。`].join('\n'))];
  },
});

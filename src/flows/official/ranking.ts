/**
 * 通报排名: "镇街排名", "全市通报", "各村排名" — the towns of the city (or the villages of a town)
 * ranked by screening coverage, then by the share of problems rectified (src/domain/supervision.ts),
 * from the same 附件1 rows as "进度". A town official asking for the city's ranking is shown their
 * town's villages (another town's numbers are not theirs to see).
 *
 * @example
 *   // 钱七 (市乡村振兴局): “镇街排名”
 *   // → **神木市各镇街排查通报**（截至5月13日）\n1. 店塔镇 覆盖100.0%（2/2户），问题整改：无问题 …
 */
import { rankPlaces, type RankedPlace } from '../../domain/supervision.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { PlaceProgress } from './data.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { chineseDay, markdownReply, percent, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

function line(r: RankedPlace, p: PlaceProgress): string {
  const cover = r.coverage === null ? '无花名册' : `覆盖${percent(r.coverage)}（${p.row.screened.households}/${p.roster.households}户）`;
  const fixed = r.rectification === null ? '未发现问题' : `问题整改${percent(r.rectification)}（${p.row.problemsRectified}/${p.row.problemsFound}个）`;
  return `${r.rank}. ${p.place.name} ${cover}，${fixed}`;
}

export const rankingFlow = placeQuestion({
  name: 'official/ranking',
  title: '排名通报',
  askWord: '排名',
  version: 1,
  roles: POLICY.oversee,
  read(text) {
    const ask = readOfficialAsk(text);
    return ask?.view === 'ranking' ? { scope: ask.scope, params: {} } : null;
  },
  async answer(place, _params, env) {
    if (place.level === 'village') return [say(`排名按镇街（全市）或村（本镇）比较，${place.label}没有下一级可排。可以发送“${place.label}进度”查看该村。`)];
    const r = await env.data.progress(place.code, env.now);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const { parts, reportDay } = r.value;
    const byCode = new Map(parts.map((p) => [p.place.code, p]));
    const ranked = rankPlaces(parts.map((p) => ({ code: p.place.code, row: p.row, roster: p.roster })));
    const lines = ranked.map((x) => line(x, byCode.get(x.code) as PlaceProgress));
    if (lines.length === 0) lines.push('还没有可比较的下一级。');
    lines.push('排名先看排查覆盖率，再看问题整改率；发送“督导名单”查看需要重点督导的村。');
    const what = place.level === 'city' ? '各镇街' : '各村';
    return [reply(markdownReply(`**${place.label}${what}排查通报**（截至${chineseDay(reportDay)}）`, lines))];
  },
});

/**
 * 通报排名: "镇街排名", "全市通报", "各村排名" — the towns of the city (or the villages of a town)
 * ranked by screening coverage, then by the share of problems rectified (src/domain/supervision.ts),
 * from the same 附件1 rows as "进度". A town official asking for the city's ranking is shown their
 * town's villages (another town's numbers are not theirs to see).
 *
 * Follow-ups (question.ts): “上周的呢” ranks the numbers counted to last Sunday; “换成按村排一下”
 * ranks the villages — of every town when the place is the city — and “按镇街排” the towns of the
 * city (for a town official, who sees no other town, their villages with a line saying so).
 *
 * @example
 *   // 钱七 (市乡村振兴局): “镇街排名”
 *   // → **神木市各镇街排查通报**（截至5月13日）\n1. 店塔镇 覆盖100.0%（2/2户），问题整改：无问题 …
 */
import { rankPlaces, type RankedPlace } from '../../domain/supervision.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { PlaceProgress } from './data.js';
import { denialText } from './place.js';
import { countedTo, placeQuestion } from './question.js';
import { capped, chineseDay, markdownReply, percent, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

/** Villages ranked across the whole city at most (then “……另有N个村未列出”). */
const MAX_RANKED = 40;

function line(r: RankedPlace, p: PlaceProgress, withTown: boolean): string {
  const cover = r.coverage === null ? '无花名册' : `覆盖${percent(r.coverage)}（${p.row.screened.households}/${p.roster.households}户）`;
  const fixed = r.rectification === null ? '未发现问题' : `问题整改${percent(r.rectification)}（${p.row.problemsRectified}/${p.row.problemsFound}个）`;
  return `${r.rank}. ${withTown ? p.place.label : p.place.name} ${cover}，${fixed}`;
}

/** The grouping said in the question itself: “按村排名”, “全市各村排名” (the villages), “按镇街排名” (the towns). */
const BY_VILLAGE = /(?:按|分)(?:村|社区)|各村|村级|村一级/;
const BY_TOWN = /(?:按|分)(?:镇街|乡镇|镇|街道)|镇级|镇一级/;
const GROUPING_WORDS = /(?:按|分)(?:村|社区|镇街|乡镇|镇|街道)(?:来)?|(?:村|镇)(?:一级|级)/g;

export const rankingFlow = placeQuestion<{ by: 'town' | 'village' | null }>({
  name: 'official/ranking',
  title: '排名通报',
  askWord: '排名',
  version: 1,
  roles: POLICY.oversee,
  read(text) {
    // The grouping is no place (“按村排名” is not a place called 按村).
    const ask = readOfficialAsk(text.replace(GROUPING_WORDS, ' '));
    const by = BY_VILLAGE.test(text) ? 'village' : BY_TOWN.test(text) ? 'town' : null;
    return ask?.view === 'ranking' ? { scope: ask.scope, params: { by } } : null;
  },
  follows: { day: true, grouping: true },
  async answer(said, params, env, asked) {
    const by = asked.by ?? params.by ?? null;
    if (said.level === 'village') return [say(`排名按镇街（全市）或村（本镇）比较，${said.label}没有下一级可排。可以发送“${said.label}进度”查看该村。`)];
    const at = countedTo(asked, env);
    // The towns asked of a town: the city's, when the asker sees the city.
    const home = by === 'town' && said.level === 'town' ? (await env.data.officialMap()).home : null;
    const place = home?.level === 'city' ? home : said;
    // Said only after a follow-up: a question of its own (“各镇街排名”) already has choosePlace's line.
    const note = asked.by === 'town' && place.level === 'town' ? [say(`按镇街排名要看全市的数，您的辖区是${place.label}，以下按村排：`)] : [];
    const r = await env.data.progress(place.code, at);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const { reportDay } = r.value;
    let parts = r.value.parts;
    // The villages of the whole city: each town's villages, from the same calculation.
    const villagesOfCity = by === 'village' && place.level === 'city';
    if (villagesOfCity) {
      const villages: PlaceProgress[] = [];
      for (const t of parts) {
        const town = await env.data.progress(t.place.code, at);
        if (town.ok) villages.push(...town.value.parts);
      }
      parts = villages;
    }
    const byCode = new Map(parts.map((p) => [p.place.code, p]));
    const ranked = rankPlaces(parts.map((p) => ({ code: p.place.code, row: p.row, roster: p.roster })));
    const lines = capped(ranked.map((x) => line(x, byCode.get(x.code) as PlaceProgress, villagesOfCity)), MAX_RANKED, '个村');
    if (lines.length === 0) lines.push('还没有可比较的下一级。');
    lines.push('排名先看排查覆盖率，再看问题整改率；发送“督导名单”查看需要重点督导的村。');
    const what = place.level === 'city' && !villagesOfCity ? '各镇街' : '各村';
    return [...note, reply(markdownReply(`**${place.label}${what}排查通报**（截至${chineseDay(reportDay)}）`, lines))];
  },
});

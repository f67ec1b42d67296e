/**
 * 部署和培训, asked as a question: “这个月培训了多少人”, “全镇培训了几个人”, “我们村部署了没有”,
 * “凉水井村开部署会了吗”, “哪些村还没部署”. The answer is the place's two 附件1 columns (是否专门安排
 * 部署, 培训人数) from the one calculation, with the villages not yet deployed and each village's
 * trained count for a town or the city (by town) — not the whole progress report. Telling one
 * (“培训 凉水井村 3月15日 12人”) is the field flow's (src/flows/field/activity.ts).
 *
 * @example
 *   // 石德明 (村干部, 石门村): “这个月培训了多少人”
 *   // → '**石门村部署和培训**（截至12月7日）\n专门部署：还没有\n培训：0人\n…'
 */
import { areaScope } from '../understand/intents.js';
import { normalize } from '../understand/index.js';
import { countedTo, placeQuestion } from './question.js';
import { denialText } from './place.js';
import { capped, chineseDay, markdownReply, nameList, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';
import type { PlaceProgress } from './data.js';

/** A question about the deployment or the training (not a report of one: those carry a count or a day and no question). */
const ASKS =
  /(?:培训|部署)(?:了|过|会)?(?:多少|几)(?:个)?(?:人|次|场|个村)|(?:多少|几)(?:个)?人(?:参加了?|参与了?)?(?:培训|部署)|(?:培训|部署|开部署会|开培训会|搞培训|开会部署)(?:了|过)?(?:没有|没|吗|么|了吗|没得)[?？]?$|(?:哪些|哪几个|几个|多少)(?:个)?(?:村|镇|镇街)(?:还)?(?:没|没有|未)(?:部署|培训)|(?:部署|培训)(?:情况|进度|咋样|怎么样)/;
/** The words of the question, taken out before the place is read. */
const QUESTION_WORDS =
  /(?:这个?月|本月|这周|本周|这礼拜|目前|现在|到现在|截至今天|一共|总共|共)|(?:专门)?(?:开)?(?:部署|培训)(?:会)?(?:了|过)?|(?:多少|几)(?:个)?(?:人|次|场|个村)?|(?:参加了?|参与了?)|(?:没有|没得|没|吗|么|了吗)|(?:哪些|哪几个)(?:村|镇|镇街)?|(?:还|未)|(?:情况|进度|咋样|怎么样)|[?？。.!！]/g;

/** “凉水井村 12人（3月15日）” parts: the villages (or towns) with what they did. */
function partLines(parts: readonly PlaceProgress[]): string[] {
  return parts.map((p) => {
    const r = p.row;
    const deployed = r.level === 'village' ? (r.deployed ? '已部署' : '未部署') : `部署${r.deployedVillages}/${r.villages}个村`;
    return `${p.place.name}：${deployed}，培训${r.trained}人`;
  });
}

export const activityQuestionFlow = placeQuestion({
  name: 'official/activity',
  title: '部署和培训',
  askWord: '培训了多少人',
  version: 1,
  roles: POLICY.view_reports,
  read(text) {
    const t = normalize(text).trim();
    if (!ASKS.test(t)) return null;
    return { scope: areaScope(t.replace(QUESTION_WORDS, ' ').trim()), params: {} };
  },
  follows: { day: true },
  async answer(place, _params, env, asked) {
    const r = await env.data.progress(place.code, countedTo(asked, env));
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const { total, parts, reportDay } = r.value;
    const row = total.row;
    const lines: string[] = [];
    if (row.level === 'village') lines.push(`专门部署：${row.deployed ? '已部署' : '还没有'}`, `培训：${row.trained}人`);
    else {
      const notYet = parts.filter((p) => (p.row.level === 'village' ? !p.row.deployed : p.row.deployedVillages < p.row.villages)).map((p) => p.place.name);
      lines.push(`专门部署：${row.deployedVillages}/${row.villages}个村${notYet.length ? `（还没部署：${nameList(notYet)}）` : '，已全部部署'}`, `培训：${row.trained}人`);
      if (parts.length) lines.push(`${row.level === 'city' ? '各镇街' : '各村'}：`, ...capped(partLines(parts), 25));
    }
    lines.push('登记发送“已部署 村名 日期”“培训 村名 日期 人数”。');
    return [reply(markdownReply(`**${place.label}部署和培训**（截至${chineseDay(reportDay)}）`, lines))];
  },
});

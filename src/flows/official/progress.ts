/**
 * 排查进度 for officials: "高家堡镇进度", "凉水井村进度", "全市进度", "本镇进度", "gjb进度".
 * The answer is the place's 附件1 numbers (coverage, screened households and people, new subjects
 * by category, 回头看/回退/清退, problems found and fixed) with one line per town (city) or village
 * (town), lowest coverage first — the drill-down: each line names the place to ask next; a village
 * answer lists its grids' coverage.
 *
 * Scoping: a town official sees their town and its villages; "全市进度" shows them their town with
 * a note; another town or its villages are refused by name, without numbers. A village cadre or
 * screening-team member sees their own village (“本村进度”) with its grids.
 *
 * @example
 *   // 赵六 (镇街干部, 高家堡镇): “高家堡进度”
 *   // → **高家堡镇排查进度**（截至5月13日）\n排查覆盖：320/400户（80.0%），共951人 …
 */
import { classifyIntent } from '../understand/intents.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import { progressReply } from './progress-text.js';
import { exportAnswered } from './export-form.js';
import { countedTo, placeQuestion } from './question.js';
import { denialText } from './place.js';
import { reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';


/** The count of households left asked for (“还有多少户没排查”, “剩几户没入户”): said first. */
const LEFT_ASKED = /(?:多少|几)户(?:还)?(?:没|未|没有)(?:排查|排|入户|走访|摸排)|(?:没|未|没有)(?:排查|排|入户|走访)(?:的)?(?:还有)?(?:多少|几)户/;

export const progressFlow = placeQuestion({
  name: 'official/progress',
  title: '排查进度',
  askWord: '进度',
  version: 1,
  roles: POLICY.view_reports,
  read(text, staff) {
    if (readOfficialAsk(text) !== null) return null;
    const intent = classifyIntent(text, staff.role);
    if (intent.kind !== 'progress') return null;
    // A grid worker's own “进度” is their to-do list (the field flows' “待办”), not a report.
    if (staff.role === 'grid_worker' && intent.scope.kind === 'own') return null;
    return { scope: intent.scope, params: { left: LEFT_ASKED.test(text) } };
  },
  // “上周的呢”: the same numbers counted to last Sunday (the answer's title says to which day).
  follows: { day: true },
  // “导出来” after the numbers: 附件1 of the same place (and day).
  exported: (place, env, asked) => exportAnswered('attachment1', place, env, asked.asOf),
  async answer(place, params, env, asked) {
    const r = await env.data.progress(place.code, countedTo(asked, env));
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const answer = progressReply(r.value);
    // “还有多少户没排查”: the count asked for, under the title, then the report it comes from.
    const { total } = r.value;
    const left = Math.max(0, total.roster.households - total.row.screened.households);
    if (!params.left || total.roster.households === 0 || answer.type !== 'markdown') return [reply(answer)];
    const first = left === 0 ? `花名册${total.roster.households}户已全部排查。` : `还有${left}户没排查（花名册${total.roster.households}户，已排查${total.row.screened.households}户）。`;
    // Under the title, before the numbers it comes from.
    const under = (text: string) => text.replace(/\n/, `\n${first}\n`);
    return [reply({ ...answer, markdown: under(answer.markdown), fallback: under(answer.fallback) })];
  },
});

/**
 * 图表: a picture where a picture says more — “进度图” (screening coverage of the towns of the
 * city, the villages of a town or the grids of a village, lowest first) and “超期线索图” (overdue
 * and due-soon risk leads by town or village). The picture is drawn by the bot (src/bot/charts)
 * from the same numbers as the answers in words.
 *
 * @example
 *   // 赵六 (高家堡镇): “进度图”
 *   // → [text] 高家堡镇排查覆盖率图（截至5月13日），覆盖率低的排在前面。  [image] 高家堡镇_覆盖率_2022-05-13.png
 */
import { shanghaiDay } from '../../domain/shanghai-days.js';
import { readOfficialAsk } from '../understand/official-asks.js';
import type { ChartKind } from './data.js';
import { denialText } from './place.js';
import { placeQuestion } from './question.js';
import { chineseDay, reply, say } from './words.js';
import { POLICY } from '../../domain/roles.js';

const CAPTION: Record<ChartKind, string> = {
  coverage: '排查覆盖率图（截至DAY），覆盖率低的排在前面。',
  overdue: '超期风险线索图（DAY），超期多的排在前面，黄色为即将到期。',
};

export const chartFlow = placeQuestion<{ chart: ChartKind }>({
  name: 'official/chart',
  title: '图表',
  askWord: '进度图',
  version: 1,
  roles: POLICY.view_reports,
  read(text) {
    const ask = readOfficialAsk(text);
    return ask?.view === 'chart' ? { scope: ask.scope, params: { chart: ask.chart ?? 'coverage' } } : null;
  },
  async answer(place, params, env) {
    const r = await env.data.chart(params.chart, place.code, env.now);
    if (!r.ok) return [say(denialText(r.reason, place, env.actor.staff!))];
    const caption = `${place.label}${CAPTION[params.chart].replace('DAY', chineseDay(shanghaiDay(env.now)))}`;
    return [say(caption), reply({ type: 'image', fileName: r.value.fileName, contentBase64: r.value.contentBase64 })];
  },
});

/**
 * Officials' questions that `classifyIntent` folds into broader kinds: a chart ("进度图" reads as
 * progress there), the ranking of towns or villages (通报排名), the 督导 list, the town's weekly
 * report (周报) and a village's own weekly confirmation (本周上报). Checked by the official flows
 * before `classifyIntent`, so these words win over the plain progress question.
 *
 * The place is read with `areaScope` from what is left once the question's own words are removed:
 * "高家堡镇进度图" → chart of 高家堡镇, "各镇街排名" → ranking of the city, "超期线索图" → own area.
 *
 * @example
 *   readOfficialAsk('高家堡镇进度图')  // { view: 'chart', chart: 'coverage', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }
 *   readOfficialAsk('超期线索图')      // { view: 'chart', chart: 'overdue', scope: { kind: 'own' } }
 *   readOfficialAsk('镇街排名')        // { view: 'ranking', scope: { kind: 'city' } }
 *   readOfficialAsk('本周上报')        // { view: 'village_report', scope: { kind: 'own' } }
 *   readOfficialAsk('把上周和这周比一下')   // { view: 'week_compare', scope: { kind: 'own' } }
 *   readOfficialAsk('高家堡镇进度')    // null (a plain progress question)
 */
import { areaScope, type AreaScope } from './intents.js';
import { normalize } from './normalize.js';
import { questionScope } from './official-questions.js';

export type OfficialView = 'chart' | 'ranking' | 'supervision' | 'weekly_report' | 'village_report' | 'week_compare';

export interface OfficialAsk {
  view: OfficialView;
  /** Charts only: coverage of screening, or overdue risk leads. */
  chart?: 'coverage' | 'overdue';
  scope: AreaScope;
}

// Weekly confirmations are commands: they must start the message (“本周上报”, “周报”).
const VILLAGE_REPORT = /^(?:本周上报|上报本周(?:进度|数据)?|本村(?:本周)?上报|确认上报|上报进度|本周进度上报|本周数据上报)$|^(?:我们村|咱村|咱们村|本村|俺村|俺们村)?(?:把)?(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)(?:的)?(?:数据|进度|数字|数|情况|报表)?(?:报一下|报上去|上报一下|上报|报了|报|交一下|交上去|交了|交)(?:吧)?$/;
// The week's figures named, then a request for them (“咱村这周的上报 帮我弄一下”, “周五要交的那个表 先给我看看数”).
const VILLAGE_REPORT_ASKED = /^(?:我们村|咱村|咱们村|本村|俺村|俺们村)?(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜|(?:周五|星期五|礼拜五)(?:要)?(?:交|报|上报))(?:的)?(?:那个|这个|那张)?(?:上报|数据|数|表|报表)[\s,，]*(?:先)?(?:帮我|给我|帮忙)?(?:弄|搞|办|报|交|确认|看看|看|整理)(?:一下|下)?(?:数|数据)?$/;
// Whether one's own village's week has gone up (“我们村这周的数报上去没有”): the same view, which says so
// or shows the figures to confirm.
const VILLAGE_REPORT_STATUS = /^(?:我们村|咱村|咱们村|本村|俺村|俺们村)(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)(?:的)?(?:数据|进度|数字|数|情况|报表)?(?:报上去|上报|报|交上去|交)(?:了)?(?:没有|没|吗)$/;
const WEEKLY_REPORT = /^(?:本周|这周|这个礼拜|这礼拜|这个星期|这星期)?(?:的)?(?:周报|周报表)(?:帮我|给我)?(?:确认|核对|报一下|报上去|上报一下|上报|交一下|交上去)?(?:吧)?$|^(?:确认|核对|看看?|查看|报|交|上报|提交)(?:一下)?(?:本周)?(?:的)?周报$/;
const CHART = /截图|截个图|截张图|(?:发|来|出|画|做|弄|生成)(?:个|张|一张|一个)图(?:看看|看下|看一下|瞧瞧)?$|(?:进度|覆盖率?|排查|超期(?:线索)?|逾期(?:线索)?|线索|排名|统计)(?:图表|柱状图|统计图|图片|图)(?:发我|发给我|给我|发一下|发过来)?(?:一张|一个)?$|(?:图表|柱状图|统计图)$|^图$|^(?:看|画|出|发|来)(?:个|张|一张)?图/;
const OVERDUE_CHART = /超期|逾期|线索/;
const RANKING = /排名|排行|名次|通报|排(?:个|一下|下)名/;
const SUPERVISION = /督导|督查|重点关注的?村|异常的?村/;
// Words of these questions, removed before the place is read.
const OWN_WORDS = /需要|应该|要去|该去|得去|截图|截个图|截张图|发我|发给我|给我|发一下|发过来|(?:一张|一个)$|(?:做|弄|生成)(?:个|张|一张|一个)(?=图)|图表|柱状图|统计图|图片|图|排(?:个|一下|下)名|排名|排行|名次|通报|督导|督查|名单|重点关注|异常|覆盖率|覆盖|排查|^(?:看|画|出|发|来)(?:个|张|一张)?|各村/g;

// This week held against last week: 上周 beside 这周/本周 and a word of comparing, or 比上周/和上周相比/环比.
const LAST_WEEK = /上周|上星期|上个星期|上礼拜|上个礼拜/;
const THIS_WEEK = /这周|本周|这星期|这个星期|本星期|这礼拜|这个礼拜/;
const COMPARING = /比|相比|对比|比较|对照|差多少|差了|增加|增长|多了|少了|涨了|变化/;
const AGAINST_LAST_WEEK = /(?:比|较|和|跟|与|同)(?:上周|上星期|上个星期|上礼拜|上个礼拜)(?:的)?(?:数|数据|进度|情况)?(?:比|相比|对比|比较|比起来)?|(?:上周|上星期|上礼拜)(?:的)?(?:数|数据|进度|情况)?(?:和|跟|与|同)?(?:这周|本周|这星期|这礼拜)(?:的)?(?:数|数据|进度|情况)?(?:比|对比|相比|比较)|周环比|环比/;
// The words of the comparison, taken away before the place is read.
const COMPARE_WORDS = /上周|上星期|上个星期|上礼拜|上个礼拜|这周|本周|这星期|这个星期|本星期|这礼拜|这个礼拜|周环比|环比|比较|相比|对比|对照|比起来|比一下|比比|比|较|和|跟|与|同|差多少|差了|增加了?|增长了?|多了|少了|涨了|变化|快了|慢了|一下|把|多|少/g;

/** Whether `t` asks for this week held against last week. */
function asksWeekCompare(t: string): boolean {
  return AGAINST_LAST_WEEK.test(t) || (LAST_WEEK.test(t) && THIS_WEEK.test(t) && (COMPARING.test(t) || /多少|几户|进度|咋样|怎么样/.test(t)));
}

function scopeOf(t: string): AreaScope {
  return areaScope(t.replace(OWN_WORDS, ''));
}

/** One of the officials' questions above, or null when the text is something else. */
export function readOfficialAsk(text: string): OfficialAsk | null {
  // Courtesy at the end (“本周数据上报 麻烦了”, “进度图 谢谢”) and where it goes (“…做个图发群里”) ask nothing.
  const t = normalize(text).replace(/[。.!~?]+$/, '').replace(/[\s,，]*(?:麻烦了|麻烦你了|谢谢了?|辛苦了)$/, '').replace(/[\s,，]*(?:我)?(?:要)?(?:发|转|发到|转到)(?:工作)?群(?:里)?(?:去|里)?$/, '').trim();
  if (t !== '' && t.length <= 40 && asksWeekCompare(t)) return { view: 'week_compare', scope: questionScope(t.replace(COMPARE_WORDS, ' ')) };
  if (t === '' || t.length > 24) return null;
  if (VILLAGE_REPORT.test(t) || VILLAGE_REPORT_ASKED.test(t) || VILLAGE_REPORT_STATUS.test(t)) return { view: 'village_report', scope: { kind: 'own' } };
  if (WEEKLY_REPORT.test(t)) return { view: 'weekly_report', scope: { kind: 'own' } };
  if (CHART.test(t)) return { view: 'chart', chart: OVERDUE_CHART.test(t) ? 'overdue' : 'coverage', scope: scopeOf(t) };
  if (RANKING.test(t)) return { view: 'ranking', scope: scopeOf(t) };
  if (SUPERVISION.test(t)) return { view: 'supervision', scope: scopeOf(t) };
  return null;
}

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
 *   readOfficialAsk('石门村第二网格谁负责') // { view: 'staff', grid: 2, scope: { kind: 'named', text: '石门村', levelHint: 'village' } }
 *   readOfficialAsk('高家堡镇进度')    // null (a plain progress question)
 */
import { areaScope, type AreaScope } from './intents.js';
import { normalize } from './normalize.js';
import { parseChineseNumber } from './numbers.js';
import { withoutMentions } from './padding.js';
import { commandWordsBySound, questionScope } from './official-questions.js';

export type OfficialView = 'chart' | 'ranking' | 'supervision' | 'weekly_report' | 'village_report' | 'week_compare' | 'staff' | 'unscreened';

export interface OfficialAsk {
  view: OfficialView;
  /** Charts only: coverage of screening, or overdue risk leads. */
  chart?: 'coverage' | 'overdue';
  /** Staff only: the grid asked about by its number (“第二网格” → 2). */
  grid?: number;
  scope: AreaScope;
}

// Weekly confirmations are commands: they must start the message (“本周上报”, “周报”).
const VILLAGE_REPORT = /^(?:本周上报|上报本周(?:进度|数据)?|本村(?:本周)?上报|确认上报|上报进度|本周进度上报|本周数据上报)$|^(?:我们村|咱村|咱们村|本村|俺村|俺们村)?(?:把)?(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)(?:的)?(?:数据|进度|数字|数|情况|报表)?(?:报一下|报上去|上报一下|上报|报了|报|交一下|交上去|交了|交)(?:吧)?$/;
// The week's figures named, then a request for them (“咱村这周的上报 帮我弄一下”, “周五要交的那个表 先给我看看数”).
const VILLAGE_REPORT_ASKED = /^(?:我们村|咱村|咱们村|本村|俺村|俺们村)?(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜|(?:周五|星期五|礼拜五)(?:要)?(?:交|报|上报))(?:的)?(?:那个|这个|那张)?(?:上报|数据|数|表|报表)[\s,，]*(?:先)?(?:帮我|给我|帮忙)?(?:弄|搞|办|报|交|确认|看看|看|整理)(?:一下|下)?(?:数|数据)?$/;
// The week's figures to be checked before they go up (“石门村这周的数据核对一下 准备上报”, “本周的数对一下”).
const VILLAGE_REPORT_CHECK = /^(?:[\u4e00-\u9fa5]{2,5}村|我们村|咱村|咱们村|本村|俺村|俺们村)?(?:的)?(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)(?:的)?(?:数据|数字|数|进度|情况|报表)(?:先)?(?:核对|核|对|确认|核实|看|过)(?:一下|下|一遍)?[\s,，]*(?:准备|要|好)?(?:上报|报上去|报)?(?:了|吧)?$/;
// Whether one's own village's week has gone up (“我们村这周的数报上去没有”): the same view, which says so
// or shows the figures to confirm.
const VILLAGE_REPORT_STATUS = /^(?:我们村|咱村|咱们村|本村|俺村|俺们村)(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)(?:的)?(?:数据|进度|数字|数|情况|报表)?(?:报上去|上报|报|交上去|交)(?:了)?(?:没有|没|吗)$/;
// The week's report asked about: whether it is done (“周报ok了没”), where it goes (“这礼拜的周报在哪交”), or
// named, then a request to check its figures (“本周上报 帮我看一下数对不对”).
const WEEKLY_REPORT_ASKED = /^(?:本周|这周|这个礼拜|这礼拜|这个星期|这星期)?(?:的)?周报(?:ok|OK|好|弄好|报|交|上报|报上去|交上去|确认)了?(?:没有|没|吗)$|^(?:本周|这周|这个礼拜|这礼拜|这个星期|这星期)?(?:的)?(?:周报|上报)(?:在哪|在哪里|在哪儿|怎么|咋|如何|往哪)(?:交|报|上报|提交|弄)$/;
// …or named, then a request to send or check it, with a word of assent after (“周报 帮我报一下 ok”).
const CHECK_AFTER = /^(本周上报|周报)[\s,，]+(?:帮我|给我|帮忙)?(?:看|核对|对|查|报|上报|交|确认|弄)(?:一下|下)?(?:数|数据|数字)?(?:对不对|对吗|有没有错|有没有问题)?(?:[\s,，]*(?:ok|好吗|好不好|行吗|吧|哈|谢谢))?$/i;
// Whether the week's report is done, its words in any order: “本周上报的表弄好了没”, “这礼拜村里的数报了没有”.
// A week or the report's own name must be said (“上报的表弄好了没” asks after the villages' reports);
// the asker's village named makes it the village's confirmation. 都 (“周报都交了没”) asks after several places.
const WEEK = '(?:本周|这周|这星期|这个星期|这礼拜|这个礼拜)';
const WEEK_DONE = new RegExp(
  `^(${WEEK})?(?:的)?((?:我们|咱们?|本|俺们?)村|村里|村上)?(?:的)?(${WEEK})?(?:的)?(?:(周报|本周上报|上报|数据|数字|数)(?:的)?(?:表|报表|表格)?|表|报表|表格)` +
    '(?:弄|做|填|整|搞|准备)?(?:好|完|ok)?(?:了)?(?:报|交|上报|报上去|交上去|提交)?(?:了)?(?:没有|没|吗)$',
  'i',
);

/** The week's report asked whether done (see WEEK_DONE), or null. */
function weekDoneAsked(t: string): OfficialView | null {
  const m = WEEK_DONE.exec(t);
  if (!m || !(m[1] || m[3] || m[4] === '周报' || m[4] === '本周上报')) return null;
  return m[2] ? 'village_report' : 'weekly_report';
}
// Also with a verb of doing (“这周的周报弄一下”, “周报搞下”).
const WEEKLY_REPORT = /^(?:本周|这周|这个礼拜|这礼拜|这个星期|这星期)?(?:的)?(?:周报|周报表)(?:帮我|给我)?(?:确认|核对|报一下|报上去|上报一下|上报|交一下|交上去|(?:弄|搞|整|做|出)(?:一下|下)?)?(?:吧)?$|^(?:确认|核对|看看?|查看|报|交|上报|提交)(?:一下)?(?:本周)?(?:的)?周报$/;
const CHART = /截图|截个图|截张图|(?:发|来|出|画|做|弄|生成)(?:个|张|一张|一个)图(?:看看|看下|看一下|瞧瞧)?$|(?:做|弄|画|生成|出)成(?:个|张|一张)?图(?:片)?$|(?:图表|统计图|图片|图)(?:发|来)(?:一张|张|一个)$|(?:进度|覆盖率?|排查|超期(?:线索)?|逾期(?:线索)?|线索|排名|统计)(?:图表|柱状图|统计图|图片|图)(?:发我|发给我|给我|发一下|发过来)?(?:一张|一个)?$|(?:图表|柱状图|统计图)$|^图$|^(?:看|画|出|发|来)(?:个|张|一张)?图/;
const OVERDUE_CHART = /超期|逾期|线索/;
const RANKING = /排名|排行|名次|通报|排(?:个|一下|下)名/;
const SUPERVISION = /督导|督查|重点关注的?村|异常的?村/;
// Words of these questions, removed before the place is read.
const OWN_WORDS = /需要|应该|要去|该去|得去|截图|截个图|截张图|^把|(?:做|弄|画|生成|出)成(?=(?:个|张|一张)?图)|(?:发|来)(?:一张|张|一个)$|发我|发给我|给我|发一下|发过来|(?:一张|一个)$|(?:做|弄|生成)(?:个|张|一张|一个)(?=图)|图表|柱状图|统计图|图片|图|排(?:个|一下|下)名次?|排名|排行|名次|^(?:给|帮我|帮忙)|通报|督导|督查|名单|重点关注|异常|覆盖率|覆盖|排查|^(?:看|画|出|发|来)(?:个|张|一张)?|各村/g;

// This week held against last week: 上周 beside 这周/本周 and a word of comparing, or 比上周/和上周相比/环比.
const LAST_WEEK = /上周|上星期|上个星期|上礼拜|上个礼拜/;
const THIS_WEEK = /这周|本周|这星期|这个星期|本星期|这礼拜|这个礼拜/;
const COMPARING = /比|相比|对比|比较|对照|差多少|差了|增加|增长|多了|少了|涨了|变化/;
const AGAINST_LAST_WEEK = /(?:比|较|和|跟|与|同)(?:上周|上星期|上个星期|上礼拜|上个礼拜)(?:的)?(?:数|数据|进度|情况)?(?:比|相比|对比|比较|比起来)?|(?:上周|上星期|上礼拜)(?:的)?(?:数|数据|进度|情况)?(?:和|跟|与|同)?(?:这周|本周|这星期|这礼拜)(?:的)?(?:数|数据|进度|情况)?(?:比|对比|相比|比较)|周环比|环比/;
// The words of the comparison, taken away before the place is read.
const COMPARE_WORDS = /上周|上星期|上个星期|上礼拜|上个礼拜|这周|本周|这星期|这个星期|本星期|这礼拜|这个礼拜|周环比|环比|比较|相比|对比|对照|比起来|比一下|比比|比|较|和|跟|与|同|差多少|差了|增加了?|增长了?|多了|少了|涨了|变化|快了|慢了|一下|把|多|少/g;

// Who answers for a grid or a village: 谁负责, 网格员都是谁, 网格员电话多少, 有哪些网格员, 网格员名单.
const STAFF_ROLE = '(?:网格员|网格长|网格负责人|负责人|包村干部|驻村干部|村干部)';
const STAFF_ASK = new RegExp(
  [
    `${STAFF_ROLE}(?:都|分别|各|又|一共)?(?:是|叫|有)?(?:谁|哪些人|哪几个人?|啥人|啥名字?|什么名字?|啥|什么人)`,
    '谁(?:负责|在负责|管|在管|包)',
    `${STAFF_ROLE}(?:的)?(?:电话|手机|联系方式|号码)`,
    `(?:有|都有|一共有)(?:哪些|哪几个|几个|谁|多少)(?:个|位)?(?:网格员|网格长)`,
    '(?:网格员|网格长)(?:名单|花名册|信息|有哪些|有几个|有谁|都有谁)',
  ].join('|'),
);
// A grid by its number: 第二网格, 2网格, 二号网格 (凉水井一网格 too).
const GRID_NUMBER = /第?([0-9一二两三四五六七八九十]{1,3})号?网格/;
const STAFF_WORDS = /网格员|网格长|网格负责人|负责人|包村干部|驻村干部|村干部|分别|各自?|都是|是谁|叫啥名字?|叫什么名字?|叫啥|叫什么|啥名字?|什么名字?|哪些人|哪几个人?|什么人|谁负责|在负责|谁在管|谁管|谁包|谁|负责|电话|手机|联系方式|号码|名单|花名册|信息|一共|有哪些|哪几个|几个|都有|多少|位/g;

/** “二” → 2, “12” → 12, “十二” → 12 (understand/numbers.ts); null for anything else. */
function gridNumber(s: string): number | null {
  const q = parseChineseNumber(s);
  return q && !q.approx && !q.range && Number.isInteger(q.value) && q.value > 0 ? q.value : null;
}

/** The number in a grid's name (“第1网格” → 1, “凉水井二网格” → 2), or null. */
export function gridNumberOf(name: string): number | null {
  const g = GRID_NUMBER.exec(normalize(name));
  return g ? gridNumber(g[1] as string) : null;
}

/** Who answers for a place or one of its grids, or null when `t` asks something else. */
function readStaffAsk(t: string): OfficialAsk | null {
  if (!STAFF_ASK.test(t)) return null;
  const g = GRID_NUMBER.exec(t);
  const grid = g ? gridNumber(g[1] as string) : null;
  const rest = (g ? t.replace(g[0], ' ') : t).replace(STAFF_WORDS, ' ');
  return { view: 'staff', scope: questionScope(rest), ...(grid ? { grid } : {}) };
}

// Which households are still to be screened — a list, not a count (“还有多少户没排查” is progress):
// 哪些户没排查, 没排查的户有哪些, 把石门村没排查的户列出来, 哪几家还没入户, 未排查户名单.
const NOT_SCREENED = /(?:没|未|还没|没有)(?:有)?(?:排查|排|入户|走访|摸排|去)(?:过|到)?/;
const WHICH = /哪些|哪几|哪家|谁家|哪户|名单|列出|列一下|列个|列下|都有谁|有谁|是谁|是哪|姓名|名字/;
// Removed before the place is read; 户/家 only next to these words (高家堡 keeps its 家).
const UNSCREENED_WORDS = /把|给我|帮我|(?:列出|列一下|列个|列下)(?:来)?|名单|清单|姓名|名字|都有谁|有谁|是谁|(?:是)?哪(?:些|几|家|户)(?:户|家)?|谁家|还有|(?:还)?(?:没|未|没有)(?:有)?(?:排查|排|入户|走访|摸排|去)(?:过|到)?(?:的)?(?:户|家|人家)?(?:都)?(?:有)?/g;

/** Which households are not screened yet, or null when `t` asks something else. */
function readUnscreenedAsk(t: string): OfficialAsk | null {
  if (!NOT_SCREENED.test(t) || !WHICH.test(t)) return null;
  return { view: 'unscreened', scope: questionScope(t.replace(UNSCREENED_WORDS, ' ')) };
}

/** Whether `t` asks for this week held against last week. */
function asksWeekCompare(t: string): boolean {
  return AGAINST_LAST_WEEK.test(t) || (LAST_WEEK.test(t) && THIS_WEEK.test(t) && (COMPARING.test(t) || /多少|几户|进度|咋样|怎么样/.test(t)));
}

/** Whom the answer is for, said at the end: “要发给书记看”, “拿给领导看的”. */
const FOR_WHOM = /[\s,，]+(?:我)?(?:要|得)?(?:发给|拿给|交给|报给|给)(?:书记|镇长|主任|领导|局长|县长|市长|上面|上级)(?:们)?(?:看|瞧|过目)?(?:的|呢|一下)?$/;

function scopeOf(t: string): AreaScope {
  return areaScope(t.replace(OWN_WORDS, ''));
}

/** One of the officials' questions above, or null when the text is something else. */
export function readOfficialAsk(text: string): OfficialAsk | null {
  // Courtesy at the end (“本周数据上报 麻烦了”, “进度图 谢谢”) and where it goes (“…做个图发群里”) ask nothing.
  const t = commandWordsBySound(withoutMentions(normalize(text)))
    .replace(/[。.!~?]+$/, '')
    .replace(/[\s,，]*(?:麻烦了|麻烦你了|谢谢了?|辛苦了)$/, '')
    .replace(/[\s,，]*(?:我)?(?:要)?(?:发|转|发到|转到)(?:工作)?群(?:里)?(?:去|里)?$/, '')
    // …and whom it is for (“进度做个图 要发给书记看”): no place either.
    .replace(FOR_WHOM, '')
    .trim();
  if (t !== '' && t.length <= 40 && asksWeekCompare(t)) return { view: 'week_compare', scope: questionScope(t.replace(COMPARE_WORDS, ' ')) };
  if (t !== '' && t.length <= 32) {
    const staff = readStaffAsk(t);
    if (staff) return staff;
    const unscreened = readUnscreenedAsk(t);
    if (unscreened) return unscreened;
  }
  if (t === '' || t.length > 24) return null;
  if (VILLAGE_REPORT.test(t) || VILLAGE_REPORT_ASKED.test(t) || VILLAGE_REPORT_STATUS.test(t) || VILLAGE_REPORT_CHECK.test(t)) return { view: 'village_report', scope: { kind: 'own' } };
  if (WEEKLY_REPORT.test(t) || WEEKLY_REPORT_ASKED.test(t)) return { view: 'weekly_report', scope: { kind: 'own' } };
  const done = weekDoneAsked(t);
  if (done) return { view: done, scope: { kind: 'own' } };
  const check = CHECK_AFTER.exec(t);
  if (check) return { view: check[1] === '周报' ? 'weekly_report' : 'village_report', scope: { kind: 'own' } };
  // The week's figures asked, then named again (“这周的数 报一下 周报”).
  const restated = t.replace(/[\s,，]+(?:就是|也就是)?(?:周报|本周上报)$/, '').replace(/\s+/g, '');
  if (restated !== t && VILLAGE_REPORT.test(restated)) return { view: 'village_report', scope: { kind: 'own' } };
  if (CHART.test(t)) return { view: 'chart', chart: OVERDUE_CHART.test(t) ? 'overdue' : 'coverage', scope: scopeOf(t) };
  if (RANKING.test(t)) return { view: 'ranking', scope: scopeOf(t) };
  if (SUPERVISION.test(t)) return { view: 'supervision', scope: scopeOf(t) };
  return null;
}

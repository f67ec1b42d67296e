/**
 * Officials' progress questions as officials really ask them — "咱镇排查了多少户了", "截至今天
 * 凉水井村完成率多少", "还有哪些村没报", "有没有超期的", "哪个村最慢", "这周高家堡进展咋样" —
 * read into the same intents `classifyIntent` gives for the short forms ("高家堡镇进度").
 *
 * The place is what is left when the question's own words are taken away: the words of asking
 * (还/有/哪/咱/本/这 …), of time (截至今天, 这周), of counting (多少户, 完成率) and of the work
 * (排查, 入户). A single character left over is no place: the question is about the asker's own
 * jurisdiction, never about a place called “还”. 咱镇/本镇/我们村/俺村 are the asker's own area.
 *
 * A screening report ("排查 张三 入户 无风险") carries no question word and is left alone.
 *
 * @example
 *   readOfficialQuestion('咱镇排查了多少户了')           // { kind: 'progress', scope: { kind: 'own' } }
 *   readOfficialQuestion('截至今天凉水井村完成率多少')   // { kind: 'progress', scope: { kind: 'named', text: '凉水井村', levelHint: 'village' } }
 *   readOfficialQuestion('还有哪些村没报')               // { kind: 'not_reported', scope: { kind: 'own' } }
 *   readOfficialQuestion('有没有超期的线索')             // { kind: 'overdue', scope: { kind: 'own' } }
 *   readOfficialQuestion('排查 张三 入户 无风险')        // null
 */
import type { AreaScope } from './intents.js';
import { correctedWithin } from './corrections.js';
import { normalize } from './normalize.js';

export type OfficialQuestion =
  | { kind: 'progress'; scope: AreaScope }
  | { kind: 'not_reported'; scope: AreaScope }
  | { kind: 'overdue'; scope: AreaScope };

// The asker's own area, in the words people use for it.
const OWN = /(?:咱们|咱|俺们|俺|我们|我|本|这个|这)(?:镇街|镇|乡镇|乡|街道|街办|村|社区|网格|片区|辖区|里|儿|边|块)|本辖区|辖区内?|管的|镇上|村上|乡上|街道上|全(?:镇|乡|村|街道|社区|网格|片区)/g;
const CITY = /全市|全县|市里|全部镇街|所有镇街|各镇街|镇街|各乡镇|各镇|所有镇|全部镇|各街道/;

// Words of a question: taken away before the place is read (longest first where they overlap).
const NOISE = new RegExp(
  [
    // rates named by the work (before the work's own words)
    '入户率', '排查率',
    // time
    '截[至止](?:到)?(?:今天|今日|目前|现在|当前|昨天|本周|这周|上周|月底|今天为止|目前为止)?', '到目前为止', '目前为止', '到今天为止', '到现在', '到今天', '至今',
    '今天', '今日', '目前', '现在', '当前', '大前天', '前天', '昨天', '(?:这个?|本)?月初', '月中', '上个?月', '上个?(?:礼拜|星期)', '这周', '本周', '上周', '(?:周|星期|礼拜)[一二三四五六日天]', '马上', '快要', '就要', '提前', '这个星期', '这星期', '本星期', '这礼拜', '这个礼拜', '本月', '这个月', '这月', '为止',
    // counting and shares
    '一共', '总共', '总计', '合计', '共', '百分之多少', '百分之几', '百分之', '多少户', '多少人', '多少个', '多少家', '多少', '几户', '几个', '几家', '户数', '人数', '百分比',
    '完成率', '覆盖率', '完成度', '完成了', '完成得', '完成', '进度', '进展', '情况', '数据', '数字', '统计', '汇总', '报表', '结果',
    // the work
    '集中排查', '入户排查', '排查了', '排查', '排到', '排了', '查了', '入户', '走访', '摸排', '核查', '户', '人', '认定', '识别', '确认',
    '超过', '[0-9一二三四五六七八九十]+天', '现在', '目前', '截至', '截止', '为止',
    // slow or behind
    '最慢', '最快', '最差', '最少', '最后', '最前', '落后', '靠后', '倒数', '垫底', '拖后腿', '排最后', '排名', '排行', '通报', '不行', '慢', '差',
    // asking
    '(?:弄|搞|做|排|查|干)到(?:啥|什么|哪)(?:程度|地步|一步|儿)?', '几成', '(?:咋|怎么|为啥|为什么|咋个)(?:还)?(?:没|莫|没有)', '啥程度', '什么程度', '程度', '怎么样了', '怎么样', '咋样了', '咋样', '怎样', '如何', '啥情况', '什么情况', '搞得', '弄得', '干得', '进行得', '做得', '到哪了', '到哪一步', '到哪',
    '哪些', '哪几个', '哪个', '哪', '有没有', '有无', '是不是', '是否', '还有', '还差', '还剩', '剩下', '剩', '还', '有', '没有', '没', '吗', '呢', '啊', '呀', '啦', '吧', '哈', '嘛',
    '那边', '那块', '那里', '那儿', '这边', '^那(?![边块里儿个])',
    // urging, what it is for, and whether it is ready: no place (“赶紧弄”, “下午开会要用”, “出来了没”, “领导让我问下”)
    '(?:赶紧|抓紧|尽快|快点|快)(?:弄|办|搞|整|催)?', '(?:书记|镇长|县长|市长|主任|领导|上面|县上|市上)(?:问|要|让|叫|催)', '我(?:咋|怎么|该怎么)(?:回|说|答|汇报)', '工作', '定(?:下来)?了(?:没有|没|吗)?', '(?:下午|上午|明天|晚上)?开会(?:要)?用', '要用', '出来了?没有?', '出来了', '好了没有?', '让我', '叫我', '到底', '磨蹭', '磨叽', '拖拉', '拖沓',
    '嗯', '那个', '就是', '在催', '催着要', '催', '请问', '麻烦', '帮忙', '帮我', '给我', '发我', '发一下', '报一下', '说一下', '看一下', '查一下', '问一下', '一下', '看看', '看下', '瞧瞧', '查查', '查询', '查', '看', '问', '想知道', '知道', '了解',
    '谢谢', '多谢', '辛苦了', '辛苦', '麻烦了', '领导', '同志', '你好', '您好', '各村', '村里', '镇里', '已经', '咱们', '俺们', '我们', '大家', '我想', '想问', '需要', '应该', '可以', '能不能',
    // what is asked about, when the question's kind is already known
    '超期', '逾期', '超时', '过期', '到期', '线索', '零问题', '问题', '督导', '督查', '名单', '重点关注', '重点', '异常', '提醒', '点个名', '点名', '要', '申报', '周报', '上报', '报上来', '报送', '报', '交',
    '办完', '办结', '排完', '查完', '月底前', '月底', '能', '数', '比例', '比率', '占比', '几条', '条', '上来', '图表', '图', '各网格', '网格', '片区',
    // single characters that stick to a name ("高家堡镇的"); other leftovers of one character fall away as pieces
    '的', '了', '得', '都', '已', '个', '最',
    // the asker said before a place (“咱高家堡镇排了几成了”): 咱镇/俺村 went with OWN before
    '咱', '俺',
  ].join('|'),
  'g',
);
const PUNCT = /[?？!！。.,，、:：;；~\s"'“”()（）]/g;

/** The area a question names: own (also 咱镇/本村), the city, or a place named in words. */
export function questionScope(text: string): AreaScope {
  const t = normalize(text).toLowerCase();
  // A place taken back in the same message (“凉水井村的进度 哦不是 新村的”): the one said last.
  const corrected = correctedWithin(t);
  if (corrected) {
    const later = questionScope(corrected.after);
    return later.kind === 'own' ? questionScope(corrected.before) : later;
  }
  const withoutOwn = t.replace(OWN, ' ');
  const rest = withoutOwn.replace(new RegExp(CITY.source, 'g'), ' ').replace(NOISE, ' ').replace(PUNCT, ' ');
  // What is left in pieces; a piece of one character is a leftover word, not a place.
  const pieces = rest.split(/\s+/).filter((p) => p.length >= 2);
  const named = pieces.join('');
  if (named === '' || /^(?:镇|街道|村|社区|乡|市|县)+$/.test(named)) return CITY.test(t) ? { kind: 'city' } : { kind: 'own' };
  if (/(?:镇|街道|乡|办事处)$/.test(named)) return { kind: 'named', text: named, levelHint: 'town' };
  if (/(?:村|社区)$/.test(named)) return { kind: 'named', text: named, levelHint: 'village' };
  return { kind: 'named', text: named };
}

const REPORTING = /(?:还|都)?(?:没|未|没有)(?:报|上报|交|填报|报上来|报送)|谁还没报|还差哪些村|未上报|没上报|报了没|报没报|报上来没|交了没|上报的(?:表|报表|数)?(?:都)?(?:弄|做|填|整)?(?:好|完)了?(?:没有|没|吗)/;
const OVERDUE = /超期|逾期|超时|过期|到期|超(?:过|了)?(?:15|十五)天|快超|(?:快|就要|马上|快要)到(?:15|十五)天/;
// A question about the work: words of counting (“三十几个人” is a count said roughly, no question), of progress or of asking which (a bare 吗 is not enough:
// “新村的数对吗” inside the weekly confirmation is an answer to it).
// “凉水井村的呢”, “那石门村呢” (said after another place's numbers): a place and 呢 alone asks the same of it.
const ASKING = /^那?[\u4e00-\u9fa5]{1,10}?(?:村|镇|街道|社区|网格)(?:的)?呢$|(?:排|查|完成|弄|搞)(?:了|到)?几成|(?:咋|怎么|为啥|为什么|咋个)(?:还)?(?:没|莫|没有)(?:排|查|弄|搞|做)完|(?:弄|搞|做|排|查|干)到(?:啥|什么|哪)(?:程度|地步|一步|儿)?|多少|排查数|户数|人数|(?<![一二两三四五六七八九十百千0-9好])几(?:户|个|家)|完成率|覆盖率|百分|进度|进展|哪些|哪个|哪几|有没有|怎么样|咋样|怎样|如何|情况|统计|汇总|最慢|落后|靠后|倒数|垫底|拖后腿|截[至止]|到目前|至今|为止|(?:排|查|搞|弄|做)完(?:了)?(?:吗|没|没有|不)|完成(?:了)?(?:吗|没|不)|(?:要|发|给)(?:我)?[\u4e00-\u9fa5]{0,8}?的(?:数|数据|数字)(?![\u4e00-\u9fa5])|的(?:数|数据|数字)[\s,，]*(?:发我|发给我|发一下|给我|来一下)/;
// Words of a report: a report of a household is not a question, even with 吗 in it.
const REPORT = /无风险|没风险|有风险|了解政策|知道政策|不了解|入户排查了?[\u4e00-\u9fa5]{2,3}(?:户|家)|已(?:经)?(?:入户|走访|排查)(?!了?(?:多少|几))/;
// Questions of a farmer's own declaration, a form or the weekly confirmations belong elsewhere.
const ELSEWHERE = /申报|导出|下载|附件|进度表|统计表|问题清单|台账|图|零问题|0问题|没(?:有)?问题的村|无问题的村|没报问题|问题的村|问题为零|问题(?:都|也)没(?:有|报|发现|上报)的?(?:村|社区)|(?:村|社区)(?:一个|1个)?问题(?:都|也)?(?:没|没有)(?:报|发现|上报|查出|查到|找到)|督导|周报|本周上报|上报本周|待办/;

// Staff commands other than 排查 begin with their word; what follows is theirs ("问题 新村有3户没自来水").
const COMMAND_FIRST = /^(?:问题|(?:上报|报|反映|发现)(?:个|一个|一下)?问题|有(?:个|一个)问题[\s,，:：]|整改|销号|回头看|研判|帮扶跟进|跟进帮扶|帮扶跟踪|跟进|跟踪|重点户排查|重点排查|已部署|部署|已培训|培训)/;

/**
 * Officials' command words typed by their sound, the pinyin input picking a wrong character
 * (“各镇拍名”, “高家堡镇近度”, “超其线索”, “周抱”): read as the word meant. Only whole words that
 * mean nothing else in these messages.
 */
const COMMAND_SOUNDS: ReadonlyArray<[RegExp, string]> = [
  [/拍名|牌名|派名/g, '排名'],
  [/近度|进渡/g, '进度'],
  [/超其|抄期/g, '超期'],
  [/周抱|周暴/g, '周报'],
];

/** The text with the officials' command words typed by their sound put right. */
export function commandWordsBySound(text: string): string {
  return COMMAND_SOUNDS.reduce((t, [re, word]) => t.replace(re, word), text);
}

/**
 * An official's question about progress, missing reports or overdue leads in natural words, or
 * null when the text is something else (see the module comment).
 */
export function readOfficialQuestion(text: string): OfficialQuestion | null {
  const t = commandWordsBySound(normalize(text)).replace(/[。.!~]+$/, '').trim();
  if (t === '' || t.length > 48 || REPORT.test(t) || ELSEWHERE.test(t) || COMMAND_FIRST.test(t)) return null;
  if (!ASKING.test(t) && !REPORTING.test(t) && !OVERDUE.test(t)) return null;
  if (OVERDUE.test(t)) return { kind: 'overdue', scope: questionScope(t.replace(OVERDUE, ' ').replace(/线索|风险|案子|申报/g, ' ')) };
  if (REPORTING.test(t)) return { kind: 'not_reported', scope: questionScope(t.replace(REPORTING, ' ').replace(/报|上报/g, ' ')) };
  return { kind: 'progress', scope: questionScope(t) };
}

/**
 * The words of a 附件3 screening report as grid workers actually say them, as data:
 * 排查方式 (入户/走访/上门/到户/实地 · 电话/打电话 · 微信/视频), 近期是否发生风险 (无风险/没问题/
 * 正常/挺好/没麻达/没得风险 · 有风险) and 是否基本了解防返贫政策 (了解/知道/清楚/懂 and their negations).
 * The longest word wins where two overlap ("不了解" over "了解", "没风险" over "风险").
 *
 * @example
 *   screeningWordsIn('入户了没问题政策都知道').map((w) => w.said)
 *   // [{ field: 'method', value: 'home_visit' }, { field: 'risk', value: false }, { field: 'knowsPolicy', value: true }]
 */
import type { ScreeningMethod } from '../../domain/catalog.js';

export type Said =
  | { field: 'method'; value: ScreeningMethod }
  | { field: 'risk'; value: boolean }
  | { field: 'knowsPolicy'; value: boolean }
  | { field: 'remark'; value: null }
  /** The command word itself (排查, 入户排查's 排查): it separates reports said in one breath. */
  | { field: 'command'; value: null }
  /** “不对，是…”, “说错了”: what follows takes back what was said before it. */
  | { field: 'correction'; value: null };

// 知 alone at the end of a clause (“政策知”, the form's answer shortened).
const KNOW = '(?:了解|知道|清楚|懂|明白|晓得|知晓|掌握|知(?=$|[\\s,，。;；!！]))';
const POLICY = '(?:(?:防止返贫|防返贫)?(?:相关|帮扶|监测)?政策)';
// 没得/莫得/莫有/冇得/莫: the dialect's 没 (“政策莫得了解”).
const NOT = '(?:不太|不是很|不怎么|不大|不很|(?:没|莫|没得|莫得)(?:太|咋|怎么|大)|不咋|没得|莫得|莫有|冇得|不|没|未|没有|莫)';

// The form's own questions answered in a line: "近期是否发生风险：否，是否了解政策：是".
// …and asked in the worker's own words: “有没有风险 没有”, “有无风险：无”.
const ASKED_RISK = '(?:(?:近期)?是否(?:有|发生|存在)?|有没有|有无)(?:返贫|致贫)?(?:风险)[:：]?\\s*';
const ASKED_POLICY = '是否(?:基本)?(?:了解|知道)(?:防返贫|防止返贫)?(?:政策)?[:：]?\\s*';

const WORDS: Array<[RegExp, Said]> = [
  [new RegExp(`${ASKED_RISK}(?:否|无|没有)`, 'g'), { field: 'risk', value: false }],
  [new RegExp(`${ASKED_RISK}(?:是|有)`, 'g'), { field: 'risk', value: true }],
  [new RegExp(`${ASKED_POLICY}(?:否|不了解|不知道)`, 'g'), { field: 'knowsPolicy', value: false }],
  [new RegExp(`${ASKED_POLICY}(?:是|了解|知道)`, 'g'), { field: 'knowsPolicy', value: true }],
  [/(?:排查)?方式[:：]\s*/g, { field: 'command', value: null }],
  // Nothing of it not known (“政策没有不知道的”, “政策没啥不懂的”): known, the longer word over its 不知道.
  [new RegExp(`(?:对)?${POLICY}?(?:都|也)?(?:没有|没得|莫得|没|莫)(?:啥|什么|甚)?不${KNOW}的`, 'g'), { field: 'knowsPolicy', value: true }],
  // 晓不得, 知不道: the dialect's “don't know”, the negation inside the word; 没听懂, 听不明白: told, not understood.
  [new RegExp(`(?:晓不得|知不道)${POLICY}?|(?:没|没有|不)听(?:懂|明白|清楚)|听不(?:懂|明白|清楚)|${NOT}${KNOW}${POLICY}?|(?:对)?${POLICY}(?:都|也|还)?${NOT}${KNOW}|(?:对)?${POLICY}(?:一窍不通|不懂)`, 'g'), { field: 'knowsPolicy', value: false }],
  [new RegExp(`(?:基本|比较|都|很|已|基本上|也|大概)?${KNOW}(?:了)?${POLICY}?|(?:对)?${POLICY}(?:都|也|基本|基本上|大概|比较)?${KNOW}`, 'g'), { field: 'knowsPolicy', value: true }],
  // 政策 followed by a word of assent (“政策ok”, “政策👌”, “政策没问题”): known.
  [new RegExp(`${POLICY}(?:都|也)?[:：]?\\s?(?:(?<![A-Za-z])(?:ok|OK|Ok|okay)(?![A-Za-z])|👌|没问题|没毛病|✅|✔)`, 'g'), { field: 'knowsPolicy', value: true }],
  // The worker explained the policy ("已宣传政策", "政策宣传到位", "政策讲了"): the household was told it.
  [new RegExp(`(?:已|已经|都|也)?(?:给|跟)?(?:他|她|他们|她们|人家|户主)?(?:宣传|宣讲|讲解|告知|讲)(?:了|过)?${POLICY}|${POLICY}(?:已|已经|都|也)?(?:给|跟)?(?:他|她|他们|她们|人家|户主)?(?:宣传|宣讲|讲解|告知|讲)(?:到位|了|过|清楚)?`, 'g'), { field: 'knowsPolicy', value: true }],
  // A correction said in the same breath: “入户了，不对，是打的电话”, “有风险 说错了 没风险”.
  [/(?:不对|说错了|说错|搞错了|弄错了|打错了|发错了|写错了|报错了|更正|纠正)[,，:：\s]*(?:应该是|应该|是)?/g, { field: 'correction', value: null }],
  // The turn-back said shortly: “入户 不是 是电话问的”, “微信 哦不 是打的电话”, “…噢 应该是刘军家”, “…哦 是张晶家”.
  [/(?<=^|[\s,，。;；!！])(?:(?:哦|噢|喔|呃|额)?不是[,，\s]+是|(?:哦|噢|喔|呃|额)不[,，\s]+(?:是)?|(?:哦|噢|喔|呃|额)?[,，\s]*应该是|(?:哦|噢|喔)[,，\s]+是(?![的啊呀吧]))/g, { field: 'correction', value: null }],
  [
    // Not inside the question “有没有风险” (its answer follows).
    /(?<!有)(?:无|没有发现|没有|没得|莫得|莫有|冇得|没|莫|未发现|未发生|不存在|暂无|没发现|没啥|没什么|无任何)(?:啥子|啥|什么|甚)?(?:因[\u4e00-\u9fa5]{1,2})?(?:返贫致贫|致贫返贫|返贫|致贫)?(?:风险|困难|问题)|(?:一切|都|情况|生活|家里)?(?<!不)正常|无异常|没(?:有)?异常|挺好|都好|还好|好着(?:呢|哩|嘞|咧|啦|了|的|么|嘛)|好(?:得|的|地|滴)很|(?:一切|都)?安好|(?:情况|身体|日子|生活|家里)(?:还|都)?可以|(?:甚|啥|什么)(?:也|都)好|(?<![A-Za-z])(?:ok|OK|Ok|okay)(?![A-Za-z])|👌|(?:没|莫|没得|莫得|没有)麻(?:达|搭)|(?<!人)没事|没啥事|(?:莫得|没得|没有|莫有)(?:啥子|啥|什么|甚)?事(?![情做干儿])|啥事(?:都|也)?(?:没有|莫得|没得)|啥问题(?:都)?没有|没毛病|风险[:：]?(?:无|否|没有)|风险(?:也|都)?(?:没有|没得|莫得|没)(?=$|[\s,，。;；!！])|风险(?:嘛|么|呢|啊|吧)[\s,，]*(?:没有|没得|莫得|没|无)(?=$|[\s,，。;；!！])|风险(?:已经|已|都)?排除了?|风险[:：]?\s?(?:❌|✖|✗|×)|安全稳定|(?<!不)稳定|(?:情况|生活|身体|家里)?良好|(?:一切)?如常|照常|没(?:啥|什么|有)?变化|无变化|(?:都|均)安全|(?:都|均)?(?<![没无])有保障|(?:身体|日子|生活|收入)?还行|(?<=[,，、;；\s])无(?=[,，、;；\s]|$)/g,
    { field: 'risk', value: false },
  ],
  [/(?<!没|没有|未|不)(?:有|存在|发现|发生|有点|有一定)(?:因[\u4e00-\u9fa5]{1,2})?(?:返贫致贫|致贫返贫|返贫|致贫)?风险|风险[:：]?(?:有|是)(?!限)|(?<![没无不未莫得])风险\s有(?![没无])|(?:有|存在)(?:一定|点|些)?困难/g, { field: 'risk', value: true }],
  [/入了[0-9一二两三四五六七八九十几]+户|(?<=[都均已])入了(?![股伙])|入的户|上的门|走的访|跑了?[0-9一二两三四五六七八九十几]+户|挨家挨户|跑户|(?<![没未])(?:入户|上门|走访|到户)|实地|家访|到家里|去家里|去他家|去她家|去了他家|去了她家|(?:俺|我|咱)去(?:了|过|看了)?|(?<![失死过出搬迁嫁])去(?:了|过|看了|看过)(?!世)|(?<=家|户|屋里)去的/g, { field: 'method', value: 'home_visit' }],
  // 电话号码 is a record's field, not how the household was reached.
  // Pinyin initials typed for speed: dh (电话), wx/vx (微信), sp (视频), as words of their own.
  [/打电话|打了电话|电话(?!号)|电联|通话|打(?:了|的)?手机|打(?:了|的)?\s?1[3-9]\d{9}|手机(?:上|里)?(?:问|联系|打)|(?<![A-Za-z])dh(?![A-Za-z])/gi, { field: 'method', value: 'phone' }],
  [/微信(?:电话|语音|视频)?|视频(?:通话|电话)?|(?<![A-Za-z])(?:wx|vx|sp)(?![A-Za-z])/gi, { field: 'method', value: 'wechat' }],
  [/其他方式|其它方式/g, { field: 'method', value: 'other' }],
  [/备注\s*[:：]?/g, { field: 'remark', value: null }],
  [/一般户排查|排查/g, { field: 'command', value: null }],
];

/**
 * Slips of a pinyin keyboard or of voice input in the form's own words, mended before reading:
 * 风线/分险/疯险/封险 (风险), 政侧/正策 (政策), 知到 (知道), 入护 (入户), 木有 (没有), 么得 (没得). Each slip has the
 * length of its word, so positions in the mended text are positions in the text read.
 *
 * @example
 *   mendSlips('无分险 政策知到') // '无风险 政策知道'
 */
const SLIPS: Array<[RegExp, string]> = [
  [/风线|分险|疯险|风显|封险/g, '风险'],
  [/政侧|正策/g, '政策'],
  [/知到/g, '知道'],
  [/入护/g, '入户'],
  [/木有/g, '没有'],
  [/么得/g, '没得'],
];

export function mendSlips(t: string): string {
  return SLIPS.reduce((s, [re, word]) => s.replace(re, word), t);
}

export interface WordHit {
  start: number;
  end: number;
  said: Said;
}

// A visit that found nobody home (“去了两趟都没人”, “上门了 不在家”) is no 排查方式: the household was
// reached another way, or not at all.
const NOBODY_HOME = /^(?:了|过)?(?:[0-9一二两三四五六七八九十几]+(?:趟|次|回))?[\s,，]*(?:都|也|但|可|结果)?(?:家里|屋里)?(?:没人|没有人|没寻见人|没见着人|没见到人|没找着人|人不在|不在家|锁着门|锁门了)/;

// A call that did not get through (“电话没打通”, “打电话没人接”) is no 排查方式 either.
const CALL_FAILED = /^(?:了)?[\s,，]*(?:也|都|但|可|结果)?(?:打了|打过去|拨了|打)?(?:没打通|打不通|没通|不通|没人接|没接|不接|关机|停机|占线|是空号)/;

/** Every screening word in `t` (normalized), longest first where they overlap, in text order. */
export function screeningWordsIn(t: string, taken: (start: number, end: number) => boolean = () => false): WordHit[] {
  const all: WordHit[] = [];
  t = mendSlips(t);
  for (const [re, said] of WORDS) {
    for (const m of t.matchAll(re)) {
      if (said.field === 'method' && said.value === 'home_visit' && NOBODY_HOME.test(t.slice(m.index + m[0].length))) continue;
      if (said.field === 'method' && said.value !== 'home_visit' && CALL_FAILED.test(t.slice(m.index + m[0].length))) continue;
      all.push({ start: m.index, end: m.index + m[0].length, said });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: WordHit[] = [];
  for (const m of all) if (!taken(m.start, m.end) && !kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Words that carry nothing of their own in a report: connectives, time words, pronouns, the
 * household markers. What is left of a piece after removing them decides whether it is kept
 * (备注 keeps only meaningful words, never "已，没问题，政策").
 */
const FILLER = new RegExp(
  [
    '今天', '今儿', '今早', '昨天', '昨儿', '上午', '下午', '晚上', '刚才', '刚刚', '已经', '已', '都', '均', '也', '了', '的', '地', '得',
    '家里', '家', '户', '这户', '该户', '两户', '几户', '[0-9一二两三四五六七八九十]+户', '情况', '政策', '结果', '完成', '过', '去', '给', '对',
    '和', '及', '与', '跟', '还有', '俺们', '俺', '咱们', '咱', '我们', '我', '他们', '她们', '他', '她', '一下', '一遍', '是', '在', '好', '啊',
    '呀', '哈', '嘛', '呢', '吧', '哦', '哩', '嘞', '进行', '开展', '到', '做', '完', '这', '那', '个', '主', '那边', '这边', '人', '说', '看',
    '一样', '同上', '一切', '联系', '回访', '询问', '问了', '[0-9]+月[0-9]+[日号]', '[上下]午', '[0-9一二三四五六七八九十]+点', '一些', '一点', '大概', '基本', '表示', '户主', '经核实', '核实', '完毕', '全', '又', '再', '就', '还', '挺', '很', '着', '把', '给', '刚', '次', '下', '里', '嗯', '唉', '哎', '等', '等等', '分别',
    '(?:要|想)?(?:报|反映|说)(?:个|一个|一下|下)(?:问题|情况)?', '(?:要|想)(?:报|反映)(?:问题|情况)',
    '[,.;:!?。、()\\s~-]',
  ].join('|'),
  'g',
);

/** Whether a leftover piece says something (not only connectives and time words). */
export function meaningful(piece: string): boolean {
  return piece.replace(FILLER, '').length >= 2;
}

/** A piece with its leading and trailing filler trimmed ("了他儿子上学花钱多" → "他儿子上学花钱多"). */
export function trimFiller(piece: string): string {
  let s = piece.replace(/^[\s,.;:!?。、，]+|[\s,.;:!?。、，]+$/g, '');
  for (;;) {
    // "家" left over from "马有福家" goes, "家里", "家庭" stay; a trailing 了 stays ("水窖干了").
    const next = s
      .replace(/^(?:了|已经|已|都|均|也|的|是|就|还|又|并且|而且|但是|但|不过|就是|(?:家|户)(?![里庭人中境]))/, '')
      .replace(/(?:的|啊|呀|哈|呢|吧|哦|哩|嘞|都|俺|我|咱|也)$/, '');
    if (next === s) return s;
    s = next;
  }
}

/** "两户", "3户", "三户都": how many households the speaker counted, or null. */
export function countSaid(t: string): number | null {
  const m = /([0-9]+|[两二三四五六七八九十])户/.exec(t);
  if (!m) return null;
  const d = m[1] as string;
  return /^\d+$/.test(d) ? Number(d) : '一二三四五六七八九十'.indexOf(d) + 1 || (d === '两' ? 2 : null);
}

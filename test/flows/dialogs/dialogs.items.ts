/**
 * Whole conversations as people hold them: a farmer declaring hardship or binding their household
 * on 微信客服, a grid worker reporting a screening and answering the bot's questions, a village
 * cadre reporting 部署/培训, a screening or a problem. Written from what people answer, not from
 * what the readers know: yes and no in many forms, ID numbers and phones typed every way, spoken
 * numbers and dates, an answer that gives another fact than the one asked, corrections, 取消/算了/
 * 重来/返回, a question in the middle, a photo or a voice message, a day of silence, two facts in
 * one answer.
 *
 * Each dialogue is the person's turns and what must be stored at the end (and what must not).
 *
 * Turns (strings):
 * - `text` — sent as it is;
 * - `node> text` — the person's answer to the question at `node`; if the bot waits at another
 *   question the person knows the answer to (`knows`, else what the expectation implies), they
 *   answer that first — one question more than needed;
 * - `~text` — a question or a remark in the middle (the bot may ask its question again after it);
 * - `@image`, `@voice` — a photo or a voice message; `@enter` — the farmer scans the village
 *   poster (凉水井村);
 * - `+1d text`, `+2h text` — said after a day (two hours) of silence; timers due meanwhile fire.
 * - `text => /regex/` — the reply to this turn must match.
 * After the last turn, a question still waiting is answered from what the person knows (each
 * one more than needed); a summary or an echo is confirmed with “对”/“是”.
 */

/** Codes of risk types: I 因病 · D 因残 · S 因学 · N 灾害 · A 意外 · F 产业 · E 务工 · L 缺劳力 · H 住房 · W 饮水 · O 其他. */
export interface Declared {
  name: string;
  /** The whole ID (normalised, upper-case X) or its last 4 (`tail`), or `none` when the farmer had none. */
  id?: string;
  tail?: string;
  noId?: true;
  /** 11 digits, or null: no phone left. */
  phone: string | null;
  /** Every one of these must be recorded (codes joined with +). */
  risks: string;
  /** Types that must NOT be recorded. */
  notRisks?: string;
  /** The village: 'LSJ' 凉水井村 (default), 'MJG' 马家沟村, 'SM' 石门村. */
  village?: 'LSJ' | 'MJG' | 'SM';
}

export interface Bound {
  name: string;
  id?: string;
  tail?: string;
}

/**
 * One screening (附件3): `户主 方式 有|无 知|不知`, optionally `|words the risk detail must hold`,
 * optionally ` @day` last: the record's own day (a day spec as `Activity.day`; without it the day
 * is not judged).
 */
export type Screening = string;

export interface Activity {
  kind: 'deployment' | 'training';
  people?: number;
  /**
   * The day, counted from the dialogue's first day: 'today', '-N' (N days before), '+N' (a turn said N days later), 'lastFri' (Friday of the week before), 'lastWeekN'
   * (ISO weekday N of the week before), 'dN' (the latest day N of a month, not after today), or 'YYYY-MM-DD'.
   */
  day?: string;
}

export interface ProblemExpect {
  category: string;
  household: string | null;
  /** Words the description must hold. */
  what: string;
}

export interface Dialogue {
  id: string;
  /** 'official': 赵磊, 镇街干部 of 高家堡镇 — asks, stores nothing; judged by `=> /regex/` on the replies. */
  role: 'farmer' | 'grid' | 'cadre' | 'official';
  /** An official dialogue held by the city bureau (李娜, 神木市) instead of the town official. */
  city?: true;
  /**
   * A known gap, said in words: the dialogue is still held and judged, must still fail (the test
   * says so when it passes, so the mark is taken off), and does not fail the run.
   */
  open?: string;
  /** What the dialogue exercises, in a few words. */
  about: string;
  turns: string[];
  /** Answers the person gives if asked (node → text), beyond what the expectation implies. */
  knows?: Record<string, string>;
  /** Farmer: the declaration that must be stored, or null (none). */
  declared?: Declared | null;
  /** Farmer: the binding request that must be stored, or null. */
  bound?: Bound | null;
  /** Staff: the screenings that must be stored (exactly these households). */
  screenings?: Screening[];
  activity?: Activity | null;
  problem?: ProblemExpect | null;
}

export const DIALOGUES: Dialogue[] = [
  // ── Farmers (微信客服) ─────────────────────────────────────────────────────────────
  {
    id: 'F01', role: 'farmer', about: 'ID with spaces and lower-case x, phone with spaces, 嗯',
    turns: ['@enter', '俺家老汉住院了，花了三万多', 'name> 王桂兰', 'id> 6108 2119 7508 2300 1x', 'phone> 138 1234 5678', 'confirm> 嗯'],
    declared: { name: '王桂兰', id: '61082119750823001X', phone: '13812345678', risks: 'I' },
  },
  {
    id: 'F02', role: 'farmer', about: '我要申报 first; full-width ID; +86 phone with dashes; 对的',
    turns: ['@enter', '我要申报', 'story> 娃娃上大学学费交不起 一年一万二', 'name> 李秀珍', 'id> ６１０８２１１９６８０４１２３８８Ｘ', 'phone> +86 139-1234-5678', 'confirm> 对的'],
    declared: { name: '李秀珍', id: '61082119680412388X', phone: '13912345678', risks: 'S' },
  },
  {
    id: 'F03', role: 'farmer', about: 'ID with dashes; phone spoken in Chinese digits; 是滴',
    turns: ['@enter', '房子裂了 一下雨就漏', 'name> 刘翠兰', 'id> 610821-19680412-396x', 'phone> 一三八零零一二三四五六', 'confirm> 是滴'],
    declared: { name: '刘翠兰', id: '61082119680412396X', phone: '13800123456', risks: 'H' },
  },
  {
    id: 'F04', role: 'farmer', about: 'ID pasted with the name; no phone; 没错',
    turns: ['@enter', '老伴腿摔断了，干不了活', 'name> 杨秀英 610821197508233974', 'phone> 没有', 'confirm> 没错'],
    declared: { name: '杨秀英', id: '610821197508233974', phone: null, risks: 'A|L' },
  },
  {
    id: 'F05', role: 'farmer', about: 'a phone given where the ID is asked; then no ID',
    turns: ['@enter', '娃娃得了白血病在西安看病 花了十几万', 'name> 高兰英', '13700001111', 'id> 身份证记不得了', 'confirm> 对'],
    knows: { phone: '13700001111' },
    declared: { name: '高兰英', noId: true, phone: '13700001111', risks: 'I' },
  },
  {
    id: 'F06', role: 'farmer', about: 'ID tail only; the phone corrected at the summary (不对，电话是…)',
    turns: ['@enter', '地里的苹果让冰雹打了 一年白干了', 'name> 白文斌', 'id> 后四位5079', 'phone> 13512345678', '不对，电话是13512345679', 'confirm> 对'],
    declared: { name: '白文斌', tail: '5079', phone: '13512345679', risks: 'N' },
  },
  {
    id: 'F07', role: 'farmer', about: 'the name corrected later (刚才名字写错了)',
    turns: ['@enter', '儿子在工地上摔伤了 住院花了两万', 'name> 郝墙', 'id> 610821197103055145', '刚才名字写错了，应该是郝强', 'phone> 15800001234', 'confirm> 好的'],
    declared: { name: '郝强', id: '610821197103055145', phone: '15800001234', risks: 'A|I' },
  },
  {
    id: 'F08', role: 'farmer', about: '不报了 in the middle: nothing stored',
    turns: ['@enter', '老汉心脏病又犯了', 'name> 乔丽', '不报了'],
    declared: null,
  },
  {
    id: 'F09', role: 'farmer', about: '算了 at the summary: nothing stored',
    turns: ['@enter', '家里的窑洞塌了一孔', 'name> 贺娟', 'id> 没有', 'phone> 没有', '算了'],
    declared: null,
  },
  {
    id: 'F10', role: 'farmer', about: '重来 in the middle, then another account',
    turns: ['@enter', '老汉住院了', 'name> 苏玲', '重来', 'story> 家里房子塌了半间', 'name> 苏玲', 'id> 610821196607185213', 'phone> 没有', 'confirm> 对'],
    declared: { name: '苏玲', id: '610821196607185213', phone: null, risks: 'H', notRisks: 'I' },
  },
  {
    id: 'F11', role: 'farmer', about: '这个要多久 asked in the middle, then the answers',
    turns: ['@enter', '我男人得了肝硬化 住了两回院', 'name> 冯玉梅', '~这个要多久 => /天/', 'id> 610821196804125287', 'phone> 15012345678', 'confirm> 好的好的'],
    declared: { name: '冯玉梅', id: '610821196804125287', phone: '15012345678', risks: 'I' },
  },
  {
    id: 'F12', role: 'farmer', about: '需要带什么材料 asked in the middle',
    turns: ['@enter', '俺家婆姨瘫在炕上好几年了', 'name> 霍小兵', 'id> 610821197508235355', '~需要带什么材料', 'phone> 没有', 'confirm> 可以'],
    declared: { name: '霍小兵', id: '610821197508235355', phone: null, risks: 'I|D' },
  },
  {
    id: 'F13', role: 'farmer', about: 'a photo of the ID card where the ID is asked, then typed',
    turns: ['@enter', '孩子他爸做了心脏搭桥 花了八万', 'name> 孙宏伟', '@image', 'id> 610821198201065421', 'phone> 13688889999', 'confirm> 对'],
    declared: { name: '孙宏伟', id: '610821198201065421', phone: '13688889999', risks: 'I' },
  },
  {
    id: 'F14', role: 'farmer', about: 'a voice message first, then typed',
    turns: ['@enter', '@voice', '俺家娃娃上学交不起学费', 'name> 马翠萍', 'id> 没有', 'phone> 没有', 'confirm> 对'],
    declared: { name: '马翠萍', noId: true, phone: null, risks: 'S' },
  },
  {
    id: 'F15', role: 'farmer', about: 'silent a day, comes back with the answer',
    turns: ['@enter', '老伴腿摔断了干不了活', 'name> 薛宁', '+1d id> 身份证后四位是5490', 'phone> 没有', 'confirm> 对'],
    declared: { name: '薛宁', tail: '5490', phone: null, risks: 'A|L' },
  },
  {
    id: 'F16', role: 'farmer', about: 'name and phone in one answer',
    turns: ['@enter', '去年养的羊死了一大半', 'name> 我叫杨帆 电话13611112222', 'id> 没有', 'confirm> 对'],
    declared: { name: '杨帆', noId: true, phone: '13611112222', risks: 'F|N' },
  },
  {
    id: 'F17', role: 'farmer', about: '好几千; ok at the summary',
    turns: ['@enter', '养的猪得瘟病死完了 亏了好几千', 'name> 拓雪梅', 'id> 610821197103055567', 'phone> 没有', 'confirm> ok'],
    declared: { name: '拓雪梅', id: '610821197103055567', phone: null, risks: 'F' },
  },
  {
    id: 'F18', role: 'farmer', about: '一万二 and 👍 at the summary',
    turns: ['@enter', '老婆做手术花了一万二 医保报了一半', 'name> 李思雨', 'id> 610821196607185635', 'phone> 13700002222', 'confirm> 👍'],
    declared: { name: '李思雨', id: '610821196607185635', phone: '13700002222', risks: 'I' },
  },
  {
    id: 'F19', role: 'farmer', about: 'no poster: the village asked and answered as 马家沟的',
    turns: ['俺家房子漏雨 墙也裂了', 'name> 郭峰', 'id> 610821196804125703', 'phone> 没有', 'village> 马家沟的', 'confirm> 嗯嗯'],
    declared: { name: '郭峰', id: '610821196804125703', phone: null, risks: 'H', village: 'MJG' },
  },
  {
    id: 'F20', role: 'farmer', about: 'no poster: the village said with the town, in words',
    turns: ['俺大大中风了瘫在炕上', 'name> 高小燕', 'id> 没有', 'phone> 幺三九 一二三四 五六七八', 'village> 俺们是高家堡镇石门村的', 'confirm> 是的'],
    declared: { name: '高小燕', noId: true, phone: '13912345678', risks: 'I', village: 'SM' },
  },
  {
    id: 'F21', role: 'farmer', about: '有要改的 → 返回 → 对',
    turns: ['@enter', '上个月老汉脑梗住院了 花了三千多', 'name> 乔振华', 'id> 610821197508235777', 'phone> 18912345678', '有要改的', '返回', 'confirm> 对'],
    declared: { name: '乔振华', id: '610821197508235777', phone: '18912345678', risks: 'I' },
  },
  {
    id: 'F22', role: 'farmer', about: 'the ID corrected at the summary (身份证号错了…)',
    turns: ['@enter', '前天下冰雹把大棚砸了', 'name> 白秀兰', 'id> 610821198201065843', 'phone> 没有', '身份证号错了，是610821195909305917', 'confirm> 对'],
    declared: { name: '白秀兰', id: '610821195909305917', phone: null, risks: 'N' },
  },
  {
    id: 'F23', role: 'farmer', about: 'no ID said in a sentence; phone with a space and a dash',
    turns: ['@enter', '俺男人在外面打工 老板跑了 工钱一分没拿到', 'name> 王桂花', 'id> 身份证在娃那呢', 'phone> 186-1234 5678', 'confirm> 对着呢'],
    declared: { name: '王桂花', noId: true, phone: '18612345678', risks: 'E' },
  },
  {
    id: 'F24', role: 'farmer', about: 'binding: name, ID with spaces',
    turns: ['@enter', '绑定我家', 'name> 马有福', 'id> 610821 19600101 1008', 'confirm> 是的'],
    bound: { name: '马有福', id: '610821196001011008' },
  },
  {
    id: 'F25', role: 'farmer', about: 'binding: the name and ID in one message',
    turns: ['@enter', '绑定我家', '张秀英 610821198501011011', 'confirm> 对'],
    knows: { name: '张秀英', id: '610821198501011011' },
    bound: { name: '张秀英', id: '610821198501011011' },
  },
  {
    id: 'F26', role: 'farmer', about: '在吗 and 等一下 in the middle; 去年腊月 in the account',
    turns: ['@enter', '去年腊月老汉摔了一跤 腿断了 到现在下不了炕', 'name> 刘佳', '~在吗', '~等一下 我找找身份证', 'id> 610821198201066264', 'phone> 没有', 'confirm> 对'],
    declared: { name: '刘佳', id: '610821198201066264', phone: null, risks: 'A|I|D|L' },
  },
  {
    id: 'F27', role: 'farmer', about: '取消 at the name, then a new account later',
    turns: ['@enter', '俺家娃娃上学要交八千', '取消', '+2h 俺家娃娃上大学一年学费要八千 交不起', 'name> 郝强', 'id> 没有', 'phone> 没有', 'confirm> 提交'],
    declared: { name: '郝强', noId: true, phone: null, risks: 'S' },
  },
  {
    id: 'F28', role: 'farmer', about: 'a binding given up with 不弄了',
    turns: ['@enter', '绑定我家', 'name> 马有福', '不弄了'],
    bound: null,
  },
  // ── Grid worker 刘海燕 (凉水井一网格) ───────────────────────────────────────────────────
  { id: 'G01', role: 'grid', about: 'each question answered in a word', turns: ['排查 马有福', 'method> 入户了', 'risk> 没有', 'policy> 知道'], screenings: ['马有福 入户 无 知'] },
  { id: 'G02', role: 'grid', about: 'the visit in words, the risk with its reason', turns: ['刘有才家我今天去过了', 'risk> 有 他婆姨住院了 花了两万多', 'policy> 不太清楚'], knows: { method: '入户' }, screenings: ['刘有才 入户 有 不知|住院'] },
  { id: 'G03', role: 'grid', about: '打的电话 / 没 / 👍', turns: ['排查 张静', 'method> 打的电话', 'risk> 没', 'policy> 👍'], screenings: ['张静 电话 无 知'] },
  { id: 'G04', role: 'grid', about: 'the menu number; 不是; 嗯', turns: ['排查 王在田', 'method> 2', 'risk> 不是', 'policy> 嗯'], screenings: ['王在田 电话 无 知'] },
  { id: 'G05', role: 'grid', about: 'two facts in one answer', turns: ['排查 李和平', 'method> 入户 没风险', 'policy> 了解'], screenings: ['李和平 入户 无 知'] },
  { id: 'G06', role: 'grid', about: 'the answer gives other facts than asked', turns: ['排查 贺是成', '没问题 政策也知道', 'method> 微信'], screenings: ['贺是成 微信 无 知'] },
  { id: 'G07', role: 'grid', about: 'an earlier answer corrected mid-flow', turns: ['排查 杨建平', 'method> 入户', 'risk> 没有', '不对，是电话问的', 'policy> 知道'], screenings: ['杨建平 电话 无 知'] },
  { id: 'G08', role: 'grid', about: '算了 先不报了', turns: ['排查 高志明', 'method> 入户', '算了 先不报了'], screenings: [] },
  { id: 'G09', role: 'grid', about: '取消 then the whole line', turns: ['排查 乔振华', '取消', '排查 乔振华 入户 无风险 了解政策'], screenings: ['乔振华 入户 无 知'] },
  { id: 'G10', role: 'grid', about: 'a question in the middle', turns: ['排查 白秀兰', '~这个表是附件几', 'method> 入户', 'risk> 无', 'policy> 是'], screenings: ['白秀兰 入户 无 知'] },
  { id: 'G11', role: 'grid', about: 'a photo in the middle', turns: ['排查 陈兰', 'method> 入户', '@image', 'risk> 没有风险', 'policy> 了解'], screenings: ['陈兰 入户 无 知'] },
  { id: 'G12', role: 'grid', about: 'silent a day, then the rest in one line', turns: ['排查 折二娃', 'method> 入户', '+1d 折二娃家没风险 政策了解'], knows: { method: '入户' }, screenings: ['折二娃 入户 无 知'] },
  { id: 'G13', role: 'grid', about: 'two households at once, 对的', turns: ['马有福和刘有才两户都入户了 都正常 政策都知道', 'confirm> 对的'], screenings: ['马有福 入户 无 知', '刘有才 入户 无 知'] },
  { id: 'G14', role: 'grid', about: '上门; 有 then the reason asked', turns: ['排查 刘军', 'method> 上门', 'risk> 有', 'riskDetail> 儿子打工摔伤了腿 住了半个月院', 'policy> 不知道'], screenings: ['刘军 入户 有 不知|摔伤'] },
  { id: 'G15', role: 'grid', about: 'a name typed wrong', turns: ['排查 张经 入户 无风险 了解政策'], knows: { name: '张晶' }, screenings: ['张晶 入户 无 知'] },
  { id: 'G16', role: 'grid', about: 'a household of another grid, then 算了', turns: ['排查 程岚 入户 无风险 了解政策', '算了'], screenings: [] },
  { id: 'G17', role: 'grid', about: 'the risk reason with 一万二', turns: ['排查 高志明 入户 有风险', 'riskDetail> 老伴看病花了一万二', 'policy> 懂'], screenings: ['高志明 入户 有 知|看病'] },
  { id: 'G18', role: 'grid', about: 'a record corrected afterwards (刚才说错了)', turns: ['排查 王在田 入户 无风险 了解政策', '刚才说错了 王在田是电话排查的', 'confirm> 是'], screenings: ['王在田 电话 无 知'] },
  { id: 'G19', role: 'grid', about: 'yes in dialect (是滴) and no (没有没有)', turns: ['排查 杨建平', 'method> 去他家了', 'risk> 没有没有', 'policy> 是滴'], screenings: ['杨建平 入户 无 知'] },
  { id: 'G20', role: 'grid', about: 'two households, one corrected at the echo', turns: ['王在田、李和平两户都入户了 都没风险 政策都了解', '不对 李和平是打电话的', 'confirm> 对'], screenings: ['王在田 入户 无 知', '李和平 电话 无 知'] },
  { id: 'G21', role: 'grid', about: 'a member named instead of the head; 好的好的 as yes', turns: ['排查 王海', 'method> 微信视频的', 'risk> 没有', 'policy> 好的好的'], screenings: ['王在田 微信 无 知'] },
  // ── Village cadre 石德明 (凉水井村) ───────────────────────────────────────────────────────
  { id: 'C01', role: 'cadre', about: '培训 then 十二个人', turns: ['培训', 'people> 十二个人'], activity: { kind: 'training', people: 12, day: 'today' } },
  { id: 'C02', role: 'cadre', about: 'a count corrected (不对 是18个)', turns: ['培训了15人', '不对 是18个'], activity: { kind: 'training', people: 18, day: 'today' } },
  { id: 'C03', role: 'cadre', about: 'a deployment dated 前天', turns: ['前天开会部署了'], activity: { kind: 'deployment', day: '-2' } },
  { id: 'C04', role: 'cadre', about: 'a training dated 三月十五号, said first', turns: ['三月十五号培训了8个人'], activity: { kind: 'training', people: 8, day: '2022-03-15' } },
  { id: 'C05', role: 'cadre', about: 'the cadre screens a household', turns: ['排查 王在田 入户', 'risk> 否', 'policy> 是的'], screenings: ['王在田 入户 无 知'] },
  { id: 'C06', role: 'cadre', about: '报问题 step by step', turns: ['报问题', 'category> 6', 'what> 王在田家收入信息没录', 'measure> 入户核实后补录', 'deadline> 默认'], knows: { household: '王在田' }, problem: { category: 'data_quality', household: '王在田', what: '收入' } },
  { id: 'C07', role: 'cadre', about: '培训 then 算了', turns: ['培训', '算了'], activity: null },
  { id: 'C08', role: 'cadre', about: 'training with the day 3.15', turns: ['3.15培训了20个人'], activity: { kind: 'training', people: 20, day: '2022-03-15' } },
  // ── Second round (F29–F38, G22–G37, C09–C12), appended so the first 57 keep their days ──
  // Second round, written before the readers' word lists were read: a farmer who answers with a
  // question, voice-input transcripts, dialect, costs said per day.
  {
    id: 'F29', role: 'farmer', about: 'a question back where the ID is asked (要全部的吗)',
    turns: ['@enter', '老汉查出来胃癌了 做手术花了五万多', 'name> 张桂英', '~身份证号要全部的吗', 'id> 610821197003154023', 'phone> 13912340001', 'confirm> 对'],
    declared: { name: '张桂英', id: '610821197003154023', phone: '13912340001', risks: 'I' },
  },
  {
    id: 'F30', role: 'farmer', about: 'a question back where the phone is asked (要电话干啥)',
    turns: ['@enter', '俺家房子后墙裂了个大缝 怕塌', 'name> 李来福', 'id> 610821196507083113', '~要电话干啥', 'phone> 13700113355', 'confirm> 是的'],
    declared: { name: '李来福', id: '610821196507083113', phone: '13700113355', risks: 'H' },
  },
  {
    id: 'F31', role: 'farmer', about: 'a question at the summary (这样就行了吗) before yes',
    turns: ['@enter', '娃娃考上大学了 学费住宿费一年要一万多 拿不出来', 'name> 王改芳', 'id> 没有', 'phone> 15909121234', '~这样就行了吗', 'confirm> 行'],
    declared: { name: '王改芳', noId: true, phone: '15909121234', risks: 'S' },
  },
  {
    id: 'F32', role: 'farmer', about: 'whose name? asked back at the name (写我的还是老汉的)',
    turns: ['@enter', '老汉中风了 半边身子不能动', '~写我的名字还是老汉的', 'name> 刘改兰', 'id> 没有', 'phone> 没有', 'confirm> 对'],
    declared: { name: '刘改兰', noId: true, phone: null, risks: 'I' },
  },
  {
    id: 'F33', role: 'farmer', about: 'a voice transcript: no punctuation, fillers, a monthly cost',
    turns: ['@enter', '喂你好我想问一下就是我家老汉去年查出来那个肺癌现在在榆林住院化疗一个月就得一万多家里实在是撑不住了', 'name> 我叫那个冯桂芝', 'id> 没有', 'phone> 没有', 'confirm> 嗯是的'],
    declared: { name: '冯桂芝', noId: true, phone: null, risks: 'I' },
  },
  {
    id: 'F34', role: 'farmer', about: 'a voice transcript: the ID and the phone said digit by digit',
    turns: ['@enter', '我家男人在煤矿上干活腿让砸断了 现在干不成活了', 'name> 高爱琴', 'id> 六一零八二一一九七八零九二零二零二零', 'phone> 幺五八 零零零一 二三四五', 'confirm> 对着哩'],
    declared: { name: '高爱琴', id: '610821197809202020', phone: '15800012345', risks: 'A|L' },
  },
  {
    id: 'F35', role: 'farmer', about: 'dialect: 婆姨病下了, 两三万',
    turns: ['@enter', '俺婆姨病下了 在县医院住了一个月 花了两三万 日子过不下去了', 'name> 俺叫贺二虎', 'id> 610821198302145121', 'phone> 没有', 'confirm> 对哩'],
    declared: { name: '贺二虎', id: '610821198302145121', phone: null, risks: 'I' },
  },
  {
    id: 'F36', role: 'farmer', about: 'dialect: 窑塌了半边 住不成人了',
    turns: ['@enter', '咱家那孔窑前两天下雨塌了半边 住不成人了', 'name> 折桂兰', 'id> 没带', 'phone> 18700112233', 'confirm> 嗯'],
    declared: { name: '折桂兰', noId: true, phone: '18700112233', risks: 'H|N' },
  },
  {
    id: 'F37', role: 'farmer', about: 'a cost said per day (ICU一天就得好几千)',
    turns: ['@enter', '老汉出车祸了现在在ICU 一天就得好几千', 'name> 白玉梅', 'id> 610821195806112215', 'phone> 13509120000', 'confirm> 对'],
    declared: { name: '白玉梅', id: '610821195806112215', phone: '13509120000', risks: 'A|I' },
  },
  {
    id: 'F38', role: 'farmer', about: 'a cost said per day (住院一天八百), already twenty days',
    turns: ['@enter', '娃娃得了肺炎住院 一天八百 已经住了二十天了', 'name> 霍彩霞', 'id> 61082119720101331x', 'phone> 没有', 'confirm> 好'],
    declared: { name: '霍彩霞', id: '61082119720101331X', phone: null, risks: 'I' },
  },
  // Second round: corrections after the fact, two households, an official question in the middle,
  // a long silence, voice transcripts, dialect.
  { id: 'G22', role: 'grid', about: 'a correction after a finished one-line report (不对，是电话问的)', turns: ['王在田 入户 无风险 了解政策', '不对，是电话问的'], screenings: ['王在田 电话 无 知'] },
  { id: 'G23', role: 'grid', about: 'a correction after the fact (刚才那个改成电话核实)', turns: ['排查 李和平 入户 无风险 了解政策', '刚才那个改成电话核实'], screenings: ['李和平 电话 无 知'] },
  { id: 'G24', role: 'grid', about: 'the verdict changed after the fact (其实有风险 因病)', turns: ['排查 高志明 入户 无风险 了解政策', '刚才那户其实有风险 因病'], screenings: ['高志明 入户 有 知|因病'] },
  { id: 'G25', role: 'grid', about: 'two reports, then the last one corrected (政策不太了解)', turns: ['排查 马有福 入户 无风险 了解政策', '排查 刘有才 电话 无风险 了解政策', '刚才那户政策其实不太了解'], screenings: ['马有福 入户 无 知', '刘有才 电话 无 不知'] },
  { id: 'G26', role: 'grid', about: 'a second household after the first is done (还有…也是)', turns: ['排查 张静', 'method> 入户', 'risk> 没有', 'policy> 知道', '还有张晶家 也是入户的 没风险 政策知道'], screenings: ['张静 入户 无 知', '张晶 入户 无 知'] },
  { id: 'G27', role: 'grid', about: 'a second household said to be the same (也一样)', turns: ['排查 贺是成 入户 无风险 了解政策', '杨建平家也一样'], screenings: ['贺是成 入户 无 知', '杨建平 入户 无 知'] },
  { id: 'G28', role: 'grid', about: 'the meeting asked about in the middle (研判会啥时候开)', turns: ['排查 刘军', 'method> 入户', '~这周研判会啥时候开', 'risk> 没有', 'policy> 知道'], screenings: ['刘军 入户 无 知'] },
  { id: 'G29', role: 'grid', about: 'the grid\'s progress asked in the middle (还有几户没排)', turns: ['排查 折二娃', 'method> 电话', '~我们网格还有几户没排', 'risk> 没', 'policy> 了解'], screenings: ['折二娃 电话 无 知'] },
  // Changed in the third round: a half-finished screening is kept a day and a half, and asked after the new report (docs/FIELD.md).
  { id: 'G30', role: 'grid', about: 'a screening left a day, then another household in one line; the first asked back', turns: ['排查 杨建平', 'method> 入户', '+1d 排查 陈兰 入户 无风险 了解政策 => /杨建平户的排查还没登记完/', 'risk> 没有', 'policy> 知道'], screenings: ['陈兰 入户 无 知 @+1', '杨建平 入户 无 知 @today'] },
  { id: 'G31', role: 'grid', about: 'a screening left three hours, then 报问题', turns: ['排查 乔振华', 'method> 入户', '+3h 报问题 王在田家登记的电话是空号', 'category> 6', 'measure> 入户核实后更正电话', 'deadline> 默认'], screenings: [], problem: { category: 'data_quality', household: '王在田', what: '空号' } },
  { id: 'G32', role: 'grid', about: 'a voice transcript with fillers, no punctuation', turns: ['嗯那个排查一下马有福家今天上门去了家里都挺好的没什么风险政策也都知道'], screenings: ['马有福 入户 无 知'] },
  { id: 'G33', role: 'grid', about: 'a voice transcript: 电话问了一下, 不太清楚', turns: ['就是说刘有才家呢我今天电话问了一下 他说最近没啥事 政策的话他说不太清楚'], screenings: ['刘有才 电话 无 不知'] },
  { id: 'G34', role: 'grid', about: 'dialect: 去他家了 没麻达 政策都晓得', turns: ['排查 白秀兰 去他家了 没麻达 政策都晓得'], screenings: ['白秀兰 入户 无 知'] },
  { id: 'G35', role: 'grid', about: '都挺好 where the way is asked', turns: ['排查 乔振华', '都挺好', 'method> 入户', 'policy> 知道'], screenings: ['乔振华 入户 无 知'] },
  { id: 'G36', role: 'grid', about: 'dialect risk: 婆姨病下了 in the report', turns: ['排查 杨建平 入户', 'risk> 有哩 他婆姨病下了 住院了', 'policy> 晓不得'], screenings: ['杨建平 入户 有 不知|病'] },
  { id: 'G37', role: 'grid', about: 'a correction naming the field after the fact (政策那个写错了)', turns: ['排查 陈兰 电话 无风险 不了解政策', '政策那个写错了 她其实了解'], screenings: ['陈兰 电话 无 知'] },
  // Village cadre 石德明, second round.
  { id: 'C09', role: 'cadre', about: 'a problem that names its household (王在田家房子漏雨了 报个问题)', turns: ['王在田家房子漏雨了 报个问题', 'category> 1', 'measure> 联系住建部门危房改造', 'deadline> 默认'], problem: { category: 'basic_needs', household: '王在田', what: '漏雨' } },
  { id: 'C10', role: 'cadre', about: 'the village\'s progress asked in the middle of 培训', turns: ['培训', '~凉水井村进度咋样了', 'people> 15个'], activity: { kind: 'training', people: 15, day: 'today' } },
  { id: 'C11', role: 'cadre', about: '报问题 left a day, then a training', turns: ['报问题', 'category> 1', '+1d 三月二十号培训了9个人'], activity: { kind: 'training', people: 9, day: '2022-03-20' }, problem: null },
  { id: 'C12', role: 'cadre', about: 'dialect: 今儿个搞了个培训 来了十六个', turns: ['今儿个搞了个培训 来了十六个'], activity: { kind: 'training', people: 16, day: 'today' } },
  // ── Third round (F39–F43, G38–G52, C13–C17, O01–O05), appended so the first 87 keep their days ──
  // Written before the readers were read: a screening left for lunch or the night and taken up
  // again, a day said for the visit (上礼拜四, 昨天, 3号, 前天, 一个说不清的上礼拜), @mentions, voice
  // input without punctuation, dialect (啥/咋/莫得/娃/婆姨/晓得), numbers in Chinese, a mind changed
  // in the same line, an answer to another question than asked; town officials' questions.
  {
    id: 'F39', role: 'farmer', about: 'a declaration left two hours between the name and the ID',
    turns: ['@enter', '俺娃得了白血病 看病花了二十多万', 'name> 苏建国', '+2h id> 610821197203154220', 'phone> 13991234567', 'confirm> 对'],
    declared: { name: '苏建国', id: '610821197203154220', phone: '13991234567', risks: 'I' },
  },
  {
    id: 'F40', role: 'farmer', about: 'voice: no punctuation, the ID in digit words, a phone of the son',
    turns: ['@enter', '我想问一下就是我们家房子漏雨漏得厉害能不能申请啥帮助', 'name> 我叫刘桂芳', 'id> 六一零八二一一九六五零七零八三零一七', 'phone> 莫得电话 你打我娃的 一五九一二三四五六七八', 'confirm> 是的'],
    declared: { name: '刘桂芳', id: '610821196507083017', phone: '15912345678', risks: 'H' },
  },
  {
    id: 'F41', role: 'farmer', about: 'a question first (咋申请啊), then the account; only the ID tail known',
    turns: ['@enter', '咋申请啊', 'story> 娃娃考上大学了 学费莫得着落', 'name> 霍小兵', 'id> 身份证丢了 后四位记得是5125', 'phone> 没有', 'confirm> 嗯嗯'],
    declared: { name: '霍小兵', tail: '5125', phone: null, risks: 'S' },
  },
  {
    id: 'F42', role: 'farmer', about: 'binding, the name with 我是 and the ID with spaces, 好的',
    turns: ['@enter', '我要绑定我家的户', 'name> 我是王桂花', 'id> 6108 2119 8501 0110 46', 'confirm> 好的'],
    bound: { name: '王桂花', id: '610821198501011046' },
  },
  {
    id: 'F43', role: 'farmer', about: 'two hardships, one taken back before the summary (房子没事)',
    turns: ['@enter', '房子漏雨 还有老汉住院了', 'name> 贺桂兰', 'id> 610821195802234020', 'phone> 没有', '不对 房子没事 就是老汉住院', 'confirm> 对'],
    declared: { name: '贺桂兰', id: '610821195802234020', phone: null, risks: 'I', notRisks: 'H' },
  },
  { id: 'G38', role: 'grid', about: 'left two hours at the risk question, then the answers', turns: ['排查 马有福', 'method> 入户', '+2h risk> 没有', 'policy> 知道'], screenings: ['马有福 入户 无 知 @today'] },
  { id: 'G39', role: 'grid', about: 'left overnight, the rest the next morning in one line', turns: ['排查 刘有才', 'method> 打电话问的', '+1d 刘有才家没啥风险 政策也了解'], screenings: ['刘有才 电话 无 知'] },
  {
    id: 'G40', role: 'grid', about: 'left overnight, another household first, then the first one taken up (继续)',
    turns: ['排查 张静', 'method> 入户', '+1d 排查 李和平 电话 无风险 了解政策 => /张静/', '继续', 'risk> 没有', 'policy> 了解'],
    screenings: ['李和平 电话 无 知 @+1', '张静 入户 无 知 @today'],
  },
  { id: 'G41', role: 'grid', about: '上礼拜四入的户, the day said first', turns: ['上礼拜四入的户 白秀兰家 没啥风险 政策都知道 => /\\d+月\\d+日/'], screenings: ['白秀兰 入户 无 知 @lastWeek4'] },
  { id: 'G42', role: 'grid', about: '昨天去…家看了, no punctuation', turns: ['昨天去陈兰家看了 挺好的 政策了解'], screenings: ['陈兰 入户 无 知 @-1'] },
  { id: 'G43', role: 'grid', about: '3号去的, the day said last', turns: ['排查 折二娃 入户 无风险 了解政策 3号去的'], screenings: ['折二娃 入户 无 知 @d3'] },
  { id: 'G44', role: 'grid', about: '前天电话问了, dialect 啥', turns: ['前天电话问了刘军家 他说没啥事 政策不太清楚'], screenings: ['刘军 电话 无 不知 @-2'] },
  { id: 'G45', role: 'grid', about: 'a day in the future (a typo): asked, not stored', turns: ['28号入户的 高志明家 没风险 政策知道 => /28.*(哪天|哪一天)/', 'day> 哦打错了 是今天'], screenings: ['高志明 入户 无 知 @today'] },
  { id: 'G46', role: 'grid', about: 'voice: two households, 莫得, 晓得, no punctuation', turns: ['嗯今天上午跑了两户马有福家和王在田家都莫得啥风险政策都晓得', 'confirm> 对的'], screenings: ['马有福 入户 无 知', '王在田 入户 无 知'] },
  { id: 'G47', role: 'grid', about: 'the mind changed in the same answer (入户 哦不对 是打的电话)', turns: ['排查 杨建平', 'method> 入户 哦不对 是打的电话', 'risk> 莫得', 'policy> 晓得'], screenings: ['杨建平 电话 无 知'] },
  { id: 'G48', role: 'grid', about: '@mention, 两万五 in words, the risk with its reason', turns: ['@守望 排查 张晶 入户 有风险 她妈住院花了两万五 政策了解'], screenings: ['张晶 入户 有 知|住院'] },
  { id: 'G49', role: 'grid', about: 'lunch: 继续 after an hour and a half', turns: ['排查 乔振华 入户', '+90m 吃完饭了 继续', 'risk> 没有', 'policy> 知道'], screenings: ['乔振华 入户 无 知 @today'] },
  { id: 'G50', role: 'grid', about: 'a name typed wrong and 前天 in one line', turns: ['杨建萍家前天入户了 没风险 政策知道'], screenings: ['杨建平 入户 无 知 @-2'] },
  { id: 'G51', role: 'grid', about: 'three hours later, the unfinished one told in words (还没说完)', turns: ['排查 刘有才', 'method> dh', '+3h 刚才刘有才家的还没说完 没风险 政策不知道'], screenings: ['刘有才 电话 无 不知'] },
  { id: 'G52', role: 'grid', about: '上礼拜去的 with no weekday: the day asked', turns: ['排查 陈兰 入户 无风险 了解政策 上礼拜去的', 'day> 上礼拜三'], screenings: ['陈兰 入户 无 知 @lastWeek3'] },
  // Village cadre 石德明, third round.
  { id: 'C13', role: 'cadre', about: 'a household of the other grid, 昨天', turns: ['贺永胜家昨天入户了 没风险 政策都知道'], screenings: ['贺永胜 入户 无 知 @-1'] },
  { id: 'C14', role: 'cadre', about: 'left overnight, taken up the next morning (昨天…还没报完)', turns: ['排查 拓永胜', 'method> 入户', '+1d 早上好 昨天拓永胜家那个还没报完 => /拓永胜/', 'risk> 没有', 'policy> 了解'], screenings: ['拓永胜 入户 无 知 @today'] },
  { id: 'C15', role: 'cadre', about: '前天培训了 来了二十三个', turns: ['前天培训了 来了二十三个'], activity: { kind: 'training', people: 23, day: '-2' } },
  { id: 'C16', role: 'cadre', about: 'two households by phone, dialect, 是滴', turns: ['郝在明 苏和 两户 电话 都莫得风险 政策晓得', 'confirm> 是滴'], screenings: ['郝在明 电话 无 知', '苏和 电话 无 知'] },
  { id: 'C17', role: 'cadre', about: 'the risk reason corrected at the policy question (不是因病 是娃上学)', turns: ['排查 呼延平 入户 有风险 因病', '不对 不是因病 是娃上学', 'policy> 知道'], screenings: ['呼延平 入户 有 知|上学'] },
  // Town official 赵磊 (高家堡镇): questions; nothing is stored.
  { id: 'O01', role: 'official', about: '@mention, 咱镇 and 排了多少户', turns: ['@守望 咱镇排了多少户了 => /高家堡镇/'], screenings: [] },
  { id: 'O02', role: 'official', about: 'the unscreened households of a village', turns: ['凉水井村还有哪些户没排查 => /凉水井村/'], screenings: [] },
  { id: 'O03', role: 'official', about: '有没有超期的, dialect 咋', turns: ['咋样了 有没有超期的线索 => /超期|到期/'], screenings: [] },
  { id: 'O04', role: 'official', about: 'voice: an export asked with fillers', turns: ['那个你把附件一导一下 高家堡镇的 => /附件1|\\[file\\]/'], screenings: [] },
  { id: 'O05', role: 'official', about: 'a question, then two hours later another place (凉水井村的呢)', turns: ['高家堡镇进度 => /高家堡镇/', '+2h 凉水井村的呢 => /凉水井村[^“”]*\\d+\\/\\d+户/'], screenings: [] },
  // Written after the fixes, as a check on what they had not seen.
  { id: 'G53', role: 'grid', about: 'fifty minutes at the risk question, then 有 with the reason', turns: ['排查 白秀兰 入户', '+50m risk> 有 她老汉腰摔了 住了几天院', 'policy> 晓得'], screenings: ['白秀兰 入户 有 知|摔 @today'] },
  { id: 'G54', role: 'grid', about: '大前天入户的, 莫得风险', turns: ['大前天入户的 乔振华家 莫得风险 政策晓得'], screenings: ['乔振华 入户 无 知 @-3'] },
  { id: 'G55', role: 'grid', about: 'another household reported two hours into a half-done one, then the first finished', turns: ['排查 高志明', 'method> 微信视频', '+2h 排查 刘军 入户 没风险 政策知道 => /高志明/', 'risk> 没有', 'policy> 不太了解'], screenings: ['刘军 入户 无 知 @today', '高志明 微信 无 不知 @today'] },
  { id: 'C18', role: 'cadre', about: '前天去…家了, the risk and its reason in one line', turns: ['前天去霍金山家了 娃上大学学费交不上 有风险 政策知道'], screenings: ['霍金山 入户 有 知|学费 @-2'] },
  {
    id: 'F44', role: 'farmer', about: 'a hardship taken back at the summary (冰雹那个不算)',
    turns: ['@enter', '娃娃看病花了好几万 还有地里遭了冰雹', 'name> 折改莲', 'id> 没有', 'phone> 15109876543', '冰雹那个不算 地里没啥损失', 'confirm> 对'],
    declared: { name: '折改莲', noId: true, phone: '15109876543', risks: 'I', notRisks: 'N' },
  },
  // ── Fourth round (F45–F52, O06–O13), appended so the first 122 keep their days ──
  // Written before the readers were read: farmers giving several facts in one line, answering
  // another question than asked, changing their mind, asking two things at once, asking after
  // their declaration; town officials (周报, 镇街审核, 上报, exports) and the city bureau (全市进度,
  // 市级审批, another town's 超期线索, 镇街排名), typed as in WeCom or said to the phone.
  {
    id: 'F45', role: 'farmer', about: 'name, hardship and phone in one line, the ID after',
    turns: ['@enter', '俺叫张改花 老汉脑梗住院了 花了四万多 电话13609121234', 'id> 610821196803121233', 'confirm> 对'],
    declared: { name: '张改花', id: '610821196803121233', phone: '13609121234', risks: 'I' },
  },
  {
    id: 'F46', role: 'farmer', about: 'declared, then two questions at once (啥时候有人来 要等多久)',
    turns: ['@enter', '娃娃摔断腿了 住院花了两万', 'name> 杜秀梅', 'id> 610821201004051121', 'phone> 没有', 'confirm> 对', '那俺这个啥时候有人来 要等多久 => /天|网格员/'],
    declared: { name: '杜秀梅', id: '610821201004051121', phone: null, risks: 'A|I' },
  },
  {
    id: 'F47', role: 'farmer', about: 'the village said where the account is asked, sheep lost, 十几只',
    turns: ['@enter', '我要申报', 'story> 俺是马家沟村的', '羊得病死了十几只 损失一万多', 'name> 马长青', 'id> 没有 身份证在娃那', 'phone> 幺五九 一二三四 八八六六', 'confirm> 是'],
    declared: { name: '马长青', noId: true, phone: '15912348866', risks: 'F|N|O', village: 'MJG' },
  },
  {
    id: 'F48', role: 'farmer', about: 'the phone corrected inside its answer (哦不对 是…)',
    turns: ['@enter', '老婆子瘫在床上好几年了 俺也七十多了 干不动活', 'name> 刘福', 'id> 610821195208173018', 'phone> 13812340000 哦不对 是13812340001', 'confirm> 是'],
    declared: { name: '刘福', id: '610821195208173018', phone: '13812340001', risks: 'D|L|I' },
  },
  {
    id: 'F49', role: 'farmer', about: 'asks after a declaration they never made (咋还莫得人来)',
    turns: ['@enter', '俺上个月申报的那个 咋还莫得人来 => /网格员|申报/'],
    declared: null,
  },
  {
    id: 'F50', role: 'farmer', about: 'voice: work lost and a child at school, no punctuation, phone with 手机号是',
    turns: ['@enter', '就是家里莫得收入了男人在外头打工被辞退了娃还在上学', 'name> 呼改兰', 'id> 610821 1979 0306 4023', 'phone> 手机号是18991234567', 'confirm> 嗯嗯'],
    declared: { name: '呼改兰', id: '610821197903064023', phone: '18991234567', risks: 'E+S' },
  },
  {
    id: 'F51', role: 'farmer', about: 'the name answered with a question (写谁的名字), two questions in the middle',
    turns: ['@enter', '房子塌了一面墙 住不成了', 'name> 要写谁的名字 户主还是我 我叫高凤英', 'id> 610821196609232028', '~申报要钱不 要等多久', 'phone> 15091234567', 'confirm> 嗯'],
    declared: { name: '高凤英', id: '610821196609232028', phone: '15091234567', risks: 'H' },
  },
  {
    id: 'F52', role: 'farmer', about: 'gives up (算了不报了), then an hour later declares after all',
    turns: ['@enter', '老汉身体不好', 'name> 算了不报了', '+1h 还是报吧 老汉查出来癌症了 化疗一次就得一万', 'name> 李二女', 'id> 610821197101305032', 'phone> 没有', 'confirm> 对的'],
    declared: { name: '李二女', id: '610821197101305032', phone: null, risks: 'I' },
  },
  // Town official 赵磊 (高家堡镇).
  { id: 'O06', role: 'official', about: '周报 asked in words, then 确认', turns: ['这周的周报弄一下 => /周报|本周/', '确认 => /已|确认/'], screenings: [] },
  { id: 'O07', role: 'official', about: 'two questions at once: 镇街审核 and 超期', turns: ['有几户等着镇上审核 顺便看下超期的 => /审核.*超期|超期.*审核/'], screenings: [] },
  { id: 'O08', role: 'official', about: 'voice: 哪些村还没报上来 with a remark', turns: ['高家堡镇哪些村还没报上来周五就要交了 => /上报|报/'], screenings: [] },
  { id: 'O09', role: 'official', about: 'the form changed in the same line (附件六 哦不对 附件一)', turns: ['导出附件六 哦不对 是附件一 => /附件1/'], screenings: [] },
  // City bureau 李娜 (神木市).
  { id: 'O10', role: 'official', city: true, about: '全市进度 and 哪个镇最慢 at once, 咋', turns: ['全市进度咋样了 哪个镇最慢 => /神木市|全市/'], screenings: [] },
  { id: 'O11', role: 'official', city: true, about: '市级审批 asked in words', turns: ['市级审批还有几户没批 => /审批/'], screenings: [] },
  { id: 'O12', role: 'official', city: true, about: 'a town’s 超期线索, then a village of it an hour later (…的呢)', turns: ['高家堡镇的超期线索发一下 => /高家堡镇/', '+1h 凉水井村的呢 => /凉水井村.*(超期|逾期|到期)|(超期|逾期|到期).*凉水井村/'], screenings: [] },
  { id: 'O13', role: 'official', city: true, about: '各镇排名 with typos (拍名)', turns: ['各镇拍名发我看下 => /高家堡镇/'], screenings: [] },
  // ── Follow-ups that name only what changed (O14–O25), appended so the dialogues above keep their days ──
  // The question before is remembered for two hours: another place, another day, another grouping.
  // Town official 赵磊 (高家堡镇).
  { id: 'O14', role: 'official', about: '超期线索 of the town, then 那马家沟村呢', turns: ['有没有超期的线索 => /高家堡镇超期风险线索/', '+5m 那马家沟村呢 => /马家沟村超期风险线索/'], screenings: [] },
  { id: 'O15', role: 'official', about: '哪些村还没报, then 上周的呢 (last week’s deadline)', turns: ['哪些村还没报 => /本周上报情况/', '+20m 上周的呢 => /高家堡镇上报情况（[^）]*截止的那一周）/'], screenings: [] },
  { id: 'O16', role: 'official', about: 'a village’s progress, then 上周的呢, then 今天的呢 again', turns: ['凉水井村进度 => /凉水井村排查进度/', '+10m 上周的呢 => /凉水井村排查进度（截至/', '+2m 今天的呢 => /凉水井村排查进度（截至/'], screenings: [] },
  { id: 'O17', role: 'official', about: 'a refused town in a follow-up (那店塔镇呢), then a village of his own: still 超期', turns: ['凉水井村的超期线索 => /凉水井村超期风险线索/', '+3m 那店塔镇呢 => /店塔镇不在您的辖区/', '+2m 石门村的呢 => /石门村超期风险线索/'], screenings: [] },
  { id: 'O18', role: 'official', about: 'the follow-up three hours later: forgotten, read as progress as before', turns: ['超期线索 => /高家堡镇超期风险线索/', '+3h 马家沟村的呢 => /马家沟村排查进度/'], screenings: [] },
  { id: 'O19', role: 'official', about: '网格员 of one village, then 凉水井村的也发一下', turns: ['石门村网格员都是谁 => /石门村/', '+15m 凉水井村的也发一下 => /凉水井村(?:网格员和村干部|还没有登记网格员)/'], screenings: [] },
  { id: 'O20', role: 'official', about: 'this week against last for a village, then 马家沟村呢', turns: ['凉水井村这周跟上周比一下 => /凉水井村本周与上周对比/', '+1h 马家沟村呢 => /马家沟村本周与上周对比/'], screenings: [] },
  { id: 'O21', role: 'official', about: '超期 asked after a day (上周的呢): said it looks only at now, answered as now', turns: ['凉水井村有没有超期的 => /凉水井村超期风险线索/', '+30m 上周的呢 => /只看现在的情况[\\s\\S]*凉水井村超期风险线索/'], screenings: [] },
  // City bureau 李娜 (神木市).
  { id: 'O22', role: 'official', city: true, about: '镇街排名, then 换成按村排一下', turns: ['镇街排名 => /神木市各镇街排查通报/', '+5m 换成按村排一下 => /神木市各村排查通报[\\s\\S]*高家堡镇凉水井村/'], screenings: [] },
  { id: 'O23', role: 'official', city: true, about: 'a town’s unscreened households, then 店塔镇的呢', turns: ['高家堡镇还有哪些户没排查 => /高家堡镇还没排查的户/', '+40m 店塔镇的呢 => /店塔镇还没排查的户/'], screenings: [] },
  { id: 'O24', role: 'official', city: true, about: 'progress of the city, then a town (店塔镇呢), last week of it, then a village of another town', turns: ['全市进度 => /神木市排查进度/', '+30m 店塔镇呢 => /店塔镇排查进度/', '+5m 截至上周日呢 => /店塔镇排查进度/', '+5m 那凉水井村的呢 => /凉水井村排查进度/'], screenings: [] },
  { id: 'O25', role: 'official', city: true, about: 'a town’s villages ranked, then 按镇街排 (the towns of the city), @mention first', turns: ['高家堡镇各村排名 => /高家堡镇各村排查通报/', '+10m @守望 按镇街排 => /神木市各镇街排查通报/'], screenings: [] },
  // ── Follow-ups while an errand waits, and exports followed up (O26–O32), appended so the dialogues above keep their days ──
  // Town official 赵磊 (高家堡镇).
  { id: 'O26', role: 'official', about: '导出 waits; 超期线索 asked in between, then 那凉水井村呢 and 上周的呢: answered, the form asked again, then picked', turns: ['导出 => /导出哪一张表/', '+1m 超期线索 => /高家堡镇超期风险线索/', '+2m 那凉水井村呢 => /凉水井村超期风险线索[\\s\\S]*导出哪一张表/', '+1m 上周的呢 => /只看现在的情况[\\s\\S]*导出哪一张表/', '+1m 6 => /附件6/'], screenings: [] },
  { id: 'O27', role: 'official', about: '超期线索, then 导出 (which form?), a refused town and a village of his own while it waits', turns: ['凉水井村的超期线索 => /凉水井村超期风险线索/', '+1m 导出 => /导出哪一张表/', '+1m 那店塔镇呢 => /店塔镇不在您的辖区[\\s\\S]*导出哪一张表/', '+1m 马家沟村的呢 => /马家沟村超期风险线索/', '+1m 附件3 => /附件3/'], screenings: [] },
  { id: 'O28', role: 'official', about: '附件1 exported, then 那凉水井村的呢, 上周的呢, 附件6呢', turns: ['导出附件1 => /附件1/', '+5m 那凉水井村的呢 => /附件1[^\\n]*凉水井村/', '+2m 上周的呢 => /附件1[^\\n]*凉水井村，截至/', '+1m 附件6呢 => /附件6[^\\n]*凉水井村/'], screenings: [] },
  { id: 'O29', role: 'official', about: '石门村的附件6, then another town (refused by name), then 马家沟村的呢', turns: ['导出石门村的附件6 => /附件6[^\\n]*石门村/', '+3m 那店塔镇呢 => /店塔镇不在您的辖区/', '+1m 马家沟村的呢 => /附件6[^\\n]*马家沟村/'], screenings: [] },
  // City bureau 李娜 (神木市).
  { id: 'O30', role: 'official', city: true, about: '镇街排名, 导出 (which form?), then 换成按村排一下 while it waits', turns: ['镇街排名 => /神木市各镇街排查通报/', '+3m 导出 => /导出哪一张表/', '+1m 换成按村排一下 => /神木市各村排查通报[\\s\\S]*导出哪一张表/', '+1m 1 => /附件1/'], screenings: [] },
  { id: 'O31', role: 'official', city: true, about: 'a town’s 附件3, then 店塔镇呢, then 换成附件2', turns: ['导出附件3 高家堡镇 => /附件3[^\\n]*高家堡镇/', '+10m 店塔镇呢 => /附件3[^\\n]*店塔镇/', '+2m 换成附件2 => /附件2[^\\n]*店塔镇/'], screenings: [] },
  { id: 'O32', role: 'official', city: true, about: '超期线索 of a village, then 导出 (which form?); 附件6呢 answers the menu, not the 超期线索', turns: ['凉水井村的超期线索 => /凉水井村超期风险线索/', '+1m 导出 => /导出哪一张表/', '+1m 附件6呢 => /已生成附件6 问题清单（神木市/'], screenings: [] },
  // ── Farmers again (F53–F57), appended so the dialogues above keep their days: a shop or a
  // workplace closed (whose it was asked when the words do not tell), a low income beside other hardships ──
  {
    id: 'F53', role: 'farmer', about: '饭店关门了 without saying whose: asked, 在里头洗碗 → a job lost, no failed business',
    turns: ['@enter', '饭店关门了 日子过不下去了 => /饭店是您家自己开的，还是家里人在饭店打工/', 'whose> 俺两口子都在里头洗碗', 'name> 白改花', 'id> 没有', 'phone> 没有', 'confirm> 对'],
    declared: { name: '白改花', noId: true, phone: null, risks: 'E', notRisks: 'F' },
  },
  {
    id: 'F54', role: 'farmer', about: 'a supermarket closed and an illness; 自家开的 → a failed business, no job lost',
    turns: ['@enter', '超市关门了 老汉又住院了 => /记下了：因病。[\\s\\S]*超市是您家自己开的/', 'whose> 是俺自家开的 赔了三万多', 'name> 刘二旦', 'id> 没有', 'phone> 13700002222', 'confirm> 是'],
    declared: { name: '刘二旦', noId: true, phone: '13700002222', risks: 'F+I', notRisks: 'E' },
  },
  {
    id: 'F55', role: 'farmer', about: 'voice, no punctuation: a factory closed where the husband worked, a child at school, a low income',
    turns: ['@enter', '男人在榆林的厂子上班厂子倒闭了娃还在念书家里一年收入也就四千来块三口人', 'name> 呼延秀', 'id> 没有', 'phone> 13700003333', 'confirm> 对'],
    declared: { name: '呼延秀', noId: true, phone: '13700003333', risks: 'E+S+O', notRisks: 'F' },
  },
  {
    id: 'F56', role: 'farmer', about: 'a low income and an illness in one line: both recorded',
    turns: ['@enter', '一家四口 一年收入就三千来块 老汉还常年吃药', 'name> 高买平', 'id> 没有', 'phone> 没有', 'confirm> 对'],
    declared: { name: '高买平', noId: true, phone: null, risks: 'I+O' },
  },
  {
    id: 'F57', role: 'farmer', about: 'a shop closed, whose not said twice: left to the grid worker, nothing guessed',
    turns: ['@enter', '小卖部倒闭了', 'whose> 嗯', 'whose> 说不清楚', 'name> 杜秀英', 'id> 没有', 'phone> 没有', 'confirm> 对'],
    declared: { name: '杜秀英', noId: true, phone: null, risks: 'O', notRisks: 'F+E' },
  },
];

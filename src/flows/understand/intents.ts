/**
 * What a message asks for at the top level, when no conversation is waiting for an answer.
 *
 * Order of the checks: conversation control (取消/继续/帮助) → (staff) 导出 or a form named first →
 * staff commands by their first word (排查, 重点户排查, 回头看, 帮扶跟进/跟踪, 研判会, 问题, 整改),
 * unless what follows is only a question ("排查进度") → officials' questions (零问题, 哪些村还没报,
 * 超期, 进度) → 待办 → (farmers) 绑定 → (farmers) 申报 status → 政策 → 申报 → (farmers) any account of hardship →
 * unknown.
 *
 * Role-aware where the same words differ: a farmer's "进度"/"查询" is about their own declaration,
 * a staff member's "进度" about their area; a farmer's account of hardship ("儿子住院了") is a
 * declaration, while staff report through their commands; staff commands typed by a farmer are
 * not commands. Whether the asker may see or do it is the flows' decision, not this module's.
 */
import type { Role } from '../../domain/roles.js';
import { correctedWithin } from './corrections.js';
import { looksLikeHardshipAccount } from './facts.js';
import { normalize } from './normalize.js';
import { withoutMentions } from './padding.js';
import { questionScope, readOfficialQuestion } from './official-questions.js';
import { classifyRisks, unclearClosures, type RiskMention } from './risks.js';
import { screeningWordsIn } from './screening-words.js';

/** Who is asking: a staff role, or a farmer writing through 微信客服. */
export type Asker = Role | 'farmer';

/** Which area an official's question is about. */
export type AreaScope =
  | { kind: 'own' }
  | { kind: 'city' }
  /** A place named in words; resolve it with `resolveRegion`. */
  | { kind: 'named'; text: string; levelHint?: 'town' | 'village' };

/** 附件1–6 of the seed, and the rectification ledger (整改台账). */
export type ExportForm = 'attachment1' | 'attachment2' | 'attachment3' | 'attachment4' | 'attachment5' | 'attachment6' | 'ledger';

/** 'measures': what a household can get (帮扶措施, 补助). */
export type PolicyTopic = 'monitoring' | 'standard' | 'declare' | 'measures' | 'general';

/**
 * A top-level request. `rest` is what followed the command word ("排查 张三 入户…" → "张三 入户…"),
 * for the flow to parse; for `export` it is what followed the verb and the form (usually a place).
 */
export type Intent =
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'resume' }
  /** 自主申报; `risks` already read from the words (empty for a bare "我要申报"). */
  | { kind: 'declare'; text: string; risks: RiskMention[] }
  | { kind: 'my_declaration_status' }
  /** A farmer asks to be linked to their household (绑定). */
  | { kind: 'bind_household' }
  | { kind: 'policy'; topic: PolicyTopic }
  | { kind: 'todo' }
  | { kind: 'screen_general'; rest: string }
  | { kind: 'screen_key'; rest: string }
  | { kind: 'review'; rest: string }
  | { kind: 'followup'; rest: string }
  | { kind: 'meeting'; rest: string }
  | { kind: 'problem_report'; rest: string }
  | { kind: 'problem_fix'; rest: string }
  | { kind: 'deployment'; rest: string }
  | { kind: 'training'; rest: string }
  | { kind: 'progress'; scope: AreaScope }
  | { kind: 'not_reported'; scope: AreaScope }
  | { kind: 'overdue'; scope: AreaScope }
  | { kind: 'zero_problem'; scope: AreaScope }
  | { kind: 'export'; form: ExportForm | null; rest: string }
  | { kind: 'unknown'; text: string };

export type IntentKind = Intent['kind'];

const HELP = /^(?:帮助|菜单|\?|怎么用|怎么弄|咋用|不会用|help|功能|使用说明|说明|你能做什么|能做什么|有什么功能|你好|您好|hi|hello|在吗|在不在)$/i;
const CANCEL = /^(?:取消|退出|放弃|撤销)\S{0,4}$|^(?:不弄了|算了|不要了|不办了|不填了|不报了|结束|停止|停|不想弄了)(?:吧|了|啦)?$/;
// A question put aside after the message proper (另外问一下, 顺便问下 …).
const ASIDE = /[\s,，。;；]+(?:另外|顺便|还有个事|再)(?:问一下|问下|问问|问个事|想问一下|想问下)[\s,，:：]*([\s\S]*)$/;

/**
 * A staff message and the question put aside after it: “杨建平户 入户 无风险 政策了解 另外问一下
 * 研判会啥时候开” → { said: '杨建平户 入户 无风险 政策了解', aside: '研判会啥时候开' }.
 */
export function splitAside(text: string): { said: string; aside: string | null } {
  const m = ASIDE.exec(text);
  if (!m || m.index === 0) return { said: text, aside: null };
  return { said: text.slice(0, m.index).trim(), aside: (m[1] ?? '').trim() || null };
}
const RESUME = /^(?:继续|接着|接着来|接着填|继续申报|继续填|继续刚才的|继续上次的)$/;

// Staff commands: the first word decides, longest first.
const COMMANDS: Array<[RegExp, 'screen_key' | 'screen_general' | 'review' | 'followup' | 'meeting' | 'problem_report' | 'problem_fix' | 'deployment' | 'training']> = [
  [/^(?:重点户排查|重点排查|排查重点户|十类人群排查)/, 'screen_key'],
  [/^(?:一般户排查|排查)/, 'screen_general'],
  [/^回头看/, 'review'],
  [/^(?:帮扶跟进|跟进帮扶|帮扶跟踪|跟进|跟踪)/, 'followup'],
  [/^(?:研判会|研判)/, 'meeting'],
  [/^(?:整改|销号)/, 'problem_fix'],
  // “报个问题，…”, “发现个问题 …”, “有个问题要报 …”: the problem follows.
  // “有个问题 霍金山家的…”: the problem after a separator, unless it is a question put (“有个问题想问一下”).
  [/^(?:(?:上报|报|反映|发现)(?:个|一个|一下)?问题|反映(?:个|一个|一下)?情况|有(?:个|一个)问题要(?:报|上报|反映)(?:一下)?|有(?:个|一个)问题(?=[\s,，:：]+(?!(?:想|要)?(?:问|请问|咨询|请教)))|问题)/, 'problem_report'],
  [/^(?:已(?:经)?(?:专门)?(?:安排)?(?:动员)?部署|(?:专门)?(?:安排)?(?:动员)?部署(?:了|过了)?)/, 'deployment'],
  [/^(?:已(?:经)?培训|培训(?:了|过了)?)/, 'training'],
];

const EXPORT = /^(?:导出|下载|生成|给我|发我)/;
// "把附件1导出来", "进度表发我一下": the request at the end.
const EXPORT_TAIL = /(?:导出|导|下载|生成|发我|发给我|给我)(?:来|一下|一份|一个|下|个)?$|[\s,，]*(?:的)?(?:[eE][xX][cC][eE][lL]|xlsx|xls|电子版|电子表格)(?:版|文件|表格?)?$/;
// The file's format said anywhere (“附件一 excel 导一个”) names no place.
const FILE_FORMAT = /(?<![A-Za-z])(?:excel|xlsx|xls|wps)(?![A-Za-z])(?:版|文件|表格?)?|电子版|电子表格/gi;
// The request said in the middle (“台账导一下 一般户的”).
const EXPORT_INSIDE = /导出来|导出|导一下|导一份|导个|下载一下|发我一下|发给我/;
// The purpose said after the request: “把附件5导出来 我要打印”, “附件1发我 领导开会用”.
const PURPOSE = /[\s,，]+(?:我|俺|咱|领导|镇上|市上|明天)?(?:要|想|得|等着)?(?:打印|开会|汇报|上报|核对|存档|留底)(?:用|一下|下)?$/;
// A form named first ("附件1 高家堡镇", "问题清单") is a request for it; its number may be written as on a
// cheque (附件伍).
const FORM_FIRST = /^(?:附件\s*[1-6一二三四五六壹贰叁肆伍陆]|问题清单|问题台账|进度统计表|进度表|整改台账)/;
// What describes the form beside its name (“已消除风险的那个台账”, “一般户的台账”) names no place.
const FORM_WORDS = /(?:风险)?(?:监测对象)?(?:那个|这个|那份|这份|那张|这张)?(?:台账|表格|表)|一般户|重点户|帮扶跟进|回头看|问题|谢谢|多谢|辛苦了|麻烦了/g;
// …or named last, after the place (“凉水井村附件6”, “高家堡镇的问题清单”).
const FORM_LAST = /(?:附件\s*[1-6一二三四五六壹贰叁肆伍陆]|问题清单|问题台账|进度统计表)(?:的)?(?:呢)?$/;
// …or named, then the place it is for said after it (“咱镇附件1 凉水井村的”).
const FORM_THEN_PLACE = /(?:附件\s*[1-6一二三四五六壹贰叁肆伍陆])[\s,，]+[\u4e00-\u9fa5]{1,10}?(?:村|镇|街道|社区)的?$/;
const FORMS: Array<[RegExp, ExportForm]> = [
  [/附件\s*(?:1|一|壹)|进度统计表|进度表|统计表/, 'attachment1'],
  [/附件\s*(?:2|二|贰)|重点户.{0,10}台账|台账.{0,10}重点户|十类人群/, 'attachment2'],
  [/附件\s*(?:3|三|叁)|一般户.{0,10}台账|台账.{0,10}一般户/, 'attachment3'],
  [/附件\s*(?:4|四|肆)|已消除/, 'attachment4'],
  [/附件\s*(?:5|五|伍)|未消除/, 'attachment5'],
  [/附件\s*(?:6|六|陆)|问题清单|问题台账/, 'attachment6'],
  [/整改台账|台账/, 'ledger'],
];

const NOT_REPORTED = /(?:还)?有(?:的)?(?:村|镇街|镇|乡镇|街道)(?:还)?(?:没|未|没有)(?:交|报|上报|填)|报数了?(?:没有|没|吗)|(?:哪(?:些|几个|个)|(?:有)?几个|多少个?)(?:村|镇街|镇|乡镇|街道|乡)(?:的)?(?:周报)?(?:还|都)?(?:没|未|没有)(?:报|上报|交|填|确认)|(?:周报|数)(?:都)?(?:交|报|上报|报上来)了?(?:没|没有|吗)(?=$|[\s,，])|(?:没|未)(?:报|上报)的村|谁(?:还)?(?:没|未)(?:报|上报|交)|还(?:没|未)报|未上报/;
const OVERDUE = /超期|逾期|超时|过期/;
// “哪个村一个问题都没发现”: not one problem found, after the village (or 哪个村) it is said of.
const NONE_FOUND = /(?<=村|社区)(?:一个|1个)?问题(?:都|也)?(?:没|没有)(?:报|发现|上报|查出|查到|找到)/;
const ZERO_PROBLEM = new RegExp(`零问题|0问题|没(?:有)?问题的村|无问题的村|没报问题|问题为零|问题是零|问题(?:都|也)没(?:有|报|发现|上报)的?(?:村|社区)|${NONE_FOUND.source}`);
const PROGRESS = /进度|进展|排名|通报|情况怎么样|怎么样了/;
const STATUS = /报的(?:那个|那件事|事)?\s*(?:(?:那个|这个)?(?:事|事情|困难|情况))?\s*(?:现在|目前|到现在|到底|这会儿?|都|如今)?\s*(?:咋样|怎么样|到哪|有消息|有结果|批|有人管|有人理|有人问|有下文|没动静|咋没动静|怎么没人)|批了没|批下来没|批了吗|申报(?:到|走到)?哪|到哪一?步|申报进度|申报的?结果|审核到哪|批下来|查询|查一下|我的申报|结果出来/;
const POLICY = /(?:要|需要|得)?(?:带|准备|交)(?:啥|什么|哪些)(?:材料|证件|东西)?|(?:啥|什么|哪些)材料|政策|什么是监测|监测对象|标准|收入线|怎么申报|如何申报|申报条件|能不能申报|能申报吗|谁能申报|谁(?:可以|可)(?:申报|申请)|哪些人(?:能|可以)(?:申报|申请)|怎么申请|如何申请|申请条件|什么条件|帮扶措施|能享受|有什么补助|补贴|(?:啥样|什么样|哪样|哪种|啥)的?(?:家庭|人家|户|人)(?:才)?(?:能|可以|才能|会)?(?:被)?(?:纳入|算|申报|申请)|能(?:不能)?纳入(?:监测)?/;
// Also hardship said without a cause: "日子过不下去了", "揭不开锅".
const DECLARE = /申报|我要报|我想报|出事了|有困难|求助|申请帮扶|申请救助|我要申请|我想申请|帮帮我|救救|过不下去|活不下去|没法过|揭不开锅|日子(?:太|很|真)?难/;
// Greetings and polite openings before the request: "你好，我想申报".
const OPENING = /^(?:你好|您好|hi|hello|在吗|在不在|喂|同志|领导|请问|麻烦问一下|问一下)[,!。\s]*/i;
// A farmer linking their WeChat to their household: "绑定我家", "关联我家户口".
const BIND = /绑定|(?:关联|认证)(?:一下)?(?:我|俺)?家/;
const TODO = /^(?:我的)?(?:待办|任务|待办事项)|^今天(?:干啥|做什么|要做什么)/;
// One's own list said with who one is or the day (“网格员待办”, “我今天的任务”), or asked as whether
// anything waits (“有没有要我处理的事”).
export const TODO_OWN = /^(?:网格员|村干部|我|俺|我们|俺们)?(?:今天|今日|今儿|这周|本周)?(?:的)?(?:待办|待办事项|任务)$|^(?:有没有|有啥|有什么)(?:要|需要|等着)(?:我|俺)(?:处理|办|弄|干|做|去办)(?:的)?(?:事|事情|活|任务)?(?:吗|没)?\??$/;
/**
 * 我的待办 asked in a sentence: “俺今天有啥任务”, “我还有什么活没干”, “今天干啥”. The todo flow
 * answers exactly these (src/flows/field/todo.ts).
 */
const TODO_WHEN = '(?:今天|今儿个?|今个儿?|今日|这两天|最近|这周|本周|这礼拜|这个礼拜|这星期|这个星期)';
export const TODO_ASKED = new RegExp(
  [
    '^(?:我的|俺的)?(?:待办|待办事项|任务)(?:有)?(?:几个|几件|几项|多少|有哪些|都有啥|是啥)?(?:了|呢|啊)?\\??$',
    '^(?:今天|今日|今儿)(?:的)?(?:待办|任务)(?:事项)?$',
    `^(?:我|俺|咱)?(?:手上|手里|手头)?${TODO_WHEN}?(?:还)?有(?:啥|什么|哪些)(?=\\S*(?:待办|任务|活|事|干|做|办|弄))(?:待办|任务|活|事)?(?:的)?(?:要我|需要我)?(?:没干|没做|没办|没弄|要干|要做|要办|要弄|弄|干|做|办)?(?:完|好)?(?:的)?(?:吗|呢|没|没有)?\\??$`,
    `^(?:我|俺|咱)?${TODO_WHEN}?(?:还)?(?:有|要)?(?:啥|什么|哪些)(?:任务|待办|活|事)(?:要干|要做|要办|没干|没做|没办)?(?:吗|呢|没|没有)?\\??$`,
    // What is to be done named as such (“今天要干的活”), or one's leads counted (“我手上有几条线索”).
    `^(?=今|这|最近|我|俺|咱)${TODO_WHEN}?(?:我|俺|咱)?${TODO_WHEN}?(?:还)?(?:要|得|该)(?:干|弄|做|办)的(?:活|事|事情)(?:有哪些|有啥|是啥)?$`,
    '^(?:我|俺|咱)(?:手上|手里|手头)?(?:还)?有(?:几|多少)(?:条|个|件)(?:线索|待办|任务|活)(?:没办|没核查|要办)?(?:吗|呢)?\\??$',
    // The day and the speaker in either order, the verb before 啥: “今儿个俺要弄啥”, “我今天该干点啥”.
    `^(?=今|这|最近|我|俺|咱)${TODO_WHEN}?(?:我|俺|咱)?${TODO_WHEN}?(?:还)?(?:要|得|该)?(?:干|弄|做|办)(?:啥|什么|干什么|些啥|点啥|点什么)(?:活|事)?(?:呢|啊|了)?\\??$`,
  ].join('|'),
);

// “…发我看下”, “…给我看看”: a request to be shown, after the question it follows.
const SHOW_ME = /[\s,，]+(?:(?:发我|发给我|给我)(?:看下|看看|看一下|瞧瞧|一下)?|看下|看看|看一下|列出来|列一下)$|(?<=[活事])(?:发我|发给我|给我)(?:看下|看看|看一下|一下)?$/;

/** Whether `t` asks for one's own to-do list (TODO_OWN, TODO_ASKED), a request to be shown after it or not. */
export function asksOwnTodo(t: string): boolean {
  const plain = t.replace(SHOW_ME, '');
  return TODO_OWN.test(plain) || TODO_ASKED.test(plain);
}

// Command words typed wrong by a pinyin keyboard or voice input: 研盼会/研盘会 is the 研判会,
// 会头看/回头砍 is 回头看, 跟近 at the start is 跟进. Only these words, only for staff.
const COMMAND_TYPOS: Array<[RegExp, string]> = [
  [/(?:研盼|延判|严判|言判|沿判|研叛|研盘|研磐|研拌)(?=会)/g, '研判'],
  [/研判回(?!头)/g, '研判会'],
  [/会头看|回头砍|回头坎|回投看/g, '回头看'],
  [/^(?:跟近|根进|跟劲)/, '跟进'],
];
// The speaker before a command word (“俺报个问题 …”, “我上报个问题”) is no part of it.
const SELF_FIRST = /^(?:俺们|我们|咱们|俺|我|咱)(?=(?:要|想)?(?:上报|报|反映|发现)(?:个|一个|一下)?问题)(?:要|想)?/;
const fixCommandTypos = (t: string): string => COMMAND_TYPOS.reduce((acc, [re, to]) => acc.replace(re, to), t).replace(SELF_FIRST, '');

// A time said before 培训/部署 (“今天培训了二十来个人”, “昨天开会部署了”): today's goes, another
// day is kept for the flow to read (“昨天” → the day), and 开会/开了会 before the verb is filler.
const LEADING_TIME = /^((?:今天|今儿|今日|昨天|前天|刚才|刚刚)?(?:上午|下午|晚上|早上)?)(?:开会|开了会|开了个会|已经|已)?(?=(?:专门|安排|动员)*部署|培训)/;
// What follows 部署 that names no village: the work itself (“部署了排查工作”).
const WORK_ITSELF = /^(?:了)?(?:集中)?(?:排查|防返贫|监测)?(?:的)?(?:工作|任务)?$/;
const WORK_FIRST = /^(?:了)?(?:集中)?(?:排查|防返贫|监测)(?:的)?(?:工作|任务)?[\s,，]+/;

const SCOPE_NOISE = /那边|那块|那里|那儿|(?:周报|数)?(?:交|报|上报)(?:了)?(?:没有|没|吗)$|集中排查|排查|申报|回头看|整改|进度|进展|排名|通报|哪些村|还没报|没报|未报|未上报|超期|逾期|超时|过期|线索|(?:零|0|没有|没|无)问题的?村|零问题|0问题|的|怎么样|如何|情况|看看|看下|查询|查一下|查|本周|这周|上周|一下|请|统计|有哪些村|有哪些|哪些|哪几个|还有谁|谁|有没有|吗|呢|了|[?!。,.]/g;

export const WORK_QUESTION = /谁|哪些|哪几|几户|几个|还剩|剩几|剩多少|多少|名单|有没有|要不要|什么时候|啥时候|几点|哪天|几号|吗|呢|[?？]|(?:完|好)?了?没(?:有)?$/;
// A slip in the records (附件6 问题): a figure or field entered wrong or left out.
const RECORD_SLIP = /填错|录错|写错|报错|登错|算错|弄错|搞错|漏填|少填|多填|漏录|没录|漏报|错报|错评|漏评|有误|不一致|对不上|不对应/;

// The meeting held now or being opened (“开研判会”, “今天下午开研判会了”, “研判会开始了 把名单发一下”,
// “研判会咋弄”); a meeting announced for another day (“周四开研判会”) is talk, not the meeting.
const MEETING_NOW = /(?:开|召开|开始|咋弄|怎么弄|咋开|怎么开|咋搞|怎么搞|名单|看下|看一下|发一下)/;
// A day of last week (上礼拜三, 上周五) is past: a meeting held then, not one announced.
const ANOTHER_DAY = /明天|后天|下周|下个?星期|下个?礼拜|(?<!上个?)(?:周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])|\d+(?:号|日)/;
// One household's 回头看 told in a sentence: “我去回头看了薛有亮家”, “今天回头看了霍金山户”,
// or the household first: “今天把拓永胜家回头看做了”.
const REVIEW_DONE = /回头看(?:了|过了|过)?\s*([\u4e00-\u9fa5·]{2,4}?)(?:家|户)/;
const REVIEW_DONE_AFTER = /^(?:今天|今儿|刚才|刚刚|已经|已)?(?:把|去|给|到)?([\u4e00-\u9fa5·]{2,4}?)(?:家|户)(?:的)?回头看(?:也)?(?:做|弄|搞|看)?(?:完|好)?了/;
// One household's 帮扶跟进 asked in a sentence, the household first: “刘君家帮扶措施都落实了 跟进一下”.
const FOLLOWUP_AFTER = /^(?:今天|今儿|已经)?(?:把|给)?([\u4e00-\u9fa5·]{2,4}?)(?:家|户)(?:的)?(?:.*(?:跟进|跟踪)|.*(?:帮扶|措施).*跟(?:一下|下))/;
// A problem announced, then told: “有个事反映一下 网格员入户的时候没让农户签字”.
// Also “反映个情况 杨建平家的人口信息不对 …”: 情况 here is the matter, not the progress.
const PROBLEM_ANNOUNCED = /^(?:(?:有个|有件|有一个|有一件)(?:事|事情|情况)(?:要|想)?(?:反映|上报|报)|反映(?:个|一个|一下)?(?:情况|事|事情))(?:一下|下)?[\s,，:：]+(.+)$/;
// A fault in the records said, then asked to be reported (“…的电话是空号 这算问题不 报一下”,
// “…户籍信息不对 娃已经迁走了 反映一下”): the whole message is the problem.
const REPORT_IT = /反映(?:一下|下)|报(?:一下|下)|上报(?:一下|下)|(?:这)?算(?:不算)?(?:个)?问题/;
const RECORD_FAULT = /(?:信息|号码|号|身份证|户口|户籍|人口|收入|卡号|名字|姓名|地址|数据|数字)[\u4e00-\u9fa5]{0,4}(?:不对|错了|有错|有误|对不上)|空号|迁走|迁出|重复录|重复登记/;
// A problem's rectification told in a sentence: “问题整改完了 销号”, “第二个问题整改好了”, “整改好了 对账销号吧”.
// Not when said undone (“第二个问题还没整改完”, “那个问题没改好”).
const FIXED_TOLD = /(?<!没|未|不|没有)整改(?:完|好|到位|完成)了?|(?:对账)?销号(?:吧|了)?$|已(?:经)?整改|问题.{0,6}(?:改好|改完|改正|弄好|整好|修好|修复|修完|处理好|处理完|办好|解决)了|销了吧$/;
// A deployment meeting held (“部署会开了”, “今天村上召开了集中排查动员部署会”).
// The campaign's 动员会 is its deployment meeting (“昨天村里开了集中排查动员会”).
const DEPLOY_MEETING = /(?:召开|开了|开|组织|搞了|举行|举办)(?:了)?(?:个|一个|一次)?[\u4e00-\u9fa5]{0,10}(?:部署|动员)(?:会|大会|会议)|^(?:动员)?部署(?:会|大会|会议)(?:已经|已|也)?(?:开|召开|开完|开过)了?$|^(?:排查)?动员(?:会|大会)(?:已经|已|也)?(?:开|召开|开完|开过)了?$/;
const ORDINAL = /第([0-9一二两三四五六七八九十]+)(?:个|条|项)|^问题\s*([0-9一二两三四五六七八九十]+)(?![0-9一二两三四五六七八九十])/;
const TRAINING_HELD = /(?:搞|开|组织|举办|举行|进行|办)了?(?:一场|一次|一个|个|场|次)?(?:[\u4e00-\u9fa5]{0,6})?培训(?:会|班)?(?!.*(?:吗|没|呢|[?？]))/;
// A training told with its count somewhere in the sentence: “今天下午搞了个培训 来了十八个人”, “排查培训开了 一共二十五个人参加”.
const PEOPLE_COUNT = /([0-9]+|[一二两三四五六七八九十百]+)(?:来|多)?(?:个)?人/;
// …or said as N个 after who came (“结果来了二十二个”).
const PEOPLE_CAME = /(?:来了|到了|参加了?|实到|去了)(?:大概|差不多|约|大约)?([0-9]+|[一二两三四五六七八九十百]+)(?:来|多)?个(?!人)/;
// A training or deployment still to come (“下周二开培训会 大概二十个人”, “明天要培训 通知了三十个人”) is none held.
const STILL_TO_COME = /明天|后天|下周|下个?星期|下个?礼拜|下个?月|(?<!上上?个?)月底|过两天|过几天|改天|(?:要|准备|打算|计划|将要?|预计)(?:在)?(?:开|搞|组织|举办|进行|召开)?(?:个|一个|一次|一场)?[\u4e00-\u9fa5]{0,4}?(?:培训|部署)|通知了/;

// …or after whom it trained (“培训了网格员和村干部十四个”).
const PEOPLE_TRAINED = /培训了?[\u4e00-\u9fa5、]{0,10}?([0-9]+|[一二两三四五六七八九十百]+)(?:个|名|位)/;
// A count said to be the exact one (“十几个人 具体是十四个”): it is the count, whatever else was said.
const PEOPLE_EXACT = /(?:具体|准确|确切|实际|一共|总共|共)(?:是|有|来了|到了|参加了?)?([0-9]+|[一二两三四五六七八九十百]+)(?:个|人|名|位)/;

/** The counts of people in `t` (“十二个人”, “来了二十二个”), each with where it was said. */
function peopleCounts(t: string): Array<{ at: number; count: string }> {
  const exact = PEOPLE_EXACT.exec(t);
  if (exact) return [{ at: exact.index + exact[0].indexOf(exact[1] as string), count: exact[1] as string }];
  const found = [PEOPLE_COUNT, PEOPLE_CAME, PEOPLE_TRAINED].flatMap((re) => [...t.matchAll(new RegExp(re.source, 'g'))].map((m) => ({ at: m.index + m[0].indexOf(m[1] as string), count: m[1] as string })));
  return found.filter((c, i) => found.findIndex((d) => d.at === c.at) === i).sort((a, b) => a.at - b.at);
}

// The day a training or deployment told in a sentence was held, passed on for the flow to read:
// 大前天 before 前天 (never its tail), a day of this week or last, a day of the month (“十五号培训了九个人”,
// “这周三开了村两委会”).
// A day of last month keeps its month (“上个月3号”); a part of a month (“月初”, “上个月底”) or a month alone
// (“上个月”) is passed on as said, for the flow to ask the day.
const MONTH_DAY = '(?:上个?月|本月|这个?月)?(?:[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})[日号]';
const MONTH_PART = '(?:上上个?|上个?|本|这个?|当)?月(?:初|底|末|中|上旬|中旬|下旬)|(?:上上个?|上个?|本|这个?)月';
const DAY_SAID = new RegExp(`大前天|前天|昨天|(?:上上|上|本|这)个?(?:周|星期|礼拜)[一二三四五六日天]|(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})[日号]|${MONTH_DAY}|${MONTH_PART}`);

// The deployment told done in other words: “我们村已经部署了”, “动员部署已完成”, “村里今天开会安排了排查的事”,
// “这周三开了村两委会 部署排查工作”.
const DEPLOY_TOLD = /(?:动员)?部署(?:工作)?(?:已经|已|都|也)?(?:完成|做完|搞完|弄完|开完|落实|到位)了?|(?:已经|已|都)(?:动员)?部署(?:了|过了|完了|过)?(?:$|[\s,，。])|(?:开|召开)了?(?:个|一个|一次)?[\u4e00-\u9fa5]{0,8}会[\s,，]*(?:专门|主要)?(?:安排|部署)了?(?:一下)?(?:集中)?排查/;
// A training told without the word 培训: the team taught the screening (“给网格员讲了讲排查的政策和表格咋填 十来个人”,
// “把全村网格员叫来学习了一下排查表 十二个”, “集中学习了排查政策 参加人员14人”).
const TAUGHT = /(?:学习|讲了讲|讲解|讲了|宣讲|辅导|教了?|过了一遍)(?:了)?(?:一下|一遍|一回)?[\u4e00-\u9fa5、和]{0,8}?(?:排查|政策|表格|填表|业务|附件)/;
// A count said last, without 人 (“… 十二个”).
const COUNT_LAST = /([0-9]+|[一二两三四五六七八九十百]+)(?:个|名|位)$/;
/** Whether a sentence asks or plans rather than tells (“部署完了吗”, “下周培训”). */
const NOT_TOLD = /[吗么呢?？]$|(?:没|没有)$|还没|没有?(?:部署|培训|学习)/;

/** “3号开的部署会”, “上个月5号召开了动员会”: a day of the month said by its number, and the meeting told as held on it. */
const HELD = /(?:开|召开|组织|搞|举行|举办)(?:的|了|过|完)/;
function heldOnDay(t: string): boolean {
  return HELD.test(t) && !ANOTHER_DAY.test(t.replace(new RegExp(MONTH_DAY, 'g'), ' '));
}

/** Work told in a sentence rather than by its command word (see workAsked). */
function workTold(t: string): Intent | null {
  const reviewedFirst = REVIEW_DONE_AFTER.exec(t);
  if (reviewedFirst) return { kind: 'review', rest: `${reviewedFirst[1] as string}家` };
  if (!/^(?:帮扶跟进|跟进帮扶|帮扶跟踪|跟进|跟踪)/.test(t)) {
    const followed = FOLLOWUP_AFTER.exec(t);
    if (followed) return { kind: 'followup', rest: `${followed[1] as string}家` };
  }
  const announced = PROBLEM_ANNOUNCED.exec(t);
  if (announced) return { kind: 'problem_report', rest: (announced[1] as string).trim() };
  if (FIXED_TOLD.test(t) && !/^(?:整改|销号)(?!完|好|到位|完成)/.test(t) && !/(?:还|仍|都|也)?(?:没|未|没有)(?:整改|改|修|弄|处理|解决)(?:完|好|到位)?/.test(t)) {
    const n = ORDINAL.exec(t);
    return { kind: 'problem_fix', rest: n?.[1] ?? n?.[2] ?? '' };
  }
  if (DEPLOY_MEETING.test(t) && (!ANOTHER_DAY.test(t) || heldOnDay(t)) && !/培训/.test(t)) return { kind: 'deployment', rest: DAY_SAID.exec(t)?.[0] ?? '' };
  if (DEPLOY_TOLD.test(t) && !ANOTHER_DAY.test(t) && !STILL_TO_COME.test(t) && !NOT_TOLD.test(t) && !/培训/.test(t)) return { kind: 'deployment', rest: DAY_SAID.exec(t)?.[0] ?? '' };
  const lead = LEADING_TIME.exec(t);
  const said = lead ? t.slice(lead[0].length) : t;
  const people = peopleCounts(t);
  if (/培训/.test(t) && !/^(?:已(?:经)?)?培训/.test(said) && !/部署/.test(t) && people.length > 0 && !STILL_TO_COME.test(t)) {
    // Two counts (“村干部5人 网格员10人”, “本来说三十人 结果来了二十二个”) are not added up or chosen
    // between here: the flow asks for the number.
    const day = DAY_SAID.exec(t)?.[0];
    return { kind: 'training', rest: [people.length === 1 ? `${people[0]?.count as string}人` : '', day].filter(Boolean).join(' ') };
  }
  // A training held, told without its count (“上午搞了一场培训 网格员都参加了”): the flow asks for the number.
  if (TRAINING_HELD.test(t) && !/部署/.test(t) && !ANOTHER_DAY.test(t) && !STILL_TO_COME.test(t)) return { kind: 'training', rest: DAY_SAID.exec(t)?.[0] ?? '' };
  if (TAUGHT.test(t) && !/部署|培训/.test(t) && !ANOTHER_DAY.test(t) && !STILL_TO_COME.test(t) && !NOT_TOLD.test(t)) {
    const counts = people.length ? people.map((p) => p.count) : COUNT_LAST.exec(t) ? [COUNT_LAST.exec(t)![1] as string] : [];
    return { kind: 'training', rest: [counts.length === 1 ? `${counts[0] as string}人` : '', DAY_SAID.exec(t)?.[0]].filter(Boolean).join(' ') };
  }
  if (RECORD_FAULT.test(t) && REPORT_IT.test(t) && !/^(?:报问题|上报问题|发现问题|问题|整改|销号)/.test(t)) return { kind: 'problem_report', rest: t };
  return null;
}

/** How many of a screening report's fields (how, risk, policy) the words say. */
function screeningFieldsIn(t: string): number {
  return new Set(screeningWordsIn(t).map((w) => w.said.field).filter((f) => f === 'method' || f === 'risk' || f === 'knowsPolicy')).size;
}

// The meeting or the 回头看 named, then talk about it without a space (“研判会的名单出来没”,
// “研判会上定了 刘军家拟纳入”, “研判会议”, “回头看的户有哪些”): that work's list.
const WORK_GLUED = /^(研判会|回头看)(?:议)?(?:的|上|研判)|^(研判会)议$/;
const WORK_THEN_QUESTION = /^(研判会|回头看)(?![\s:：,，])(.+)$/;
// The meeting opened in other words: “开会研判一下”, “研判一下”.
const MEETING_OPENED = /^(?:开会|开个会|开始|现在)?研判(?:一下|下)$/;
// 回头看 as an office phrase, the household to start with after it: “对已消除风险户开展回头看 先从拓永胜家”.
const REVIEW_STARTED = /(?:开展|开始|进行|组织|搞)回头看(?:工作)?(?:[\s,，]+(?:先)?(?:从)?([\u4e00-\u9fa5·]{2,4}?)(?:家|户))?/;

// A 研判会 verdict told in a sentence (“今天研判 王在田家 纳入”, “李和平家研判结果 不纳入 收入够了”,
// “研判会定了 贺是成家纳入监测”): the meeting, which records each verdict on its own card — the
// sentence itself records nothing. A question (“研判了没 纳入了吗”) is not a verdict; the command word
// with its household after a space or 一下 (“研判 折二娃家 拟纳入”, “研判一下呼延平家 …”) is read as the command.
const VERDICT_TOLD = /^(?!研判(?:会)?(?:一下|下)?[\s,，:：]|研判(?:一下|下))(?:.*研判.*(?:拟纳入|不纳入|纳入|暂缓)|.*(?:拟纳入|不纳入|纳入|暂缓).*研判)/;
const VERDICT_ASKED = /[吗么?？]$|(?:了|过)?没(?:有)?$/;

function workAsked(t: string): Intent | null {
  if (VERDICT_TOLD.test(t) && !VERDICT_ASKED.test(t)) return { kind: 'meeting', rest: '' };
  const glued = WORK_GLUED.exec(t);
  if (glued) return { kind: glued[1] === '回头看' ? 'review' : 'meeting', rest: '' };
  if (MEETING_OPENED.test(t)) return { kind: 'meeting', rest: '' };
  // The work's word, then a question about it with no household named (“研判会啥时候开 这礼拜的”): that work's list.
  const asked = WORK_THEN_QUESTION.exec(t);
  if (asked && WORK_QUESTION.test(asked[2] as string) && !/[\u4e00-\u9fa5·]{2,4}?(?:家|户)/.test(asked[2] as string)) return { kind: asked[1] === '回头看' ? 'review' : 'meeting', rest: '' };
  if (/^(?:研判会|研判|回头看)/.test(t)) return null;
  const started = REVIEW_STARTED.exec(t);
  if (started) return { kind: 'review', rest: started[1] ? `${started[1]}家` : '' };
  if (/研判会|要研判|研判的|研判名单/.test(t) && WORK_QUESTION.test(t)) return { kind: 'meeting', rest: '' };
  if (/回头看/.test(t) && WORK_QUESTION.test(t)) return { kind: 'review', rest: '' };
  if (/研判会/.test(t) && MEETING_NOW.test(t) && !ANOTHER_DAY.test(t)) return { kind: 'meeting', rest: '' };
  const reviewed = REVIEW_DONE.exec(t);
  if (reviewed) return { kind: 'review', rest: t.slice(reviewed.index + reviewed[0].length - (reviewed[1] as string).length - 1).trim() };
  // Work told in a sentence; a screening report (two of its fields said) is never one of them.
  const told = screeningFieldsIn(t) >= 2 ? null : workTold(t);
  if (told) return told;
  if (RECORD_SLIP.test(t) && !/^(?:报问题|上报问题|发现问题|问题|整改|销号)/.test(t)) {
    // What comes after “有个问题” is the problem; otherwise the whole message is.
    const m = /(?:有个|有一个|发现个|发现一个|发现)?问题[,，:：\s]+(.+)$/.exec(t);
    return { kind: 'problem_report', rest: (m?.[1] ?? t).trim() };
  }
  return null;
}

/** The area a question names: "高家堡镇进度" → named 高家堡镇, "全市进度" → city, "进度" → own. */
export function areaScope(text: string): AreaScope {
  // A place taken back in the same message (“凉水井村的进度 哦不是 新村的”): the one said last.
  const corrected = correctedWithin(normalize(text));
  if (corrected) {
    const later = areaScope(corrected.after);
    return later.kind === 'own' ? areaScope(corrected.before) : later;
  }
  // The officials' own words first (咱镇, 截至今天, 几条 …): a word of the question is never a place.
  const asked = questionScope(text);
  if (asked.kind !== 'named') return asked;
  const rest = normalize(text).replace(SCOPE_NOISE, '').replace(/\s+/g, '');
  // A level word left alone (“未上报的村”, “有哪些镇”) names no place: the asker's own area.
  if (rest === '' || /^(?:本|我们|咱们?|我)(?:镇|街道|村|网格|辖区)?$|^(?:镇|街道|村|社区)$/.test(rest)) return { kind: 'own' };
  if (/^(?:全市|全部|市里|各镇|各镇街|所有镇|镇街|全县|市)$/.test(rest)) return { kind: 'city' };
  if (/(?:镇|街道|乡|办事处)$/.test(rest)) return { kind: 'named', text: rest, levelHint: 'town' };
  if (/(?:村|社区)$/.test(rest)) return { kind: 'named', text: rest, levelHint: 'village' };
  return { kind: 'named', text: rest };
}

function after(t: string, re: RegExp): string {
  return t.replace(re, '').replace(/^[\s:：,，]+/, '').trim();
}

/**
 * Classifies a top-level message (see the module comment for the order and the role rules).
 *
 * @example
 *   classifyIntent('高家堡镇进度', 'town_official')     // { kind: 'progress', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }
 *   classifyIntent('进度', 'farmer')                    // { kind: 'my_declaration_status' }
 *   classifyIntent('排查 张三 入户 无风险 了解政策', 'grid_worker') // { kind: 'screen_general', rest: '张三 入户 无风险 了解政策' }
 *   classifyIntent('儿子住院了花了三万多', 'farmer')    // { kind: 'declare', text: '儿子住院了花了三万多', risks: [{ riskType: 'illness', … }] }
 */
export function classifyIntent(text: string, asker: Asker): Intent {
  const t = normalize(text);
  const opened = t.replace(/[。.!~]+$/, '').trim();
  const bare = withoutMentions(opened).replace(OPENING, '') || opened;
  const farmer = asker === 'farmer';
  if (bare === '') return { kind: 'unknown', text: t };
  if (HELP.test(bare)) return { kind: 'help' };
  if (CANCEL.test(bare)) return { kind: 'cancel' };
  if (RESUME.test(bare)) return { kind: 'resume' };

  if (!farmer) {
    // “杨建平户 入户 无风险 政策了解 另外问一下 研判会啥时候开”: what was said first decides.
    const staffSaid = staffIntent(fixCommandTypos(splitAside(bare).said));
    if (staffSaid) return staffSaid;
  }

  if (farmer && BIND.test(bare)) return { kind: 'bind_household' };
  if (farmer && (STATUS.test(bare) || /^进度/.test(bare))) return { kind: 'my_declaration_status' };
  // “想问下俺家这种情况能不能申报 老汉做了手术 花了三万”: the account wins over the question about it.
  if (POLICY.test(bare) && !(farmer && classifyRisks(t).length > 0 && /申报|申请/.test(bare))) return { kind: 'policy', topic: policyTopic(bare) };
  if (DECLARE.test(bare)) return { kind: 'declare', text: t, risks: classifyRisks(t) };
  if (farmer) {
    const risks = classifyRisks(t);
    // An account no risk word fits still starts the declaration, which asks for more (a shop closed: whose it was).
    if (risks.length > 0 || looksLikeHardshipAccount(t) || unclearClosures(t).length > 0) return { kind: 'declare', text: t, risks };
  }
  return { kind: 'unknown', text: t };
}

/** A staff member's request, or null when it is none of theirs (then the words everyone uses are read). */
function staffIntent(bare: string): Intent | null {
  {
    // A form named and asked for (“给我个进度表”, “把附件1导出来”) is an export, whatever else it says.
    const found = FORMS.find(([re]) => re.test(bare));
    const named = found?.[1] ?? null;
    // What the file is for (“我要打印”, “领导开会用”) names no place.
    const forWhat = bare.replace(PURPOSE, '');
    if (found && (EXPORT.test(forWhat) || EXPORT_TAIL.test(forWhat) || EXPORT_INSIDE.test(forWhat) || /^(?:把|我要|我想要|要|来一份|来个|来张)/.test(forWhat) || (found[1] !== 'ledger' && (FORM_LAST.test(forWhat) || FORM_THEN_PLACE.test(forWhat))))) {
      // What is left names the place, if anything: the form's name, the request words and 的 go.
      const rest = after(forWhat.replace(/^(?:把|我想要|我要|要|来一份|来个|来张)/, '').replace(EXPORT_TAIL, '').replace(FILE_FORMAT, ' '), EXPORT).replace(found[0], '').replace(EXPORT_INSIDE, ' ').replace(/的/g, '').replace(FORM_WORDS, '').replace(/^(?:一)?(?:个|份|张)/, '').replace(/呢$/, '').replace(/\s+/g, ' ').trim();
      return { kind: 'export', form: named, rest };
    }
    // A piece of one's own work asked about in a sentence (“这周四开研判会 都有谁要研判”, “咱村有几户要回头看”,
    // “石门村有个问题 贺永胜家的收入填错了”): the flow of that work, which lists or asks what it needs.
    const work = workAsked(bare);
    if (work) return work;
    if (asksOwnTodo(bare)) return { kind: 'todo' };
    // Questions in officials' own words (“咱镇排查了多少户了”) before the commands they begin like.
    const asked = readOfficialQuestion(bare);
    if (asked) return asked;
    if (EXPORT.test(bare) || FORM_FIRST.test(bare)) {
      return { kind: 'export', form: named, rest: after(after(bare, EXPORT), FORM_FIRST) };
    }
    const time = LEADING_TIME.exec(bare);
    const told = time ? bare.slice(time[0].length) : bare;
    for (const [re, kind] of COMMANDS) {
      if (!re.test(kind === 'deployment' || kind === 'training' ? told : bare)) continue;
      if (kind === 'deployment' || kind === 'training') {
        const what = after(told, re);
        if ((PROGRESS.test(what) || OVERDUE.test(what)) && what.length <= 8 && !/\s/.test(what)) continue;
        const day = /^(?:今天|今儿|今日|刚才|刚刚)/.test(time?.[1] ?? '') ? '' : (time?.[1] ?? '').replace(/上午|下午|晚上|早上/g, '');
        // “部署了排查 全村干部都参加了”: the work, then who came — no village named.
        const named = what.replace(WORK_FIRST, '').split(/[\s,，]+/)[0] ?? '';
        const chatter = kind === 'deployment' && WORK_FIRST.test(what) && !/(?:村|镇|社区|街道)$|^(?:全部|全镇|撤回)/.test(named);
        // Several counts of people (“两次 一次十二个人 一次十五个人”): the flow asks for the number.
        const counts = kind === 'training' ? peopleCounts(told) : [];
        const several = counts.length >= 2;
        // Whom it trained before the count (“培训了网格员和村干部十四个”): the count is what is recorded.
        const whom = kind === 'training' && counts.length === 1 && !/^[0-9一二两三四五六七八九十百]/.test(what) && /^[\u4e00-\u9fa5、]{2,10}?[0-9一二两三四五六七八九十百]+(?:个|名|位)(?:人)?$/.test(what);
        const rest = [(kind === 'deployment' && (WORK_ITSELF.test(what) || chatter)) || several ? '' : whom ? `${counts[0]?.count as string}人` : what, day].filter(Boolean).join(' ');
        return { kind, rest };
      }
      // “回头看一下霍金山家”, “跟踪一下郝在明家…”: 一下 after the word is no name.
      // “回头看已完成 霍金山家 …”: the work said done before the household is no name either.
      const rest = kind === 'review' || kind === 'followup' || kind === 'meeting' ? after(bare, re).replace(/^(?:一下|下)\s*/, '').replace(/^(?:已经?完成了?|完成了|已经?做完?了?|做完了|已经?弄完了?)[\s,，]*/, '') : after(bare, re);
      // "排查进度", "问题超期" are questions about the work, not reports.
      const question = (PROGRESS.test(rest) || OVERDUE.test(rest)) && rest.length <= 8 && !/\s/.test(rest);
      if (!question) return { kind, rest };
    }
    if (ZERO_PROBLEM.test(bare)) return { kind: 'zero_problem', scope: areaScope(bare.replace(NONE_FOUND, ' ')) };
    if (NOT_REPORTED.test(bare)) return { kind: 'not_reported', scope: areaScope(bare) };
    if (OVERDUE.test(bare) && bare.length <= 16) return { kind: 'overdue', scope: areaScope(bare.replace(/^问题/, '')) };
    if (PROGRESS.test(bare) && bare.length <= 20) return { kind: 'progress', scope: areaScope(bare.replace(/^(?:排查|集中排查)/, '')) };
    if (TODO.test(bare) || TODO_ASKED.test(bare)) return { kind: 'todo' };
  }
  return null;
}

function policyTopic(t: string): PolicyTopic {
  if (/材料|带啥|带什么|准备什么|准备啥|证件|怎么申报|如何申报|申报条件|能不能申报|能申报吗|谁能申报|谁(?:可以|可)(?:申报|申请)|哪些人(?:能|可以)(?:申报|申请)|怎么申请|如何申请|申请条件|什么条件/.test(t)) return 'declare';
  if (/补助|补贴|帮扶措施|能享受|能得到|有什么帮扶|能帮什么|给什么/.test(t)) return 'measures';
  if (/标准|收入线|多少钱|多少/.test(t)) return 'standard';
  if (/监测/.test(t)) return 'monitoring';
  return 'general';
}

/**
 * What a farmer's words ask for, beyond the menu: a policy question (what 监测户 means, who may
 * declare, the line, the help, the cost, 低保 and 医疗救助, how long), a person (人工, 电话,
 * 网格员是谁, 俺不识字), a complaint that nobody came, a request for 低保 or 救助, or a question of
 * any kind. Pure and small: plain regular expressions over the normalized text.
 *
 * @example
 *   questionTopic('监测户是啥意思')        // 'monitoring'
 *   questionTopic('申报要花钱不')          // 'cost'
 *   personAsk('都半个月了也没人来')        // 'nobody_came'
 *   detectAssistanceRequest('想申请低保')   // true
 */
import { readAssistanceRequest } from '../understand/facts.js';
import { classifyRisks, normalize } from '../understand/index.js';

export type QuestionTopic = 'monitoring' | 'who' | 'standard' | 'measures' | 'cost' | 'dibao' | 'duration' | 'declare';

// Dialect for 没/没有 (“咋还莫得人来”, “没得人管”) read as the plain word.
const clean = (t: string) => normalize(t).replace(/\s+/g, '').replace(/莫得|莫有|没得|冇得?/g, '没');

/** Most specific first: "申报要花钱不" is about the cost, not about how to declare. */
const TOPICS: Array<[RegExp, QuestionTopic]> = [
  // “能给多少钱”, “能补多少”: how much help comes, not what declaring costs.
  [/(?:能|会|可以|一般|大概)?(?:给|补|补助|发|拿|领|得到?)(?:多少|几个|几千|几百)(?:钱|块|元|补助)?|补(?:多少|几个)钱/, 'measures'],
  [/(?:花钱|收费|要钱|交钱|给钱|费用|收钱|掏钱|多少钱)(?!.*(?:看病|住院|学费))|免费/, 'cost'],
  [/多久|多长时间|几天|啥时候|什么时候|多会儿|要等|等多久|时间长/, 'duration'],
  [/低保|医疗救助|临时救助|救助|特困|五保|兜底/, 'dibao'],
  // “这是干啥的”: what this service is — the monitoring it serves.
  // “你们这个是真的假的 不会是骗子吧”: whether the service is real — what it is and who runs it.
  [/真的假的|是不是骗|骗子|骗人的|靠谱不|靠不靠谱|可信不|官方的吗|这(?:个)?是干(?:啥|什么|嘛)(?:用)?的|这(?:个)?是做(?:啥|什么)(?:用)?的|你们是干(?:啥|什么|嘛)的|这是(?:啥|什么)(?:东西|地方|平台|服务)|监测户|监测对象|防返贫|防止返贫|返贫监测|什么是监测|监测是|啥是监测|三类户|边缘户|边缘易致贫|脱贫不稳定|突发严重困难/, 'monitoring'],
  [/谁能|谁可以|谁可|哪些人|什么人|啥人|能不能(?:申|报)|能(?:申报|报)吗|(?:可以|能)报不|够不够条件|条件|符合/, 'who'],
  [/标准|收入线|监测线|多少(?:元|块)算|收入多少/, 'standard'],
  [/帮扶|补助|补贴|能享受|能得到|给(?:啥|什么)|有(?:啥|什么)(?:帮|好处|政策)|帮(?:啥|什么)|怎么帮|咋帮/, 'measures'],
  [/怎么(?:申报|报|申请)|咋(?:申报|报|申请)|如何(?:申报|申请)|去哪(?:报|申请)|在哪(?:报|申请)/, 'declare'],
];

/** The policy topic a question is about, else null ("今年标准是多少" → standard). */
export function questionTopic(text: string): QuestionTopic | null {
  const t = clean(text);
  if (!t) return null;
  const meaning = /啥意思|什么意思|是啥|是什么|咋回事|怎么回事/.test(t);
  // "监测户是啥意思" asks the meaning even though 监测 also appears in other topics.
  if (meaning && /监测|防返贫|返贫/.test(t)) return 'monitoring';
  return TOPICS.find(([re]) => re.test(t))?.[1] ?? null;
}

const QUESTION = /[?？]|(?:吗|么|嘛|呢|啥|咋)$|(?:怎么|咋)(?:办|弄|整|样|回事|申|报|查|找|算)|什么|多少|多久|几天|能不能|可不可以|是不是|有没有|行不行|会不会|哪里|哪儿|为什么|为啥|谁|.{3,}(?:不|没)$/;

/** Whether the words ask something (a question mark, or the particles of a question). */
export function looksLikeQuestion(text: string): boolean {
  const t = clean(text).replace(/[。.!！~～]+$/u, '');
  return t.length >= 3 && QUESTION.test(t);
}

export type PersonAsk = 'person' | 'nobody_came';

const NOBODY = /没人来|没有人来|没见人|没人管|没人理|没人联系|没人找|不见人|没人上门|没来人|也没来|还没来|都没来|石沉大海|没(?:有)?(?:动静|消息|回音|下文)/;
const PERSON = /网格员(?:的)?电话|村干部(?:的)?电话|电话给(?:我|一下|个)|(?:取消|撤回|撤销)(?:我的|俺的)?申报|不(?:想|要)?申报了|(?:我|俺)?报错了|其实没(?:有)?(?:啥)?困难|人工(?!耳蜗|关节|晶体|心脏|瓣膜|肾|授精|流产|呼吸)|真人|客服|打电话|电话多少|电话号码|号码多少|联系(?:方式|电话)|网格员是谁|网格员是哪个|网格员叫|找网格员|找村干部|找村里|找人|不识字|不会打字|打字慢|不会写字|看不懂字|跟人说|和人说|有人吗在|转人工|能打电话|给我打电话|叫人来|派人来|(?:村|网格)(?:里)?(?:的)?(?:谁|哪个)管/;

/**
 * “老两口都八十了 没人管” tells that nobody looks after them — a hardship, not a complaint about a
 * declaration: 没人管/没人理 without anything asked before (申报, 反映, 等了 …) is read that way.
 */
function caredForByNobody(t: string): boolean {
  return /没人管|没人理/.test(t) && !/没人来|没有人来|没见人|没人联系|没人找|不见人|没人上门|没来人|也没来|还没来|都没来|石沉大海|动静|消息|回音|下文/.test(t) && !/申报|报了|报上去|反映|说了|找了|登记|等了|天了|半个月|一个月|好久|几回|多少回/.test(t);
}

/**
 * “房子是危房 政府说要改造 一直没动静” tells a hardship that was never declared: a risk the words
 * name, with nothing said of an earlier 申报 or 反映, starts a declaration instead of a complaint.
 */
function hardshipNotYetTold(t: string): boolean {
  return classifyRisks(t).length > 0 && !/申报|报了|报上去|报过|反映|说了|说过|找了|找过|登记|等了|天了|半个月|好久|几回|多少回/.test(t);
}

/** A request for a person, or a complaint that nobody came; null otherwise. */
export function personAsk(text: string): PersonAsk | null {
  const t = clean(text);
  // "电话号码是138…" answers a question; it does not ask for a person.
  if (/\d{6,}/.test(t)) return null;
  if (NOBODY.test(t) && !caredForByNobody(t) && !hardshipNotYetTold(t)) return 'nobody_came';
  if (PERSON.test(t) || /^电话$|^电话[?？]?$/.test(t)) return 'person';
  return null;
}

/**
 * A request for 低保 or 救助 said in a declaration ("想申请低保", "能不能给吃个低保"): the shared
 * reader (understand/facts.ts), plus the words it does not list (兜底, 五保, 救助金), unless
 * the farmer says they do not want it or already have it.
 */
export function detectAssistanceRequest(text: string): boolean {
  const t = clean(text);
  if (/不要低保|不想(?:吃|要|申请)?低保|已经(?:是|有|吃)低保|有低保了/.test(t)) return false;
  return readAssistanceRequest(text) !== null || /低保|医疗救助|临时救助|特困供养|救助金|五保|兜底/.test(t);
}

/** Words of hardship the risk lexicon may not know yet ("老伴瘫在炕上", "打工的活没了", "苹果全冻了"). */
// An operation or a treatment (“做了心脏搭桥 花了八万”) is hardship by itself, as is a large sum spent.
const HARDSHIP_WORDS = /瘫|冻|病|伤|残|灾|塌|漏雨|裂|欠(?:债|钱|账)|干不了活|没(?:有)?活(?:干)?|活没了|失业|下岗|打工|亏|死了|过不下去|活不下去|困难|没钱|交不起|看不起病|住不了|手术|搭桥|支架|化疗|放疗|透析|住院|花了[^，,。]{0,4}(?:[0-9一二两三四五六七八九十几]+万|好几万)/;

/** Whether a farmer's words tell of hardship (and so start a declaration), questions aside. */
export function soundsLikeHardship(text: string): boolean {
  const t = clean(text);
  return t.length >= 3 && HARDSHIP_WORDS.test(t) && !looksLikeQuestion(t);
}

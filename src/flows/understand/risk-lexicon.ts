/**
 * The words farmers use for each 风险类型 (DOMAIN.md), as data. Edit here, test in
 * test/flows/understand/risks.test.ts. The engine (risks.ts) matches the longest words first, so
 * "不上学" (a dropout: 因学) wins over "上学", "地裂缝" (地质) over "裂缝" (房子), "塌方" over "塌了".
 */
import type { DisasterSubtype, RiskType } from '../../domain/catalog.js';

export interface WordRule {
  risk: RiskType;
  subtype?: DisasterSubtype;
  words: readonly string[];
  /** The same clause must also say one of these (e.g. 生活费 counts for 因学 only beside a student). */
  requires?: RegExp;
  /** The rule is void when one of these comes earlier in the clause ("羊得病了" is not 因病). */
  voidAfter?: RegExp;
  remark?: string;
}

/** 因产业项目失败: something farmed or run (subject) followed by a loss (outcome) in one clause. */
export interface ComboRule {
  risk: RiskType;
  subjects: readonly string[];
  outcomes: readonly string[];
  /** Most characters between the subject's end and the outcome. */
  maxGap: number;
}

const LIVESTOCK = /羊|牛|猪|鸡|鸭|鹅|兔|驴|骡|牲口|牲畜|蜂/;
const BUILDING = /房|屋|窑|墙|顶/;
const STUDENT = /学|孩子|娃|儿子|女儿|闺女|读|念/;

export const WORD_RULES: readonly WordRule[] = [
  {
    risk: 'illness',
    words: [
      '住院', '住了院', '住过院', '看病', '生病', '癌症', '病了', '得病', '得了病', '患病', '有病', '犯病', '病重', '病倒', '大病', '重病', '慢性病', '慢病',
      '手术', '开刀', '癌', '肿瘤', '化疗', '放疗', '透析', '尿毒症', '白血病', '心脏病', '脑梗', '脑溢血', '脑出血', '中风',
      '糖尿病', '高血压', '肺病', '肝病', '肝硬化', '结核', '精神病', '抑郁症', '药费', '医药费', '医疗费', '住院费', '吃药',
      '治病', '治疗', '医院', '看医生', '病情', '病人', '住完院', '出院', '肾病', '尿毒', '椎间盘', '腰椎', '颈椎', '咳嗽', 'ICU', 'icu', '重症',
      '查出来', '查出', '做检查', '激素', '病', '难产', '开颅', '心梗', '支架', '风湿', '关节炎',
    ],
    voidAfter: LIVESTOCK,
  },
  // “肺上有毛病”: 毛病 of a body, not of a machine.
  { risk: 'illness', words: ['毛病'], requires: /肺|心|肝|胃|肾|腰|腿|身体|身上|头|眼|脑|血/ },
  {
    risk: 'disability',
    words: [
      '残疾', '残废', '残障', '残疾证', '瘫痪', '瘫了', '偏瘫', '瘫在床', '截肢', '失明', '瞎了', '眼睛看不见', '聋', '哑巴',
      '聋哑', '智障', '智力障碍', '智力残疾', '精神残疾', '肢体残疾', '坐轮椅', '脑瘫', '自闭症', '孤独症', '唐氏', '瘫在炕', '瘫痪在床',
      '智力有问题', '智力低', '脑子有问题', '听不见', '人工耳蜗', '康复训练', '做康复', '康复治疗', '残疾证', '一级残疾', '二级残疾',
    ],
  },
  // Long rehabilitation of a child is a disability's (脑瘫, 自闭症 …), not a cure.
  { risk: 'disability', words: ['康复'], requires: /娃|孩子|孙|儿子|女儿|闺女|女子/ },
  {
    risk: 'schooling',
    words: [
      '上学', '学费', '上大学', '大学', '读书', '念书', '读高中', '高中', '职高', '中专', '技校', '大专', '研究生', '学生',
      '住校', '书本费', '辍学', '退学', '不上学', '没上学', '不念了', '不读了', '上不起学', '不想念', '不想上学', '不想读', '念不起', '供不起',
    ],
  },
  { risk: 'schooling', words: ['生活费'], requires: STUDENT },
  { risk: 'natural_disaster', subtype: 'flood', words: ['洪水', '发大水', '大水', '水灾', '洪涝', '涝灾', '涨水', '涨了', '淹了', '被淹', '冲毁', '冲走', '冲垮', '山洪', '内涝', '暴雨', '大雨', '连阴雨'] },
  { risk: 'natural_disaster', subtype: 'geological', words: ['滑坡', '山体滑坡', '泥石流', '塌方', '崩塌', '地裂缝', '地面塌陷', '塌陷', '采空区', '沉陷', '地陷'] },
  { risk: 'natural_disaster', subtype: 'drought', words: ['干旱', '大旱', '旱灾', '天旱', '旱了', '不下雨', '没下雨', '缺雨', '少雨', '旱情',
  '旱得', '旱的', '旱死', '太旱', '遭旱', '遭了旱', '雨水少', '一滴雨', '雨都没下', '干死了', '干旱得'] },
  { risk: 'natural_disaster', subtype: 'meteorological', words: ['冰雹', '雹子', '下雹', '冰蛋', '下冷子', '霜冻', '大雪', '下大雪', '冻死', '冻坏', '冻了', '冻害', '霜打', '打霜', '大风', '风灾', '暴雪', '雪灾', '倒春寒', '寒潮', '龙卷风', '台风', '雷击'] },
  { risk: 'natural_disaster', subtype: 'biological', words: ['虫灾', '虫害', '病虫害', '蝗虫', '蝗灾', '鼠害', '鼠灾', '黏虫'] },
  { risk: 'natural_disaster', subtype: 'earthquake', words: ['地震'] },
  { risk: 'natural_disaster', subtype: 'other', words: ['自然灾害', '受灾', '遭灾', '天灾', '灾害', '遭了灾'] },
  {
    risk: 'accident',
    words: [
      '车祸', '出车祸', '被车撞', '撞伤', '摔伤', '摔断', '摔倒', '摔了', '跌倒', '跌伤', '工伤', '火灾', '着火', '失火', '起火',
      '烧伤', '烧毁', '意外', '事故', '触电', '溺水', '煤气中毒', '骨折', '砸伤', '被砸', '受伤', '被狗咬', '翻车', '车翻了',
      '摔下来', '掉下来', '压伤', '烫伤', '顶伤', '踢伤', '咬伤', '摔断', '腿断了', '胳膊断了', '砸断', '撞了', '出事故', '出了事故', '出车祸', '车祸',
    ],
  },
  {
    risk: 'industry_failure',
    words: [
      '产业失败', '项目失败', '生意失败', '创业失败', '做生意赔', '做生意亏', '生意赔', '生意亏', '血本无归', '合作社倒闭', '合作社垮', '合作社倒',
      '合作社黄', '合作社散', '打了水漂', '打水漂', '股金', '猪瘟', '鸡瘟', '羊瘟', '口蹄疫', '禽流感', '布病',
    ],
  },
  {
    risk: 'unstable_employment',
    words: [
      '失业', '下岗', '没活干', '没活儿干', '没有活干', '没啥活干', '没工作', '没有工作', '找不到工作', '找不上工作', '找不到活',
      '找不上活', '工地停工', '停工', '停产', '工厂倒闭', '厂子倒闭', '厂倒闭', '厂子黄了', '矿上停了', '被辞退', '辞退', '被开除',
      '裁员', '被裁', '拖欠工资', '工资拖欠', '欠薪', '不给工钱', '拿不到工钱', '要不到工钱', '打不了工', '出不去打工', '没法打工',
      '不能打工', '务工不稳', '打零工', '零工', '没事做', '没事干', '待业', '闲在家', '在家闲着', '寻不下活', '寻不上活', '寻不到活', '找不下活',
      '老板跑了', '工钱要不到', '工钱拿不到', '不要人了', '不要人', '闲了', '没活', '出不去打工', '打不成工',
    ],
  },
  {
    risk: 'lack_of_labour',
    words: [
      '没劳力', '没有劳力', '没劳动力', '没有劳动力', '缺劳力', '缺劳动力', '无劳动力', '没人干活', '没有人干活', '老人独居',
      '独居老人', '独居', '一个人住', '孤寡', '五保户', '干不动', '干不了活', '干不了重活', '不能干活', '丧失劳动能力',
      '没有劳动能力', '没劳动能力', '无劳动能力', '劳动能力弱', '年纪大了', '岁数大了', '年龄大了', '一个人拉扯', '拉扯娃', '拉扯两个', '拉扯三个',
      '全靠俺一个', '全靠我一个', '就俺一个劳力', '就我一个劳力', '老汉没了', '男人没了', '丈夫没了', '老伴没了', '老汉走了', '男人走了', '老伴走了',
      '老汉去世', '男人去世', '丈夫去世', '老伴去世', '没人干活', '瘫在炕', '卧床不起',
    ],
  },
  {
    risk: 'housing_safety',
    words: [
      '危房', '危窑', '房子漏', '房顶漏', '屋顶漏', '屋漏', '漏雨', '房子裂', '墙裂', '房子塌', '窑塌', '倒塌', '房子倒', '墙倒',
      '房子歪', '没房子住', '没房住', '没地方住', '住房不安全', '房子不安全', '房子坏', '窑洞裂', '下雨就漏', '下雨漏', '一下雨就漏', '危房改造',
    ],
  },
  { risk: 'housing_safety', words: ['裂缝', '开裂', '塌了', '倒了', '裂了', '坏了', '震坏', '冲坏'], requires: BUILDING },
  {
    risk: 'drinking_water',
    words: [
      '吃水', '吃水难', '吃不上水', '没水吃', '没水喝', '没有水喝', '没有水吃', '缺水', '水管', '自来水', '水质', '水不能喝',
      '水苦', '水咸', '水浑', '饮水', '停水', '断水', '水井干了', '井干了', '井没水', '挑水', '拉水', '水窖', '喝水难', '用水难', '窖水', '窖里没水', '窖干', '井干', '没水喝', '没水吃',
      '水不够吃', '水不够喝', '吃水困难',
    ],
  },
  { risk: 'other', words: ['新冠', '疫情', '封控', '封城', '隔离', '阳了'], remark: '因新冠肺炎疫情影响' },
];

export const COMBO_RULES: readonly ComboRule[] = [
  {
    risk: 'industry_failure',
    subjects: [
      '养殖', '养的', '养了', '种植', '种的', '种了', '大棚', '羊', '牛', '猪', '鸡', '鸭', '鹅', '兔', '驴', '鱼塘', '果树', '果园',
      '苹果', '红枣', '枣', '核桃', '土豆', '洋芋', '玉米', '谷子', '庄稼', '蔬菜', '香菇', '生意', '买卖', '小卖部', '饭馆', '饭店',
      '超市', '开店', '合作社', '项目', '产业', '货车', '跑运输', '入股', '入的股', '股份', '分红', '光伏', '西瓜', '杏', '牛价', '羊价', '猪价',
    ],
    outcomes: [
      '亏', '赔', '死', '失败', '倒闭', '黄了', '卖不出去', '卖不掉', '卖不上价', '滞销', '跌价', '降价', '价跌', '价格跌',
      '价格低', '价钱低', '价低',
      '不值钱', '瘟', '砸了', '没收成', '绝收', '减产', '歉收', '烂在地里', '干不下去', '没了', '垮了', '散伙', '要不回来', '没下落', '一分没有',
      '跌了', '掉了', '掉得', '打了水漂', '价钱太低', '价太低', '价钱低', '关门', '关了门',
    ],
    maxGap: 10,
  },
  // “住了一个多月院”, “住了两回院”: a hospital stay said around its length.
  { risk: 'illness', subjects: ['住了', '住过', '住'], outcomes: ['院'], maxGap: 6 },
];

/** Words that cancel a risk word shortly before it: "没生病", "不是因为看病", "家里没人住院". */
export const NEGATORS = ['并没有', '从来没', '不是因为', '并不是', '不是', '并非', '没有', '没得', '莫得', '从没', '不曾', '没', '不', '无', '未', '别'];

/** What may stand between a negator and the risk word without breaking the negation. */
export const NEGATION_FILLER = /^(?:有|什么|啥|人|得|过|因为|是因为|怎么|太|大|生|发生|出|出现|遇到|遭|受|家里|家|里|任何|了|要|需要|去|在|再|的|过什么|人员)*$/;

/** Words right after a risk word that say it is fine: "吃水没问题", "水质挺好". */
export const FINE_AFTER = /^.{0,4}?(?:没问题|没啥问题|没什么问题|没事(?![干做])|不成问题|不是问题|挺好|都好|好着|不愁|有保障|没影响|没有影响|不影响|正常)/;

/** Hypothetical clauses are no account of what happened: "万一生病了怎么办". */
// 要是 inside 主要是 / 只要是 / 需要是 is no 'if'.
export const HYPOTHETICAL = /如果|万一|(?<![主只需就还总])要是|假如|假设|假使|以防/;

/** Where one statement ends and the next begins. */
// A space between Chinese words is punctuation on a phone ("老汉住院了 羊也死了").
export const CLAUSE_BREAK = /[,，。;；!！?？\n]|(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])|但是|可是|不过|但/g;

/**
 * What the village cadre of 凉水井村 (test/corpus/field.roster.ts) sends besides screening
 * reports: the 研判会, 回头看, the village's weekly figures (本周上报, which a village calls 周报
 * too), 报问题, 培训/部署 and 待办 — as commands, in a sentence, with the day said first, with
 * the command word typed wrong (研盼会, 会头看). Each item names the flow that must take the
 * message at the first try ("a|b": either is right).
 *
 * First batch (2026-12-06), written before reading the code's words: 17 of 38 right at the first
 * message; the misses were the meeting opened in a sentence (开研判会, 研判会开始了 把名单发一下),
 * the command words typed wrong, one household's 回头看 told in a sentence, 周报 from a village
 * (sent to the town's confirmation and refused), 报个问题/发现个问题 before the problem, the day
 * before 培训/部署 (今天培训了二十来个人), and 俺今天有啥任务.
 */
export type CadreItem = [text: string, flow: string];

export const CADRE_ITEMS: CadreItem[] = [
  // 研判会
  ['研判会', 'field/meeting'],
  ['开研判会', 'field/meeting'],
  ['今天下午开研判会了', 'field/meeting'],
  ['研判会开始了 把名单发一下', 'field/meeting'],
  ['这周研判会都研判哪几户', 'field/meeting'],
  ['俺们村研判会咋弄', 'field/meeting'],
  ['要开研判会 看下要研判的户', 'field/meeting'],
  ['研判 折二娃家 拟纳入', 'field/meeting'],
  ['研盼会', 'field/meeting'],
  ['延判会开始', 'field/meeting'],
  // 回头看
  ['回头看', 'field/review'],
  ['回头看 刘君', 'field/review'],
  ['咱村回头看还有几户没弄', 'field/review'],
  ['回头看霍金山家 收入稳定 没问题', 'field/review'],
  ['我去回头看了薛有亮家', 'field/review'],
  ['会头看', 'field/review'],
  ['回头看 拓永盛', 'field/review'],
  // 本周上报 (the village's 周报)
  ['本周上报', 'official/village-report'],
  ['周报', 'official/village-report'],
  ['这周的数据报一下', 'official/village-report'],
  ['俺村这周的数报上去', 'official/village-report'],
  ['上报本周数据', 'official/village-report'],
  ['周报确认', 'official/village-report'],
  ['报周报', 'official/village-report'],
  ['这礼拜的报表交一下', 'official/village-report'],
  // 报问题
  ['报问题', 'field/problem-report'],
  ['发现个问题 张晶家的人口信息不对 少了一口人', 'field/problem-report'],
  ['有个问题要报 石海燕家饮水有问题 自来水停了一个月', 'field/problem-report'],
  ['问题：网格员没有入户 电话代替了', 'field/problem-report'],
  ['反映个问题 贺永胜家收入录错了', 'field/problem-report'],
  ['苏和家的务工收入漏填了 报个问题', 'field/problem-report'],
  ['报个问题，刘军户的银行卡号不对', 'field/problem-report'],
  // 培训 / 部署, 待办, 跟进
  ['培训了十五个人', 'field/activity'],
  ['今天培训了二十来个人', 'field/activity'],
  ['今天开会部署了排查工作', 'field/activity'],
  ['俺今天有啥任务', 'field/todo'],
  ['跟进 刘君', 'field/follow-up'],
  ['咱村还有几户没排查', 'field/todo|official/progress'],
];

/**
 * A shop, a restaurant, a factory or a site that closed (“饭店关门了”, “厂子倒闭了”, “工地停了”): whose it
 * was decides the 风险类型 of DOMAIN.md. The household's own business closing is 因产业项目失败; the
 * place where they earned a wage closing is 因务工就业不稳.
 *
 * Read from the whole message:
 * - the household's own: “俺家开的饭店”, “自己开了个小超市”, “开了个饭馆”, 本钱, 贷款, 赔了, 亏了, 生意;
 * - a wage: 打工, 上班, 服务员, 厨师, 洗碗, 端盘子, 工钱, 工资, 辞退, “给人家干”, “在饭馆里端盘子”, “在洗车店干活”;
 *   failing those, a job said lost (没了工作, 没活干, 没了营生, 没地方干活);
 * - neither: a factory, a site, a mine or a company is where farmers work (a wage); a shop or a
 *   restaurant may be either — `whose: 'unclear'`, and the farmer is asked (src/flows/farmer/declare.ts).
 * Both said at once (“俺在饭店打工 饭店是俺家亲戚开的”) is unclear too.
 *
 * Works on normalised text (understand/normalize.ts); offsets are into it.
 *
 * @example
 *   readClosures('疫情以后饭店关门了 俺两口子都没了工作')  // [{ place: '饭店', whose: 'wage', … }]
 *   readClosures('俺家开的小超市关门了 赔了两万')          // [{ place: '超市', whose: 'own', … }]
 *   readClosures('饭店关门了')                            // [{ place: '饭店', whose: 'unclear', … }]
 */

export type Whose = 'own' | 'wage' | 'unclear';

export interface Closure {
  /** Where the place word starts and the word that closed it ends. */
  start: number;
  end: number;
  /** The place as said (“饭店”, “厂子”). */
  place: string;
  whose: Whose;
}

// Places that may be the household's own business or someone else's (longest first: 小超市 before 超市).
const SHOPS = ['小饭馆', '饭馆', '饭店', '餐馆', '餐厅', '面馆', '羊肉馆', '馆子', '酒店', '宾馆', '旅馆', '小超市', '超市', '小卖部', '小吃部', '商店', '门市部', '门市', '门面', '店铺', '铺子', '小店', '店(?!塔)'];
// Places where a wage is earned: farmers rarely own them.
const WORKPLACES = ['加工厂', '洗煤厂', '兰炭厂', '砖厂', '工厂', '厂子', '厂里', '厂', '工地', '煤矿', '矿上', '矿', '公司', '车间', '工程队', '加油站'];
const CLOSED = ['关门', '关了门', '关了', '倒闭', '倒了', '黄了', '不开了', '开不下去', '干不下去', '做不下去', '停了', '停工', '停产', '停业', '歇业', '散了', '垮了', '不干了', '封了', '拆了', '搬走', '搬了'];

const src = (words: readonly string[]) => words.join('|');
// The place, a few words (“饭店也关门了”, “厂子今年倒闭了”, “饭馆 疫情关门了”, “小卖部是俺自己的 不开了”), and
// the closing; a negation between keeps it open.
const CLOSURE = new RegExp(`(${src(SHOPS)}|${src(WORKPLACES)})([^，。,.!?！？；;]{0,8}?)(${src(CLOSED)})`, 'g');
const IS_WORKPLACE = new RegExp(`^(?:${src(WORKPLACES)})$`);

const OWN = /(?:俺|我|咱|自)(?:们)?(?:家|自己|两口子)?(?:开|办|经营|承包)(?:的|了|个)|自家|开(?:了)?(?:个|一个|家|一家)?(?:小)?(?:饭店|饭馆|面馆|超市|小卖部|商店|门市|店|厂)|自己(?:家)?(?:的|开|办)|开了(?:个|一个|一家|家|间)|开(?:的|个)(?:小)?(?:饭|超|店|商|门|厂|小卖|馆)|(?:俺|我|咱)(?:们)?家(?:的)?(?:饭|超|小卖|商|门|馆|小店|店铺)|本钱|投资|投了|贷款|贷的款|赔|亏|房租|租金|进的货|货款|生意|买卖|老板是(?:俺|我)/;
const WAGE = /打工|上班|服务员|厨师|洗碗|端盘子|跑堂|打杂|帮工|帮厨|传菜|保洁|收银|小工|保安|看大门|工钱|工资|给人家|给别人|给老板|老板的|老板家|被辞|辞退|开除|雇的|当工人|干零活|在(?!家)[^，。,.!?！？\s]{0,8}?(?:里|上)?(?:头)?(?:干活|做活|做工|干|当|端|洗|帮)/;
const JOB_LOST = /工作|没活|活没了|没了活|营生|失业|下岗|闲在家|在家闲着|干活|活干|挣钱的地方/;
const NEGATED = /[没不未]/;

/** Every closing of a shop or a workplace the text tells of, with whose it was. */
export function readClosures(t: string): Closure[] {
  const own = OWN.test(t);
  const wage = WAGE.test(t);
  const out: Closure[] = [];
  for (const m of t.matchAll(CLOSURE)) {
    const [, place = '', gap = ''] = m;
    if (NEGATED.test(gap)) continue;
    const whose: Whose = own && wage ? 'unclear' : own ? 'own' : wage || JOB_LOST.test(t) || IS_WORKPLACE.test(place) ? 'wage' : 'unclear';
    out.push({ start: m.index, end: m.index + m[0].length, place, whose });
  }
  return out;
}

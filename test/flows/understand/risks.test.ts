import { describe, expect, it } from 'vitest';
import { unclearClosures, classifyRisks, extractAmounts, type RiskMention } from '../../../src/flows/understand/index.js';

/** 'illness' or 'natural_disaster/flood' per mention, in order. */
const types = (ms: RiskMention[]) => ms.map((m) => (m.disasterSubtype ? `${m.riskType}/${m.disasterSubtype}` : m.riskType));

describe('classifyRisks: farmers’ words → 风险类型', () => {
  it.each([
    // 因病
    ['儿子住院花了三万多', ['illness']],
    ['老伴得了癌症在化疗', ['illness']],
    ['我有尿毒症，每周透析三次', ['illness']],
    ['他爸脑梗了，做了手术', ['illness']],
    ['慢性病，常年吃药', ['illness']],
    ['我没钱看病', ['illness']],
    ['看病花了不少钱，住院费还欠着', ['illness']],
    // 因残
    ['老伴瘫痪在床，有残疾证', ['disability']],
    ['儿子是智力残疾', ['disability']],
    ['右腿截肢了', ['disability']],
    ['眼睛失明好几年了', ['disability']],
    // 因学
    ['孩子上大学学费一年八千', ['schooling']],
    ['两个娃读高中，生活费一个月一千', ['schooling']],
    ['孩子不上学了', ['schooling']],
    ['闺女考上大学了，学费交不起', ['schooling']],
    // 因自然灾害, with the sub-type
    ['发大水把地冲了', ['natural_disaster/flood']],
    ['暴雨把窑洞泡了', ['natural_disaster/flood']],
    ['去年冰雹把大棚砸了，今年又大旱', ['natural_disaster/meteorological']],
    ['今年大旱，玉米绝收', ['natural_disaster/drought']],
    ['一直不下雨，地里没收成', ['natural_disaster/drought']],
    ['霜冻把杏花打了', ['natural_disaster/meteorological']],
    ['山体滑坡埋了羊圈', ['natural_disaster/geological']],
    ['地裂缝把院子拉开了', ['natural_disaster/geological']],
    ['地里闹虫灾', ['natural_disaster/biological']],
    ['地震震坏了房子', ['natural_disaster/earthquake', 'housing_safety']],
    ['受灾了', ['natural_disaster/other']],
    ['受灾了，主要是洪水', ['natural_disaster/flood']],
    // 因意外事故
    ['出车祸腿摔断了', ['accident']],
    ['在工地上摔伤了', ['accident']],
    ['家里着火了，东西都烧了', ['accident']],
    ['煤气中毒住了院', ['accident', 'illness']],
    ['跑运输的车翻了', ['accident']],
    ['儿子打工从架子上摔下来了', ['accident']],
    // 因产业项目失败
    ['养的羊死了一半', ['industry_failure']],
    ['羊得病死了好几只', ['industry_failure']],
    ['大棚亏了', ['industry_failure']],
    ['种的土豆卖不出去，亏了两万', ['industry_failure']],
    ['做生意赔了十几万', ['industry_failure']],
    ['养猪碰上猪瘟，全死了', ['industry_failure']],
    ['今年羊价跌了，亏了', ['industry_failure']],
    ['养了20头牛，死了3头', ['industry_failure']],
    ['养了20头牛。死了人', []],
    // 因务工就业不稳
    ['工地停工了，没活干', ['unstable_employment']],
    ['厂子倒闭了，找不到工作', ['unstable_employment']],
    ['老板拖欠工资半年了', ['unstable_employment']],
    ['煤矿停产，在家闲着', ['unstable_employment']],
    // A heart bypass is an operation: 因病.
    ['孩子他爸做了心脏搭桥 花了八万', ['illness']],
    ['老汉去年做了个搭桥', ['illness']],
    // 缺劳动力
    ['我一个人住，年纪大了干不动了', ['lack_of_labour']],
    ['家里没劳力', ['lack_of_labour']],
    ['老两口都丧失劳动能力', ['lack_of_labour']],
    // 因安全住房
    ['房子漏雨，墙上有裂缝', ['housing_safety']],
    ['窑洞裂了，怕塌', ['housing_safety']],
    ['住的是危房', ['housing_safety']],
    // 因安全饮水
    ['水管冻裂了，没水喝', ['drinking_water']],
    ['井干了，每天去拉水', ['drinking_water']],
    ['水质不好，水苦', ['drinking_water']],
    // 其他 (新冠)
    ['疫情封控出不去打工', ['other', 'unstable_employment']],
    // several, in the order told
    ['不是因为看病，是因为下冰雹', ['natural_disaster/meteorological']],
    ['房子塌了，老伴又住院了', ['housing_safety', 'illness']],
    ['采空区塌陷房子裂了', ['natural_disaster/geological', 'housing_safety']],
    ['儿子车祸残疾了，孙子还在上学', ['accident', 'disability', 'schooling']],
  ])('%j → %j', (text, expected) => {
    expect(types(classifyRisks(text))).toEqual(expected);
  });

  it.each([
    '家里没人生病',
    '没生病',
    '不是因为看病',
    '家里没有什么人住院',
    '吃水没问题',
    '饮水有保障',
    '饮水安全',
    '饮水达标',
    '房子不漏',
    '万一生病了怎么办',
    '要是发大水咋办',
    '羊没死',
    '今年雨水好，庄稼长得好',
    '身体都挺好的',
    '我生活费都没有',
    '墙上挂了画',
    '一切正常',
    '',
  ])('%j describes no risk', (text) => {
    expect(classifyRisks(text)).toEqual([]);
  });

  it('keeps the farmer’s own words as evidence, exactly as typed', () => {
    expect(classifyRisks('儿子住院，\n又做了手术，住院费三万')).toEqual([{ riskType: 'illness', evidence: ['住院', '手术', '住院费'] }]);
    expect(classifyRisks('养的羊　死了一半')).toEqual([{ riskType: 'industry_failure', evidence: ['养的羊　死'] }]);
  });

  it('records 新冠 as 其他 with the remark the forms need', () => {
    expect(classifyRisks('因为疫情没法出去')).toEqual([{ riskType: 'other', evidence: ['疫情'], remark: '因新冠肺炎疫情影响' }]);
  });

  it('takes the first specific disaster sub-type, keeping every word', () => {
    expect(classifyRisks('受灾了，先是大旱后来又发洪水')).toEqual([
      { riskType: 'natural_disaster', disasterSubtype: 'drought', evidence: ['受灾', '大旱', '洪水'] },
    ]);
  });
});

describe('extractAmounts: money tied to the risk it went to', () => {
  it.each([
    ['看病花了三万多', [['三万多', 30000, 'more', 'cost', 'illness']]],
    ['儿子住院了，花了三万多', [['三万多', 30000, 'more', 'cost', 'illness']]],
    ['花了两万给儿子看病', [['两万', 20000, undefined, 'cost', 'illness']]],
    [
      '看病花了三万多，孩子学费一年八千',
      [
        ['三万多', 30000, 'more', 'cost', 'illness'],
        ['八千', 8000, undefined, 'cost', 'schooling'],
      ],
    ],
    ['羊死了亏了两万多', [['两万多', 20000, 'more', 'loss', 'industry_failure']]],
    ['冰雹把大棚砸了，损失五六千块', [['五六千块', 5000, 'about', 'loss', 'natural_disaster']]],
    ['今年收入5000元', [['5000元', 5000, undefined, 'income', undefined]]],
    [
      '去年收入一万二。今年住院花了4万',
      [
        ['一万二', 12000, undefined, 'income', undefined],
        ['4万', 40000, undefined, 'cost', 'illness'],
      ],
    ],
    ['家里5口人，养了30只羊', []],
  ])('%j → %j', (text, expected) => {
    expect(extractAmounts(text).map((a) => [a.text, a.value, a.approx, a.kind, a.riskType])).toEqual(expected);
  });

  it('keeps ranges', () => {
    expect(extractAmounts('学费一年两三万')[0]).toMatchObject({ value: 20000, range: { min: 20000, max: 30000 }, riskType: 'schooling' });
  });
});

describe('everyday words of every risk type, and every risk of a long message', () => {
  const types = (text: string) => classifyRisks(text).map((m) => m.riskType);
  it.each([
    ['今年天旱的厉害 地里玉米都旱死了', ['natural_disaster']],
    ['冰蛋蛋把庄稼打了', ['natural_disaster']],
    ['合作社倒闭了 入股的三万块钱打了水漂', ['industry_failure']],
    ['村里合作社黄了 俺们入的股分红一分没有', ['industry_failure']],
    ['养的二十只羊得病死了一半', ['industry_failure']],
    ['家里水窖干了 吃水要去五里外拉', ['drinking_water']],
    ['娃娃脑瘫 一直在做康复', ['disability']],
    ['男人瘫在炕上 我一个人拉扯三个娃', ['disability', 'lack_of_labour']],
    ['男人在工地上摔下来了 腰摔断了 住了一个多月院', ['accident', 'illness']],
    ['一年收入就两千五 家里四口人', ['other']],
  ])('%s → %j', (text, expected) => {
    expect(types(text)).toEqual(expected);
  });

  it('a drought that ruined the crop is the drought, not a failed project', () => {
    expect(classifyRisks('今年大旱 种的土豆基本绝收')).toEqual([{ riskType: 'natural_disaster', disasterSubtype: 'drought', evidence: ['大旱'] }]);
  });

  it('keeps all four risks of a long spoken account, not only the last', () => {
    const text = '俺家情况是这么个 前年老汉查出来胃癌 做手术花了七万多 去年又赶上大旱 地里啥也没收 今年娃娃考上大学 学费还没着落 窑洞也裂了缝 下雨就漏';
    expect(types(text)).toEqual(['illness', 'natural_disaster', 'schooling', 'housing_safety']);
  });

  it.each([
    ['娃娃上大学 一年收入就两千五', ['schooling', 'other']],
    // After the hardships with a cause, wherever it was said: the cause is the main risk type.
    ['俺家一年收入也就四千来块 三口人 娃还在念书', ['schooling', 'other']],
    ['老汉住院了 家里一年才挣五千块', ['illness', 'other']],
    ['一家五口人 一年收入就两万 老大上高中老二上初中', ['schooling', 'other']],
  ])('a low income in figures is recorded beside the other hardships: %s', (text, expected) => {
    expect(types(text)).toEqual(expected);
    expect(classifyRisks(text).find((r) => r.riskType === 'other')?.remark).toBe('家庭收入低');
  });

  it.each([
    '一个月工资才两千 老汉住院花了三万',
    '婆姨得了癌症 在西安看病 一个月就一万多',
    '娃上大学 一年也就挣个几千块',
  ])('an income said as little but not low in figures adds nothing beside another hardship: %s', (text) => {
    expect(types(text)).not.toContain('other');
  });
});

describe('a landslide in plain words', () => {
  const sub = (text: string) => classifyRisks(text).find((r) => r.riskType === 'natural_disaster')?.disasterSubtype;
  it('山上的土滑下来 is a geological disaster', () => {
    expect(sub('山上的土滑下来 把俺家院墙推倒了')).toBe('geological');
  });

  it('rain that brought a landslide is the landslide’s (地质); rain alone stays the rain’s', () => {
    expect(sub('下暴雨 山上的土滑下来 把俺家院墙推倒了')).toBe('geological');
    expect(sub('暴雨引发山体滑坡')).toBe('geological');
    expect(sub('下暴雨把窑洞泡塌了')).toBe('flood');
  });
});

describe('the eighth batch’s words (2026-12-07)', () => {
  it.each([
    // 跌 is how northern Shaanxi says a fall.
    ['从架子上跌下来了 腰摔坏了', 'accident'],
    ['老汉跌了一跤 胯骨跌折了', 'accident'],
    ['俺男人放羊跌下去了', 'accident'],
    // Old people alone, the children away.
    ['家里就俺一个老婆儿 娃们都在外头', 'lack_of_labour'],
    ['就剩我一个了 儿女都在外地', 'lack_of_labour'],
    ['腰坏了 干不成活了', 'lack_of_labour'],
    // 毛病 of the mind is an illness.
    ['婆姨精神上有点毛病 时好时坏', 'illness'],
  ])('%j → %s', (text, risk) => {
    expect(classifyRisks(text).map((m) => m.riskType)).toContain(risk);
  });

  it('毛病 of a machine is still no illness', () => {
    expect(classifyRisks('三轮车有毛病了 修了两回').map((m) => m.riskType)).not.toContain('illness');
  });
});

describe('the eighth batch’s second probe (2026-12-07)', () => {
  it('the body said not well is an illness; said well, none', () => {
    expect(classifyRisks('我69年的 身体不好').map((m) => m.riskType)).toEqual(['illness']);
    expect(classifyRisks('老伴身子骨不行了').map((m) => m.riskType)).toEqual(['illness']);
    expect(classifyRisks('老汉身体还好 就是娃上学没钱').map((m) => m.riskType)).toEqual(['schooling']);
  });

  it('a sum taken back by the next one: the later replaces it, of the same kind', () => {
    expect(extractAmounts('住院花了三万 不对 是三千').map((a) => [a.value, a.kind])).toEqual([[3000, 'cost']]);
    expect(extractAmounts('一年收入八千 说错了 一万八').map((a) => [a.value, a.kind])).toEqual([[18000, 'income']]);
    // Two sums with more between them are both kept.
    expect(extractAmounts('住院花了三万 报销了两万').map((a) => a.value)).toEqual([30000, 20000]);
  });
});

describe('the ninth batch’s words (2026-12-07)', () => {
  it.each([
    ['俺屋里头那个 腰疼得不行了 么钱看', 'illness'],
    ['家里老人得了老年痴呆 走丢过好几回', 'illness'],
    ['花了两千八买药 还没好', 'illness'],
    ['俺男人得了尘肺 喘不上气', 'illness'],
    ['娃娃上幼儿园 一学期三千多 拿不出', 'schooling'],
    ['娃娃上学前班 学费交不起', 'schooling'],
    ['老汉在地里干活叫蛇咬了', 'accident'],
    ['上礼拜家里着了火 粮食全烧了', 'accident'],
    ['房子后面的山坡塌下来了 把厨房砸了', 'natural_disaster'],
    ['俺家老汉住阮了 花了三万', 'illness'],
    ['老婆注院半个月了', 'illness'],
  ])('%j → %s', (text, risk) => {
    expect(classifyRisks(text).map((m) => m.riskType)).toContain(risk);
  });

  it('pain and things coming down need their company: a sheep’s pain, a price come down are none', () => {
    expect(classifyRisks('羊腿疼 走不动').map((m) => m.riskType)).not.toContain('illness');
    expect(classifyRisks('价钱塌下来了').map((m) => m.riskType)).not.toContain('natural_disaster');
    expect(classifyRisks('房子后面的山坡塌下来了')[0]?.disasterSubtype).toBe('geological');
    expect(classifyRisks('乔丽这学期拿了奖学金').map((m) => m.riskType)).not.toContain('schooling');
  });

  it('饮水不安全 is still a risk of drinking water (安全 after 不 is no reassurance)', () => {
    expect(types(classifyRisks('饮水不安全'))).toEqual(['drinking_water']);
  });
});

describe('a shop or a workplace closed: whose it was decides', () => {
  const asked = (text: string) => classifyRisks(text, { askWhose: true }).map((r) => r.riskType);
  const kinds = (text: string) => classifyRisks(text).map((r) => r.riskType);

  it.each([
    // where they worked: a job lost, no failed business
    ['疫情以后饭店关门了 俺两口子都没了工作', ['other', 'unstable_employment']],
    ['俺在饭店洗碗 饭店关门了', ['unstable_employment']],
    ['俺男人在饭店当厨师 饭店不开了', ['unstable_employment']],
    ['我上班的超市关门了', ['unstable_employment']],
    ['俺婆姨在超市打工 超市倒闭了', ['unstable_employment']],
    ['厂子倒闭了', ['unstable_employment']],
    ['儿子在外头的厂子关门了', ['unstable_employment']],
    ['工地停了', ['unstable_employment']],
    ['煤矿停了 老汉在家闲着', ['unstable_employment']],
    ['公司倒闭了 儿子回来了', ['unstable_employment']],
    ['饭店倒闭了 俺也没了营生', ['unstable_employment']],
    ['俺在县城饭馆里端盘子 饭馆关门了', ['unstable_employment']],
    ['男人给人家饭店开车 饭店倒闭了', ['unstable_employment']],
    ['俺们那个厂子搬走了', ['unstable_employment']],
    ['老板的饭店关门了 俺没地方干活了', ['unstable_employment']],
    ['俺在洗车店干活 洗车店倒闭了', ['unstable_employment']],
    ['娃他爸在加油站上班 加油站关了', ['unstable_employment']],
    ['男人在工地上当小工 工地不干了', ['unstable_employment']],
    // the household's own: a failed business, no job lost
    ['俺家开的饭店关门了 赔了好几万', ['industry_failure']],
    ['俺自己开的小超市关门了', ['industry_failure']],
    ['开了个饭馆 疫情关门了 赔了五万', ['industry_failure', 'other']],
    ['俺们两口子贷款开了个小卖部 现在关门了', ['industry_failure']],
    ['俺家饭馆子关门了', ['industry_failure']],
    ['小卖部是俺自己的 不开了', ['industry_failure']],
    ['俺和婆姨在镇上开了个面馆 关门了', ['industry_failure']],
    ['俺在镇上开饭店 疫情一来就关门了', ['industry_failure', 'other']],
  ])('%s', (text, expected) => {
    expect(asked(text)).toEqual(expected);
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['饭店关门了', '饭店'],
    ['超市关门了 老汉还住院了', '超市'],
    ['村里的小卖部倒闭了', '小卖部'],
    ['超市不干了', '超市'],
    ['店塔镇上的饭店都关门了', '饭店'],
    // Words of another place (看病 in the county town, 洗衣服 at home) tell nothing of the shop.
    ['饭店关门了 老汉在县城看病', '饭店'],
    ['超市关门了 俺在家洗衣服做饭', '超市'],
  ])('not told whose: asked back (%s)', (text, place) => {
    expect(asked(text)).not.toContain('industry_failure');
    expect(asked(text)).not.toContain('unstable_employment');
    expect(unclearClosures(text).map((c) => c.place)).toEqual([place]);
  });

  it('not told whose, for a reader that does not ask back (a grid worker\'s note): the lexicon reading stands', () => {
    expect(kinds('饭店关门了')).toEqual(['industry_failure']);
    expect(kinds('超市关门了 老汉还住院了')).toEqual(['industry_failure', 'illness']);
  });

  it.each(['饭店还没关门', '店塔镇的亲戚来了', '厂子没倒闭 就是活少'])('no closing: %s', (text) => {
    expect(unclearClosures(text)).toEqual([]);
    expect(kinds(text)).not.toContain('industry_failure');
  });
});

import { describe, expect, it } from 'vitest';
import { readScreeningReports, type ScreeningRoster } from '../../../src/flows/understand/screening-report.js';

const roster: ScreeningRoster = {
  households: [
    { id: 1, headName: '马有福', members: ['张秀英', '马小军'] },
    { id: 2, headName: '刘有才', members: [] },
    { id: 3, headName: '张静', members: [] },
    { id: 4, headName: '张晶', members: [] },
    { id: 5, headName: '王在田', members: ['刘翠兰'] },
    { id: 6, headName: '李和平', members: [] },
  ],
  places: ['凉水井村', '石门村', '高家堡镇'],
};
const read = (t: string) => readScreeningReports(t, roster);
const said = (t: string) => read(t).reports.map((r) => ({ names: r.names.map((n) => n.said), method: r.method, risk: r.risk, knowsPolicy: r.knowsPolicy, remark: r.remark, riskDetail: r.riskDetail }));

describe('readScreeningReports', () => {
  it('reads a report in any order, with or without 排查, and keeps no connectives in 备注', () => {
    expect(said('马有福家已入户排查，没问题，政策都知道')).toEqual([{ names: ['马有福'], method: 'home_visit', risk: false, knowsPolicy: true, remark: undefined, riskDetail: undefined }]);
    expect(said('今天走访了刘有才户 一切正常 知道政策')[0]).toMatchObject({ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true });
    expect(said('入户 王在田 无风险 知道政策')[0]).toMatchObject({ names: ['王在田'], method: 'home_visit', risk: false, knowsPolicy: true });
    // 跑户: going round the households in person (but a 跑了 of a person is no method: 包工头跑了).
    expect(said('今天跑了三户 马有福 刘有才 王在田 都没事 政策都知道')).toMatchObject([{ names: ['马有福', '刘有才', '王在田'], method: 'home_visit', risk: false, knowsPolicy: true }]);
    expect(said('挨家挨户问了 马有福 没风险 政策知道')[0]).toMatchObject({ names: ['马有福'], method: 'home_visit' });
    expect(said('马有福 包工头跑了 工钱没结 政策知道')[0]?.method).toBeUndefined();
    expect(said('李和平家电话 没麻达 政策不太清楚')[0]).toMatchObject({ method: 'phone', risk: false, knowsPolicy: false });
    // 陕北: 甚也好 (everything is fine), 好着咧.
    expect(said('张静家今儿个上门咧 甚也好着咧 政策知道')[0]).toMatchObject({ method: 'home_visit', risk: false, knowsPolicy: true });
    expect(said('马有福家入户了 好着咧 政策知道')[0]).toMatchObject({ risk: false });
  });

  it('a correction in the same breath takes back what came before it: a value, or the household', () => {
    expect(said('马有福家入户了，没风险，政策知道，不对，是打的电话')).toMatchObject([{ names: ['马有福'], method: 'phone', risk: false, knowsPolicy: true, remark: undefined }]);
    expect(said('刘有才 入户 有风险 不对 没风险 政策了解')).toMatchObject([{ method: 'home_visit', risk: false, knowsPolicy: true }]);
    expect(said('马有福家入户了 没风险 政策知道 不对 是刘有才家')).toMatchObject([{ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true }]);
    // Without a correction, two values are a conflict the flow asks about.
    expect(read('刘有才 入户 有风险 没风险 政策了解').reports[0]?.conflicts).toEqual(['risk']);
  });

  it('a risk keeps its reason; hardship beside 无风险 is left for the flow to confirm', () => {
    expect(said('排查 马有福 入户 有风险 媳妇住院花了五万 了解政策')[0]).toMatchObject({ risk: true, riskDetail: '媳妇住院花了五万' });
    const r = read('马有福家入户 无风险 老汉住院了 政策知道').reports[0];
    expect(r?.risk).toBeUndefined();
    expect(r?.suggestedRisks.map((s) => s.riskType)).toEqual(['illness']);
  });

  it('several households: side by side they share, one after another they are separate, 都 is shared, 也是 repeats', () => {
    expect(said('马有福、刘有才两户都入户了，都没风险，政策都了解').map((r) => r.names)).toEqual([['马有福', '刘有才']]);
    expect(said('排查马有福入户无风险了解政策排查刘有才电话有风险老汉看病花了三万不了解政策')).toMatchObject([
      { names: ['马有福'], method: 'home_visit', risk: false, knowsPolicy: true },
      { names: ['刘有才'], method: 'phone', risk: true, knowsPolicy: false, riskDetail: '老汉看病花了三万' },
    ]);
    expect(said('入户 马有福 无风险 了解 电话 刘有才 无风险 了解').map((r) => r.method)).toEqual(['home_visit', 'phone']);
    expect(said('张静家入户，张晶家电话，都没风险，都了解政策')).toMatchObject([{ method: 'home_visit', risk: false, knowsPolicy: true }, { method: 'phone', risk: false, knowsPolicy: true }]);
    expect(said('李和平家入户无风险了解政策，刘有才也是')[1]).toMatchObject({ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true });
    expect(said('马有福 入户 无风险 了解\n刘有才 电话 无风险 不了解').map((r) => [r.names[0], r.method, r.knowsPolicy])).toEqual([['马有福', 'home_visit', true], ['刘有才', 'phone', false]]);
  });

  it('the form’s own questions answered in a line', () => {
    expect(said('李和平户，排查方式：电话，近期是否发生风险：否，是否了解政策：是')[0]).toMatchObject({ method: 'phone', risk: false, knowsPolicy: true, remark: undefined });
    expect(said('李和平户 入户 近期是否发生风险：是（老伴住院） 是否基本了解防返贫政策：否')[0]).toMatchObject({ risk: true, knowsPolicy: false, riskDetail: '老伴住院' });
  });

  it('a household said to be not screened yet is no report; the same name again later adds to its report', () => {
    const r = read('马有福家入户了没问题政策知道，刘有才家还没去');
    expect(r.reports.map((x) => x.names.map((n) => n.said))).toEqual([['马有福']]);
    expect(r.skipped).toEqual(['刘有才']);
    expect(said('今天跑了王在田和李和平两家，王在田家没麻达政策懂，李和平家老汉住院了有风险政策也懂 都是入户')).toMatchObject([
      { names: ['王在田', '李和平'], method: 'home_visit', risk: false, knowsPolicy: true, remark: undefined },
      { names: ['李和平'], method: 'home_visit', risk: true, riskDetail: '老汉住院了' },
    ]);
  });

  it('a visit that found nobody home is no 排查方式; 还没排成 is not done', () => {
    expect(said('折二娃屋里去了 没人 电话打了 说家里都好 政策知道')[0]).toMatchObject({ method: 'phone', risk: false, knowsPolicy: true });
    expect(said('刘军家上门了 不在家 政策知道')[0]?.method).toBeUndefined();
    const r = read('马有福家入户了 正常 政策知道 乔振华家去了两趟都没人 还没排成');
    expect(r.reports.map((x) => x.names.map((n) => n.said))).toEqual([['马有福']]);
    expect(r.skipped).toEqual(['乔振华']);
  });

  it('a member names the household; two names of one household are one report', () => {
    const [r] = read('刘翠兰户入户 有风险 老汉王在田住院了 政策知道').reports;
    expect(r?.names.map((n) => n.ids)).toEqual([[5], [5]]);
    expect(read('张秀英家入户了 无风险 政策知道').reports[0]?.names[0]?.ids).toEqual([1]);
  });

  it('a name typed wrong carries the sound-alikes; an unknown name is a report of its own, never 备注', () => {
    expect(read('张菁家入户 无风险 了解政策').reports[0]?.names[0]).toEqual({ said: '张菁', ids: [], similar: [{ id: 3, name: '张静' }, { id: 4, name: '张晶' }] });
    expect(read('排查 赵老五 入户 无风险 了解政策').reports[0]?.names[0]).toEqual({ said: '赵老五', ids: [], similar: [] });
    const two = read('马有福家入户 挺好的 知道政策 王老五家电话 没问题').reports;
    expect(two.map((r) => r.names[0]?.said)).toEqual(['马有福', '王老五']);
    expect(two[0]?.remark).toBeUndefined();
  });

  it('place names are neither people nor 备注; a message without report words gives nothing', () => {
    expect(said('凉水井村马有福家入户 无风险 了解政策')[0]).toMatchObject({ names: ['马有福'], remark: undefined });
    expect(read('你好').reports).toEqual([]);
    expect(read('马有福、刘有才等三户都入户了 无风险 了解政策').reports[0]?.countSaid).toBe(3);
  });
});

describe('the eighth batch’s reports (2026-12-07)', () => {
  it('a visit still to come before a household is no report of it', () => {
    const r = read('马有福 入户 无风险 政策了解 明天再去趟刘有才家');
    expect(r.reports.map((x) => x.names.map((n) => n.said))).toEqual([['马有福']]);
    expect(r.skipped).toEqual(['刘有才']);
    expect(read('马有福入户了 没风险 政策知道 还没去王在田家').reports.map((x) => x.names[0]?.said)).toEqual(['马有福']);
    // Reported words of its own keep a household whatever came before it.
    expect(read('马有福 入户 无风险 政策了解 再去刘有才家 电话 无风险 政策了解').reports.map((x) => x.names[0]?.said)).toEqual(['马有福', '刘有才']);
  });

  it('政策ok, 政策没问题: the policy is known; dh, wx are the method', () => {
    expect(said('马有福家入户 ok 无风险 政策ok')[0]).toMatchObject({ method: 'home_visit', risk: false, knowsPolicy: true });
    expect(said('刘有才家 入户 没风险 政策没问题')[0]).toMatchObject({ knowsPolicy: true });
    expect(said('张静家 dh联系的 没风险 政策知道')[0]).toMatchObject({ method: 'phone' });
    expect(said('张晶 wx问的 无风险 政策了解')[0]).toMatchObject({ method: 'wechat' });
    // Letters inside a word are no method.
    expect(said('李和平家入户 无风险 政策了解 他儿子在shdh上班')[0]).toMatchObject({ method: 'home_visit' });
  });
});

describe('the eighth batch’s second probe (2026-12-07)', () => {
  it('a call that did not get through is no method; the visit after it is', () => {
    expect(said('马有福家电话没打通 后来上门了 无风险 政策了解')[0]).toMatchObject({ method: 'home_visit', risk: false, knowsPolicy: true });
    expect(said('给王在田打电话没人接 就去他家了 没风险 政策知道')[0]).toMatchObject({ method: 'home_visit' });
    expect(said('刘有才家微信打了关机 入户了 没风险 政策知道')[0]).toMatchObject({ method: 'home_visit' });
    // A call that went through is still the method.
    expect(said('李和平家打电话问了 没风险 政策知道')[0]).toMatchObject({ method: 'phone' });
  });

  it('入的户 and 上的门 are a visit', () => {
    expect(said('上礼拜四入的户 马有福家 好着了 政策知道')[0]).toMatchObject({ method: 'home_visit', risk: false });
    expect(said('刘有才家上的门 没风险 政策了解')[0]).toMatchObject({ method: 'home_visit' });
  });

  it('政策都了解 is said of every household of the line, as 都没风险 is', () => {
    expect(said('马有福入户 刘有才电话 都没风险 政策都了解')).toMatchObject([
      { names: ['马有福'], method: 'home_visit', risk: false, knowsPolicy: true },
      { names: ['刘有才'], method: 'phone', risk: false, knowsPolicy: true },
    ]);
  });

  it('a household named only as where something happened is no report', () => {
    expect(read('王在田家 入户 无风险 政策了解 王海以前在马有福家帮工').reports.map((r) => r.names[0]?.said)).toEqual(['王在田']);
    expect(read('李和平 入户 无风险 政策了解 高兰英在张静家帮忙带娃').reports.map((r) => r.names[0]?.said)).toEqual(['李和平']);
  });

  it('发错了 takes back the household of a quoted report; a name said again only to be corrected starts no report', () => {
    expect(said('「排查 马有福 入户 无风险 了解政策」这条发错了 是刘有才家')).toMatchObject([{ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true }]);
    expect(said('张静 入户 没风险 政策了解 张静 不对 是张晶')).toMatchObject([{ names: ['张晶'], method: 'home_visit', risk: false, knowsPolicy: true }]);
  });
});

it('到…家 is a visit, not a place something happened: “到刘有才家也一样” repeats the report before', () => {
  expect(said('马有福 入户 无风险 政策了解 到刘有才家也一样')).toMatchObject([
    { names: ['马有福'], method: 'home_visit', risk: false, knowsPolicy: true },
    { names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true },
  ]);
});

describe('the ninth batch’s reports (2026-12-07)', () => {
  it('dialect for “no problem”: 莫得/没得啥子/没甚/莫麻达, 好得很/好滴很/好着么, 安好, 情况可以, 啥事莫得', () => {
    for (const t of ['刘有才家 入户 莫得风险 政策晓得', '刘有才家 入户 没得啥子风险 政策晓得', '刘有才家 入户 没甚问题 政策晓得', '刘有才家 入户 莫麻达 政策晓得', '刘有才家 入户 莫得麻达 政策晓得',
      '刘有才家 入户 好得很 政策晓得', '刘有才家 入户 家里好滴很 政策晓得', '刘有才家 入户 好着么 政策晓得', '刘有才家 入户 一切安好 政策晓得', '刘有才家 入户 情况可以 政策晓得', '刘有才家 入户 啥事莫得 政策晓得']) {
      expect(said(t)[0], t).toMatchObject({ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true });
    }
    // 木有 is 没有: never the 有 of 有风险.
    expect(said('张晶家 入户 木有风险 政策知道')[0]).toMatchObject({ risk: false });
    // The words that still say a risk stay one.
    expect(said('刘有才家 入户 有风险 老汉住院了 政策晓得')[0]).toMatchObject({ risk: true });
  });

  it('slips of the form’s words are mended: 分险/风线/疯险, 政侧/正策, 知到, 入护', () => {
    expect(said('乔振华家 入户 无分险 政策了解')[0]).toMatchObject({ risk: false });
    expect(said('乔振华家 入户 无风线 政策了解')[0]).toMatchObject({ risk: false });
    expect(said('马有福家入户了 没风险 政策知到')[0]).toMatchObject({ knowsPolicy: true });
    expect(said('马有福家入户了 没风险 正策不了解')[0]).toMatchObject({ knowsPolicy: false });
    expect(said('张静家入护 无风险 政策了解')[0]).toMatchObject({ method: 'home_visit' });
  });

  it('政策已告知 is told; 打手机 is a call; 都入了 is a visit; 去的…家 is a visit', () => {
    expect(said('马有福家电话沟通 无风险 政策已告知')[0]).toMatchObject({ method: 'phone', knowsPolicy: true });
    expect(said('张静家打手机问的 没风险 政策知道')[0]).toMatchObject({ method: 'phone' });
    expect(said('马有福 刘有才 两户都入了 都没风险 政策都知道')).toMatchObject([{ names: ['马有福', '刘有才'], method: 'home_visit' }]);
    expect(said('前天去的王在田家 没啥问题 政策了解')[0]).toMatchObject({ names: ['王在田'], method: 'home_visit' });
    // 入了股 is money put in, not a visit.
    expect(said('马有福家 都入了股 没风险 政策知道')[0]?.method).toBeUndefined();
  });

  it('short turn-backs: 不是 是, 哦不, 应该是; a name denied is no household of the line', () => {
    expect(said('马有福家入户 不是 是电话问的 没风险 政策知道')[0]).toMatchObject({ method: 'phone' });
    expect(said('马有福家微信视频的 哦不 是打的电话 没风险 政策知道')[0]).toMatchObject({ method: 'phone' });
    expect(said('李和平 入户 无风险 政策了解 噢 应该是刘有才家 不是李和平')).toMatchObject([{ names: ['刘有才'], method: 'home_visit', risk: false, knowsPolicy: true }]);
    // 不是 right before a name, with nothing to replace it, leaves the one meant.
    expect(said('马有福家入户 无风险 政策了解 不是张静家')).toMatchObject([{ names: ['马有福'] }]);
    // 应该是 inside a clause is no turn-back.
    expect(said('马有福家入户 无风险 政策应该是知道的')).toMatchObject([{ names: ['马有福'], knowsPolicy: true }]);
  });

  it('the dialect’s 没 in the policy’s negation: 莫得了解, 没得了解过 are not knowing it (a probe found them stored as knowing)', () => {
    expect(said('张静家入户 莫得风险 政策莫得了解')[0]).toMatchObject({ risk: false, knowsPolicy: false });
    expect(said('马有福家入户 没风险 政策没得了解过')[0]).toMatchObject({ knowsPolicy: false });
    expect(said('马有福家入户 没风险 莫得了解政策')[0]).toMatchObject({ knowsPolicy: false });
    expect(said('马有福家入户 没风险 政策了解过')[0]).toMatchObject({ knowsPolicy: true });
  });

  it('有没有风险 is the form’s question in the worker’s words: its answer decides, its 有风险 tail is no answer', () => {
    expect(said('李和平家 入户 有没有风险 没有 政策知道')[0]).toMatchObject({ risk: false, knowsPolicy: true });
    expect(said('李和平家 入户 有没有风险 有 老汉住院 政策知道')[0]).toMatchObject({ risk: true, riskDetail: '老汉住院' });
    expect(said('李和平家 入户 有没有风险 政策知道')[0]?.risk).toBeUndefined();
    expect(said('马有福家入户 风险没 政策懂')[0]).toMatchObject({ risk: false });
    expect(said('刘有才家 入户 政策不知道 风险也没有')[0]).toMatchObject({ risk: false, knowsPolicy: false });
    expect(said('马有福家入户 风险没排查 政策懂')[0]?.risk).toBeUndefined();
  });

  it('莫太懂, 没咋了解, 么得: the dialect’s negations', () => {
    expect(said('杨建平家入户 没风险 政策莫太懂'.replace('杨建平', '张静'))[0]).toMatchObject({ knowsPolicy: false });
    expect(said('张静家入户 没风险 政策没咋了解')[0]).toMatchObject({ knowsPolicy: false });
    expect(said('张静家入户 么得风险 政策晓得')[0]).toMatchObject({ risk: false, knowsPolicy: true });
  });

  it('…家去的 is a visit', () => {
    expect(said('刘有才家去的 没风险 政策了解')[0]).toMatchObject({ method: 'home_visit' });
    expect(said('刘有才屋里去的 没风险 政策了解')[0]).toMatchObject({ method: 'home_visit' });
  });

  it('户主 and 在家 are no names', () => {
    expect(read('马有福家入户 无风险 同时向户主宣传了政策').reports.map((r) => r.names.map((n) => n.said))).toEqual([['马有福']]);
    expect(read('马有福家入户 马小军毕业在家考公 无风险 政策了解').reports.flatMap((r) => r.names.map((n) => n.said))).not.toContain('毕业在');
  });

  it('a hardship said to be over beside 无风险 is 备注; one not over, or told after 无风险, is asked', () => {
    for (const t of ['王在田家入户 刘翠兰住过院 现在好了 无风险 政策了解', '王在田家入户 刘翠兰前年中风 现在恢复了 能干点轻活 无风险 政策知道',
      '马有福家入户 马小军上大学 学费贷款办了 没风险 政策知道', '张静家入户 冰雹把玉米打了 损失两千来块 问题不大 没风险 政策知道']) {
      const r = read(t).reports[0];
      expect(r?.risk, t).toBe(false);
      expect(r?.remark, t).toBeTruthy();
    }
    for (const t of ['马有福家入户 张秀英住过院 无风险 政策了解', '马有福家入户 无风险 政策了解 张秀英前两天住院了', '马有福家入户 张秀英住过院 现在好了 但是又查出来癌症 无风险 政策了解',
      '王在田家入户 刘翠兰中风了 恢复得不好 无风险 政策了解', '王在田家入户 刘翠兰腿摔断了 还不能干活了 无风险 政策了解']) {
      expect(read(t).reports[0]?.risk, t).toBeUndefined();
    }
  });

  it('support and means said beside 无风险 settle what they follow (有养老金 有医保, 有奖学金, 身体还行, 没啥负担); without them it is asked', () => {
    for (const t of ['李和平家入户 老两口都七十多了 有养老金 有医保 没风险 政策知道', '乔振华家入户 乔丽在读研究生 有奖学金 无风险 政策了解',
      '白秀兰家入户 一个人住 身体还行 无风险 政策了解', '高志明家入户 没风险 政策知道 两个娃都上学呢 也没啥负担']) {
      const r = read(t).reports[0];
      expect(r?.risk, t).toBe(false);
      expect(r?.remark, t).toBeTruthy();
    }
    // …but never an illness or a cost: 有医保 beside 住院 自付一万多 is still asked.
    for (const t of ['李和平家入户 老两口都七十多了 没风险 政策知道', '高志明家入户 没风险 政策知道 两个娃都上学呢', '白秀兰家入户 一个人住 身体不行 无风险 政策了解',
      '李和平家入户 高兰英住院了 自付一万多 有医保 无风险 政策知道']) {
      expect(read(t).reports[0]?.risk, t).toBeUndefined();
    }
  });

  it('“哦 是李和平家 不是王在田家” after a report takes the household back: one report, of 李和平', () => {
    expect(said('王在田家入户 无风险 政策了解 哦 是李和平家 不是王在田家').map((r) => r.names)).toEqual([['李和平']]);
  });

  it('a hardship judged no difficulty beside 无风险 (有点咳嗽 没啥大事, 常年吃药 不算啥困难) is 备注', () => {
    for (const t of ['王在田家入户 无风险 政策了解 刘翠兰有点咳嗽 没啥大事', '王在田家入户 刘翠兰高血压常年吃药 不算啥困难 无风险 政策了解']) {
      const r = read(t).reports[0];
      expect(r?.risk, t).toBe(false);
      expect(r?.remark, t).toBeTruthy();
    }
  });
});


describe('one household of several with a risk, the others without (“除了王在田家有风险 其他都没有”)', () => {
  it.each([
    '马有福、刘有才、王在田三户都入户了 除了王在田家有风险 其他都没有 政策都知道',
    '马有福 刘有才 王在田 都上门了 除了王在田家有风险 其他都没有',
    '入户了马有福 刘有才 王在田 除王在田有风险外 其余都没风险',
    '马有福 刘有才 王在田都入户了，只有王在田家有风险，别的都没有',
  ])('%s: 王在田 has the risk (its detail asked), the others none', (t) => {
    const reports = read(t).reports;
    const risky = reports.filter((r) => r.risk === true);
    expect(risky.map((r) => r.names.map((n) => n.said))).toEqual([['王在田']]);
    expect(risky[0]?.riskDetail).toBeUndefined();
    expect(reports.filter((r) => r.risk === false).flatMap((r) => r.names.map((n) => n.said))).toEqual(['马有福', '刘有才']);
    expect(reports.every((r) => r.method === 'home_visit' && r.conflicts.length === 0)).toBe(true);
  });

  it('a detail said with the risk is kept', () => {
    const reports = read('马有福 刘有才 王在田都入户了 除了王在田家有风险 其他都没有 王在田家老人住院了');
    expect(reports.reports.find((r) => r.risk === true)?.names.map((n) => n.said)).toEqual(['王在田']);
    expect(reports.reports.filter((r) => r.risk === true)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { declareFlow } from '../../../src/flows/farmer/declare.js';
import { readWhose } from '../../../src/flows/farmer/declaration.js';
import type { Input } from '../../../src/flows/types.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, gridWorker, HOUSEHOLD, LIUQI, nudge, placementOf, SUNBA, T0, text, V_GJB, V_LSJ, V_LSJ2, WANGWU } from './fixtures.js';

const click = (menuId: string, label = ''): Input => ({ type: 'text', text: label, menuId });
const setup = (o: Parameters<typeof fakeData>[1] = {}) => ({ actor: farmer, now: T0, data: fakeData(farmer, o) });
const confirmMenu = (head: RegExp) => ({
  type: 'menu',
  head: expect.stringMatching(head),
  items: [
    { id: 'declare:yes', label: '对，提交' },
    { id: 'declare:fix', label: '有要改的' },
  ],
  tail: '也可以直接发要改的内容，比如“电话13912345678”；发“取消”就不报了。',
});
const ASK_NAME = '请问申报人叫什么名字？';
const ASK_ID = '请发申报人的身份证号（18位）；不方便的话发后4位也行，实在没有就回“没有”。';
const ASK_PHONE = '留个手机号吧，方便网格员联系您；不方便就回“没有”。';
const ASK_VILLAGE = '您家在哪个镇、哪个村？（比如：高家堡镇凉水井村）';

describe('农户自主申报 transcripts', () => {
  it('“俺家老汉住院了花了三万多咋办”: village from the poster, full-width ID, a corrected phone, a lead for the matched household', async () => {
    const notice = [
      '【农户自主申报】编号SB1',
      '申报人：张三（身份证6108**********1234，电话139****5678）',
      '地址：高家堡镇凉水井村',
      '户籍：匹配到户主张三家（户编号H0007）',
      '困难：因病（住院）；金额：三万多（因病）',
      '农户原话：“俺家老汉住院了花了三万多咋办”',
      '疑似突发严重困难，可先行救助。',
      '请在3天内入户核查，5月24日前完成认定（15天）。',
    ].join('\n');
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '俺家老汉住院了花了三万多咋办', status: 'waiting', state: { node: 'name' }, replies: [text(`记下了：因病。\n${ASK_NAME}`)], timers: [nudge(T0), { type: 'timer', key: 'handoff', dueAt: T0 + 86_400_000 }] },
      { say: '我叫张三', status: 'waiting', state: { node: 'id' }, replies: [text(ASK_ID)] },
      { say: '６１０８２１１９８００１０１１２３４', status: 'waiting', state: { node: 'phone' }, replies: [text(`好的，身份证号6108**********1234。\n${ASK_PHONE}`)] },
      {
        say: '13812345678',
        status: 'waiting',
        state: { node: 'confirm' },
        replies: [confirmMenu(/^好的，电话138\*\*\*\*5678。\n请核对您的申报：\n申报人：张三\n身份证：6108\*{10}1234\n电话：138\*{4}5678\n地址：高家堡镇凉水井村\n困难：因病（住院）\n金额：三万多（因病）\n您说的：“俺家老汉住院了花了三万多咋办”\n以上对吗？$/)],
      },
      { say: '电话错了，是13912345678', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^已改好。\n请核对您的申报：[\s\S]*电话：139\*{4}5678\n/)] },
      {
        say: '确认',
        status: 'done',
        commands: [
          {
            kind: 'farmer.declare', ref: 'SB1', name: '张三', idNumber: '610821198001011234', idTail: '1234', phone: '13912345678', placement: placementOf(V_LSJ), householdId: HOUSEHOLD.id,
            words: ['俺家老汉住院了花了三万多咋办'], risks: [{ riskType: 'illness', evidence: ['住院'] }], amounts: [{ value: 30000, text: '三万多', kind: 'cost', riskType: 'illness' }],
            suddenHardship: true, workers: [WANGWU, LIUQI], openKfId: 'wkVillage',
          },
        ],
        sends: [
          { to: { channel: 'app', id: 'wangwu' }, reply: { type: 'text', text: notice } },
          { to: { channel: 'app', id: 'liuqi' }, reply: { type: 'text', text: notice } },
        ],
        replies: [text('已提交！申报编号：SB1。\n网格员王五会在3天内上门核实，村里评议、公示后，15天内（5月24日前）给出认定结果。\n想知道办到哪一步，随时发“查询进度”。')],
        timers: [{ type: 'cancelTimer', key: 'nudge' }, { type: 'cancelTimer', key: 'handoff' }],
      },
    ]);
  });

  it('“娃上大学学费交不起” from the menu: ID tail only, no phone, an ambiguous village chosen by number; unknown household is a lead too', async () => {
    await replay(declareFlow, setup(), [
      { input: click('declare', '申报困难'), status: 'waiting', state: { node: 'story' }, replies: [text(/^好的，帮您登记困难。\n请用一两句话说说家里遇到了什么困难/)] },
      { say: '娃上大学学费交不起', status: 'waiting', state: { node: 'name' }, replies: [text(`记下了：因学。\n${ASK_NAME}`)] },
      { say: '李四', status: 'waiting', state: { node: 'id' } },
      { say: '身份证后四位1234', status: 'waiting', state: { node: 'phone' }, replies: [text(`好的，身份证后4位1234。\n${ASK_PHONE}`)] },
      { say: '没有', status: 'waiting', state: { node: 'village' }, replies: [text(`好的，不留电话也行。\n${ASK_VILLAGE}`)] },
      {
        say: '凉水井',
        status: 'waiting',
        state: { node: 'village', data: expect.objectContaining({ offered: [V_LSJ, V_LSJ2] }) },
        replies: [{ type: 'menu', head: '有几个村名字相近，请问是哪一个？', items: [{ id: `v:${V_LSJ}`, label: '高家堡镇凉水井村' }, { id: `v:${V_LSJ2}`, label: '店塔镇凉水井村' }], tail: '点选一个，或回复序号；都不是请直接说村名。' }],
      },
      { say: '2', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^好的，店塔镇凉水井村。\n[\s\S]*身份证：后4位1234\n电话：未提供\n地址：店塔镇凉水井村\n困难：因学（上大学、学费）\n/)] },
      {
        input: click('declare:yes', '对，提交'),
        status: 'done',
        commands: [expect.objectContaining({ kind: 'farmer.declare', name: '李四', idNumber: null, idTail: '1234', phone: null, householdId: null, placement: placementOf(V_LSJ2), suddenHardship: false, workers: [SUNBA] })],
        sends: [{ to: { channel: 'app', id: 'sunba' }, reply: text(/^【农户自主申报】编号SB1\n申报人：李四（身份证后4位1234，电话未提供）\n地址：店塔镇凉水井村\n户籍：未匹配到登记户，请入户核实/) }],
        replies: [text(/^已提交！申报编号：SB1。\n网格员孙八会在3天内上门核实/)],
      },
    ]);
  });

  it('“房子裂了个大缝”: a wrong ID checksum is asked again and nothing already said is lost', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '房子裂了个大缝，下雨就漏', status: 'waiting', state: { node: 'name' }, replies: [text(/^记下了：因安全住房。/)] },
      { say: '王秀兰', status: 'waiting', state: { node: 'id' } },
      {
        say: '61082119800101123X',
        status: 'waiting',
        state: { node: 'id', data: expect.objectContaining({ words: ['房子裂了个大缝，下雨就漏'], name: '王秀兰', idNumber: null }) },
        replies: [text('身份证号校验位不对（可能有数字录错）：6108**********123X。请再核对一下重新发；也可以只发后4位，或回“没有”。')],
      },
      { say: '610821 1980 0101 1234', status: 'waiting', state: { node: 'phone', data: expect.objectContaining({ idNumber: '610821198001011234', name: '王秀兰' }) } },
      { say: '手机1381234567', status: 'waiting', state: { node: 'phone' }, replies: [text(/^手机号应为11位，“138\*\*\*4567”是10位，请再核对一下。不方便留电话就回“没有”。$/)] },
      { say: '138 1234 5678', status: 'waiting', state: { node: 'confirm' } },
    ]);
  });

  it('“家里的羊死了一大半”: a farmer who cannot give the ID at all is accepted', async () => {
    await replay(declareFlow, setup(), [
      { say: '家里的羊死了一大半', status: 'waiting', state: { node: 'name' }, replies: [text(/^记下了：因产业项目失败。/)] },
      { say: '俺叫刘老四', status: 'waiting', state: { node: 'id' } },
      { say: '记不得了', status: 'waiting', state: { node: 'phone', data: expect.objectContaining({ idSkipped: true, idTail: null }) }, replies: [text(`没关系，网格员上门时再核对。\n${ASK_PHONE}`)] },
      { say: '不方便', status: 'waiting', state: { node: 'village' } },
      { say: '高家堡村', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/身份证：未提供\n电话：未提供\n地址：高家堡镇高家堡村\n/)] },
      {
        say: '对的',
        status: 'done',
        commands: [expect.objectContaining({ name: '刘老四', idNumber: null, idTail: null, householdId: null, placement: placementOf(V_GJB), workers: [] })],
        sends: [],
        // Nobody on the roster covers the village yet: the promise still stands, without a name.
        replies: [text(/^已提交！申报编号：SB1。\n村里的网格员会在3天内上门核实/)],
      },
    ]);
  });

  it('details said in passing are taken; a story told twice without a known risk is kept as 其他', async () => {
    await replay(declareFlow, setup(), [
      { say: '你好，我是张三，电话13812345678，凉水井村的，俺家这日子过不下去了', status: 'waiting', state: { node: 'story', data: expect.objectContaining({ name: '张三', phone: '13812345678', villageCode: null }) }, replies: [text(/^好的，电话138\*\*\*\*5678。\n能再具体说说吗？/)] },
      { say: '就是难', status: 'waiting', state: { node: 'id', data: expect.objectContaining({ risks: [{ riskType: 'other', evidence: [], remark: expect.stringContaining('日子过不下去了') }] }) }, replies: [text(`记下了，网格员上门时会详细了解。\n${ASK_ID}`)] },
    ]);
  });

  it('a correction through the menu: change the name, then the village by clicking', async () => {
    const d = setup({ profile: { entryVillage: V_LSJ } });
    await replay(declareFlow, d, [
      { say: '孩子上学交不起学费', status: 'waiting', state: { node: 'name' } },
      { say: '张三', status: 'waiting', state: { node: 'id' } },
      { say: '1234', status: 'waiting', state: { node: 'phone' } },
      { say: '没有', status: 'waiting', state: { node: 'confirm' } },
      { input: click('declare:fix', '有要改的'), status: 'waiting', state: { node: 'fix' }, replies: [expect.objectContaining({ type: 'menu', head: '要改哪一项？', items: expect.arrayContaining([{ id: 'fix:name', label: '姓名' }]) })] },
      { input: click('fix:name', '姓名'), status: 'waiting', state: { node: 'name', data: expect.objectContaining({ name: null, idTail: '1234' }) }, replies: [text(ASK_NAME)] },
      { say: '李秀英', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/申报人：李秀英\n/)] },
      { say: '地址不对', status: 'waiting', state: { node: 'village', data: expect.objectContaining({ villageCode: null }) }, replies: [text(ASK_VILLAGE)] },
      { input: click(`v:${V_LSJ2}`, '店塔镇凉水井村'), status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/地址：店塔镇凉水井村\n/)] },
      { say: '还有老伴腿摔断了', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^已补充。\n[\s\S]*困难：因学（上学、学费）；因意外事故（摔断）/)] },
      { say: '名字应该是张三', status: 'waiting', state: { node: 'confirm', data: expect.objectContaining({ name: '张三' }) }, replies: [confirmMenu(/^已改好。\n[\s\S]*申报人：张三\n/)] },
    ]);
  });

  it('wrong answers are asked again with a reason; a voice message, a re-entry and the reminder keep the question', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '我要申报', status: 'waiting', state: { node: 'story' }, replies: [text(/^好的，帮您登记困难（高家堡镇凉水井村）。\n请用一两句话说说/)] },
      { say: '俺家老汉住院了', status: 'waiting', state: { node: 'name' } },
      { say: '不知道咋说', status: 'waiting', state: { node: 'name' }, replies: [text(`没看清名字，请只发申报人的姓名，比如：张三。\n${ASK_NAME}`)] },
      { input: { type: 'file', msgType: 'voice', mediaId: 'm1' }, status: 'waiting', state: { node: 'name' }, replies: [text(`这里暂时只能看懂文字，语音和图片请等网格员上门时再说。请用文字回答：\n${ASK_NAME}`)] },
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ }, status: 'waiting', state: { node: 'name' }, replies: [text(`您的申报还没办完，接着来：\n${ASK_NAME}`)] },
      { input: { type: 'timeout', key: 'nudge' }, after: 10 * 60_000, status: 'waiting', state: { node: 'name', waitingSince: T0 }, replies: [text(`您的申报还没提交，还差一步：\n${ASK_NAME}`)], timers: [] },
      { say: '张三', status: 'waiting', state: { node: 'id' } },
      { say: '老伴的腿也摔断了', status: 'waiting', state: { node: 'id', data: expect.objectContaining({ words: ['俺家老汉住院了', '老伴的腿也摔断了'] }) }, replies: [text(`已补充。\n${ASK_ID}`)] },
      { say: '12345', status: 'waiting', state: { node: 'id' }, replies: [text('没看懂，请发18位身份证号，或者身份证后4位；没有就回“没有”。')] },
      { say: '没有', status: 'waiting', state: { node: 'phone' } },
      { say: '电话', status: 'waiting', state: { node: 'phone' }, replies: [text('没看懂，请发11位手机号；不方便就回“没有”。')] },
      { say: '13812345678', status: 'waiting', state: { node: 'confirm' } },
      { say: '嗯嗯好的吧那个', status: 'waiting', state: { node: 'confirm' }, replies: [confirmMenu(/^没看懂。都对就回“对”或“提交”；要改就说改哪项，比如“电话改成13912345678”“改地址”。\n请核对您的申报：/)] },
    ]);
  });

  it('a village the farmer names badly is asked for again; a town narrows it to its villages', async () => {
    await replay(declareFlow, setup(), [
      { say: '遭了冰雹，玉米全砸了', status: 'waiting', state: { node: 'name' }, replies: [text(/^记下了：因自然灾害。/)] },
      { say: '张三', status: 'waiting' },
      { say: '没有', status: 'waiting' },
      { say: '没有', status: 'waiting', state: { node: 'village' } },
      { say: '北京朝阳', status: 'waiting', state: { node: 'village' }, replies: [text('没找到“北京朝阳”。请说镇（街道）和村的名字，比如：高家堡镇凉水井村。')] },
      { say: '高家堡镇', status: 'waiting', state: { node: 'village', data: expect.objectContaining({ offered: [V_LSJ, V_GJB] }) }, replies: [expect.objectContaining({ type: 'menu', items: [{ id: `v:${V_LSJ}`, label: '高家堡镇凉水井村' }, { id: `v:${V_GJB}`, label: '高家堡镇高家堡村' }] })] },
      { say: '1', status: 'waiting', state: { node: 'confirm', data: expect.objectContaining({ villageCode: V_LSJ, offered: [] }) } },
    ]);
  });

  it('starts only for farmers with an account of hardship, a request to declare, or the menu click', async () => {
    await replay(declareFlow, { actor: gridWorker, now: T0, data: fakeData(gridWorker) }, [{ say: '儿子住院了', status: 'not-matched' }]);
    await replay(declareFlow, setup(), [
      { say: '今天天气不错', status: 'not-matched' },
      { say: '我的申报到哪一步了', status: 'not-matched' },
      { input: click('progress', '查询进度'), status: 'not-matched' },
      { say: '有困难', status: 'waiting', state: { node: 'story' } },
    ]);
  });
});

describe('a shop closed: whose it was is asked when the words do not tell', () => {
  const risksOf = (types: string[]) => expect.objectContaining({ risks: types.map((riskType) => expect.objectContaining({ riskType })) });
  const ASK_WHOSE = '您说的“饭店关门”：这个饭店是您家自己开的，还是家里人在饭店打工？请回复“自己开的”或“打工”。';

  it.each([
    ['自己开的', 'own'], ['是俺家的', 'own'], ['俺们两口子开的', 'own'], ['自家的 开了五六年了', 'own'], ['俺开的 本钱都赔进去了', 'own'], ['做生意的', 'own'],
    ['打工', 'wage'], ['俺在里头洗碗', 'wage'], ['不是俺家的 俺在那上班', 'wage'], ['人家开的 俺男人在里头当厨师', 'wage'], ['老板家的', 'wage'], ['给人家干活', 'wage'], ['挣工资的', 'wage'],
    ['嗯', null], ['是', null], ['说不清', null], ['你们来看看就知道了', null],
  ])('whose it was, answered: %s → %s', (said, whose) => {
    expect(readWhose(said)).toBe(whose);
  });

  it('饭店关门了 → asked; 在里头打工 → 因务工就业不稳, then the name', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '饭店关门了', status: 'waiting', state: { node: 'whose', data: expect.objectContaining({ risks: [] }) }, replies: [text(ASK_WHOSE)] },
      { say: '俺两口子都在里头打工', status: 'waiting', state: { node: 'name', data: risksOf(['unstable_employment']) }, replies: [text(`记下了：因务工就业不稳。\n${ASK_NAME}`)] },
    ]);
  });

  it('自己开的 → 因产业项目失败; a hardship said with it is kept and said first', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '超市关门了 老汉还住院了', status: 'waiting', state: { node: 'whose', data: risksOf(['illness']) }, replies: [text('记下了：因病。\n您说的“超市关门”：这个超市是您家自己开的，还是家里人在超市打工？请回复“自己开的”或“打工”。')] },
      { say: '是俺家自己开的 赔了不少', status: 'waiting', state: { node: 'name', data: risksOf(['illness', 'industry_failure']) }, replies: [text(`记下了：因病、因产业项目失败。\n${ASK_NAME}`)] },
    ]);
  });

  it('an answer not understood is asked once more, then left to the grid worker (the words kept as 其他)', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '饭店关门了', status: 'waiting', state: { node: 'whose' } },
      { say: '嗯', status: 'waiting', state: { node: 'whose' }, replies: [text(`没看懂。\n${ASK_WHOSE}`)] },
      { say: '不知道咋说', status: 'waiting', state: { node: 'name', data: expect.objectContaining({ whose: [], risks: [expect.objectContaining({ riskType: 'other', remark: '饭店关门了' })] }) }, replies: [text(`好的，这个情况网格员上门时再细问。\n记下了，网格员上门时会详细了解。\n${ASK_NAME}`)] },
    ]);
  });

  it('the words tell whose: nothing asked (在饭店当服务员, 俺家开的小卖部)', async () => {
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '婆姨在饭店当服务员 饭店倒闭了 娃还在念书', status: 'waiting', state: { node: 'name', data: risksOf(['unstable_employment', 'schooling']) } },
    ]);
    await replay(declareFlow, setup({ profile: { entryVillage: V_LSJ } }), [
      { say: '俺家开的小卖部黄了 本钱都赔进去了', status: 'waiting', state: { node: 'name', data: risksOf(['industry_failure']) } },
    ]);
  });
});

describe('a stale or damaged state', () => {
  it('starts over politely instead of failing', async () => {
    const r = await declareFlow.step({ flow: 'farmer/declare', v: 1, node: 'confirm', data: { words: 'not a list' }, waitingSince: T0 }, { type: 'text', text: '确认' }, {
      now: T0, tz: 'Asia/Shanghai', actor: farmer, newId: (p) => `${p}1`, data: fakeData(farmer) as never,
    });
    expect(r.status).toBe('waiting');
    expect(r.status === 'waiting' && r.state.node).toBe('story');
    expect(r.effects.some((e) => e.type === 'command')).toBe(false);
  });
});

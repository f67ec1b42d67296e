/**
 * The farmer's conversation as a whole, through the router and the registry: a confirmation
 * that confirms, questions answered mid-declaration with the question asked again, answers that
 * do not fit not stored, typed menu numbers, courtesy words, a typo, policy questions that never
 * start a declaration, a draft kept and handed to the grid worker, a retelling joined to the open
 * declaration, a 低保 request passed on, a bound farmer not asked their name.
 */
import { describe, expect, it } from 'vitest';
import { FARMER_MENU } from '../../../src/flows/help.js';
import type { DeclarationProgress } from '../../../src/flows/farmer/data.js';
import { chat, talk } from './chat.js';
import { HOUSEHOLD, V_LSJ } from './fixtures.js';

const entered = { profile: { entryVillage: V_LSJ } };
const DAY = 86_400_000;
const OPEN: DeclarationProgress = { ref: 'SB9', declaredOn: '2022-05-02', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', stage: { kind: 'received' }, deadline: '2022-05-17', handler: { name: '王五', role: 'grid_worker' } };

/** A declaration up to the summary ("以上对吗？"). */
async function atSummary() {
  const c = chat(entered);
  await c.say('俺家老汉住院了花了三万多');
  await c.say('张三');
  await c.say('没有');
  const last = await c.say('13812345678');
  expect(last.waiting).toBe('farmer/declare:confirm');
  expect(last.read[0]).toMatch(/以上对吗？/);
  return c;
}

describe('confirmation that confirms', () => {
  it.each(['对', '没有', '没问题', '可以', '提交', '都对', '好了', '不用改', '对，提交', '没有，都对', '不用改了，提交'])('“%s” at “以上对吗？” submits', async (word) => {
    const c = await atSummary();
    const r = await c.say(word);
    expect(r.commands.map((x) => x.kind)).toEqual(['farmer.declare']);
    expect(r.commands[0]).toMatchObject({ name: '张三', phone: '13812345678', words: ['俺家老汉住院了花了三万多'] });
    expect(r.read[0]).toMatch(/^已提交！申报编号：SB\d+。/);
    expect(r.waiting).toBeNull();
  });

  it('the menu of fields has “不用改，提交”; typed “1” picks it; words submit there too', async () => {
    const c = await atSummary();
    const menu = await c.say('不对');
    expect(menu.menus[0]?.items[0]).toEqual({ id: 'declare:yes', label: '不用改，提交' });
    expect(menu.waiting).toBe('farmer/declare:fix');
    expect((await c.say('1')).commands.map((x) => x.kind)).toEqual(['farmer.declare']);
    const d = await atSummary();
    await d.say('有要改的');
    expect((await d.say('好了')).commands.map((x) => x.kind)).toEqual(['farmer.declare']);
  });

  it('a change is named (“电话改成…”, “改地址”) and only “取消” cancels', async () => {
    const c = await atSummary();
    const phone = await c.say('电话改成13912345678');
    expect(phone.read[0]).toMatch(/^已改好。\n[\s\S]*电话：139\*\*\*\*5678/);
    const where = await c.say('改地址');
    expect(where.waiting).toBe('farmer/declare:village');
    await c.say('高家堡镇凉水井村');
    const sure = await c.say('不不不');
    expect(sure.commands).toEqual([]);
    expect(sure.waiting).toMatch(/^farmer\/declare:(?:fix|confirm)$/);
    const left = await c.say('取消');
    expect(left.read).toEqual(['已退出「申报困难」。']);
    expect(left.commands).toEqual([]);
  });
});

describe('questions inside the declaration', () => {
  it('a question mid-flow is answered, then the question is asked again with one line saying so', async () => {
    const [, asked] = await talk(['娃上大学学费交不起', '这个要多久'], entered);
    expect(asked!.read[0]).toMatch(/^申报后网格员3天内上门核实/);
    expect(asked!.read[1]).toBe('接着刚才的「申报困难」：\n记下了：因学。\n请问申报人叫什么名字？');
    expect(asked!.waiting).toBe('farmer/declare:name');
  });

  it('the first question says how to leave; later ones do not repeat it', async () => {
    const [first, second] = await talk(['我要申报', '房子裂了个大缝'], entered);
    expect(first!.read[0]).toMatch(/（回复“取消”可退出）$/);
    expect(second!.read[0]).not.toMatch(/取消/);
  });

  it('an amount where a name is asked is not stored: what is expected, with an example', async () => {
    const c = chat(entered);
    await c.say('俺家老汉住院了');
    const r = await c.say('五万');
    expect(r.read).toEqual(['这里要填的是申报人的姓名，比如：张三。花了多少钱已经记下了，网格员上门时还会细问。\n请问申报人叫什么名字？']);
    expect(r.waiting).toBe('farmer/declare:name');
    const named = await c.say('张三');
    expect(named.waiting).toBe('farmer/declare:id');
  });

  it('a question nobody answers here is kept for the grid worker and the question asked again', async () => {
    const c = chat(entered);
    await c.say('俺家老汉住院了');
    await c.say('张三');
    const r = await c.say('身份证丢了还能补办不？');
    expect(r.read[0]).toMatch(/^您问的“身份证丢了还能补办不？”记下了，会转给网格员，他上门时当面给您解答。\n请发申报人的身份证号/);
    await c.say('没有');
    await c.say('没有');
    const done = await c.say('对');
    expect(done.sends[0]?.text).toMatch(/农户问：“身份证丢了还能补办不？”，请上门时解答。/);
  });
});

describe('nothing a farmer said is lost', () => {
  it('a draft is kept past 30 minutes and resumed with “俺回来了，刚才说到哪了”', async () => {
    const c = chat(entered);
    await c.say('俺家老汉住院了花了三万多');
    const back = await c.say({ after: 3 * 3_600_000, input: '俺回来了，刚才说到哪了' });
    expect(back.read).toEqual(['您正在「申报困难」中：', '记下了：因病。\n请问申报人叫什么名字？']);
    expect(back.waiting).toBe('farmer/declare:name');
  });

  it('after a day unfinished, what was said reaches the grid worker and the cadre as “农户未完成申报”; the farmer can still finish', async () => {
    const c = chat(entered);
    await c.say('老伴腿摔断了，干不了活');
    await c.say('李秀英');
    const handed = await c.fire('handoff', 'farmer/declare', DAY);
    expect(handed.sends.map((s) => s.to)).toEqual(['wangwu', 'liuqi']);
    expect(handed.sends[0]!.text).toMatch(/^【农户未完成申报】（未经农户确认，请电话或上门核实）\n申报人：李秀英[\s\S]*农户原话：“老伴腿摔断了，干不了活”/);
    expect(handed.commands).toEqual([expect.objectContaining({ kind: 'farmer.unfinished', villageCode: V_LSJ, words: ['老伴腿摔断了，干不了活'] })]);
    expect(handed.read[0]).toMatch(/^您的申报还没填完。为了不耽误，已先把您说的情况转给网格员王五，他会联系您。想接着填，回答下面的问题就行：\n请发申报人的身份证号/);
    expect(handed.waiting).toBe('farmer/declare:id');
    // It goes only once, and the farmer carries on.
    expect((await c.fire('handoff')).sends).toEqual([]);
    expect((await c.say('继续')).read[1]).toMatch(/请发申报人的身份证号/);
  });

  it('a retelling while a declaration is open joins it: no second lead, the farmer told so', async () => {
    const [r] = await talk(['老汉又住院了，又花了两万'], { ...entered, declarations: [OPEN] });
    expect(r!.commands.map((x) => x.kind)).toEqual(['farmer.add_to_declaration']);
    expect(r!.commands[0]).toMatchObject({ ref: 'SB9', words: ['老汉又住院了，又花了两万'] });
    expect(r!.read[0]).toMatch(/^这件事已经补充到您5月2日的申报（编号SB9）里了，不用重新申报，也不重新计时；网格员会一并核实。/);
    expect(r!.sends.map((s) => s.to)).toEqual(['wangwu', 'liuqi']);
    expect(r!.sends[0]!.text).toMatch(/^【农户补充申报情况】编号SB9[\s\S]*已并入原申报，不另立线索，认定时限不变。$/);
  });

  it('a 低保 request in the account is acknowledged and passed on with the declaration', async () => {
    const c = chat(entered);
    const r = await c.say('老伴瘫在炕上干不了活，想申请低保');
    expect(r.read[0]).toMatch(/您想申请低保或救助，也记下了，会一并转给网格员。/);
    await c.say('李秀英');
    await c.say('没有');
    const sum = await c.say('没有');
    expect(sum.read[0]).toMatch(/申请：低保（已一并转给网格员）/);
    const done = await c.say('提交');
    expect(done.sends[0]!.text).toMatch(/农户提出申请低保或救助，请一并了解、协助申请。/);
  });

  it('a farmer bound to a household is not asked their name again', async () => {
    const c = chat({ profile: { bound: { householdId: HOUSEHOLD.id, villageCode: V_LSJ, headName: '张三', name: '李秀英', idTail: '234X' } } });
    const r = await c.say('家里房子漏雨了');
    expect(r.waiting).toBe('farmer/declare:phone');
    const sum = await c.say('没有');
    expect(sum.read[0]).toMatch(/申报人：李秀英\n身份证：后4位234X/);
  });
});

describe('menus, courtesy words, typos', () => {
  it('typed numbers pick the farmer’s menu items; one out of range says the range', async () => {
    const c = chat(entered);
    expect((await c.say('1')).waiting).toBe('farmer/declare:story');
    await c.say('取消');
    const policy = await c.say('3');
    expect(policy.menus[0]?.head).toBe('想了解哪方面的政策？请点选：');
    const topic = await c.say('二');
    expect(topic.read[0]).toMatch(/^所有农户都可以申报/);
    expect((await c.say('9')).read).toEqual(['没有第9项，请回复1到5之间的数字。']);
  });

  it.each([
    ['谢谢', '不客气！有事随时说。'],
    ['好的', '好的。有事随时说。'],
    ['在吗', '在的，请说。想看能办的事，发送“帮助”。'],
    ['收到', '好的。有事随时说。'],
    ['辛苦了', '您也辛苦了！有事随时说。'],
  ])('“%s” gets one line, not the menu', async (word, line) => {
    const [r] = await talk([word], entered);
    expect(r!.read).toEqual([line]);
  });

  it('a one-character typo of a menu item (“申保困难”) is understood', async () => {
    const [r] = await talk(['申保困难'], entered);
    expect(r!.waiting).toBe('farmer/declare:story');
  });
});

describe('policy answers for farmers', () => {
  it('“监测户是啥意思” is answered, not the welcome menu; each answer ends with what to do next', async () => {
    const [r] = await talk(['监测户是啥意思'], entered);
    expect(r!.read[0]).toMatch(/^防止返贫监测[\s\S]*“监测户”（监测对象）[\s\S]*想找人问，发“找网格员”。$/);
    expect(r!.menus).toEqual([]);
  });

  it.each(['申报要花钱不', '低保咋办', '谁能申报', '申报了要等多久'])('“%s” is answered and starts no declaration', async (q) => {
    const [r] = await talk([q], entered);
    expect(r!.waiting).toBeNull();
    expect(r!.commands).toEqual([]);
    expect(r!.read[0]).not.toBe(FARMER_MENU.head);
  });

  it('“低保咋办” is passed on to the grid worker', async () => {
    const [r] = await talk(['低保咋办'], entered);
    expect(r!.sends.map((s) => s.to)).toEqual(['wangwu', 'liuqi']);
    expect(r!.read[0]).toMatch(/已经转告网格员王五，电话13900001111/);
  });

  it('the line of a year not yet published is said honestly', async () => {
    const [r] = await talk(['今年的标准是多少'], { ...entered, lines: [{ year: 2021, line: 6000 }] });
    expect(r!.read[0]).toMatch(/^2022年的标准省里还没公布，2021年是每人每年6000元；新标准公布后按新的执行。/);
  });

  it('a question it cannot answer goes to the grid worker', async () => {
    const [r] = await talk(['俺家的地被占了给补偿不？'], entered);
    expect(r!.read[0]).toMatch(/^这个问题我答不准/);
    expect(r!.sends.map((s) => s.to)).toEqual(['wangwu', 'liuqi']);
  });
});

/**
 * A farmer's answers as they come in a conversation, through the router and the registry: the
 * ID pasted with the name, a phone said digit by digit in words, an earlier answer corrected
 * while another question waits, “重来” to start over, “返回” from the menu of fields, an operation
 * or a large sum spent told without other hardship words, and the name and ID of a binding in one
 * message.
 */
import { describe, expect, it } from 'vitest';
import { chat } from './chat.js';
import { V_GJB, V_LSJ } from './fixtures.js';

const entered = { profile: { entryVillage: V_LSJ } };

describe('a farmer’s answers in a conversation', () => {
  it('the ID pasted with the name (“杨秀英 6108…”): both kept, the phone asked next', async () => {
    const c = chat(entered);
    await c.say('老伴腿摔断了，干不了活');
    const r = await c.say('杨秀英 610821197508233974');
    expect(r.waiting).toBe('farmer/declare:phone');
    await c.say('没有');
    const done = await c.say('对');
    expect(done.commands[0]).toMatchObject({ kind: 'farmer.declare', name: '杨秀英', idNumber: '610821197508233974' });
  });

  it.each([
    ['一三八零零一二三四五六', '13800123456'],
    ['幺三九 一二三四 五六七八', '13912345678'],
  ])('a phone said in digit words (“%s”) is the phone', async (said, phone) => {
    const c = chat(entered);
    await c.say('房子裂了 一下雨就漏');
    await c.say('刘翠兰');
    await c.say('没有');
    const r = await c.say(said);
    expect(r.waiting).toBe('farmer/declare:confirm');
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.declare', phone });
  });

  it('“刚才名字写错了，应该是郝强” while the phone is asked: the name corrected, the phone asked again', async () => {
    const c = chat(entered);
    await c.say('儿子在工地上摔伤了 住院花了两万');
    await c.say('郝墙');
    await c.say('610821197103055145');
    const r = await c.say('刚才名字写错了，应该是郝强');
    expect(r.read[0]).toMatch(/^已改好。\n留个手机号吧/);
    expect(r.waiting).toBe('farmer/declare:phone');
    await c.say('没有');
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.declare', name: '郝强' });
  });

  it('“不对，电话是…” while the village is asked corrects the phone', async () => {
    const c = chat();
    await c.say('俺家房子漏雨 墙也裂了');
    await c.say('郭峰');
    await c.say('没有');
    await c.say('13512345678');
    const r = await c.say('不对，电话是13512345679');
    expect(r.waiting).toBe('farmer/declare:village');
    await c.say('高家堡镇凉水井村');
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.declare', phone: '13512345679' });
  });

  it('“重来” drops what was said (the poster’s village stays) and asks for the account again', async () => {
    const c = chat(entered);
    await c.say('老汉住院了');
    await c.say('苏玲');
    const r = await c.say('重来');
    expect(r.waiting).toBe('farmer/declare:story');
    expect(r.read[0]).toMatch(/^好的，刚才说的不算，咱们重新来。/);
    await c.say('家里房子塌了半间');
    await c.say('苏玲');
    await c.say('没有');
    await c.say('没有');
    const done = await c.say('对');
    expect(done.commands[0]).toMatchObject({ kind: 'farmer.declare', words: ['家里房子塌了半间'], risks: [expect.objectContaining({ riskType: 'housing_safety' })], placement: expect.objectContaining({ villageCode: V_LSJ }) });
  });

  it('“返回” at the menu of fields goes back to the summary', async () => {
    const c = chat(entered);
    await c.say('上个月老汉脑梗住院了 花了三千多');
    await c.say('乔振华');
    await c.say('没有');
    await c.say('没有');
    expect((await c.say('有要改的')).waiting).toBe('farmer/declare:fix');
    const back = await c.say('返回');
    expect(back.waiting).toBe('farmer/declare:confirm');
    expect(back.read[0]).toMatch(/^请核对您的申报：/);
  });

  it.each(['孩子他爸做了心脏搭桥 花了八万', '老婆上个月做了手术', '看病花了好几万'])('“%s” starts a declaration (never the menu)', async (said) => {
    const r = await chat(entered).say(said);
    expect(r.waiting).toMatch(/^farmer\/declare:/);
  });

  it('binding: the name and the ID in one message; the ID is not asked again', async () => {
    const c = chat(entered);
    await c.say('绑定我家');
    const r = await c.say('张秀英 610821198501011011');
    expect(r.waiting).toBe('farmer/bind:confirm');
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.request_binding', name: '张秀英', idNumber: '610821198501011011' });
  });

  it.each([
    ['phone', '13812340000 哦不对 是13812340001', { phone: '13812340001' }],
    ['phone', '15000001111 说错了 应该是15000001112', { phone: '15000001112' }],
    ['id', '610821195208173018 不对 是610821196803121233', { idNumber: '610821196803121233' }],
  ])('a mind changed inside the %s answer (“%s”): what follows the turn-back is kept', async (node, said, kept) => {
    const c = chat(entered);
    await c.say('老婆子瘫在床上好几年了 俺也干不动活');
    await c.say('刘福');
    if (node === 'phone') await c.say('610821195208173018');
    const r = await c.say(said);
    expect(r.waiting).toBe(node === 'phone' ? 'farmer/declare:confirm' : 'farmer/declare:phone');
    if (node === 'id') await c.say('没有');
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.declare', ...kept });
  });

  it.each([
    ['the farmer’s own village (“俺是高家堡村的”) where the account is asked outweighs the poster', ['我要申报', '俺是高家堡村的', '羊得病死了十几只 损失一万多'], '高家堡镇高家堡村', V_GJB],
    ['a village in the account (“娃在高家堡村上学”) is no address: the poster’s village stays', ['娃在高家堡村上学 学费交不起'], '高家堡镇凉水井村', V_LSJ],
  ])('%s', async (_, first, address, villageCode) => {
    const c = chat(entered);
    const read: string[] = [];
    for (const t of first) read.push(...(await c.say(t)).read);
    // A village that changes the poster's is said back.
    if (villageCode !== V_LSJ) expect(read.join('\n')).toMatch(/好的，高家堡镇高家堡村。/);
    await c.say('马长青');
    await c.say('没有');
    const summary = await c.say('没有');
    expect(summary.read.join('\n')).toContain(`地址：${address}`);
    expect((await c.say('对')).commands[0]).toMatchObject({ kind: 'farmer.declare', placement: { villageCode } });
  });

  it.each(['俺上个月申报的那个 咋还莫得人来', '报了半个月了 没得人来'])('dialect for 没 (“%s”) is a complaint that nobody came, no new declaration', async (said) => {
    const c = chat(entered);
    const r = await c.say(said);
    expect(r.waiting).toBeNull();
    expect(r.commands[0]).toMatchObject({ kind: 'farmer.ask_person', ask: 'nobody_came' });
  });
});

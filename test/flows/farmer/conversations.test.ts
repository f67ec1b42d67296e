/**
 * Forty-odd whole conversations of farmers who change their minds, ask questions in the middle,
 * pause, correct themselves and ask for a person. For every one: no turn goes unanswered, no
 * question gets the bare menu, the conversation never traps (it ends, or “取消” leaves it), what
 * was said is in what is stored or handed on, and the stored values are the ones last given.
 */
import { describe, expect, it } from 'vitest';
import { FARMER_MENU } from '../../../src/flows/help.js';
import type { DeclarationProgress } from '../../../src/flows/farmer/data.js';
import { chat, type Line, type Said } from './chat.js';
import { HOUSEHOLD, V_LSJ, type FakeOptions } from './fixtures.js';

const DAY = 86_400_000;
const entered: FakeOptions = { profile: { entryVillage: V_LSJ } };
const OPEN: DeclarationProgress = { ref: 'SB9', declaredOn: '2022-05-02', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', stage: { kind: 'received' }, deadline: '2022-05-17', handler: { name: '王五', role: 'grid_worker' } };
const bound: FakeOptions = { profile: { bound: { householdId: HOUSEHOLD.id, villageCode: V_LSJ, headName: '张三', name: '李秀英', idTail: '234X' } } };
const handoff: Line = { after: DAY, input: { type: 'timeout', key: 'f:handoff', payload: { flow: 'farmer/declare', data: null } } };

interface Case {
  name: string;
  lines: Line[];
  o?: FakeOptions;
  /** The command kinds of the whole conversation, in order. */
  kinds: string[];
  /** Fields of the declaration stored (farmer.declare), when one is. */
  declared?: Record<string, unknown>;
  /** Every one of these words must reach a person (a command or a notice). */
  kept?: string[];
  /** Who was told (send recipients, in order, deduplicated). */
  told?: string[];
}

const CASES: Case[] = [
  // Changing one's mind at the summary.
  { name: 'says 没有 at the summary (nothing wrong)', lines: ['儿子住院了花了两万', '张三', '没有', '13812345678', '没有'], o: entered, kinds: ['farmer.declare'], declared: { name: '张三', phone: '13812345678' } },
  { name: 'wants to change, then nothing to change', lines: ['儿子住院了花了两万', '张三', '没有', '没有', '有要改的', '不用改了'], o: entered, kinds: ['farmer.declare'], declared: { name: '张三', phone: null } },
  { name: 'corrects the phone at the summary', lines: ['房子塌了半边', '王二', '没有', '13812345678', '电话改成13987654321', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '王二', phone: '13987654321' } },
  { name: 'corrects the name at the summary', lines: ['房子塌了半边', '王二', '没有', '没有', '名字应该是王二娃', '提交'], o: entered, kinds: ['farmer.declare'], declared: { name: '王二娃' } },
  { name: 'changes the address by name', lines: ['遭了冰雹玉米全砸了', '刘大', '没有', '没有', '改地址', '高家堡村', '都对'], o: entered, kinds: ['farmer.declare'], declared: { placement: expect.objectContaining({ villageCode: '610821101002' }) } },
  { name: 'picks the field to change by typed number', lines: ['遭了冰雹玉米全砸了', '刘大', '没有', '没有', '不对', '5', '13811112222', '好了'], o: entered, kinds: ['farmer.declare'], declared: { phone: '13811112222' } },
  { name: 'adds more of the account at the summary', lines: ['老汉住院了', '张三', '没有', '没有', '娃上学学费也交不起', '可以'], o: entered, kinds: ['farmer.declare'], declared: { words: ['老汉住院了', '娃上学学费也交不起'] } },
  { name: 'gives up at the summary', lines: ['老汉住院了', '张三', '没有', '没有', '算了不报了', '取消'], o: entered, kinds: [] },
  { name: 'retells the whole story', lines: ['老汉住院了', '张三', '没有', '没有', '有要改的', '困难情况', '不是住院，是腿摔断了干不了活', '对，提交'], o: entered, kinds: ['farmer.declare'], declared: { words: ['不是住院，是腿摔断了干不了活'] } },
  { name: 'a wrong ID is asked again and the tail accepted', lines: ['老汉住院了', '张三', '610821198001011235', '1234', '没有', '没问题'], o: entered, kinds: ['farmer.declare'], declared: { idTail: '1234', idNumber: null } },
  // Questions in the middle.
  { name: 'asks what this is while the name is asked', lines: ['老汉住院了花了两万多', '这是干啥的', '张三', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '张三' } },
  { name: 'asks for a moment at the summary, then submits', lines: ['老汉住院了花了两万多', '张三', '没有', '没有', '等一下 我问问我儿子', '好了 提交'], o: entered, kinds: ['farmer.declare'], declared: { name: '张三' } },
  { name: 'asks how long while the name is asked', lines: ['娃上大学学费交不起', '这个要多久', '李四', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '李四' } },
  { name: 'asks whether it costs money', lines: ['娃上大学学费交不起', '李四', '申报要花钱不', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '李四', idTail: null } },
  { name: 'asks what 监测户 means in the middle', lines: ['羊死了一大半', '监测户是啥意思', '赵五', '没有', '没有', '提交'], o: entered, kinds: ['farmer.declare'], declared: { name: '赵五' } },
  { name: 'asks about 低保 in the middle (passed on, declaration kept)', lines: ['老伴瘫在炕上', '低保咋办', '她中风了，看病花了不少', '钱六', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '钱六' }, told: ['wangwu', 'liuqi'] },
  { name: 'asks the year’s line in the middle', lines: ['今年打工的活没了', '今年的标准是多少', '一家人没了收入', '孙七', '没有', '没有', '都对'], o: entered, kinds: ['farmer.declare'], declared: { name: '孙七' } },
  { name: 'asks an unanswerable question at the ID', lines: ['房子漏雨', '周八', '身份证丢了还能补办不？', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '周八' }, kept: ['身份证丢了还能补办不？'] },
  { name: 'gives an amount where the name is asked', lines: ['老汉住院花了五万', '五万', '吴九', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '吴九' } },
  { name: 'asks who can declare before starting', lines: ['谁能申报', '申报困难', '家里遭了水灾', '郑十', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '郑十' } },
  { name: 'says thanks and 在吗 in the middle', lines: ['儿子出车祸了', '谢谢', '在吗', '冯一', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '冯一' } },
  { name: 'asks progress of nothing, then declares', lines: ['我的申报到哪一步了', '俺家房子裂了', '陈二', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '陈二' } },
  // Pausing and coming back.
  { name: 'comes back after three hours with “俺回来了，刚才说到哪了”', lines: ['娃的学费交不起', { after: 3 * 3_600_000, input: '俺回来了，刚才说到哪了' }, '褚三', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '褚三' } },
  { name: 'comes back the next morning with “继续”', lines: ['老汉住院了', '卫四', { after: 20 * 3_600_000, input: '继续' }, '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '卫四' } },
  { name: 'leaves it a day: handed to the grid worker, then finishes', lines: ['老汉住院了', '蒋五', handoff, '没有', '没有', '对'], o: entered, kinds: ['farmer.unfinished', 'farmer.declare'], declared: { name: '蒋五' }, kept: ['老汉住院了'], told: ['wangwu', 'liuqi'] },
  { name: 'leaves it a day and never comes back: the account reaches the grid worker', lines: ['地里的苹果全冻了', '沈六', '13812345678', handoff], o: entered, kinds: ['farmer.unfinished'], kept: ['地里的苹果全冻了'], told: ['wangwu', 'liuqi'] },
  { name: 'interrupts with a binding, cancels it, resumes', lines: ['老汉住院了', { type: 'text', text: '绑定我家', menuId: 'bind' }, '取消', '继续', '韩七', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '韩七' } },
  { name: 'says 好的 at the name: not taken as a name', lines: ['老汉住院了', '好的', '杨八', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '杨八' } },
  { name: 'a voice message in the middle', lines: ['老汉住院了', { type: 'file', msgType: 'voice', mediaId: 'm' }, '朱九', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '朱九' } },
  { name: 'a bound farmer is not asked the name', lines: ['家里房子漏雨了', '没有', '对'], o: bound, kinds: ['farmer.declare'], declared: { name: '李秀英', idTail: '234X' } },
  // Asking for a person.
  { name: 'asks for 人工 in the middle, then finishes', lines: ['老汉住院了', '人工', '秦十', '没有', '没有', '对'], o: entered, kinds: ['farmer.ask_person', 'farmer.declare'], declared: { name: '秦十' }, told: ['wangwu', 'liuqi'] },
  { name: 'cannot type: 俺不识字', lines: ['俺不识字 能打电话不'], o: entered, kinds: ['farmer.ask_person'], kept: ['俺不识字 能打电话不'], told: ['wangwu', 'liuqi'] },
  { name: 'asks who the grid worker is and the phone', lines: ['俺们村网格员是谁，电话多少'], o: entered, kinds: ['farmer.ask_person'], told: ['wangwu', 'liuqi'] },
  { name: 'nobody came about an open declaration', lines: ['俺家那个事咋样了 都半个月了也没人来'], o: { ...entered, declarations: [OPEN] }, kinds: ['farmer.chase'], kept: ['都半个月了也没人来'], told: ['wangwu', 'liuqi'] },
  { name: 'no village known: asked once, then the people', lines: ['人工客服', '高家堡镇凉水井村'], kinds: ['farmer.ask_person'], told: ['wangwu', 'liuqi'] },
  { name: 'asks for a phone at the summary, then submits', lines: ['老汉住院了', '许一', '没有', '没有', '电话多少', '对'], o: entered, kinds: ['farmer.ask_person', 'farmer.declare'], declared: { name: '许一' } },
  { name: 'an unanswerable question goes to a person', lines: ['俺家的地被占了给补偿不？'], o: entered, kinds: ['farmer.ask_person'], kept: ['俺家的地被占了给补偿不？'], told: ['wangwu', 'liuqi'] },
  // Retelling, 低保, menus, courtesy.
  { name: 'retells the open declaration’s hardship: joined', lines: ['老汉又住院了，又花了两万'], o: { ...entered, declarations: [OPEN] }, kinds: ['farmer.add_to_declaration'], kept: ['老汉又住院了，又花了两万'], told: ['wangwu', 'liuqi'] },
  { name: 'asks for 低保 in the account', lines: ['老伴瘫在炕上干不了活，想申请低保', '何二', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '何二' }, kept: ['想申请低保'] },
  { name: 'types menu numbers', lines: ['1', '娃上学交不起学费', '吕三', '没有', '没有', '1'], o: entered, kinds: ['farmer.declare'], declared: { name: '吕三' } },
  { name: 'a typo of the menu item', lines: ['申保困难', '儿子住院了', '施四', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '施四' } },
  { name: 'only courtesy words', lines: ['在吗', '谢谢', '好的', '辛苦了'], o: entered, kinds: [] },
  { name: 'policy questions only', lines: ['申报要花钱不', '低保咋办', '申报了要等多久', '监测户是啥意思'], o: entered, kinds: [], told: ['wangwu', 'liuqi'] },
  { name: 'starts, cancels, starts again', lines: ['老汉住院了', '取消', '房子漏雨', '张五', '没有', '没有', '对'], o: entered, kinds: ['farmer.declare'], declared: { name: '张五', words: ['房子漏雨'] } },
  { name: 'declares, then asks progress', lines: ['老汉住院了', '孔六', '没有', '没有', '对', '查询进度'], o: entered, kinds: ['farmer.declare'], declared: { name: '孔六' } },
];

/** Everything people were told or the database got, as text, to look for the farmer's words. */
const reached = (turns: Said[]) => JSON.stringify(turns.map((t) => [t.commands, t.sends]));

describe('farmers who change their minds, ask, pause, correct themselves and ask for a person', () => {
  it('has at least forty conversations', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const talk = chat(c.o ?? {});
    const turns: Said[] = [];
    for (const line of c.lines) {
      const t = await talk.say(line);
      turns.push(t);
      const input = typeof line === 'object' && 'after' in line ? line.input : line;
      const typed = typeof input === 'string' || input.type === 'text' || input.type === 'file';
      // Never silence for a person, never the bare menu for words.
      if (typed) expect(t.read.length, `“${JSON.stringify(input)}” got no answer`).toBeGreaterThan(0);
      if (typeof input === 'string' && !/^\d$/.test(input)) expect(t.read, `“${input}” got the bare menu`).not.toContain([FARMER_MENU.head, ...FARMER_MENU.items.map((i, n) => `${n + 1}. ${i.label}`), FARMER_MENU.tail].join('\n'));
    }
    expect(turns.flatMap((t) => t.commands.map((x) => x.kind))).toEqual(c.kinds);
    if (c.declared) expect(turns.flatMap((t) => t.commands).find((x) => x.kind === 'farmer.declare')).toMatchObject(c.declared);
    for (const w of c.kept ?? []) expect(reached(turns)).toContain(w);
    if (c.told) expect([...new Set(turns.flatMap((t) => t.sends.map((s) => s.to)))]).toEqual(c.told);
    // Never trapped: whatever still waits leaves with “取消”.
    const last = turns[turns.length - 1]!;
    if (last.waiting || last.suspended) {
      const out = await talk.say('取消');
      expect(out.read[0]).toMatch(/^已退出「/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { exportFormFlow } from '../../../src/flows/official/export-form.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, DT_XC, fakeData, GJB, GJB_XC, LSJ, T0, XLSX_B64 } from './fixtures.js';
import { noDigits, text } from './matchers.js';
import { routedTalk } from './routed.js';

const file = (fileName: string) => ({ type: 'file', fileName, contentBase64: XLSX_B64 });
const made = (form: string, place: string) => text(`已生成${form}（${place}，截至5月12日），请查收文件。数字有误请在对应的事项中更正后重新导出。`);
const FORM_MENU = {
  type: 'menu',
  head: '导出哪一张表？',
  items: [
    { id: 'attachment1', label: '附件1 进度统计表' },
    { id: 'attachment2', label: '附件2 排查台账（十类人群和特殊对象）' },
    { id: 'attachment3', label: '附件3 排查台账（一般户）' },
    { id: 'attachment4', label: '附件4 已消除风险监测对象台账' },
    { id: 'attachment5', label: '附件5 未消除风险监测对象台账' },
    { id: 'attachment6', label: '附件6 问题清单' },
  ],
  tail: '请回复序号，如“1”；发送“取消”退出。',
};

describe('导出表格', () => {
  it('a town official gets the form of their town as a file, or of a village of it', async () => {
    await replay(exportFormFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '导出附件1', status: 'done', replies: [made('附件1 进度统计表', '高家堡镇'), file('attachment1_高家堡镇_2022-05-12.xlsx')] },
      { say: '附件6', status: 'done', replies: [made('附件6 问题清单', '高家堡镇'), file('attachment6_高家堡镇_2022-05-12.xlsx')] },
      { say: '导出问题清单 新村', status: 'done', replies: [made('附件6 问题清单', '高家堡镇新村'), file('attachment6_高家堡镇新村_2022-05-12.xlsx')] },
      { say: '给我附件三 凉水井', status: 'done', replies: [made('附件3 排查台账（一般户）', '高家堡镇凉水井村'), file('attachment3_高家堡镇凉水井村_2022-05-12.xlsx')] },
      { say: '导出附件1 店塔镇', status: 'done', replies: [noDigits] },
      { say: '导出整改台账', status: 'done', replies: [text('整改台账暂时不能导出。问题和整改情况可以先导出附件6 问题清单（发送“导出附件6”）。')] },
    ]);
  });

  it('“导出” alone asks which form; wrong answers are asked again; a new request replaces it', async () => {
    await replay(exportFormFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '导出', status: 'waiting', replies: [FORM_MENU], state: { node: 'choose_form' } },
      { say: '7', status: 'waiting', replies: [{ ...FORM_MENU, head: '没看懂“7”。导出哪一张表？' }] },
      { say: '３', status: 'done', replies: [made('附件3 排查台账（一般户）', '高家堡镇'), file('attachment3_高家堡镇_2022-05-12.xlsx')] },
      { say: '导出', status: 'waiting' },
      { say: '问题清单', status: 'done', replies: [made('附件6 问题清单', '高家堡镇'), expect.objectContaining({ type: 'file' })] },
      { say: '导出', status: 'waiting' },
      { say: '不对，导出附件1 凉水井村', status: 'done', replies: [made('附件1 进度统计表', '高家堡镇凉水井村'), expect.objectContaining({ type: 'file' })] },
      { say: '导出', status: 'waiting' },
      { say: '随便', status: 'waiting' },
      { input: { type: 'file', msgType: 'image', mediaId: 'x' }, status: 'waiting', replies: [{ ...FORM_MENU, head: '请回复文字。导出哪一张表？' }] },
      { say: '啥', status: 'done', replies: [text('还是没看懂，已退出「导出表格」。可以直接发送如“导出附件1”。')] },
    ]);
  });

  it('a form or a place taken back in the same message: what is said after the turn-back', async () => {
    await replay(exportFormFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '导出附件六 哦不对 是附件一', status: 'done', replies: [made('附件1 进度统计表', '高家堡镇'), file('attachment1_高家堡镇_2022-05-12.xlsx')] },
      { say: '导出附件3 新村 不对 凉水井村的', status: 'done', replies: [made('附件3 排查台账（一般户）', '高家堡镇凉水井村'), file('attachment3_高家堡镇凉水井村_2022-05-12.xlsx')] },
    ]);
  });

  it('the city names a place that fits two: asked which, then the file', async () => {
    await replay(exportFormFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      { say: '导出附件6 新村', status: 'waiting', replies: [expect.objectContaining({ type: 'menu', head: '“新村”有2个地方，您问的是哪一个？' })], state: { node: 'choose_place' } },
      { say: '三', status: 'waiting', replies: [expect.objectContaining({ type: 'menu', head: '没看懂“三”。“新村”有2个地方，您问的是哪一个？' })] },
      { say: '店塔镇新村', status: 'done', replies: [made('附件6 问题清单', '店塔镇新村'), file('attachment6_店塔镇新村_2022-05-12.xlsx')] },
      { say: '导出附件1', status: 'done', replies: [made('附件1 进度统计表', '神木市'), file('attachment1_神木市_2022-05-12.xlsx')] },
    ]);
  });

  it('a village cadre exports their village; a grid worker and a department are refused', async () => {
    await replay(exportFormFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '附件3 凉水井村', status: 'done', replies: [made('附件3 排查台账（一般户）', '高家堡镇凉水井村'), expect.objectContaining({ type: 'file' })] },
      { say: '导出附件3', status: 'done', replies: [made('附件3 排查台账（一般户）', '高家堡镇凉水井村'), expect.objectContaining({ type: 'file' })] },
      { say: '导出附件1 高家堡镇', status: 'done', replies: [text('高家堡镇（全镇）不在您的辖区内，您的辖区是高家堡镇凉水井村。以下是高家堡镇凉水井村：'), made('附件1 进度统计表', '高家堡镇凉水井村'), expect.objectContaining({ type: 'file' })] },
      { say: '导出附件1 店塔镇', status: 'done', replies: [noDigits] },
    ]);
    for (const [actor, label] of [[ACTORS.grid, '网格员'], [ACTORS.department, '行业部门']] as const) {
      await replay(exportFormFlow, { actor, now: T0, data: fakeData(actor) }, [{ say: '导出附件1', status: 'done', replies: [text(`您的账号（${label}）不能导出统计表格。如有需要，请联系镇街或市乡村振兴局。`)] }]);
    }
  });

  it('through the router: put aside by another question, resumed with “继续”; cancelled; expired', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('导出');
    const other = await talk.say('高家堡镇进度');
    expect(other.replies.at(-1)).toMatch(/^接着刚才的「导出表格」：/);
    const resumed = await talk.say('继续');
    expect(resumed.replies[0]).toBe('您正在「导出表格」中：');
    expect(resumed.replies[1]).toMatch(/^导出哪一张表？\n1\. 附件1 进度统计表/);
    expect((await talk.say('1')).replies).toEqual([expect.stringMatching(/^已生成附件1 进度统计表（高家堡镇/), '[file:attachment1_高家堡镇_2022-05-12.xlsx]']);
    await talk.say('导出');
    expect((await talk.say('退出')).replies).toEqual(['已退出「导出表格」。']);
    await talk.say('导出');
    expect(await talk.expire()).toEqual(['「导出表格」已经30分钟没有回复，已自动结束。需要时请重新开始。']);
  });

  it('a waiting question is put aside by another waiting one and comes back with “继续”', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await talk.say('新村进度');
    const second = await talk.say('导出');
    expect(second.replies.at(-1)).toMatch(/（「排查进度」已暂停，办完这件后发送“继续”可接着办。）$/);
    const finished = await talk.say('6');
    expect(finished.replies.join('\n')).toMatch(/您之前的「排查进度」还没办完，发送“继续”可接着办。/);
    const back = await talk.say('继续');
    expect(back.replies[0]).toBe('好的，接着办「排查进度」：');
    expect((await talk.say('1')).replies[0]).toMatch(/^高家堡镇新村排查进度/);
  });

  it('a form the records cannot fill says what to correct (masked), and sends no file', async () => {
    const problems = ['附件3第2行（李桂兰）：家庭人口须为1–99的整数', '附件3第5行（王强）：联系电话只能是数字和“-”（6–20位），现为13812345678转'];
    const data = fakeData(ACTORS.town, { exportForm: async () => ({ ok: false, reason: 'invalid_input', problems }) });
    await replay(exportFormFlow, { actor: ACTORS.town, now: T0, data }, [
      {
        say: '导出附件3',
        status: 'done',
        replies: [text('附件3 排查台账（一般户）（高家堡镇）没有生成：有记录填不进表格，请先更正：\n附件3第2行（李桂兰）：家庭人口须为1–99的整数\n附件3第5行（王强）：联系电话只能是数字和“-”（6–20位），现为138****5678转')],
      },
    ]);
  });
});

describe('导出表格: follow-ups that name only what changed', () => {
  const MINUTE = 60_000;
  // T0 is Thursday 2022-05-12 in Shanghai: last Sunday is 5月8日, counted to its noon (04:00 UTC).
  const LAST_SUNDAY_NOON = Date.UTC(2022, 4, 8, 4, 0);

  /** The fixtures' port, recording each export asked for: form, place and instant. */
  function recorded(actor: (typeof ACTORS)[keyof typeof ACTORS]) {
    const data = fakeData(actor);
    const calls: Array<[string, string, number]> = [];
    return { calls, data: { ...data, exportForm: (form: Parameters<typeof data.exportForm>[0], code: string, at: number) => (calls.push([form, code, at]), data.exportForm(form, code, at)) } };
  }

  it('another place, another day, another form: exported again with that one thing changed', async () => {
    const { data, calls } = recorded(ACTORS.town);
    const talk = routedTalk(ACTORS.town, data);
    await talk.say('导出附件1');
    expect(calls.at(-1)).toEqual(['attachment1', GJB, T0]);
    expect((await talk.say('那凉水井村的呢', 5 * MINUTE)).replies[0]).toMatch(/^已生成附件1 进度统计表（高家堡镇凉水井村，截至5月12日）/);
    expect(calls.at(-1)).toEqual(['attachment1', LSJ, T0 + 5 * MINUTE]);
    expect((await talk.say('上周的呢', MINUTE)).replies[0]).toMatch(/^已生成附件1 进度统计表（高家堡镇凉水井村，截至5月8日）/);
    expect(calls.at(-1)).toEqual(['attachment1', LSJ, LAST_SUNDAY_NOON]);
    // The form changed, the place kept; 附件6 is the list as it stands: said, and exported as of today.
    const six = await talk.say('附件6呢', MINUTE);
    expect(six.replies[0]).toMatch(/^已生成附件6 问题清单（高家堡镇凉水井村，截至5月12日）/);
    expect(calls.at(-1)).toEqual(['attachment6', LSJ, T0 + 7 * MINUTE]);
    const past = await talk.say('上周的呢', MINUTE);
    expect(past.replies[0]).toBe('附件6 问题清单只能导出现在的情况，不能按过去的日子导出。');
    expect(calls.at(-1)).toEqual(['attachment6', LSJ, T0 + 8 * MINUTE]);
    // A form and a place at once; the day asked before is kept for a form counted to a day.
    expect((await talk.say('新村的附件3呢', MINUTE)).replies[0]).toMatch(/^已生成附件3 排查台账（一般户）（高家堡镇新村，截至5月8日）/);
    expect(calls.at(-1)).toEqual(['attachment3', GJB_XC, LAST_SUNDAY_NOON]);
    expect((await talk.say('今天的呢', MINUTE)).replies[0]).toMatch(/^已生成附件3 排查台账（一般户）（高家堡镇新村，截至5月12日）/);
    expect(talk.waiting()).toBeNull();
  });

  it('another town is refused by name and the export stays remembered; a grouping or another question is no export', async () => {
    const { data, calls } = recorded(ACTORS.town);
    const talk = routedTalk(ACTORS.town, data);
    await talk.say('导出石门村的附件6');
    const n = calls.length;
    expect((await talk.say('那店塔镇呢', MINUTE)).replies).toEqual(['店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。']);
    expect(calls.length).toBe(n);
    expect((await talk.say('高家堡镇的呢', MINUTE)).replies[0]).toMatch(/^已生成附件6 问题清单（高家堡镇，/);
    // A question of its own is read as ever; after two hours the export is forgotten.
    expect((await talk.say('那凉水井村的进度呢', MINUTE)).replies[0]).toMatch(/^高家堡镇凉水井村排查进度/);
    const later = routedTalk(ACTORS.town, data);
    await later.say('导出附件1');
    const before = calls.length;
    expect((await later.say('凉水井村的呢', 2 * 60 * MINUTE + MINUTE)).replies[0]).toMatch(/^高家堡镇凉水井村排查进度/);
    expect(calls.length).toBe(before);
  });

  it.each([
    ['那新村的呢', '附件1 进度统计表（高家堡镇新村，截至5月12日）'],
    ['新村的也导一下', '附件1 进度统计表（高家堡镇新村，截至5月12日）'],
    ['再导一个新村的', '附件1 进度统计表（高家堡镇新村，截至5月12日）'],
    ['截至上周日的呢', '附件1 进度统计表（高家堡镇，截至5月8日）'],
    ['昨天的呢', '附件1 进度统计表（高家堡镇，截至5月11日）'],
    ['换成附件6', '附件6 问题清单（高家堡镇，截至5月12日）'],
    ['改成问题清单', '附件6 问题清单（高家堡镇，截至5月12日）'],
    ['那附件三呢', '附件3 排查台账（一般户）（高家堡镇，截至5月12日）'],
    ['问题清单也发一下', '附件6 问题清单（高家堡镇，截至5月12日）'],
    ['凉水井村的附件3呢', '附件3 排查台账（一般户）（高家堡镇凉水井村，截至5月12日）'],
  ])('after 导出附件1: %s → %s', async (said, made) => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('导出附件1');
    const r = await talk.say(said, MINUTE);
    expect(r.replies[0]).toBe(`已生成${made}，请查收文件。数字有误请在对应的事项中更正后重新导出。`);
    expect(r.replies[1]).toMatch(/^\[file:/);
  });

  it.each(['那就这样吧', '按村排', '好的'])('after 导出附件1, no export again: %s', async (said) => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('导出附件1');
    expect((await talk.say(said, MINUTE)).replies.join('\n')).not.toMatch(/已生成|\[file/);
  });

  it('the 整改台账 in a follow-up: said it has no form yet, the export still remembered', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('导出附件1');
    expect((await talk.say('那整改台账呢', MINUTE)).replies).toEqual(['整改台账暂时不能导出。问题和整改情况可以先导出附件6 问题清单（发送“导出附件6”）。']);
    expect((await talk.say('凉水井村的呢', MINUTE)).replies[0]).toMatch(/^已生成附件1 进度统计表（高家堡镇凉水井村/);
  });

  it('the city: a name that fits several places is asked back with the day kept', async () => {
    const { data, calls } = recorded(ACTORS.city);
    const talk = routedTalk(ACTORS.city, data);
    await talk.say('导出附件1 高家堡镇');
    await talk.say('上周的呢', MINUTE);
    expect((await talk.say('新村的呢', MINUTE)).replies[0]).toMatch(/“新村”有2个地方/);
    expect((await talk.say('2', MINUTE)).replies[0]).toMatch(/^已生成附件1 进度统计表（店塔镇新村，截至5月8日）/);
    expect(calls.at(-1)).toEqual(['attachment1', DT_XC, LAST_SUNDAY_NOON]);
  });
});


import { describe, expect, it } from 'vitest';
import { progressFlow } from '../../../src/flows/official/progress.js';
import type { Reply } from '../../../src/flows/types.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, noDigits, text } from './matchers.js';
import { routedTalk } from './routed.js';

const GJB_ANSWER = [
  '高家堡镇排查进度（截至5月12日）',
  '排查覆盖：4/6户（66.7%），共11人',
  '其中脱贫户1户3人，监测对象2户7人',
  '新纳入：边缘易致贫1户4人，脱贫不稳定0户0人，突发严重困难0户0人（其中因疫情1户）',
  '回头看1户：回退1户，清退0户',
  '排查问题0个：已整改0个，补正数据0个',
  '参与排查2人，专门部署：1/2个村，培训1人',
  '各村（覆盖率由低到高）：',
  '新村 1/2户（50.0%），问题0个（已整改0个）',
  '凉水井村 3/4户（75.0%），问题0个（已整改0个）',
  '发送“高家堡镇新村进度”看下一级；“进度图”看图；“导出附件1”下载表格。',
].join('\n');

describe('progress: a town official', () => {
  const setup = { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) };

  it('asks about their own town by name, alias, pinyin, full width and in their own words', async () => {
    await replay(progressFlow, setup, [
      { say: '高家堡镇进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: '高家堡进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: 'gjb进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: 'ＧＪＢ进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: '本镇进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: '进度', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: '高家堡镇排查进度怎么样了？', status: 'done', replies: [md(GJB_ANSWER)] },
    ]);
  });

  it('“还有多少户没排查” says the count first, then the report it comes from', async () => {
    for (const said of ['高家堡镇还有多少户没排查', '本镇还有几户没入户', '没排查的还有多少户']) {
      await replay(progressFlow, setup, [{ say: said, status: 'done', replies: [md(GJB_ANSWER.replace('\n', '\n还有2户没排查（花名册6户，已排查4户）。\n'))] }]);
    }
  });

  it('the markdown carries the same numbers, with a bold title', async () => {
    const r = await progressFlow.start({ type: 'text', text: '高家堡镇进度' }, { now: T0, tz: 'Asia/Shanghai', actor: ACTORS.town, newId: (p) => p, data: fakeData(ACTORS.town) as never });
    const reply = (r.effects[0] as { reply: Reply }).reply;
    expect(reply.type).toBe('markdown');
    if (reply.type === 'markdown') expect(reply.markdown).toBe(GJB_ANSWER.replace('高家堡镇排查进度（截至5月12日）', '**高家堡镇排查进度**（截至5月12日）'));
  });

  it('drills down to a village of the town, which lists its grids', async () => {
    await replay(progressFlow, setup, [
      {
        say: '凉水井村进度',
        status: 'done',
        replies: [md(/^高家堡镇凉水井村排查进度（截至5月12日）\n排查覆盖：3\/4户（75\.0%），共9人\n[\s\S]*专门部署：是，培训1人\n各网格：\n凉水井二网格 1\/2户（50\.0%）\n凉水井一网格 2\/2户（100\.0%）\n“进度图”看图；“导出附件3”下载台账。$/)],
      },
      { say: '看看新村的进度', status: 'done', replies: [md(/^高家堡镇新村排查进度（截至5月12日）\n排查覆盖：1\/2户（50\.0%），共2人/)] },
    ]);
  });

  it('is refused another town and its villages, by name only, with no number', async () => {
    await replay(progressFlow, setup, [
      { say: '店塔镇进度', status: 'done', replies: [text('店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。')] },
      { say: 'dt进度', status: 'done', replies: [noDigits] },
      { say: '店塔镇新村进度', status: 'done', replies: [text(/^店塔镇新村不在您的辖区（高家堡镇）内，无法查看。/)] },
      // 高家堡村 lies in 店塔镇: the short name is 高家堡镇's inside the asker's area.
      { say: '高家堡村进度', status: 'done', replies: [text(/^店塔镇高家堡村不在您的辖区/)] },
    ]);
  });

  it('asking for the whole city shows their own town, saying so', async () => {
    await replay(progressFlow, setup, [
      { say: '全市进度', status: 'done', replies: [text('您的辖区是高家堡镇，看不到全市的数据。以下是高家堡镇：'), md(GJB_ANSWER)] },
    ]);
  });

  it('an unknown place is answered for their own town, saying so — never a guess at another place', async () => {
    const note = (what: string) => text(`${what}，以下是您的辖区高家堡镇的情况（问别处请发镇街或村的全名，例如“高家堡镇进度”）：`);
    await replay(progressFlow, setup, [
      { say: '北京进度', status: 'done', replies: [note('没有找到“北京”这个地方'), md(GJB_ANSWER)] },
      { say: '13812345678进度', status: 'done', replies: [note('没有找到“138****5678”这个地方'), md(GJB_ANSWER)] },
      // Words of the question taken for a place are no place: no such line.
      { say: '本周新增了几个监测对象', status: 'done', replies: [md(GJB_ANSWER)] },
      { say: '今年累计识别了多少户', status: 'done', replies: [md(GJB_ANSWER)] },
    ]);
  });

  it('asks as officials ask: 咱镇, 截至今天, 多少户, 完成率 — and a question word is never a place', async () => {
    const own = { status: 'done' as const, replies: [md(GJB_ANSWER)] };
    await replay(progressFlow, setup, [
      { say: '咱镇排查了多少户了', ...own },
      { say: '截至今天本镇完成率是多少？', ...own },
      { say: '还有多少户没排查', status: 'done', replies: [md(GJB_ANSWER.replace('\n', '\n还有2户没排查（花名册6户，已排查4户）。\n'))] },
      { say: '有几户还没入户', status: 'done', replies: [md(GJB_ANSWER.replace('\n', '\n还有2户没排查（花名册6户，已排查4户）。\n'))] },
      { say: '这周咱们镇进展咋样', ...own },
      { say: '哪个村最慢', ...own },
      { say: '高家堡镇排查了多少户', ...own },
      { say: '截止目前高家堡完成率多少', ...own },
    ]);
  });
});

describe('progress: the city bureau', () => {
  const setup = { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) };

  it('sees the whole city, town by town, and any town', async () => {
    await replay(progressFlow, setup, [
      { say: '全市进度', status: 'done', replies: [md(/^神木市排查进度（截至5月12日）\n排查覆盖：6\/9户（66\.7%），共16人\n[\s\S]*各镇街（覆盖率由低到高）：\n麟州街道 0\/1户（0\.0%），问题0个（已整改0个）\n高家堡镇 4\/6户（66\.7%）[^\n]*\n店塔镇 2\/2户（100\.0%）[^\n]*\n发送“麟州街道进度”看下一级/)] },
      { say: '店塔镇进度', status: 'done', replies: [md(/^店塔镇排查进度（截至5月12日）\n排查覆盖：2\/2户（100\.0%），共5人/)] },
      { say: 'gjb进度', status: 'done', replies: [md(GJB_ANSWER)] },
    ]);
  });

  it('is asked which 新村 is meant, then gets it; wrong answers are asked again, a new question replaces the old', async () => {
    await replay(progressFlow, setup, [
      { say: '新村进度', status: 'waiting', replies: [{ type: 'menu', head: '“新村”有2个地方，您问的是哪一个？', items: [{ id: '610821101202', label: '高家堡镇新村' }, { id: '610821102201', label: '店塔镇新村' }], tail: '请回复序号或全名；发送“取消”退出。' }], state: { node: 'choose_place' } },
      { say: '3', status: 'waiting', replies: [expect.objectContaining({ type: 'menu', head: '没看懂“3”。“新村”有2个地方，您问的是哪一个？', items: [expect.anything(), expect.anything()] })] },
      { say: '店塔的', status: 'done', replies: [md(/^店塔镇新村排查进度（截至5月12日）\n排查覆盖：1\/1户（100\.0%），共4人/)] },
      { say: '新村进度', status: 'waiting' },
      { say: '第一个', status: 'done', replies: [md(/^高家堡镇新村排查进度/)] },
      { say: '新村进度', status: 'waiting' },
      { say: '不对，我要问店塔镇的进度', status: 'done', replies: [md(/^店塔镇排查进度/)] },
      { say: '新村进度', status: 'waiting' },
      // What was said is quoted back masked: an ID number never travels back in clear.
      { say: '61082119800101123X', status: 'waiting', replies: [expect.objectContaining({ head: '没看懂“6108**********123X”。“新村”有2个地方，您问的是哪一个？' })] },
      { input: { type: 'file', msgType: 'image', mediaId: 'm1' }, status: 'waiting', replies: [expect.objectContaining({ head: '请回复文字。“新村”有2个地方，您问的是哪一个？' })] },
      { say: '随便', status: 'done', replies: [text('还是没能确定是哪个地方，已退出「排查进度」。可以直接发送全名再问，例如“高家堡镇新村进度”。')] },
    ]);
  });

  it('“高家堡” names a town and a village of another town: asked, never guessed', async () => {
    await replay(progressFlow, setup, [
      { say: '高家堡进度', status: 'waiting', replies: [expect.objectContaining({ type: 'menu', items: [{ id: '610821101', label: '高家堡镇（镇街）' }, { id: '610821102202', label: '店塔镇高家堡村' }] })] },
      { say: '高家堡镇', status: 'done', replies: [md(GJB_ANSWER)] },
    ]);
  });
});

describe('progress: other roles', () => {
  it('a village cadre sees their own village by name, and nothing of others', async () => {
    await replay(progressFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '凉水井村进度', status: 'done', replies: [md(/^高家堡镇凉水井村排查进度/)] },
      { say: '新村进度', status: 'done', replies: [text('高家堡镇新村、店塔镇新村不在您的辖区（高家堡镇凉水井村）内，无法查看。可以发送“凉水井村进度”查看本辖区。')] },
      { say: '店塔镇进度', status: 'done', replies: [text('店塔镇不在您的辖区（高家堡镇凉水井村）内，无法查看。可以发送“凉水井村进度”查看本辖区。')] },
      { say: '本村进度', status: 'done', replies: [md(/^高家堡镇凉水井村排查进度（截至5月12日）\n排查覆盖：3\/4户（75\.0%）[\s\S]*\n各网格：\n/)] },
      { say: '进度', status: 'done', replies: [md(/^高家堡镇凉水井村排查进度/)] },
    ]);
  });

  it.each(['高家堡镇进度', '咱镇进度', '全镇的进度', '本镇进度', '我们镇排查得怎么样了'])('a village cadre asking about their town (“%s”): told the town is not theirs, their village shown', async (say) => {
    await replay(progressFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say, status: 'done', replies: [text('高家堡镇（全镇）不在您的辖区内，您的辖区是高家堡镇凉水井村。以下是高家堡镇凉水井村：'), md(/^高家堡镇凉水井村排查进度（截至5月12日）\n排查覆盖：3\/4户/)] },
    ]);
  });

  it('a town official’s “咱镇进度” is their town, with no note', async () => {
    await replay(progressFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [{ say: '咱镇进度', status: 'done', replies: [md(GJB_ANSWER)] }]);
  });

  it('a grid worker’s own “进度” is not this question (their to-do list is)', async () => {
    await replay(progressFlow, { actor: ACTORS.grid, now: T0, data: fakeData(ACTORS.grid) }, [{ say: '进度', status: 'not-matched' }]);
  });

  it.each([
    ['grid worker', ACTORS.grid, '网格员'],
    ['department', ACTORS.department, '行业部门'],
  ] as const)('a %s is refused, by role', async (_n, actor, label) => {
    await replay(progressFlow, { actor, now: T0, data: fakeData(actor) }, [
      { say: '高家堡镇进度', status: 'done', replies: [text(`您的账号（${label}）不能查看排查进度。如有需要，请联系镇街或市乡村振兴局。`)] },
    ]);
  });

  it('farmers and strangers never start it', async () => {
    const farmer = { sender: { channel: 'kf' as const, id: 'wmX' }, staff: null };
    await replay(progressFlow, { actor: farmer, now: T0, data: fakeData(farmer) }, [{ say: '高家堡镇进度', status: 'not-matched' }]);
  });
});

describe('progress through the router', () => {
  it('“取消” leaves the question; a waiting question expires politely', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    expect((await talk.say('新村进度')).replies[0]).toMatch(/^“新村”有2个地方/);
    expect((await talk.say('取消')).replies).toEqual(['已退出「排查进度」。']);
    expect(talk.waiting()).toBeNull();
    await talk.say('新村进度');
    expect(await talk.expire()).toEqual(['「排查进度」已经30分钟没有回复，已自动结束。需要时请重新开始。']);
    expect(talk.waiting()).toBeNull();
  });

  it('帮助 in the middle keeps the question open; “继续” shows it again', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await talk.say('新村进度');
    const help = await talk.say('帮助');
    expect(help.replies.at(-1)).toMatch(/^接着刚才的「排查进度」：/);
    const again = await talk.say('继续');
    expect(again.replies[0]).toBe('您正在「排查进度」中：');
    expect(again.replies[1]).toMatch(/^“新村”有2个地方，您问的是哪一个？\n1\. 高家堡镇新村\n2\. 店塔镇新村/);
    expect((await talk.say('2')).replies[0]).toMatch(/^店塔镇新村排查进度/);
  });
});

/**
 * Follow-ups of an official's question (src/flows/official/question.ts): the answer is remembered
 * for two hours with the conversation, and “凉水井村的呢”, “上周的呢”, “换成按村排一下” are answered
 * as that question with one thing changed — through the real router, as the store keeps it.
 */
import { describe, expect, it } from 'vitest';
import type { OfficialData } from '../../../src/flows/official/data.js';
import { RECALL_MS } from '../../../src/flows/official/question.js';
import { ACTORS, DT, fakeData, GJB, LSJ, T0 } from './fixtures.js';
import { routedTalk } from './routed.js';

const MINUTE = 60_000;
// T0 is Thursday 2022-05-12, 10:00 in Shanghai: last Sunday is 5月8日, its noon 04:00 UTC.
const LAST_SUNDAY_NOON = Date.UTC(2022, 4, 8, 4, 0);
const LAST_MONDAY = Date.UTC(2022, 4, 1, 16, 0); // 2022-05-02 00:00 in Shanghai

/** The fixtures' port, recording which place and which instant each progress and reporting read asked for. */
function recorded(actor: (typeof ACTORS)[keyof typeof ACTORS]) {
  const data = fakeData(actor);
  const calls: Array<[string, string, number]> = [];
  const spy: OfficialData = {
    ...data,
    progress: (code, at) => (calls.push(['progress', code, at]), data.progress(code, at)),
    reporting: (code, at) => (calls.push(['reporting', code, at]), data.reporting(code, at)),
    overdueLeads: (code, at) => (calls.push(['overdue', code, at]), data.overdueLeads(code, at)),
  };
  return { data: spy, calls };
}

const first = (r: { replies: string[] }) => r.replies.map((x) => x.split('\n')[0]).join(' | ');

describe('official follow-ups (…的呢)', () => {
  it('another place keeps the question: 超期线索 of the town, then of a village, then a village said in other words', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    expect(first(await talk.say('高家堡镇的超期线索发一下'))).toMatch(/^高家堡镇超期风险线索/);
    expect(first(await talk.say('凉水井村的呢', 60 * MINUTE))).toMatch(/^高家堡镇凉水井村超期风险线索/);
    expect(first(await talk.say('新村的也发一下', 10 * MINUTE))).toMatch(/^高家堡镇新村超期风险线索/);
    // A question of its own is read as ever.
    expect(first(await talk.say('那凉水井村的进度呢', MINUTE))).toMatch(/^高家堡镇凉水井村排查进度/);
  });

  it('a day changes what is counted: noon of last Sunday for progress, the Monday of last week for the reports', async () => {
    const { data, calls } = recorded(ACTORS.town);
    const talk = routedTalk(ACTORS.town, data);
    await talk.say('咱镇排查了多少户了');
    await talk.say('上周的呢', 5 * MINUTE);
    expect(calls.at(-1)).toEqual(['progress', GJB, LAST_SUNDAY_NOON]);
    // The place changed, the day kept.
    await talk.say('凉水井村的呢', 5 * MINUTE);
    expect(calls.at(-1)).toEqual(['progress', LSJ, LAST_SUNDAY_NOON]);
    await talk.say('今天的呢', 5 * MINUTE);
    expect(calls.at(-1)).toEqual(['progress', LSJ, T0 + 15 * MINUTE]);
    await talk.say('哪些村还没报', MINUTE);
    await talk.say('上周的呢', MINUTE);
    expect(calls.at(-1)).toEqual(['reporting', GJB, LAST_MONDAY]);
  });

  it('a day the question does not take is said, and the answer is as of now', async () => {
    const { data, calls } = recorded(ACTORS.town);
    const talk = routedTalk(ACTORS.town, data);
    await talk.say('超期线索');
    const r = await talk.say('上周的呢', 5 * MINUTE);
    expect(r.replies[0]).toBe('「超期线索」只看现在的情况，不能按过去的日子查。');
    expect(first({ replies: r.replies.slice(1) })).toMatch(/^高家堡镇超期风险线索/);
    expect(calls.at(-1)).toEqual(['overdue', GJB, T0 + 5 * MINUTE]);
  });

  it('jurisdiction holds: another town is refused by name, and the question is still remembered after it', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('凉水井村的超期线索');
    expect((await talk.say('那店塔镇呢', MINUTE)).replies).toEqual(['店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。']);
    expect(first(await talk.say('新村的呢', MINUTE))).toMatch(/^高家堡镇新村超期风险线索/);
  });

  it('after two hours the question is forgotten: …的呢 is progress, as before', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('超期线索');
    expect(first(await talk.say('凉水井村的呢', RECALL_MS + MINUTE))).toMatch(/^高家堡镇凉水井村排查进度/);
    // Just inside the two hours it is remembered.
    await talk.say('超期线索', MINUTE);
    expect(first(await talk.say('凉水井村的呢', RECALL_MS - MINUTE))).toMatch(/^高家堡镇凉水井村超期风险线索/);
  });

  it('another answer replaces the one remembered; words that name no place are no follow-up', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('超期线索');
    await talk.say('哪些村还没报', MINUTE);
    expect(first(await talk.say('凉水井村的呢', MINUTE))).toMatch(/^高家堡镇凉水井村本周上报情况/);
    expect((await talk.say('那就这样吧', MINUTE)).replies.join()).not.toMatch(/上报情况|排查进度|没有找到/);
  });

  it('the city: a name that fits several places is asked back, and the pick answers the same question; the grouping changes', async () => {
    const { data, calls } = recorded(ACTORS.city);
    const talk = routedTalk(ACTORS.city, data);
    await talk.say('凉水井村还有哪些户没排查');
    expect(first(await talk.say('新村的呢', MINUTE))).toMatch(/“新村”有2个地方/);
    expect(first(await talk.say('2', MINUTE))).toMatch(/^店塔镇新村还没排查的户/);
    await talk.say('镇街排名', MINUTE);
    const r = await talk.say('换成按村排一下', MINUTE);
    expect(r.replies[0]).toMatch(/^神木市各村排查通报（截至5月12日）\n1\. 店塔镇新村 /);
    // Every town's villages were read, from the same calculation.
    expect(calls.filter((c) => c[0] === 'progress').map((c) => c[1]).slice(-4)).toEqual(['610821', GJB, DT, '610821103']);
    expect(first(await talk.say('按镇街排', MINUTE))).toMatch(/^神木市各镇街排查通报/);
  });
  it('while another errand waits: a follow-up is answered, and the waiting question is asked again and kept', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    expect(first(await talk.say('导出'))).toMatch(/^导出哪一张表/);
    // A question asked in between (as ever), then a follow-up of it (new): both answered, the menu kept.
    expect(first(await talk.say('超期线索', MINUTE))).toMatch(/^高家堡镇超期风险线索/);
    const r = await talk.say('那凉水井村呢', MINUTE);
    expect(r.replies[0]).toMatch(/^高家堡镇凉水井村超期风险线索/);
    expect(r.replies.join('\n')).toMatch(/导出哪一张表/);
    expect(talk.waiting()).toBe('official/export');
    const day = await talk.say('上周的呢', MINUTE);
    expect(day.replies[0]).toBe('「超期线索」只看现在的情况，不能按过去的日子查。');
    expect(day.replies[1]).toMatch(/^高家堡镇凉水井村超期风险线索/);
    expect(talk.waiting()).toBe('official/export');
    // The waiting errand goes on where it was.
    expect((await talk.say('1', MINUTE)).replies.join('\n')).toMatch(/已生成附件1/);
    expect(talk.waiting()).toBeNull();
  });

  it('a question asked back does not forget the question before: 超期线索, 导出 (which form?), then 石门村的呢 and 换成按村排', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await talk.say('镇街排名');
    await talk.say('导出', MINUTE);
    const r = await talk.say('换成按村排一下', MINUTE);
    expect(r.replies[0]).toMatch(/^神木市各村排查通报/);
    expect(r.replies.join('\n')).toMatch(/导出哪一张表/);
    expect(talk.waiting()).toBe('official/export');
    // Another town refused by name, while the menu still waits.
    const town = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await town.say('凉水井村的超期线索');
    await town.say('导出', MINUTE);
    const refused = await town.say('那店塔镇呢', MINUTE);
    expect(refused.replies[0]).toMatch(/^店塔镇不在您的辖区（高家堡镇）内/);
    expect(town.waiting()).toBe('official/export');
  });

  it('words that answer the waiting question stay its answer: a place of the list, a form of the menu', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await talk.say('凉水井村的超期线索');
    expect(first(await talk.say('新村进度', MINUTE))).toMatch(/“新村”有2个地方/);
    // “店塔镇的呢” picks 店塔镇新村 from the list: no 超期线索 of 店塔镇.
    const r = await talk.say('店塔镇的呢', MINUTE);
    expect(first(r)).toMatch(/^店塔镇新村排查进度/);
    expect(r.replies.join('\n')).not.toMatch(/超期/);
    expect(talk.waiting()).toBeNull();
    await talk.say('超期线索', MINUTE);
    await talk.say('导出', MINUTE);
    const form = await talk.say('附件6呢', MINUTE);
    expect(form.replies.join('\n')).toMatch(/已生成附件6/);
    expect(talk.waiting()).toBeNull();
  });
  it('a weekly report waits to be confirmed: the villages it shows are no choice, so 新村的呢 follows 超期线索 up', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    const report = await talk.say('这周的周报弄一下');
    expect(report.replies.join('\n')).toMatch(/新村/);
    await talk.say('凉水井村的超期线索', MINUTE);
    for (const said of ['新村的呢', '换成新村', '那新村那边呢']) {
      expect(first(await talk.say(said, MINUTE))).toMatch(/^高家堡镇新村超期风险线索/);
      expect(talk.waiting()).toBe('official/weekly-report');
    }
    expect((await talk.say('确认', MINUTE)).replies[0]).toMatch(/^已确认：高家堡镇第19周周报/);
  });
  it('a follow-up that is asked back itself puts the waiting errand aside for “继续”', async () => {
    const talk = routedTalk(ACTORS.city, fakeData(ACTORS.city));
    await talk.say('凉水井村的超期线索');
    await talk.say('导出', MINUTE);
    const asked = await talk.say('新村的呢', MINUTE);
    expect(asked.replies.join('\n')).toMatch(/“新村”有2个地方[\s\S]*「导出表格」已暂停/);
    expect(talk.waiting()).toBe('official/overdue-leads');
    const picked = await talk.say('2', MINUTE);
    expect(picked.replies[0]).toMatch(/^店塔镇新村超期风险线索/);
    expect(picked.replies.join('\n')).toMatch(/「导出表格」还没办完，发送“继续”可接着办/);
    expect((await talk.say('继续', MINUTE)).replies.join('\n')).toMatch(/导出哪一张表/);
    expect(talk.waiting()).toBe('official/export');
  });
});

describe('follow-ups that name what of a place, or ask the answer as a form', () => {
  it.each(['导出来', '导出一下', '把这个导出来'])('“%s” after the progress: 附件1 of the same place; a follow-up after it is still about the progress', async (said) => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    expect(first(await talk.say('凉水井村进度'))).toMatch(/^高家堡镇凉水井村排查进度/);
    expect((await talk.say(said, MINUTE)).replies).toEqual([expect.stringMatching(/^已生成附件1 进度统计表（高家堡镇凉水井村，截至5月12日）/), expect.stringMatching(/^\[file:attachment1_高家堡镇凉水井村_/)]);
    expect(first(await talk.say('新村的呢', MINUTE))).toMatch(/^高家堡镇新村排查进度/);
  });

  it('“导出来” after a question with no form of its own is not taken as one', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('还有哪些村没报');
    expect(first(await talk.say('导出来', MINUTE))).not.toMatch(/^已生成/);
  });

  it.each(['那凉水井村周报呢', '凉水井村周报呢', '凉水井村的上报情况呢'])('“%s” after the town’s reporting: that village’s', async (said) => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('还有哪些村没报');
    expect(first(await talk.say(said, MINUTE))).toMatch(/^高家堡镇凉水井村本周上报情况/);
  });

  it.each(['凉水井村的名单呢', '那凉水井村的名单呢'])('“%s” after the town’s unscreened counts: that village’s list', async (said) => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    expect(first(await talk.say('还有哪些户没排查'))).toMatch(/^高家堡镇还没排查的户/);
    expect(first(await talk.say(said, MINUTE))).toMatch(/^高家堡镇凉水井村还没排查的户/);
  });

  it('a name of another answer is not read as this one (“凉水井村周报呢” after the progress)', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town));
    await talk.say('进度');
    expect(first(await talk.say('凉水井村周报呢', MINUTE))).not.toMatch(/排查进度/);
  });
});

describe('a village cadre’s follow-up about their town', () => {
  it('“咱镇的呢” after their village’s progress: the town is not theirs, their village shown', async () => {
    const talk = routedTalk(ACTORS.cadre, fakeData(ACTORS.cadre));
    await talk.say('超期线索');
    const r = await talk.say('咱镇的呢', MINUTE);
    expect(r.replies[0]).toBe('高家堡镇（全镇）不在您的辖区内，您的辖区是高家堡镇凉水井村。以下是高家堡镇凉水井村：');
    expect(r.replies[1]).toMatch(/^高家堡镇凉水井村超期风险线索/);
  });
});

import { describe, expect, it } from 'vitest';
import { villageReportFlow } from '../../../src/flows/official/village-report.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, CONFIRMED, fakeData, LSJ, T0, villageWeekView, WEEK } from './fixtures.js';
import { md, text } from './matchers.js';
import { routedTalk } from './routed.js';

const FIGURES = ['是', 2, 3, 9, 1, 3, 2, 7, 1, 4, 0, 0, 0, 0, 1, 4, 1, 1, 0, 0, 0, 0, 1];
const CONFIRM = { kind: 'official.confirmVillageWeek', villageCode: LSJ, week: WEEK, figures: FIGURES };
const STORED = text('已上报：高家堡镇凉水井村第19周数字（排查3户9人，问题0个）已于5月12日 10:00确认，镇里可以看到。如需更正，再发送“本周上报”重新确认。');
const notYet = (over = {}) => fakeData(ACTORS.cadre, { villageWeek: async (code) => ({ ok: true, value: villageWeekView(code, {}) }), ...over });

describe('本周上报 (a village confirms its week)', () => {
  it('shows the village’s figures and records exactly them on “确认”', async () => {
    await replay(villageReportFlow, { actor: ACTORS.cadre, now: T0, data: notYet() }, [
      {
        say: '本周上报',
        status: 'waiting',
        state: { node: 'confirm', data: { code: LSJ, week: WEEK, figures: FIGURES, tries: 0 } },
        replies: [md(/^高家堡镇凉水井村第19周上报（5月13日 08:00前报镇里）\n排查覆盖：3\/4户（75\.0%），共9人\n[\s\S]*\n未整改问题0个\n核对无误请回复“确认”上报；数字不对请先更正排查记录再上报，回复“不”暂不上报。$/)],
      },
      { say: '确认', status: 'done', commands: [CONFIRM], replies: [STORED] },
    ]);
  });

  it('understands colloquial answers, asks again on unclear ones, and gives up after three', async () => {
    const setup = { actor: ACTORS.team, now: T0, data: fakeData(ACTORS.team, { villageWeek: async (code) => ({ ok: true, value: villageWeekView(code, {}) }) }) };
    await replay(villageReportFlow, setup, [
      { say: '上报本周数据', status: 'waiting' },
      { say: '对的，没问题', status: 'done', commands: [CONFIRM] },
      { say: '本周上报', status: 'waiting' },
      { say: '先不报了', status: 'done', commands: [], replies: [text('好的，暂不上报。核对好后再发送“本周上报”。')] },
      { say: '本周上报', status: 'waiting' },
      { say: '新村的数对吗', status: 'waiting', replies: [text('没看懂“新村的数对吗”。核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。')] },
      { input: { type: 'file', msgType: 'voice', mediaId: 'v' }, status: 'waiting', replies: [text('请回复文字。核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。')] },
      { say: '啊？', status: 'done', commands: [], replies: [text('还是没看懂，已退出「本周上报」，没有上报。需要时请重新发送。')] },
    ]);
  });

  it('figures that changed since they were shown are shown again before anything is recorded', async () => {
    let calls = 0;
    const data = notYet({
      villageWeek: async (code: string) => {
        const v = villageWeekView(code, {});
        // A screening arrived between showing and confirming.
        if (++calls > 1) v.village = { ...v.village, row: { ...v.village.row, screened: { households: 4, people: 14 } } };
        return { ok: true as const, value: v };
      },
    });
    await replay(villageReportFlow, { actor: ACTORS.cadre, now: T0, data }, [
      { say: '本周上报', status: 'waiting' },
      { say: '确认', status: 'waiting', commands: [], replies: [text('刚才以来数字有变化（或已到新的一周），请按最新数字再核对一次：'), md(/排查覆盖：4\/4户（100\.0%），共14人/)] },
      { say: '确认', status: 'done', commands: [{ ...CONFIRM, figures: ['是', 2, 4, 14, ...FIGURES.slice(4)] }] },
    ]);
  });

  it('a week already confirmed says by whom; confirming again is the correction', async () => {
    await replay(villageReportFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '本周上报', status: 'waiting', replies: [md(/\n本周已由李明于5月11日 16:20确认上报。数字有更正时回复“确认”重新上报，否则回复“不”。$/)] },
      { say: '确认', status: 'done', commands: [CONFIRM], replies: [STORED] },
    ]);
    expect(CONFIRMED[LSJ]?.byName).toBe('李明');
  });

  it('only village cadres and the screening team confirm; a town official is told who does', async () => {
    await replay(villageReportFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '本周上报', status: 'done', replies: [text('「本周上报」由村干部或排查小组成员办理，您的账号（镇街干部）不能办理。')] },
    ]);
    await replay(villageReportFlow, { actor: ACTORS.grid, now: T0, data: fakeData(ACTORS.grid) }, [{ say: '本周上报', status: 'done', replies: [text(/您的账号（网格员）不能办理/)] }]);
  });

  it('through the router: cancel records nothing; a forgotten confirmation expires politely', async () => {
    const talk = routedTalk(ACTORS.cadre, notYet());
    await talk.say('本周上报');
    const cancelled = await talk.say('取消');
    expect(cancelled.replies).toEqual(['已退出「本周上报」。']);
    expect(cancelled.effects.filter((e) => e.type === 'command')).toEqual([]);
    await talk.say('本周上报');
    expect(await talk.expire()).toEqual(['「本周上报」已经30分钟没有回复，已自动结束。需要时请重新开始。']);
    expect(talk.waiting()).toBeNull();
  });
});

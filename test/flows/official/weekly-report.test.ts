import { describe, expect, it } from 'vitest';
import { weeklyReportFlow } from '../../../src/flows/official/weekly-report.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, DT, fakeData, GJB, T0, WEEK, weeklyView } from './fixtures.js';
import { md, text } from './matchers.js';
import { routedTalk } from './routed.js';

const GJB_FIGURES = ['1/2', 2, 4, 11, 1, 3, 2, 7, 1, 4, 0, 0, 0, 0, 1, 4, 1, 1, 0, 0, 0, 0, 1];

describe('周报 (a town confirms its Friday report)', () => {
  it('shows the draft with the villages still missing, and records the figures on “确认”', async () => {
    await replay(weeklyReportFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      {
        say: '周报',
        status: 'waiting',
        replies: [md(/^高家堡镇第19周周报（5月13日 08:00报市里）\n排查覆盖：4\/6户（66\.7%），共11人\n[\s\S]*\n还没报的村（1\/2个）：新村\n核对无误请回复“确认”（没报的村可以稍后补报）；回复“不”暂不确认。表格：发送“导出附件1”“导出附件6”。$/)],
      },
      { say: '好', status: 'done', commands: [{ kind: 'official.confirmTownWeek', townCode: GJB, week: WEEK, figures: GJB_FIGURES }], replies: [text('已确认：高家堡镇第19周周报（排查4户，问题0个）已于5月12日 10:00确认，市里可以看到。如需更正，再发送“周报”重新确认。')] },
      { say: '确认周报', status: 'waiting' },
      { say: '不', status: 'done', commands: [], replies: [text('好的，暂不确认。周五8:00前再发送“周报”确认。')] },
    ]);
  });

  it('a town already confirmed sees who did; a new “周报” while waiting starts over', async () => {
    const other = ACTORS.otherTown;
    await replay(weeklyReportFlow, { actor: other, now: T0, data: fakeData(other) }, [
      { say: '周报', status: 'waiting', replies: [md(/\n2个村已全部上报。\n本周周报已由孙八于5月11日 20:40确认。数字有更正时回复“确认”重新确认，否则回复“不”。$/)] },
      { say: '看看周报', status: 'waiting', replies: [md(/^店塔镇第19周周报/)] },
      { say: '确认', status: 'done', commands: [expect.objectContaining({ kind: 'official.confirmTownWeek', townCode: DT })] },
    ]);
  });

  it('only town officials confirm the town report', async () => {
    for (const [actor, label] of [[ACTORS.city, '市乡村振兴局'], [ACTORS.cadre, '村干部']] as const) {
      await replay(weeklyReportFlow, { actor, now: T0, data: fakeData(actor) }, [{ say: '周报', status: 'done', replies: [text(`「周报」由镇街干部办理，您的账号（${label}）不能办理。`)] }]);
    }
  });

  it('through the router: “继续” after an interruption, then expiry', async () => {
    const talk = routedTalk(ACTORS.town, fakeData(ACTORS.town, { weeklyReport: async (code) => ({ ok: true, value: weeklyView(code, {}) }) }));
    await talk.say('周报');
    const asked = await talk.say('导出附件1');
    expect(asked.replies.slice(0, 3)).toEqual([expect.stringMatching(/^已生成附件1/), '[file:attachment1_高家堡镇_2022-05-12.xlsx]', '接着刚才的「周报」：']);
    const again = await talk.say('继续');
    expect(again.replies[1]).toMatch(/^高家堡镇第19周周报/);
    expect(await talk.expire()).toEqual(['「周报」已经30分钟没有回复，已自动结束。需要时请重新开始。']);
  });
});

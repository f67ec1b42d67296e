import { describe, it } from 'vitest';
import { notReportedFlow } from '../../../src/flows/official/not-reported.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, text } from './matchers.js';

const RULE = '（“已报”指村干部或排查小组成员发送“本周上报”核对确认了本村数字。）';

describe('哪些村还没报', () => {
  it('a town official sees the villages of their town still missing, and whether the town confirmed', async () => {
    const expected = md(['高家堡镇本周上报情况（5月13日 08:00截止）', '还没报的村（1/2个）：新村', '镇街周报：未确认（镇街干部发送“周报”核对确认）', RULE].join('\n'));
    await replay(notReportedFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '哪些村还没报', status: 'done', replies: [expected] },
      { say: '哪些村还没报？', status: 'done', replies: [expected] },
      { say: '领导，还有谁还没报', status: 'done', replies: [expected] },
      { say: '本周未上报的村', status: 'done', replies: [expected] },
      { say: '店塔镇哪些村还没报', status: 'done', replies: [text('店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。')] },
    ]);
  });

  it('the city bureau sees every town: missing villages named, towns done summed up', async () => {
    await replay(notReportedFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      {
        say: '哪些村还没报',
        status: 'done',
        replies: [md(['神木市本周上报情况（5月13日 08:00截止）', '高家堡镇：1/2个村未报（新村），周报未确认', '麟州街道：1/1个村未报（麟州社区），周报未确认', '已全部上报并确认：店塔镇', RULE].join('\n'))],
      },
      { say: '店塔镇哪些村没报', status: 'done', replies: [md(/^店塔镇本周上报情况（5月13日 08:00截止）\n2个村已全部上报。\n镇街周报：已由孙八于5月11日 20:40确认\n/)] },
    ]);
  });

  it('a village cadre sees their own village', async () => {
    await replay(notReportedFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '哪些村还没报', status: 'done', replies: [md('高家堡镇凉水井村本周上报情况（5月13日 08:00截止）\n本周已上报：李明于5月11日 16:20确认。')] },
    ]);
  });

  it('a grid worker is refused by role', async () => {
    await replay(notReportedFlow, { actor: ACTORS.grid, now: T0, data: fakeData(ACTORS.grid) }, [
      { say: '哪些村还没报', status: 'done', replies: [text('您的账号（网格员）不能查看上报情况。如有需要，请联系镇街或市乡村振兴局。')] },
    ]);
  });
});

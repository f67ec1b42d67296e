import { describe, it } from 'vitest';
import { rankingFlow } from '../../../src/flows/official/ranking.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, text } from './matchers.js';

describe('ranking (通报)', () => {
  it('the city bureau ranks the towns: coverage first, then rectification', async () => {
    await replay(rankingFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      {
        say: '镇街排名',
        status: 'done',
        replies: [
          md(
            [
              '神木市各镇街排查通报（截至5月12日）',
              '1. 店塔镇 覆盖100.0%（2/2户），未发现问题',
              '2. 高家堡镇 覆盖66.7%（4/6户），未发现问题',
              '3. 麟州街道 覆盖0.0%（0/1户），未发现问题',
              '排名先看排查覆盖率，再看问题整改率；发送“督导名单”查看需要重点督导的村。',
            ].join('\n'),
          ),
        ],
      },
      { say: '全市通报', status: 'done', replies: [md(/^神木市各镇街排查通报/)] },
      { say: '各镇排名情况', status: 'done', replies: [md(/^神木市各镇街排查通报/)] },
      { say: '高家堡镇各村排名', status: 'done', replies: [md(/^高家堡镇各村排查通报（截至5月12日）\n1\. 凉水井村 覆盖75\.0%（3\/4户），未发现问题\n2\. 新村 覆盖50\.0%/)] },
      { say: '凉水井村排名', status: 'done', replies: [text('排名按镇街（全市）或村（本镇）比较，高家堡镇凉水井村没有下一级可排。可以发送“高家堡镇凉水井村进度”查看该村。')] },
    ]);
  });

  it('a town official asking for the towns’ ranking gets their villages, and never another town', async () => {
    await replay(rankingFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '镇街排名', status: 'done', replies: [text('您的辖区是高家堡镇，看不到全市的数据。以下是高家堡镇：'), md(/^高家堡镇各村排查通报/)] },
      { say: '排名', status: 'done', replies: [md(/^高家堡镇各村排查通报/)] },
      { say: '店塔镇排名', status: 'done', replies: [text('店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。')] },
    ]);
  });

  it('village roles and departments are refused by role', async () => {
    for (const [actor, label] of [[ACTORS.cadre, '村干部'], [ACTORS.department, '行业部门']] as const) {
      await replay(rankingFlow, { actor, now: T0, data: fakeData(actor) }, [{ say: '排名', status: 'done', replies: [text(`您的账号（${label}）不能查看排名通报。如有需要，请联系镇街或市乡村振兴局。`)] }]);
    }
  });
});

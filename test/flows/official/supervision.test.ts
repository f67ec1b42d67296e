import { describe, it } from 'vitest';
import { supervisionFlow } from '../../../src/flows/official/supervision.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, text } from './matchers.js';

describe('督导名单', () => {
  it('the city bureau gets the four lists, each with the number behind it', async () => {
    await replay(supervisionFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      {
        say: '督导名单',
        status: 'done',
        replies: [
          md(
            [
              '神木市督导名单（截至5月12日）',
              '零问题的村（5个）：高家堡镇凉水井村、高家堡镇新村、店塔镇新村、店塔镇高家堡村、麟州街道麟州社区',
              '三类人员数异常（1个）：',
              '高家堡镇新村 0/2户，一户也没有，是否应纳未纳',
              '进度偏慢（应达60.0%左右，1个）：',
              '麟州街道麟州社区 覆盖0.0%',
              '整改未完成（1个）：',
              '高家堡镇新村 未整改2个（超期1个）',
            ].join('\n'),
          ),
        ],
      },
      { say: '全市督查名单', status: 'done', replies: [md(/^神木市督导名单/)] },
    ]);
  });

  it('a town official gets their town’s; another town is refused; a village cadre by role', async () => {
    await replay(supervisionFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '督导名单', status: 'done', replies: [md(/^高家堡镇督导名单（截至5月12日）\n零问题的村（2个）：凉水井村、新村\n三类人员数异常（1个）：\n新村 0\/2户[^\n]*\n进度偏慢：无\n整改未完成（1个）：\n新村 未整改2个（超期1个）$/)] },
      { say: '店塔镇督导名单', status: 'done', replies: [text(/^店塔镇不在您的辖区/)] },
    ]);
    await replay(supervisionFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [{ say: '督导名单', status: 'done', replies: [text(/^您的账号（村干部）不能查看督导名单/)] }]);
  });
});

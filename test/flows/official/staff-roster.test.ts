import { describe, expect, it } from 'vitest';
import { staffRosterFlow } from '../../../src/flows/official/staff-roster.js';
import { readOfficialAsk } from '../../../src/flows/understand/official-asks.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { text } from './matchers.js';

const NOTE = '电话已隐去中间几位，完整号码请在企业微信通讯录里查看。';
const LSJ_ROSTER = ['高家堡镇凉水井村网格员和村干部', '凉水井一网格：王五（电话139****1111）', '凉水井二网格：暂无登记的网格员', '村干部：李明（电话139****2222）', NOTE].join('\n');

describe('who answers for a grid or a village (网格员名单)', () => {
  it.each([
    ['石门村第二网格谁负责', { view: 'staff', grid: 2, scope: { kind: 'named', text: '石门村', levelHint: 'village' } }],
    ['石门村网格员都是谁', { view: 'staff', scope: { kind: 'named', text: '石门村', levelHint: 'village' } }],
    ['枣林村的网格员电话多少', { view: 'staff', scope: { kind: 'named', text: '枣林村', levelHint: 'village' } }],
    ['高家堡镇有哪些网格员', { view: 'staff', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['咱村网格员名单', { view: 'staff', scope: { kind: 'own' } }],
    ['我们村的村干部是谁', { view: 'staff', scope: { kind: 'own' } }],
  ])('“%s” is read as a roster question', (said, expected) => {
    expect(readOfficialAsk(said)).toEqual(expected);
  });

  it('work that merely names the grid workers is no roster question', () => {
    expect(readOfficialAsk('上午搞了一场培训 网格员都参加了')).toBeNull();
    expect(readOfficialAsk('问题：网格员没有入户 电话代替了')).toBeNull();
  });

  it('a village cadre: their own village, each grid’s worker and the cadres, phones masked; one grid by its number', async () => {
    await replay(staffRosterFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '咱村网格员都是谁', status: 'done', replies: [text(LSJ_ROSTER)] },
      { say: '第一网格谁负责', status: 'done', replies: [text(['高家堡镇凉水井村第1网格的网格员', '凉水井一网格：王五（电话139****1111）', NOTE].join('\n'))] },
      { say: '凉水井村二网格的网格员电话多少', status: 'done', replies: [text(/^高家堡镇凉水井村第2网格的网格员\n凉水井二网格：暂无登记的网格员\n/)] },
      { say: '第五网格谁负责', status: 'done', replies: [text('高家堡镇凉水井村没有第5网格。可以发送“高家堡镇凉水井村网格员都是谁”看全部网格。')] },
      { say: '新村网格员都是谁', status: 'done', replies: [text('高家堡镇新村、店塔镇新村不在您的辖区（高家堡镇凉水井村）内，无法查看。可以发送“凉水井村进度”查看本辖区。')] },
    ]);
  });

  it('a town official: every village of the town by name; another town refused by name, with no name of its people', async () => {
    await replay(staffRosterFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      {
        say: '高家堡镇有哪些网格员',
        status: 'done',
        replies: [text(['高家堡镇网格员和村干部', '凉水井村凉水井一网格：王五（电话139****1111）', '凉水井村凉水井二网格：暂无登记的网格员', '凉水井村村干部：李明（电话139****2222）', '新村（未分网格）', '新村村干部：暂无登记', NOTE].join('\n'))],
      },
      { say: '凉水井村网格员都是谁', status: 'done', replies: [text(LSJ_ROSTER)] },
      { say: '店塔镇新村谁负责', status: 'done', replies: [text('店塔镇新村不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。')] },
    ]);
  });

  it('the city sees any village; a name two towns share is asked; a grid worker is refused by role', async () => {
    await replay(staffRosterFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      { say: '店塔镇新村网格员都是谁', status: 'done', replies: [text(/^店塔镇新村网格员和村干部\n（未分网格）\n村干部：孙九\n/)] },
      { say: '新村网格员都是谁', status: 'waiting' },
    ]);
    await replay(staffRosterFlow, { actor: ACTORS.grid, now: T0, data: fakeData(ACTORS.grid) }, [
      { say: '咱村网格员都是谁', status: 'done', replies: [text(/^您的账号（网格员）不能查看网格员名单/)] },
    ]);
  });
});

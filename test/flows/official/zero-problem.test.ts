import { describe, it } from 'vitest';
import { zeroProblemFlow } from '../../../src/flows/official/zero-problem.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, text } from './matchers.js';

describe('零问题的村', () => {
  it('a town official gets the villages of the town that reported no problem', async () => {
    const expected = md('高家堡镇零问题的村（截至5月12日）\n共2个（全镇2个村）：凉水井村、新村\n一个问题都没报的村需要督导：请核实是否认真排查。');
    await replay(zeroProblemFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '零问题的村', status: 'done', replies: [expected] },
      { say: '哪些村没有问题的村', status: 'done', replies: [expected] },
      { say: '0问题的村有哪些', status: 'done', replies: [expected] },
      { say: '店塔镇零问题的村', status: 'done', replies: [text(/^店塔镇不在您的辖区/)] },
      { say: '凉水井村零问题', status: 'done', replies: [text('“零问题的村”按镇街或全市查看。可以发送“高家堡镇凉水井村进度”查看该村的问题数。')] },
    ]);
  });

  it('the city gets them with their towns', async () => {
    await replay(zeroProblemFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      { say: '全市零问题的村', status: 'done', replies: [md(/^神木市零问题的村（截至5月12日）\n共5个（全市5个村）：高家堡镇凉水井村、高家堡镇新村、店塔镇新村、店塔镇高家堡村、麟州街道麟州社区\n/)] },
    ]);
  });
});

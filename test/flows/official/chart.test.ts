import { describe, it } from 'vitest';
import { chartFlow } from '../../../src/flows/official/chart.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, PNG_B64, T0 } from './fixtures.js';
import { noDigits, text } from './matchers.js';

const image = (fileName: string) => ({ type: 'image', fileName, contentBase64: PNG_B64 });

describe('图表', () => {
  it('a town official gets the coverage picture of their villages and the overdue-lead picture', async () => {
    await replay(chartFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '进度图', status: 'done', replies: [text('高家堡镇排查覆盖率图（截至5月12日），覆盖率低的排在前面。'), image('高家堡镇_coverage_2022-05-12.png')] },
      { say: '发个图看看', status: 'done', replies: [text(/^高家堡镇排查覆盖率图/), image('高家堡镇_coverage_2022-05-12.png')] },
      { say: '超期线索图', status: 'done', replies: [text('高家堡镇超期风险线索图（5月12日），超期多的排在前面，黄色为即将到期。'), image('高家堡镇_overdue_2022-05-12.png')] },
      { say: '凉水井村进度图', status: 'done', replies: [text(/^高家堡镇凉水井村排查覆盖率图/), image('高家堡镇凉水井村_coverage_2022-05-12.png')] },
      { say: '店塔镇进度图', status: 'done', replies: [noDigits] },
    ]);
  });

  it('the city gets the towns; a department is refused', async () => {
    await replay(chartFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      { say: '全市覆盖率图', status: 'done', replies: [text(/^神木市排查覆盖率图/), image('神木市_coverage_2022-05-12.png')] },
      { say: '店塔镇统计图', status: 'done', replies: [text(/^店塔镇排查覆盖率图/), image('店塔镇_coverage_2022-05-12.png')] },
    ]);
    await replay(chartFlow, { actor: ACTORS.department, now: T0, data: fakeData(ACTORS.department) }, [{ say: '进度图', status: 'done', replies: [text(/^您的账号（行业部门）不能查看图表/)] }]);
  });
});

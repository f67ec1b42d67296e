import { describe, it } from 'vitest';
import { overdueLeadsFlow } from '../../../src/flows/official/overdue-leads.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, T0 } from './fixtures.js';
import { md, noDigits, text } from './matchers.js';

describe('超期线索', () => {
  it('a town official sees the overdue leads of their villages, most overdue first, then those due soon', async () => {
    const expected = md(
      [
        '高家堡镇超期风险线索（5月12日）',
        '已超期2条：',
        '凉水井村 张三 超期7天（4月20日发现，5月5日截止；已到：入户核查）',
        '新村 李四 超期2天（4月25日发现，5月10日截止；尚未入户核查）',
        '3天内到期1条：',
        '凉水井村 王二 还剩1天（4月28日发现，5月13日截止；已到：村级民主评议）',
        '从发现线索到认定完成不超过15天。发送“超期线索图”看图。',
      ].join('\n'),
    );
    await replay(overdueLeadsFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '超期线索', status: 'done', replies: [expected] },
      { say: '有哪些逾期的线索', status: 'done', replies: [expected] },
      { say: '高家堡超期', status: 'done', replies: [expected] },
      { say: '店塔镇超期线索', status: 'done', replies: [noDigits] },
    ]);
  });

  it('the city sees each lead with its town; a village with no overdue lead says so', async () => {
    await replay(overdueLeadsFlow, { actor: ACTORS.city, now: T0, data: fakeData(ACTORS.city) }, [
      { say: '全市超期线索', status: 'done', replies: [md(/^神木市超期风险线索（5月12日）\n已超期3条：\n高家堡镇凉水井村 张三 超期7天[^\n]*\n高家堡镇新村 李四 超期2天[^\n]*\n店塔镇新村 赵大 超期5天/)] },
      { say: '麟州社区超期线索', status: 'done', replies: [md('麟州街道麟州社区超期风险线索（5月12日）\n没有超期的线索。\n从发现线索到认定完成不超过15天。发送“超期线索图”看图。')] },
    ]);
  });

  it('a village cadre sees their village without repeating its name; a department is refused', async () => {
    await replay(overdueLeadsFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '超期线索', status: 'done', replies: [md(/^高家堡镇凉水井村超期风险线索（5月12日）\n已超期1条：\n张三 超期7天/)] },
    ]);
    await replay(overdueLeadsFlow, { actor: ACTORS.department, now: T0, data: fakeData(ACTORS.department) }, [
      { say: '超期线索', status: 'done', replies: [text('您的账号（行业部门）不能查看超期线索。如有需要，请联系镇街或市乡村振兴局。')] },
    ]);
  });
});

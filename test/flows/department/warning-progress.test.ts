/**
 * Transcripts of 预警进度: a department's own warnings (with the overdue ones named, IDs masked),
 * the city's line per department, a department that sent nothing yet, an account without its
 * department, and staff who do not follow warnings.
 */
import { describe, it } from 'vitest';
import type { DepartmentWarningProgress } from '../../../src/flows/department/data.js';
import { warningProgressFlow } from '../../../src/flows/department/warning-progress.js';
import { replay } from '../../helpers/transcript.js';
import { cityBureau, fakeDepartment, gridWorker, T0, yibao } from './fixtures.js';

const MEDICAL: DepartmentWarningProgress = {
  department: 'medical_insurance', warnings: 12, belowThreshold: 2, leads: { open: 4, overdue: 2, included: 2, notIncluded: 1 },
  overdue: [
    { name: '张三', maskedId: '6108**********1234', warnedOn: '2022-05-01', deadline: '2022-05-16', lastStep: 'home_visit' },
    { name: '李四', maskedId: '6108**********2242', warnedOn: '2022-05-05', deadline: '2022-05-20', lastStep: null },
  ],
  lastImportAt: T0,
};
const CIVIL: DepartmentWarningProgress = { department: 'civil_affairs', warnings: 3, belowThreshold: 0, leads: { open: 3, overdue: 0, included: 0, notIncluded: 0 }, overdue: [], lastImportAt: T0 };
const text = (t: string) => ({ type: 'text', text: t });

describe('预警进度', () => {
  it('a department sees its own warnings, the overdue ones named (IDs masked)', async () => {
    const { data } = fakeDepartment({}, { own: 'medical_insurance', progress: [MEDICAL] });
    const expected = text(
      [
        '医保预警核查进度（5月25日）：',
        '已报送 12 条（低于门槛仅登记 2 条），形成风险线索 9 条：核实中 4，已超期 2，已纳入监测 2，不纳入 1。',
        '已超期的线索：',
        '· 张三（6108**********1234），5月1日预警，5月16日截止，已到：入户核查',
        '· 李四（6108**********2242），5月5日预警，5月20日截止，尚未入户核查',
        '识别认定由所在村办理，时限15天。',
      ].join('\n'),
    );
    await replay(warningProgressFlow, { actor: yibao, now: T0, data }, [
      { say: '预警进度', status: 'done', replies: [expected] },
      { say: '我们报的预警怎么样了？', status: 'done', replies: [expected] },
      { say: '进度', status: 'done', replies: [expected] },
    ]);
  });

  it('the city sees one line per department', async () => {
    const { data } = fakeDepartment({}, { progress: [MEDICAL, CIVIL] });
    await replay(warningProgressFlow, { actor: cityBureau, now: T0, data }, [
      {
        say: '部门预警情况',
        status: 'done',
        replies: [
          text(
            [
              '部门预警核查进度（5月25日）：',
              '· 医保：报送 12 条，形成风险线索 9 条：核实中 4，已超期 2，已纳入监测 2，不纳入 1',
              '· 民政：报送 3 条，形成风险线索 3 条：核实中 3，已超期 0，已纳入监测 0，不纳入 0',
              '已超期的线索：',
              '· 医保 张三（6108**********1234），5月1日预警，5月16日截止，已到：入户核查',
              '· 医保 李四（6108**********2242），5月5日预警，5月20日截止，尚未入户核查',
              '识别认定由所在村办理，时限15天。',
            ].join('\n'),
          ),
        ],
      },
      // The city's bare “进度” is the city's progress, not this flow's.
      { say: '进度', status: 'not-matched' },
    ]);
  });

  it('nothing sent yet; an account without its department', async () => {
    await replay(warningProgressFlow, { actor: yibao, now: T0, data: fakeDepartment({}, { own: 'medical_insurance', progress: [] }).data }, [
      { say: '预警进度', status: 'done', replies: [text('您的部门还没有报送过预警名单。把名单文件直接发给我即可（发送“预警模板”获取模板）。')] },
    ]);
    await replay(warningProgressFlow, { actor: yibao, now: T0, data: fakeDepartment({}, { progress: null }).data }, [
      { say: '预警进度', status: 'done', replies: [text('您的账号没有登记所属行业部门，无法查看预警进度。请联系管理员在人员名单中填写“行业部门”。')] },
    ]);
  });

  it('unauthorized: a grid worker is refused', async () => {
    await replay(warningProgressFlow, { actor: gridWorker, now: T0, data: fakeDepartment({}, { progress: [MEDICAL] }).data }, [
      { say: '预警进度', status: 'done', replies: [text('「预警进度」是行业部门和市乡村振兴局的功能，您的角色（网格员）用不到。发送“帮助”查看您可以办的事。')] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { flows } from '../../../src/flows/registry.js';
import { statusFlow, STATUS_TEXTS } from '../../../src/flows/farmer/status.js';
import type { DeclarationProgress } from '../../../src/flows/farmer/data.js';
import { replay } from '../../helpers/transcript.js';
import { fakeData, farmer, gridWorker, T0, text, V_LSJ } from './fixtures.js';

const mine = (p: Partial<DeclarationProgress> & Pick<DeclarationProgress, 'ref' | 'stage'>): DeclarationProgress => ({
  declaredOn: '2022-05-09', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', deadline: '2022-05-24', handler: { name: '王五', role: 'grid_worker' }, ...p,
});
const setup = (declarations: DeclarationProgress[]) => ({ actor: farmer, now: T0, data: fakeData(farmer, { declarations }) });

describe('“我的申报到哪一步了” transcripts', () => {
  it('shows each own declaration: the step and its day, who handles it, the deadline', async () => {
    await replay(statusFlow, setup([
      mine({ ref: 'SB3', stage: { kind: 'step', step: 'village_review', day: '2022-05-12' } }),
      mine({ ref: 'SB2', declaredOn: '2022-04-20', riskTypes: ['schooling', 'illness'], stage: { kind: 'included', category: 'marginal', day: '2022-05-03' } }),
      mine({ ref: 'SB1', declaredOn: '2022-04-01', riskTypes: [], handler: null, stage: { kind: 'not_included', reason: '收入稳定在标准以上', day: '2022-04-14' } }),
    ]), [
      {
        say: '俺的申报到哪一步了',
        status: 'done',
        replies: [
          text(
            [
              '您的申报（编号SB3，5月9日提交，因病）：\n进度：已完成“民主评议”（5月12日）。接下来：在村里张贴公示至少5天（不公开身份证号、电话和病情）\n负责人：网格员王五\n认定时限：5月24日前',
              '您的申报（编号SB2，4月20日提交，因学、因病）：\n进度：已认定为监测对象（边缘易致贫户，5月3日）。村里会和您商量落实帮扶措施\n负责人：网格员王五',
              '您的申报（编号SB1，4月1日提交）：\n进度：经评议暂不纳入（4月14日）。原因：收入稳定在标准以上。如有异议可联系村委会',
            ].join('\n\n'),
          ),
        ],
      },
      { input: { type: 'text', text: '查询进度', menuId: 'progress' }, status: 'done', replies: [text(/^您的申报（编号SB3/)] },
      { say: '查询 sb2', status: 'done', replies: [text(/^您的申报（编号SB2，4月20日提交，因学、因病）：\n进度：已认定为监测对象/)] },
      // Asking about oneself by name is fine.
      { say: '张三的申报到哪了', status: 'done', replies: [text(/^您的申报（编号SB3/)] },
    ]);
  });

  it('a received declaration waits for the home visit; more than three are summarized', async () => {
    const four = [4, 3, 2, 1].map((n) => mine({ ref: `SB${n}`, stage: { kind: 'received' } }));
    await replay(statusFlow, setup(four), [
      { say: '进度', status: 'done', replies: [text(/^您的申报（编号SB4，5月9日提交，因病）：\n进度：已受理，等待网格员入户核查\n负责人：网格员王五\n认定时限：5月24日前\n\n[\s\S]*SB2[\s\S]*\n\n（另有1条更早的申报，发“查询 编号”可以单独查看。）$/)] },
    ]);
  });

  it('asking about someone else’s declaration is refused, with the same words whether it exists or not', async () => {
    const own = [mine({ ref: 'SB3', stage: { kind: 'received' } })];
    await replay(statusFlow, setup(own), [
      { say: '帮我查一下李四家的申报到哪了', status: 'done', replies: [text(STATUS_TEXTS.othersRefused)] },
      { say: '邻居的申报结果出来了吗', status: 'done', replies: [text(STATUS_TEXTS.othersRefused)] },
      { say: '查询 SB9', status: 'done', replies: [text(STATUS_TEXTS.refNotYours('SB9'))] },
      { say: '查询 SB1', status: 'done', replies: [text(STATUS_TEXTS.refNotYours('SB1'))] },
    ]);
  });

  it('a farmer bound to a household also sees its other cases, after their own declarations', async () => {
    const data = fakeData(farmer, {
      declarations: [mine({ ref: 'SB3', stage: { kind: 'received' } })],
      householdCases: [
        { source: 'cadre_screening', foundOn: '2022-05-02', stage: { kind: 'step', step: 'consent', day: '2022-05-04' }, deadline: '2022-05-17' },
        { source: 'department_warning', foundOn: '2022-03-01', stage: { kind: 'included', category: 'sudden_hardship', day: '2022-03-12' }, deadline: '2022-03-16' },
        { source: 'cadre_screening', foundOn: '2022-01-01', stage: { kind: 'received' }, deadline: '2022-01-16' },
      ],
    });
    await replay(statusFlow, { actor: farmer, now: T0, data }, [
      {
        say: '进度',
        status: 'done',
        replies: [
          text(/^您的申报（编号SB3[\s\S]*\n\n您家的帮扶事项（干部排查，5月2日发现）：\n进度：已完成“承诺授权”（5月4日）。接下来：有关部门核对您家的收入、车辆、房产等信息\n认定时限：5月17日前\n\n您家的帮扶事项（部门筛查预警，3月1日发现）：\n进度：已认定为监测对象（突发严重困难户，3月12日）。村里会和您商量落实帮扶措施$/),
        ],
      },
      // A question about one reference number shows only that.
      { say: '查询SB3', status: 'done', replies: [text(/^您的申报（编号SB3[^\n]*\n进度：已受理，等待网格员入户核查\n负责人：网格员王五\n认定时限：5月24日前$/)] },
    ]);
    await replay(statusFlow, { actor: farmer, now: T0, data: fakeData(farmer, { householdCases: [{ source: 'cadre_screening', foundOn: '2022-05-02', stage: { kind: 'received' }, deadline: '2022-05-17' }] }) }, [
      { say: '进度', status: 'done', replies: [text('您家的帮扶事项（干部排查，5月2日发现）：\n进度：已受理，等待网格员入户核查\n认定时限：5月17日前')] },
    ]);
  });

  it('no declaration yet: says how to declare', async () => {
    await replay(statusFlow, setup([]), [{ say: '我的申报到哪一步了', status: 'done', replies: [text(STATUS_TEXTS.none)] }]);
  });

  it('starts only for farmers asking about their declaration, not for an account of hardship', async () => {
    await replay(statusFlow, setup([]), [
      { say: '俺家老汉住院了，申报到哪一步了', status: 'not-matched' },
      { input: { type: 'text', text: '申报困难', menuId: 'declare' }, status: 'not-matched' },
    ]);
    await replay(statusFlow, { actor: gridWorker, now: T0, data: fakeData(gridWorker) }, [{ say: '进度', status: 'not-matched' }]);
  });
});

describe('asked in a farmer’s own words, through the router', () => {
  it('“我想问问我上次申报的那个事 现在咋样了” is the progress, not a new declaration; “能给多少钱” asks what help comes', async () => {
    await converse(flows, setup([]), [
      { say: '你好 我想问问我上次申报的那个事 现在咋样了', waiting: null, replies: [text(STATUS_TEXTS.none)] },
      { say: '能给多少钱', waiting: null, replies: [{ type: 'text', text: expect.not.stringContaining('不花一分钱') }] },
    ]);
  });
});

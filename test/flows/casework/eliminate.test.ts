import { describe, expect, it } from 'vitest';
import { replay, type Turn } from '../../helpers/transcript.js';
import { eliminateFlow } from '../../../src/flows/casework/eliminate.js';
import { cadre, fakeCasework, gridWorker, MAY_17, subject } from './fake.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const facts = (income: string): Turn[] => [
  { say: '风险消除 张三', status: 'waiting', state: { node: 'mode' } },
  { say: '帮扶消除', status: 'waiting', state: { node: 'income' }, replies: [text('2021年家庭人均纯收入多少元？（监测线6700元，请按核实的数填，如“9200”）')] },
  { say: income, status: 'waiting', state: { node: 'guarantees' } },
  { input: { type: 'card', taskId: 'fq2', eventKey: 'yes' }, status: 'waiting', state: { node: 'water' } },
  { say: '安全', status: 'waiting', state: { node: 'risks' } },
  { say: '是', status: 'waiting', state: { node: 'labour' } },
];

describe('风险消除 transcripts', () => {
  it('6 months after 纳入 (11-17 → 05-17): the facts asked, the 公示 set, the proposal stored with them', async () => {
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject({ includedOn: '2021-11-17' })] }) }, [
      ...facts('9000'),
      { say: '有', status: 'waiting', state: { node: 'publicity' } },
      {
        say: '是', status: 'done',
        commands: [{ kind: 'casework.request.open', subjectId: 4, publicityUntil: '2022-05-21', payload: { kind: 'elimination', mode: 'assisted', cause: null, note: '', facts: { wholeHouseholdNoLabour: false, perCapitaIncome: 9000, incomeLine: 6700, threeGuaranteesSecured: true, drinkingWaterSafe: true, risksRemaining: [] } } }],
        sends: [{ to: { channel: 'app', id: 'zhaozhen' }, reply: text('张三户（凉水井村，4口人）申请风险消除（帮扶消除），公示到5月21日（周六）；公示期满无异议后请镇街审核（发送“镇街审核”）。') }],
      },
    ]);
  });

  it('a day short of 6 months and no labour: refused with every reason, nothing stored; income exactly at the line is not above it', async () => {
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject({ includedOn: '2021-11-18' })] }) }, [
      ...facts('6700元'),
      {
        say: '没有', status: 'done', commands: [],
        replies: [text('张三户现在还不能申请风险消除：\n· 整户无劳动力，不能标注风险消除，应继续落实兜底保障。\n· 人均纯收入6700元，未超过监测标准6700元，不能标注风险消除。\n· 纳入未满6个月，最早2022-05-18才能标注风险消除。\n未提交申请。条件具备后请再发“风险消除 张三”。')],
      },
    ]);
  });

  it('reverted a month ago: the six months count from the 回退, not from 纳入', async () => {
    const s = subject({ includedOn: '2021-05-10', since: { day: '2022-04-15', after: 'revert' } });
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [s] }) }, [
      ...facts('9000'),
      { say: '有', status: 'done', commands: [], replies: [text('张三户现在还不能申请风险消除：\n· 回退未满6个月，最早2022-10-15才能标注风险消除。\n未提交申请。条件具备后请再发“风险消除 张三”。')] },
    ]);
  });

  it('自然消除 of a dissolved household goes straight to the 公示; a 公示 too short is refused', async () => {
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject()] }) }, [
      { say: '自然消除 张三', status: 'waiting', state: { node: 'cause' } },
      { say: '整户消亡', status: 'waiting', state: { node: 'publicity' } },
      { say: '5月20日', status: 'waiting', state: { node: 'publicity' }, replies: [text('公示期只有4天，至少需要5天。'), expect.objectContaining({ type: 'card' })] },
      { say: '5月23日', status: 'done', commands: [expect.objectContaining({ publicityUntil: '2022-05-23', payload: expect.objectContaining({ mode: 'natural', cause: 'household_dissolved' }) })] },
    ]);
  });

  it('not found, no name, not for a grid worker', async () => {
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [{ say: '风险消除 李四', status: 'done', replies: [text('在您的辖区内没有找到“李四”户风险未消除的监测对象。')] }]);
    await replay(eliminateFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [{ say: '风险消除', status: 'done', replies: [text('请带上户主姓名，如“风险消除 张三”。')] }]);
    await replay(eliminateFlow, { actor: gridWorker, now: MAY_17, data: fakeCasework() }, [{ say: '风险消除 张三', status: 'done', replies: [text(expect.stringContaining('您的角色（网格员）不能办理'))] }]);
  });

  it('a request taken back in the same message starts nothing; one turned into another is the one said last', async () => {
    const { withdrawFlow } = await import('../../../src/flows/casework/withdraw.js');
    const env = { actor: cadre, now: MAY_17, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeCasework({ subjects: [subject()] }) } as never;
    const said = (t: string) => ({ type: 'text', text: t }) as never;
    expect(eliminateFlow.matches(said('张三家风险已经消除了 不对 还没有'), env)).toBe(false);
    expect(withdrawFlow.matches(said('张三家要清退 不是 是风险消除'), env)).toBe(false);
    expect(eliminateFlow.matches(said('张三家要清退 不是 是风险消除'), env)).toBe(true);
  });
});


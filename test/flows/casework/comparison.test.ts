import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { comparisonFlow } from '../../../src/flows/casework/comparison.js';
import { cadre, cityBureau, fakeCasework, MAY_17 } from './fake.js';

const text = (t: unknown) => ({ type: 'text', text: t });

describe('信息比对 transcripts', () => {
  it('recorded when done, the town told; not found; not for the city', async () => {
    await replay(comparisonFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [
      {
        say: '信息比对 张三', status: 'done', commands: [{ kind: 'casework.lead.comparison', leadId: 3 }], replies: [text('已登记：张三户（凉水井村，4口人）信息比对已完成。')],
        sends: [{ to: { channel: 'app', id: 'zhaozhen' }, reply: text('张三户（凉水井村，4口人）信息比对已完成，公示期满后可镇街审核。') }],
      },
    ]);
    await replay(comparisonFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [{ say: '信息比对 李四', status: 'done', replies: [text('在您的辖区内没有找到“李四”户办理中的风险线索。')] }]);
    await replay(comparisonFlow, { actor: cityBureau, now: MAY_17, data: fakeCasework() }, [{ say: '信息比对 张三', status: 'done', commands: [], replies: [text(expect.stringContaining('不能办理'))] }]);
  });
});

describe('信息比对 told with how it went', () => {
  it('“张三家信息比对 没问题 ok”: the comparison found nothing wrong, so it is done; “张三家信息比对” alone is not', async () => {
    await replay(comparisonFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [
      { say: '张三家信息比对 没问题 ok', status: 'done', commands: [{ kind: 'casework.lead.comparison', leadId: 3 }] },
    ]);
    expect(comparisonFlow.matches({ type: 'text', text: '张三家信息比对' }, { now: MAY_17, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => p, data: fakeCasework() } as never)).toBe(false);
  });
});

describe('信息比对 said done with 做了/弄了', () => {
  it('“张三家信息比对做了 没问题” records it; “张三家信息比对要做了吗” does not', async () => {
    await replay(comparisonFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [
      { say: '张三家信息比对做了 没问题', status: 'done', commands: [{ kind: 'casework.lead.comparison', leadId: 3 }] },
    ]);
    await replay(comparisonFlow, { actor: cadre, now: MAY_17, data: fakeCasework() }, [{ say: '张三家信息比对已经弄了', status: 'done', commands: [{ kind: 'casework.lead.comparison', leadId: 3 }] }]);
    expect(comparisonFlow.matches({ type: 'text', text: '张三家信息比对要做了吗' }, { now: MAY_17, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => p, data: fakeCasework() } as never)).toBe(false);
  });
});

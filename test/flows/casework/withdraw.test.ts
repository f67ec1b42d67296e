import { describe, expect, it } from 'vitest';
import { replay } from '../../helpers/transcript.js';
import { withdrawFlow } from '../../../src/flows/casework/withdraw.js';
import { cadre, fakeCasework, MAY_17, subject } from './fake.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const DAY = 86_400_000;

describe('清退 transcripts', () => {
  it('the reason, the case, then the written request as a photo (kept); text instead of the photo is asked again', async () => {
    await replay(withdrawFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject({ status: 'eliminated' })] }) }, [
      { say: '清退 张三', status: 'waiting', state: { node: 'reason' } },
      { say: '其他', status: 'waiting', state: { node: 'note' }, replies: [text('请简要写明情况（必填）。')] },
      { say: '无', status: 'waiting', state: { node: 'note' } },
      { say: '家有商铺两间，经营收入高', status: 'waiting', state: { node: 'evidence' } },
      { say: '已经交到镇上了', status: 'waiting', state: { node: 'evidence' }, replies: [text('还没有收到书面申请。'), text('清退须有书面申请：请把村里出具的清退申请书拍照或以文件发过来。')] },
      { input: { type: 'file', msgType: 'image', mediaId: 'expired' }, status: 'waiting', state: { node: 'evidence' }, replies: [text('文件下载失败（可能已过期），请重新发送一次。'), expect.anything()] },
      {
        input: { type: 'file', msgType: 'file', mediaId: 'm2', fileName: '清退申请.pdf' }, status: 'done',
        commands: [{ kind: 'casework.request.open', subjectId: 4, publicityUntil: null, payload: { kind: 'withdrawal', reason: 'other', note: '家有商铺两间，经营收入高' }, evidence: { mediaId: 'm2', msgType: 'file', fileName: '清退申请.pdf', bytes: 9, sha256: 'b'.repeat(64) }, evidenceContent: 'AAAA' }],
        sends: [{ to: { channel: 'app', id: 'zhaozhen' }, reply: text('张三户（凉水井村，4口人）申请清退（其他：家有商铺两间，经营收入高），书面申请已留存；请镇街审核（发送“镇街审核”），再报市级审批。') }],
      },
    ]);
  });

  it('on the deadline day it is taken; the day after it is refused with the deadline', async () => {
    const data = fakeCasework({ subjects: [subject()] });
    await replay(withdrawFlow, { actor: cadre, now: MAY_17 + 8 * DAY, data }, [{ say: '清退 张三', status: 'waiting', state: { node: 'reason' } }]);
    await replay(withdrawFlow, { actor: cadre, now: MAY_17 + 9 * DAY, data }, [{ say: '清退 张三', status: 'done', commands: [], replies: [text('回退、清退书面申请须在5月25日（周三）前报送，今天已过截止日，不能再申请清退。确有错误纳入的，请报镇街按程序处理。')] }]);
  });
});

describe('清退 asked with the reason first', () => {
  it('“张三家收入超标了 得清退”: the household, then its reason is asked by the flow', async () => {
    await replay(withdrawFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject({ status: 'eliminated' })] }) }, [
      { say: '张三家收入超标了 得清退', status: 'waiting', state: { node: 'reason' } },
    ]);
    await replay(withdrawFlow, { actor: cadre, now: MAY_17, data: fakeCasework({ subjects: [subject({ status: 'eliminated' })] }) }, [
      { say: '张三户家里有了门市 要申请清退', status: 'waiting', state: { node: 'reason' } },
    ]);
    const env = { now: MAY_17, tz: 'Asia/Shanghai', actor: cadre, newId: (p: string) => p, data: fakeCasework() } as never;
    // Talk about a 清退 that is not asked for is not the request.
    expect(withdrawFlow.matches({ type: 'text', text: '张三家收入超标了 清退的事咋办' }, env)).toBe(false);
  });
});

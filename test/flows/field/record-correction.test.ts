/**
 * 重点户排查 (附件2), 回头看 (附件4) and 帮扶跟进 (附件5) corrected after the fact, in a message of its
 * own naming no household: the asker's latest record of the last half hour, the answers changed shown
 * before → after and saved on 是 with the words (the record's history keeps who, when and why); a
 * 回头看 whose conclusion would change is answered again in full; a general record is left to the
 * general screening; older than half an hour, nothing is guessed.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/converse.js';
import { replay } from '../../helpers/transcript.js';
import { fakeFieldData, gridTeamMember, HOUR, MONDAY, townOfficial, world } from './world.js';
import { flows } from '../../../src/flows/registry.js';
import type { Env } from '../../../src/flows/types.js';
import { correctedAnswers, recordCorrectionFlow } from '../../../src/flows/field/record-correction.js';

const MIN = 60_000;
const REVIEW = { subjectId: 11, category: 'marginal', incomeStable: true, measuresImplemented: true, guaranteesStable: true, eliminationStable: true, needsRelabel: false, relabelNote: null, needsWithdrawal: false, newRisk: false, newRiskDetails: null };
const FAMILY = { income: '务工', annualIncomeYuan: 30000, schooling: '', schoolingCostYuan: null, illness: '', illnessCostYuan: null, disaster: '', disasterLossYuan: null };
const KEY_GROUP = { groups: ['kg1_alleviated'], family: FAMILY, verdict: null, riskFound: false, riskDetails: null };
const FOLLOW_UP = { subjectId: 13, includedOn: '2021-03-01', risks: ['illness'], measuresInPlace: ['health'], assistanceImplemented: true, meetsEliminationStandard: false };
const text = (t: unknown) => ({ type: 'text', text: t });
const save = (form: string, answers: object, correction: string) => ({ kind: 'field.screening.save', form, campaign: '2022', householdId: 1, answers, remark: '', correction });

function recorded(form: string, answers: Record<string, unknown>, ago = 5 * MIN) {
  const w = world();
  w.todays.set(`1:${form}`, { id: 21, riskFound: false, answers, at: MONDAY - ago });
  return w;
}
const setup = (w: ReturnType<typeof world>, actor = gridTeamMember) => ({ actor, now: MONDAY, data: fakeFieldData(w, actor) });

describe('附件2/4/5 corrected after the fact', () => {
  it('回头看: a new risk said afterwards (“刚才那户其实有新风险 老汉又住院了”) is shown, saved on 是 with the words, and opens its lead', async () => {
    const said = '刚才那户其实有新风险 老汉又住院了';
    await converse(flows, setup(recorded('review', REVIEW)), [
      { say: said, waiting: 'field/record-correction:confirm', commands: [], replies: [text('要更正张三户刚登记的回头看（附件4）：\n是否出现新的返贫致贫风险：否 → 是（老汉又住院了）\n回复“是”或“确认”保存（原记录留档）；回复“取消”不改。')] },
      {
        say: '是',
        waiting: null,
        commands: [save('review', { ...REVIEW, newRisk: true, newRiskDetails: '老汉又住院了' }, said)],
        replies: [text('已更正张三户的回头看（附件4），原记录已留档：\n更正：是否出现新的返贫致贫风险：否 → 是（老汉又住院了）\n新的风险已生成线索，提交本村研判会研判。')],
      },
    ]);
  });

  it('the flow itself (a transcript): the record replaced on 确认, with the words as its reason', async () => {
    const said = '不对 刚才那户其实达到消除标准了';
    await replay(recordCorrectionFlow, setup(recorded('follow_up', FOLLOW_UP)), [
      { say: said, status: 'waiting', state: { node: 'confirm', data: { form: 'follow_up', householdId: 1, changes: ['是否达到消除标准：否 → 是'] } } },
      { say: '啥意思', status: 'waiting', state: { node: 'confirm' }, replies: [text('请回复“是”保存更正，或回复“取消”不改。')] },
      { say: '确认', status: 'done', commands: [save('follow_up', { ...FOLLOW_UP, meetsEliminationStandard: true }, said)], replies: [text('已更正张三户的帮扶跟进（附件5），原记录已留档：\n更正：是否达到消除标准：否 → 是')] },
    ]);
    // 重新标注 needs what to change: the whole 回头看 is asked for.
    await converse(flows, setup(recorded('review', REVIEW)), [{ say: '刚才那户标注写错了 其实需要重新标注', waiting: null, commands: [], replies: [text(expect.stringContaining('请重新发送“回头看 张三”'))] }]);
  });

  it('回头看: an answer whose change would change the conclusion (收入不稳定 → 回退; 重新标注) is not changed here; the whole 回头看 is asked for', async () => {
    await converse(flows, setup(recorded('review', REVIEW)), [
      { say: '不对 收入其实不稳定', waiting: null, commands: [], replies: [text(expect.stringMatching(/收入是否持续稳定：是 → 否，会改变回头看的结论（回退、清退或重新标注）。请重新发送“回头看 张三”/))] },
    ]);
  });

  it('重点户排查: “刚才那户其实有风险 因病” corrects the risk found', async () => {
    const said = '刚才那户其实有风险 因病';
    await converse(flows, setup(recorded('key_group', KEY_GROUP), townOfficial), [
      { say: said, waiting: 'field/record-correction:confirm', replies: [text(expect.stringContaining('是否发现风险：否 → 是（因病）'))] },
      { say: '确认', waiting: null, commands: [save('key_group', { ...KEY_GROUP, riskFound: true, riskDetails: '因病' }, said)] },
    ]);
  });

  it('帮扶跟进: “不对 刚才那户帮扶还没落实” corrects 帮扶是否落实; 取消 keeps the record', async () => {
    const said = '不对 刚才那户帮扶还没落实';
    await converse(flows, setup(recorded('follow_up', FOLLOW_UP)), [
      { say: said, waiting: 'field/record-correction:confirm', replies: [text(expect.stringContaining('帮扶是否落实：是 → 否'))] },
      { say: '是', waiting: null, commands: [save('follow_up', { ...FOLLOW_UP, assistanceImplemented: false }, said)] },
    ]);
    await converse(flows, setup(recorded('follow_up', FOLLOW_UP)), [
      { say: said, waiting: 'field/record-correction:confirm' },
      { say: '取消', waiting: null, commands: [] },
    ]);
  });

  it('older than half an hour nothing is guessed; the latest record a 一般户排查 one → the general screening takes the words', async () => {
    await converse(flows, setup(recorded('follow_up', FOLLOW_UP, 31 * MIN)), [{ say: '不对 刚才那户帮扶还没落实', waiting: null, commands: [], replies: [text(expect.stringContaining('没有找到您30分钟内登记的排查记录'))] }]);
    const w = recorded('review', REVIEW, HOUR / 4);
    w.todays.set('1:general', { id: 22, riskFound: false, answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true }, at: MONDAY - 2 * MIN });
    await converse(flows, setup(w), [{ say: '不对，是电话问的', waiting: 'field/general-screening:confirm', replies: [text(expect.stringContaining('排查方式：入户 → 电话'))] }]);
  });

  it('a record fault to report (“反映个问题 贺永胜家收入录错了”) and words inside another errand are not corrections', () => {
    const env: Env = { now: MONDAY, tz: 'Asia/Shanghai', actor: gridTeamMember, newId: (p: string) => p, data: fakeFieldData(world(), gridTeamMember) as unknown as Env['data'] };
    expect(recordCorrectionFlow.matches({ type: 'text', text: '反映个问题 贺永胜家收入录错了' }, env)).toBe(false);
    expect(recordCorrectionFlow.matches({ type: 'text', text: '不对 收入其实不稳定' }, env)).toBe(true);
    expect(recordCorrectionFlow.interrupts?.({ type: 'text', text: '不对 收入其实不稳定' }, env)).toBe(false);
  });

  it('reads each answer named with its own value, and asks when nothing is understood', () => {
    const r = correctedAnswers('review', REVIEW, '刚才那户收入写错了 其实不稳定');
    expect(r).toEqual({ answers: { ...REVIEW, incomeStable: false }, changes: ['收入是否持续稳定：是 → 否'] });
    expect(correctedAnswers('follow_up', FOLLOW_UP, '不对 其实达到消除标准了')).toEqual({ answers: { ...FOLLOW_UP, meetsEliminationStandard: true }, changes: ['是否达到消除标准：否 → 是'] });
    expect(correctedAnswers('follow_up', FOLLOW_UP, '不对 帮扶落实了')).toBe('记录里已经是这样了，不用更正。');
    expect(correctedAnswers('key_group', KEY_GROUP, '刚才那个写错了')).toEqual(expect.stringContaining('没看懂要改哪一项'));
    expect(correctedAnswers('key_group', KEY_GROUP, '刚才那户其实有风险')).toEqual(expect.stringContaining('请把风险情况一起说'));
  });
});

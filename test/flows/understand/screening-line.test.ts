import { describe, expect, it } from 'vitest';
import { parseScreeningLine, type ScreeningLine } from '../../../src/flows/understand/index.js';

const line = (fields: Partial<ScreeningLine>): ScreeningLine => ({ suggestedRisks: [], missing: [], conflicts: [], ...fields });

describe('parseScreeningLine', () => {
  it.each([
    ['排查 张三 入户 无风险 了解政策', line({ name: '张三', method: 'home_visit', risk: false, knowsPolicy: true })],
    ['排查张三 微信 没风险 了解', line({ name: '张三', method: 'wechat', risk: false, knowsPolicy: true })],
    ['排查 张三入户无风险了解政策', line({ name: '张三', method: 'home_visit', risk: false, knowsPolicy: true })],
    ['张三 入户 无风险 了解政策', line({ name: '张三', method: 'home_visit', risk: false, knowsPolicy: true })],
    ['排查 欧阳秀兰 视频 没有风险 不太了解', line({ name: '欧阳秀兰', method: 'wechat', risk: false, knowsPolicy: false })],
    ['排查 刘二 打电话 未发现风险 基本了解政策', line({ name: '刘二', method: 'phone', risk: false, knowsPolicy: true })],
    ['排查 高峰 其他 无风险 不了解政策', line({ name: '高峰', method: 'other', risk: false, knowsPolicy: false })],
    ['排查 贺兰 上门 一切正常 政策了解', line({ name: '贺兰', method: 'home_visit', risk: false, knowsPolicy: true })],
    ['排查：周八，上门，无风险，基本了解政策，备注 户主外出务工', line({ name: '周八', method: 'home_visit', risk: false, knowsPolicy: true, remark: '户主外出务工' })],
    ['排查 吴九 入户 有风险 不了解', line({ name: '吴九', method: 'home_visit', risk: true, knowsPolicy: false })],
    ['排查 张三(户主) 入户 无风险 了解政策', line({ name: '张三', method: 'home_visit', risk: false, knowsPolicy: true, remark: '户主' })],
    ['排查 郑十 电话 无风险 了解 家里新添了孙子', line({ name: '郑十', method: 'phone', risk: false, knowsPolicy: true, remark: '家里新添了孙子' })],
    // missing pieces are listed, never invented
    ['排查 李四 微信', line({ name: '李四', method: 'wechat', missing: ['risk', 'knowsPolicy'] })],
    ['排查 入户 无风险', line({ method: 'home_visit', risk: false, missing: ['name', 'knowsPolicy'] })],
    ['排查', line({ missing: ['name', 'method', 'risk', 'knowsPolicy'] })],
    // said twice, differently: asked again
    ['排查 赵六 入户 电话 无风险 了解', line({ name: '赵六', risk: false, knowsPolicy: true, conflicts: ['method'] })],
    ['排查 钱七 入户 无风险 有风险 了解', line({ name: '钱七', method: 'home_visit', knowsPolicy: true, conflicts: ['risk'] })],
  ])('%j', (text, expected) => {
    expect(parseScreeningLine(text)).toEqual(expected);
  });

  it('keeps the risk detail when a risk is reported', () => {
    expect(parseScreeningLine('排查 王五 电话 有风险 儿子住院花了两万 不了解政策')).toEqual(
      line({
        name: '王五',
        method: 'phone',
        risk: true,
        riskDetail: '儿子住院花了两万',
        suggestedRisks: [{ riskType: 'illness', evidence: ['住院'] }],
        knowsPolicy: false,
      }),
    );
  });

  it('suggests, but does not decide, a risk told without the words 有风险', () => {
    expect(parseScreeningLine('排查 孙七 入户 房子漏雨 了解政策')).toEqual(
      line({
        name: '孙七',
        method: 'home_visit',
        riskDetail: '房子漏雨',
        suggestedRisks: [{ riskType: 'housing_safety', evidence: ['房子漏'] }],
        knowsPolicy: true,
        missing: ['risk'],
      }),
    );
  });
});

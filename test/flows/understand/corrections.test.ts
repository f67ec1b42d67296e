import { expect, it } from 'vitest';
import { CORRECTION_LEAD, correctedWithin } from '../../../src/flows/understand/corrections.js';

it.each([
  ['不对，是电话问的', '不对，是'],
  ['刚才说错了，应该是电话问的', '刚才说错了，应该是'],
  ['刚才人数写错了 改成18', '刚才人数写错了 改成'],
  ['更正一下 张三 入户 无风险', '更正一下 '],
])('“%s” opens a correction (%s)', (said, lead) => {
  expect(CORRECTION_LEAD.exec(said)?.[0]).toBe(lead);
});

it('a message that only contains such words later opens none', () => {
  expect(CORRECTION_LEAD.test('张三家 刚才说错了')).toBe(false);
  expect(CORRECTION_LEAD.test('排查 张三 入户 无风险')).toBe(false);
});

it('a correction within a message: what was said before it and what replaces it', () => {
  expect(correctedWithin('凉水井村的进度 哦不是 新村的')).toEqual({ before: '凉水井村的进度', after: '新村的' });
  expect(correctedWithin('凉水井村进度 不对 说错了 是新村')).toEqual({ before: '凉水井村进度', after: '新村' });
  expect(correctedWithin('不是凉水井村 是新村的进度')).toEqual({ before: '凉水井村', after: '新村的进度' });
  expect(correctedWithin('不对 是新村')).toBeNull();
  expect(correctedWithin('是不是超期了')).toBeNull();
});

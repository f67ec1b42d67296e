import { expect, it } from 'vitest';
import { CORRECTION_LEAD, correctedWithin, correctsEarlier, SAME_AS_BEFORE, withoutCorrectionWords } from '../../../src/flows/understand/corrections.js';
import { mendSlips, screeningWordsIn } from '../../../src/flows/understand/screening-words.js';

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

it.each([
  ['不对，是电话问的', true],
  ['刚才那个改成电话核实', true],
  ['刚才那户其实有风险 因病', true],
  ['政策那个写错了 她其实了解', true],
  ['上一户政策其实不太了解', true],
  ['哦不对 刚才那个是视频的', true],
  ['我刚才那条发错了 是电话', true],
  ['刚才报的那户 不是入户 是打电话', true],
  ['刚才去了马有福家 入户 无风险', false],
  ['刚才那户情况挺好', false],
  ['排查 张三 入户 无风险 了解政策', false],
])('“%s” corrects something said before: %s', (said, yes) => {
  expect(correctsEarlier(said)).toBe(yes);
});

it('what a correction says without its pointing words', () => {
  expect(withoutCorrectionWords('刚才那户其实，因病')).toBe('因病');
  expect(withoutCorrectionWords('不对，是老汉住院了')).toBe('老汉住院了');
});

it.each([['杨建平家也一样', true], ['张晶家同上', true], ['跟刚才那户一样', true], ['情况不一样', false], ['一样的政策都知道', false]])('“%s” is reported as the one before: %s', (said, yes) => {
  expect(SAME_AS_BEFORE.test(said)).toBe(yes);
});

it('晓不得 / 知不道 (dialect) are not knowing the policy', () => {
  for (const t of ['晓不得', '政策晓不得', '知不道']) expect(screeningWordsIn(t).map((w) => w.said), t).toEqual([{ field: 'knowsPolicy', value: false }]);
});

it('a correction within a message: what was said before it and what replaces it', () => {
  expect(correctedWithin('凉水井村的进度 哦不是 新村的')).toEqual({ before: '凉水井村的进度', after: '新村的' });
  expect(correctedWithin('凉水井村进度 不对 说错了 是新村')).toEqual({ before: '凉水井村进度', after: '新村' });
  expect(correctedWithin('不是凉水井村 是新村的进度')).toEqual({ before: '凉水井村', after: '新村的进度' });
  expect(correctedWithin('不对 是新村')).toBeNull();
  expect(correctedWithin('是不是超期了')).toBeNull();
});

it('nothing of the policy not known (没有不知道的, 没啥不懂的) is knowing it; 不知道 alone is not', () => {
  for (const t of ['政策没有不知道的', '政策没啥不懂的']) expect(screeningWordsIn(t).map((w) => w.said), t).toEqual([{ field: 'knowsPolicy', value: true }]);
  expect(screeningWordsIn('政策不知道').map((w) => w.said)).toEqual([{ field: 'knowsPolicy', value: false }]);
});

it('没有发现返贫风险 is no risk (its 发现…风险 is not a risk found)', () => {
  for (const t of ['没有发现返贫风险', '未发现风险', '没有发现风险']) expect(screeningWordsIn(t).map((w) => w.said), t).toEqual([{ field: 'risk', value: false }]);
  expect(screeningWordsIn('发现返贫风险').map((w) => w.said)).toEqual([{ field: 'risk', value: true }]);
});

it('no risk said as people say it: 莫得啥子事, 风险嘛 没有, 风险排除了, 风险❌, 没封险; 没有事情做 is no such word', () => {
  for (const t of ['莫得啥子事', '风险嘛 没有', '风险排除了', '风险❌', '没封险']) expect(screeningWordsIn(mendSlips(t)).map((w) => w.said), t).toEqual([{ field: 'risk', value: false }]);
  expect(screeningWordsIn('白文斌没有事情做').map((w) => w.said)).toEqual([]);
});

it('政策知 (the form’s answer shortened) is knowing the policy; 政策不知 is not', () => {
  expect(screeningWordsIn('政策知').map((w) => w.said)).toEqual([{ field: 'knowsPolicy', value: true }]);
  expect(screeningWordsIn('政策不知').map((w) => w.said)).toEqual([{ field: 'knowsPolicy', value: false }]);
});

it('the policy told but not understood (没听懂, 听不明白) is not knowing it', () => {
  for (const t of ['他说没听懂', '听不明白']) expect(screeningWordsIn(t).map((w) => w.said), t).toEqual([{ field: 'knowsPolicy', value: false }]);
});

it('同样 or 一样 right after a household is the same as the one before; 同样 elsewhere is not', () => {
  for (const t of ['刘有才家 同样', '高志明家一样']) expect(SAME_AS_BEFORE.test(t), t).toBe(true);
  expect(SAME_AS_BEFORE.test('同样的问题还有')).toBe(false);
});

it('the form’s words spaced out (风险 有), and the number dialled (打了138…) as the way', () => {
  expect(screeningWordsIn('风险 有').map((w) => w.said)).toEqual([{ field: 'risk', value: true }]);
  expect(screeningWordsIn('风险 有没有 不清楚').map((w) => w.said)).not.toContainEqual({ field: 'risk', value: true });
  expect(screeningWordsIn('打了13812345678').map((w) => w.said)).toEqual([{ field: 'method', value: 'phone' }]);
});

it('风险 有 spaced out is a risk only when no 没/无 is before it (没风险 有养老金, 没风险 是邻居家 are none)', () => {
  for (const t of ['没风险 有养老金', '没风险 是她邻居家有事']) expect(screeningWordsIn(t).map((w) => w.said), t).not.toContainEqual({ field: 'risk', value: true });
});

it('a visit denied (没入户 打的电话) is no visit: only the phone call is the way', () => {
  expect(screeningWordsIn('没入户 打的电话').map((w) => w.said)).toEqual([{ field: 'method', value: 'phone' }]);
});

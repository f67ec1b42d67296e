/**
 * Answers to "身份证号？" and "手机号？" as farmers give them: a refusal or "I don't have it at hand"
 * said inside a sentence is a refusal (the question moves on), a number is read as a number.
 */
import { describe, expect, it } from 'vitest';
import { readIdAnswer, readPhoneAnswer } from '../../../src/flows/farmer/common.js';

describe('a farmer who cannot give an ID number or phone', () => {
  it.each([
    '身份证在娃那呢 记不得',
    '俺记不清了',
    '身份证叫娃拿走了 不在身边',
    '证找不着了',
    '这个俺不知道',
    '没带身份证',
    '身份证在老汉手里',
  ])('“%s” is a refusal, not an unclear answer', (t) => {
    expect(readIdAnswer(t)).toEqual({ kind: 'declined' });
  });

  it.each(['电话没有 俺不会用手机', '手机在儿子那', '不方便给'])('“%s” declines the phone', (t) => {
    expect(readPhoneAnswer(t)).toEqual({ kind: 'declined' });
  });

  it('a number in the sentence is still read as the number, and other talk stays unclear', () => {
    expect(readIdAnswer('后四位是1234 别的记不得了')).toEqual({ kind: 'tail', tail: '1234' });
    expect(readPhoneAnswer('记不得 好像是13800000000')).toMatchObject({ kind: 'ok', value: '13800000000' });
    expect(readIdAnswer('俺家娃上大学了')).toEqual({ kind: 'unclear' });
  });
});

describe('a farmer asking for a person in other words', () => {
  it.each(['网格员电话给一下', '我想取消申报', '我报错了 我家其实没困难'])('“%s” is passed to a person', async (t) => {
    const { personAsk } = await import('../../../src/flows/farmer/questions.js');
    expect(personAsk(t)).toBe('person');
  });
  it('人工耳蜗 is no request for a person', async () => {
    const { personAsk } = await import('../../../src/flows/farmer/questions.js');
    expect(personAsk('孙子先天性耳聋 装人工耳蜗要二十万')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseYesNo, readYesNo } from '../../../src/flows/understand/index.js';

describe('parseYesNo', () => {
  it.each([
    // plain yes
    ['是', 'yes'], ['是的', 'yes'], ['是的呀', 'yes'], ['对', 'yes'], ['对的', 'yes'], ['对对对', 'yes'],
    ['嗯', 'yes'], ['嗯嗯', 'yes'], ['恩', 'yes'], ['有', 'yes'], ['有的', 'yes'], ['好', 'yes'], ['好的', 'yes'],
    ['可以', 'yes'], ['确认', 'yes'], ['要', 'yes'], ['要的', 'yes'], ['1', 'yes'], ['１', 'yes'], ['y', 'yes'],
    ['Y', 'yes'], ['yes', 'yes'], ['ＹＥＳ', 'yes'], ['ok', 'yes'], ['✓', 'yes'], ['√', 'yes'], ['👍', 'yes'], ['👍🏻', 'yes'], ['✔️', 'yes'],
    ['没问题', 'yes'], ['行', 'yes'], ['是。', 'yes'], ['是 的', 'yes'], ['是啊是啊', 'yes'], ['肯定有', 'yes'], ['嗯呐', 'yes'],
    ['要得', 'yes'], ['好的，谢谢', 'yes'], ['1.', 'yes'],
    // northern Shaanxi 哩/咧 for 呢
    ['有哩', 'yes'], ['是咧', 'yes'], ['没有哩', 'no'],
    // plain no
    ['否', 'no'], ['不是', 'no'], ['不是的', 'no'], ['没有', 'no'], ['没有啦', 'no'], ['没有没有', 'no'], ['没', 'no'],
    ['无', 'no'], ['不', 'no'], ['不不不', 'no'], ['不对', 'no'], ['不要', 'no'], ['那就不要了', 'no'], ['不用了', 'no'],
    ['当然没有', 'no'], ['不需要', 'no'], ['不行吧', 'no'], ['否的', 'no'], ['2', 'no'], ['２', 'no'], ['n', 'no'], ['no', 'no'], ['NO', 'no'], ['×', 'no'], ['没得', 'no'], ['没啥', 'no'],
    ['没事', 'no'], ['没啥事', 'no'], ['嗯 没啥事', 'no'], ['啥事都没有', 'no'], ['还没有', 'no'], ['还没呢', 'no'],
    // echo answers with the default subjects 风险 / 困难
    ['有风险', 'yes'], ['没有风险', 'no'], ['没风险', 'no'], ['无风险', 'no'], ['有困难', 'yes'], ['没什么困难', 'no'],
    ['嗯，没有风险', 'no'], ['嗯，没有', 'no'], ['嗯，有', 'yes'],
    // no clear answer
    ['不是没有', null], ['也不是不行', null], ['对，没有', null], ['是，不是', null], ['没有，有', null],
    ['有没有风险？', null], ['没有风险吗', null], ['是不是啊', null], ['可以吗', null], ['不知道', null], ['不清楚', null], ['说不好', null],
    ['儿子住院了', null], ['', null], ['   ', null], ['哈哈', null], ['3', null],
  ] as const)('%j → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it.each([
    ['了解', ['了解'], 'yes'],
    ['基本了解', ['了解', '知道'], 'yes'],
    ['了解政策', ['了解'], 'yes'],
    ['不了解', ['了解'], 'no'],
    ['不太了解', ['了解'], 'no'],
    ['不是很了解', ['了解'], 'no'],
    ['了解得不多', ['了解'], 'no'],
    ['知道', ['了解', '知道'], 'yes'],
    ['稳定', ['稳定'], 'yes'],
    ['不稳定', ['稳定'], 'no'],
    ['落实了', ['落实'], 'yes'],
    ['没落实', ['落实'], 'no'],
    // Without the context, 有风险 is no answer to 是否了解政策.
    ['有风险', ['了解'], null],
  ] as const)('%j with echo %j → %s', (text, echo, expected) => {
    expect(parseYesNo(text, { echo })).toBe(expected);
  });

  it('keeps what came with the answer', () => {
    expect(readYesNo('有，儿子住院了')).toEqual({ answer: 'yes', rest: '儿子住院了' });
    expect(readYesNo('没有，就是收入少')).toEqual({ answer: 'no', rest: '就是收入少' });
    expect(readYesNo('是的')).toEqual({ answer: 'yes', rest: '' });
    expect(readYesNo('儿子住院了')).toEqual({ answer: null, rest: '儿子住院了' });
  });
});

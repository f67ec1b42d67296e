import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithOffsets, quoteOriginal } from '../../../src/flows/understand/index.js';

describe('normalize', () => {
  it.each([
    ['１２３', '123'],
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    ['１、３，５', '1、3,5'],
    ['花了３万多（看病）', '花了3万多(看病)'],
    ['你好！请问？', '你好!请问?'],
    ['电话：138－1234－5678', '电话:138-1234-5678'],
    ['“高家堡”说', '"高家堡"说'],
    ['‘好’', "'好'"],
    ['【通知】', '[通知]'],
    ['1—3', '1-3'],
    ['1〜3', '1~3'],
    ['  前后空格  ', '前后空格'],
    ['我叫\u3000张三', '我叫 张三'],
    ['第一行\n\n第二行\t第三', '第一行 第二行 第三'],
    ['零\u200b宽\ufeff字符', '零宽字符'],
    ['✔\ufe0f', '✔'],
    ['不\u00a0换行', '不 换行'],
    ['句号。保留', '句号。保留'],
    ['1.5万', '1.5万'],
    ['①③⑤', '①③⑤'],
    ['《政策》', '《政策》'],
    ['Yes', 'Yes'],
    ['﹐﹑﹖', ',、?'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps the original and maps every normalized position back to it', () => {
    const n = normalizeWithOffsets('  看病花了 ３ 万  ');
    expect(n.original).toBe('  看病花了 ３ 万  ');
    expect(n.text).toBe('看病花了 3 万');
    expect(n.offsets).toHaveLength(n.text.length + 1);
    expect(quoteOriginal(n, 0, 2)).toBe('看病');
    expect(quoteOriginal(n, 5, 8)).toBe('３ 万');
    expect(quoteOriginal(n, 3, 3)).toBe('');
  });

  it('quotes across collapsed whitespace and dropped characters exactly as typed', () => {
    const n = normalizeWithOffsets('房子\n\n漏\u200b雨');
    expect(n.text).toBe('房子 漏雨');
    expect(quoteOriginal(n, 0, n.text.length)).toBe('房子\n\n漏\u200b雨');
  });
});

describe('以 for its homophone 已', () => {
  it('before a word of work done it reads 已, elsewhere it stays; the offsets still quote what was typed', () => {
    expect(normalize('回头看以完成 霍金山家')).toBe('回头看已完成 霍金山家');
    expect(normalize('风险以消除 申请销号')).toBe('风险已消除 申请销号');
    expect(normalize('政策以知晓 以经入户了')).toBe('政策已知晓 已经入户了');
    expect(normalize('以前在外打工 可以申报吗')).toBe('以前在外打工 可以申报吗');
    const n = normalizeWithOffsets('风险以消除');
    expect(quoteOriginal(n, 2, 5)).toBe('以消除');
  });
});

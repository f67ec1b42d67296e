import { describe, expect, it } from 'vitest';
import { group, layoutHeader, leaf, pair, type ColumnNode } from '../../../src/bot/forms/columns.js';
import { linesNeeded, sheetName, textWidth } from '../../../src/bot/forms/sheet.js';

type R = { a: number };
const v = () => 0;
const cells = (tree: ColumnNode<R>[]) => layoutHeader(tree).cells.map((c) => `${c.text}@${c.top},${c.left}-${c.bottom},${c.right}`);

describe('column tree layout', () => {
  const cases: Array<[string, ColumnNode<R>[], number, string[]]> = [
    ['flat labels: one row', [leaf('序号', v), leaf('备注', v)], 1, ['序号@1,1-1,1', '备注@1,2-1,2']],
    ['a unit row under labels', [leaf('镇街', v), leaf('培训人数', v, { unit: '人数' })], 2, ['镇街@1,1-2,1', '培训人数@1,2-1,2', '人数@2,2-2,2']],
    ['a pair reaches down to the units', [leaf('镇街', v), pair<R>('集中排查对象', () => ({ households: 0, people: 0 }))], 2, ['镇街@1,1-2,1', '集中排查对象@1,2-1,3', '户数@2,2-2,2', '人数@2,3-2,3']],
    [
      'a group beside a deeper group: shallow parts stretch down',
      [
        pair<R>('总', () => ({ households: 0, people: 0 })),
        group('其中：', [pair<R>('甲', () => ({ households: 0, people: 0 })), leaf('乙', v, { unit: '户数' })]),
        leaf('丙', v),
      ],
      3,
      ['总@1,1-2,2', '户数@3,1-3,1', '人数@3,2-3,2', '其中：@1,3-1,5', '甲@2,3-2,4', '户数@3,3-3,3', '人数@3,4-3,4', '乙@2,5-2,5', '户数@3,5-3,5', '丙@1,6-3,6'],
    ],
    [
      'three label levels: a middle group takes one row, a leaf under the top takes two',
      [group('上', [group('中', [leaf('下', v)]), leaf('旁', v)])],
      3,
      ['上@1,1-1,2', '中@2,1-2,1', '下@3,1-3,1', '旁@2,2-3,2'],
    ],
  ];
  it.each(cases)('%s', (_t, tree, rows, expected) => {
    expect(layoutHeader(tree).rows).toBe(rows);
    expect(cells(tree)).toEqual(expected);
  });

  it('refuses trees it cannot print', () => {
    expect(() => layoutHeader<R>([group('空', [])])).toThrow('表头分组“空”没有下级列');
    expect(() => layoutHeader<R>([leaf(null, v)])).toThrow('表头列既无名称也无单位');
  });

  it('measures CJK as two units and wraps by width', () => {
    expect(textWidth('高家堡镇ab')).toBe(10);
    expect(linesNeeded('一二三四五六', 7)).toBe(2);
    expect(linesNeeded('甲\n乙', 20)).toBe(2);
  });

  it('makes legal, distinct sheet names', () => {
    const taken = new Set<string>();
    expect([sheetName('汇总', taken), sheetName('汇总', taken), sheetName('A:B', taken), sheetName('', taken)]).toEqual(['汇总', '汇总(2)', 'A·B', '表']);
  });
});

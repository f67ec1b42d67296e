/**
 * Short Chinese labels the field flows print: key groups as circled numbers (①④), and the
 * catalogue lists as numbered options people answer with a number.
 *
 * @example
 *   keyGroupMarks(['kg1_alleviated', 'kg4_dibao'])   // '①④'
 *   keyGroupNumbers(['kg1_alleviated', 'kg4_dibao']) // '1、4'
 */
import { KEY_GROUP, type KeyGroup } from '../../domain/catalog.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

const numberOf = (g: KeyGroup): number => KEY_GROUP.codes.indexOf(g) + 1;

/** '①④' for the groups, in catalogue order. */
export function keyGroupMarks(groups: readonly KeyGroup[]): string {
  return [...groups].sort((a, b) => numberOf(a) - numberOf(b)).map((g) => CIRCLED[numberOf(g) - 1]).join('');
}

/** '1、4' for the groups, in catalogue order (as 附件2 prints 对象类型). */
export function keyGroupNumbers(groups: readonly KeyGroup[]): string {
  return [...groups].map(numberOf).sort((a, b) => a - b).join('、');
}

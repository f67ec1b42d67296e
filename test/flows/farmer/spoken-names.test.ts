/**
 * A name said the way people speak, or as a voice transcript has it: the filler before the name
 * (那个, 就是, 嗯) is no part of it; a filler alone is no name.
 */
import { expect, it } from 'vitest';
import { readName } from '../../../src/flows/farmer/common.js';

it.each([
  ['我叫那个冯桂芝', '冯桂芝'],
  ['嗯 我是就是刘改兰', '刘改兰'],
  ['那个 王秀英', '王秀英'],
  ['名字就是贺二虎', '贺二虎'],
  ['我叫张三', '张三'],
])('“%s” → %s', (said, name) => {
  expect(readName(said)).toBe(name);
});

it.each(['就是', '那个', '嗯嗯'])('“%s” alone is no name', (said) => {
  expect(readName(said)).toBeNull();
});

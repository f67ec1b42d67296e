/**
 * The compact map of 户编号 an import has seen (src/bot/import/key-rows.ts) answers as a Map
 * would: the first row of each key, nothing for keys never set, through its growth.
 */
import { expect, it } from 'vitest';
import { KeyRows } from '../../src/bot/import/key-rows.js';

it('keeps the first row of every key, through growth, as a Map does', () => {
  const keys = new KeyRows();
  const map = new Map<string, number>();
  // Keys of several lengths and scripts, some set twice (the first row stays).
  for (let i = 0; i < 30_000; i++) {
    const key = i % 3 === 0 ? `610821101201-${String(i).padStart(7, '0')}` : i % 3 === 1 ? `户${i}` : String(i);
    keys.set(key, i + 2);
    if (!map.has(key)) map.set(key, i + 2);
    if (i % 7 === 0) keys.set(key, 99);
  }
  keys.set('', 5);
  map.set('', 5);
  expect(keys.size).toBe(map.size);
  for (const [key, row] of map) expect(keys.get(key)).toBe(row);
  for (const absent of ['610821101201-9999999', '户30000', '30001', '1 ', ' 1', '户']) {
    expect(keys.has(absent)).toBe(false);
    expect(keys.get(absent)).toBeUndefined();
  }
  expect(keys.has('户1')).toBe(true);
  // A key longer than any before it.
  const long = '长'.repeat(500);
  keys.set(long, 7);
  expect(keys.get(long)).toBe(7);
  expect(keys.get(long.slice(1))).toBeUndefined();
});

/**
 * How bulk INSERTs are cut into statements: every row once, no statement above the limit, and
 * only a few distinct large statements whatever the batch sizes, for INSERTs as for IN lists (SQLite caches prepared
 * statements by their text).
 */
import { expect, it } from 'vitest';
import { chunkSizes, padIn } from '../../src/persistence/sql.js';

it('cuts every count into full chunks, then a few recurring sizes, then a small rest', () => {
  const large = new Set<number>();
  for (let n = 0; n <= 3000; n++) {
    const sizes = chunkSizes(n, 1000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(sizes.every((s) => s >= 1 && s <= 1000)).toBe(true);
    expect(sizes.filter((s) => s < 64)).toHaveLength((n % 1000) % 64 === 0 ? 0 : 1);
    for (const s of sizes) if (s >= 64) large.add(s);
  }
  expect([...large].sort((a, b) => a - b)).toEqual([64, 128, 256, 512, 1000]);
  expect(chunkSizes(667, 1000)).toEqual([512, 128, 27]);
});

it('pads IN lists to a few recurring lengths by repeating the last value, never above the limit', () => {
  const lengths = new Set<number>();
  for (let n = 1; n <= 999; n++) {
    const values = Array.from({ length: n }, (_, i) => `v${i}`);
    const padded = padIn(values, 999);
    expect(padded.slice(0, n)).toEqual(values);
    expect(new Set(padded)).toEqual(new Set(values));
    expect(padded.length).toBeGreaterThanOrEqual(n);
    expect(padded.length).toBeLessThanOrEqual(999);
    lengths.add(padded.length);
  }
  expect([...lengths].sort((a, b) => a - b)).toEqual([8, 16, 32, 64, 128, 256, 512, 999]);
  expect(padIn([3, 4, 5], 199)).toEqual([3, 4, 5, 5, 5, 5, 5, 5]);
  expect(padIn([], 199)).toEqual([]);
});

/**
 * How bulk INSERTs are cut into statements: every row once, no statement above the limit, and
 * only a few distinct large statements whatever the batch sizes (SQLite caches prepared
 * statements by their text).
 */
import { expect, it } from 'vitest';
import { chunkSizes } from '../../src/persistence/sql.js';

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

/**
 * The Node options `npx shouwang` adds per command (bin/node-flags.mjs): a heap cap and a small
 * young generation for `import` only, and never over an option the caller gave.
 */
import { expect, it } from 'vitest';
import { commandNodeFlags, IMPORT_HEAP_MB, IMPORT_SEMI_SPACE_MB } from '../bin/node-flags.mjs';

const HEAP = `--max-old-space-size=${IMPORT_HEAP_MB}`;
const SEMI = `--max-semi-space-size=${IMPORT_SEMI_SPACE_MB}`;

it('caps the heap of import, and of no other command', () => {
  expect(commandNodeFlags('import')).toEqual([HEAP, SEMI]);
  for (const command of ['migrate', 'export', 'check', undefined]) expect(commandNodeFlags(command)).toEqual([]);
});

it('leaves a cap given by node options or NODE_OPTIONS as it is', () => {
  expect(commandNodeFlags('import', ['--max-old-space-size=4096'])).toEqual([SEMI]);
  expect(commandNodeFlags('import', [], '--enable-source-maps --max_old_space_size=300')).toEqual([SEMI]);
  expect(commandNodeFlags('import', ['--max-semi-space-size=16'], '--max-old-space-size=300')).toEqual([]);
  expect(commandNodeFlags('import', ['--enable-source-maps'], '--trace-warnings')).toEqual([HEAP, SEMI]);
});

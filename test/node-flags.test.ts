/**
 * The Node options `npx shouwang` adds per command (bin/node-flags.mjs): a heap cap for `import`
 * only, and never over a cap the caller gave.
 */
import { expect, it } from 'vitest';
import { commandNodeFlags, IMPORT_HEAP_MB } from '../bin/node-flags.mjs';

it('caps the heap of import, and of no other command', () => {
  expect(commandNodeFlags('import')).toEqual([`--max-old-space-size=${IMPORT_HEAP_MB}`]);
  for (const command of ['migrate', 'export', 'check', undefined]) expect(commandNodeFlags(command)).toEqual([]);
});

it('leaves a cap given by node options or NODE_OPTIONS as it is', () => {
  expect(commandNodeFlags('import', ['--max-old-space-size=4096'])).toEqual([]);
  expect(commandNodeFlags('import', [], '--enable-source-maps --max_old_space_size=300')).toEqual([]);
  expect(commandNodeFlags('import', ['--enable-source-maps'], '--trace-warnings')).toEqual([`--max-old-space-size=${IMPORT_HEAP_MB}`]);
});

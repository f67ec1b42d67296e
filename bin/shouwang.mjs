#!/usr/bin/env node
// `npx shouwang <command>`: runs the compiled command line (dist/cli.js), compiling first when
// dist/ is missing or older than the sources. A command that needs Node options of its own
// (node-flags.mjs: `import` caps the V8 heap) runs in a child Node with them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';
import { commandNodeFlags } from './node-flags.mjs';

const flags = commandNodeFlags(process.argv[2], process.execArgv, process.env.NODE_OPTIONS ?? '');
if (flags.length > 0) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

try {
  ensureBuilt();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
await import('../dist/cli.js');

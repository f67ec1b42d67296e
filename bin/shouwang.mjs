#!/usr/bin/env node
// `npx shouwang <command>`: runs the compiled command line (dist/cli.js), compiling first when
// dist/ is missing or older than the sources.
import { ensureBuilt } from './build.mjs';

try {
  ensureBuilt();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
await import('../dist/cli.js');

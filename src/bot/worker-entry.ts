/**
 * A worker thread running a module beside the caller, compiled (`dist/…js`) or from the sources:
 * by default the one whose name ends in `-worker` (`person-rows.ts` → `person-rows-worker.ts`),
 * or `name` (without extension) relative to the caller's folder.
 *
 * @example
 *   const worker = workerBeside(import.meta.url, { workerData: setup });
 *   const other = workerBeside(import.meta.url, { workerData: setup }, '../processing-worker');
 */
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function workerBeside(callerUrl: string, options: WorkerOptions, name?: string): Worker {
  const here = fileURLToPath(callerUrl);
  const stem = name === undefined ? `${here.slice(0, -extname(here).length)}-worker` : join(dirname(here), name);
  const entry = pathToFileURL(`${stem}${extname(here)}`);
  if (extname(here) !== '.ts') return new Worker(entry, options);
  // Run from the sources (tests, benches): the thread compiles TypeScript through tsx, as they do.
  const tsx = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api')).href;
  const boot = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc and copies the files the program reads at run
// time (the sandbox page). With `--if-stale` (before `npm start` and the command line) it builds
// only when dist/ is missing or older than a source file, so `npm ci && npm start` works on a
// fresh machine and a server that ships dist/ never needs the compiler.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const ASSETS = ['bot/sandbox/page'];

/** Newest modification time under `dir` (ms), or 0 when it does not exist. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const sources = Math.max(newest(join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs));
  return sources > statSync(stamp).mtimeMs;
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('dist/ 缺失或已过期，且未安装 TypeScript 编译器：请先在构建机上运行 npm ci && npm run build，再把 dist/ 一起部署');
  }
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`编译失败（tsc 退出码 ${r.status}）`);
  for (const a of ASSETS) cpSync(join(root, 'src', a), join(root, 'dist', a), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

/**
 * Builds when dist/ is missing or older than the sources. Two processes starting at once (two
 * instances, parallel test files) take turns through a lock directory; the second then finds
 * dist/ current.
 */
export function ensureBuilt() {
  if (!isStale()) return;
  const lock = join(root, '.build-lock');
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() > until) throw new Error(`等待编译锁超时：如果没有别的编译在进行，请删除 ${lock}`, { cause: e });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isStale()) return;
    console.error('正在编译 src/ → dist/ …');
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes('--if-stale')) ensureBuilt();
    else build();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

#!/usr/bin/env node
// Start time and memory of the server: spawns `<command…>` N times (sandbox mode on a warm
// database), measures the time until the "已启动" log line and the resident memory of the whole
// process tree then (tsx runs the program in a child process, so the tree is what an operator
// pays for), and prints the medians.
//   node bench/start-time.mjs 7 node dist/main.js
//   node bench/start-time.mjs 7 npx tsx src/main.ts
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const [runsText, ...command] = process.argv.slice(2);
const runs = Number(runsText);
if (!Number.isInteger(runs) || runs < 1 || command.length === 0) {
  console.error('用法：node bench/start-time.mjs <次数> <命令…>');
  process.exit(2);
}

/** Resident set size (kB) of `pid` and all its descendants, from /proc. */
function treeRssKb(pid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch { /* the process ended meanwhile */ }
  }
  let total = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop();
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone */ }
    todo.push(...(children.get(p) ?? []));
  }
  return total;
}

function once() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let started = false;
    const onData = (b) => {
      out += b;
      if (!out.includes('已启动')) return;
      child.stdout.off('data', onData);
      started = true;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Memory once the first requests could be served, after a moment to settle.
      setTimeout(() => {
        const rssMb = treeRssKb(child.pid) / 1024;
        child.kill('SIGTERM');
        child.once('exit', () => resolve({ ms, rssMb }));
      }, 1000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => (out += b));
    child.once('exit', (code) => started || reject(new Error(`exited ${code} before starting:\n${out}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
console.log(JSON.stringify({ command: command.join(' '), node: process.version, runs, startMs: Math.round(median(results.map((r) => r.ms))), rssMb: Math.round(median(results.map((r) => r.rssMb))) }));

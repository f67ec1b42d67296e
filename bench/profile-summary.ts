/**
 * Sums a V8 CPU profile (`node --cpu-prof` writes one `.cpuprofile` per thread) into shares:
 * self time by function and by file, and total (inclusive) time of the functions that hold the
 * most. Idle time and garbage collection are listed as V8 names them, `(idle)` and
 * `(garbage collector)`.
 *
 *   node --cpu-prof --cpu-prof-dir bench/out/prof --import tsx bench/import-households.ts --phase import --file … --url …
 *   npx tsx bench/profile-summary.ts bench/out/prof/CPU.….cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { commandLine } from './common.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const top = Number(commandLine().get('top') ?? 30);

/** The last two parts of a file's address (`persistence/sql.ts`), or V8's name for what is not a file. */
function place(url: string): string {
  if (url === '') return '(native)';
  const parts = url.replace(/^file:\/\//, '').split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return `${parts[nm + 1]}${parts[nm + 1]?.startsWith('@') ? `/${parts[nm + 2]}` : ''}`;
  return parts.slice(-2).join('/');
}

function summarize(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  });
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${place(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${(n.callFrame as { columnNumber?: number }).columnNumber ?? 0}`;
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id) as ProfileNode;
    self.set(label(n), (self.get(label(n)) ?? 0) + us);
    byFile.set(place(n.callFrame.url), (byFile.get(place(n.callFrame.url)) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at) as ProfileNode);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  show('self time by file', byFile);
  show('self time by function', self);
  show('total time by function', inclusive);
}

for (const f of files) summarize(f);

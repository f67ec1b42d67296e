/**
 * How well the bot understands people as they write: the corpora of test/corpus/ run through the
 * real flows, per role — accuracy (recorded or answered right, or helpfully asked), understanding
 * at the first message, and silent misrecords (the worst outcome: something stored or answered
 * as fact that the person did not say).
 *
 *   npm run bench:understanding            # every corpus present
 *   npm run bench:understanding -- --misses   # also list every item not judged correct
 *
 * The grid workers' corpus (test/corpus/field.corpus.ts, `runFieldCorpus`) is included when the
 * file exists; the village cadres' (cadre.corpus.ts) is judged by which flow takes each message; the targets are the test suite's: ≥ 95 % accurate, ≥ 85 % at the first message,
 * 0 silent misrecords. Exit code 1 when a present corpus misses a target.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCadreCorpus } from '../test/corpus/cadre.corpus.js';
import { runFarmerCorpus } from '../test/corpus/farmer.corpus.js';
import { runOfficialCorpus } from '../test/corpus/official.corpus.js';
import type { ItemResult, Verdict } from '../test/corpus/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGET = { accuracy: 0.95, firstMessage: 0.85 };

type Runner = () => Promise<ItemResult[]>;

/** The field corpus lives on another branch until merged: loaded only when its file is there. */
async function fieldRunner(): Promise<Runner | null> {
  if (!existsSync(join(HERE, '../test/corpus/field.corpus.ts'))) return null;
  // A computed specifier: the type checker does not require the file on branches without it.
  const spec = '../test/corpus/field.corpus.js';
  const mod = (await import(spec)) as { runFieldCorpus?: Runner };
  return typeof mod.runFieldCorpus === 'function' ? mod.runFieldCorpus : null;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

function report(role: string, results: readonly ItemResult[], misses: boolean): boolean {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  const total = results.length;
  const accuracy = total ? (count('correct') + count('asked')) / total : 0;
  const first = total ? results.filter((r) => r.firstMessage).length / total : 0;
  const silent = count('silent_misrecord');
  const ok = total > 0 && accuracy >= TARGET.accuracy && first >= TARGET.firstMessage && silent === 0;
  console.log(
    `${role.padEnd(9)} ${String(total).padStart(4)} items  accuracy ${pct(accuracy).padStart(6)}  first message ${pct(first).padStart(6)}  silent misrecords ${silent}` +
      `  (correct ${count('correct')}, asked ${count('asked')}, wrong ${count('wrong')}, not understood ${count('not_understood')})  ${ok ? 'ok' : 'BELOW TARGET'}`,
  );
  if (misses) for (const r of results.filter((x) => x.verdict !== 'correct')) console.log(`    ${r.id} ${r.verdict}: ${r.text} — ${r.detail ?? ''}`);
  return ok;
}

async function main(): Promise<number> {
  const misses = process.argv.includes('--misses');
  const field = await fieldRunner();
  const roles: Array<[string, Runner]> = [...(field ? [['field', field] as [string, Runner]] : []), ['cadre', () => runCadreCorpus()], ['official', runOfficialCorpus], ['farmer', runFarmerCorpus]];
  if (!field) console.log('field     (test/corpus/field.corpus.ts not present on this branch: grid workers not measured)');
  let ok = true;
  const all: ItemResult[] = [];
  for (const [role, run] of roles) {
    const results = await run();
    all.push(...results);
    ok = report(role, results, misses) && ok;
  }
  report('all', all, false);
  return ok ? 0 : 1;
}

process.exitCode = await main();

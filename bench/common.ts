/**
 * What the benches share: their command line, a seeded generator (the same arguments give the same
 * data every run) and the measured process's own peak memory.
 */
import { readFileSync } from 'node:fs';

/** xorshift32, seeded: a small deterministic generator. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * This process's own peak RSS in MB. On Linux getrusage's maxrss survives fork+exec, so a child would
 * report at least its parent's size at spawn time; VmHWM in /proc belongs to the new program only.
 */
export function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** `--name value` and bare `--flag` (read as 'true') from the command line, by name. */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) args.set(a.slice(2), argv[i + 1]?.startsWith('--') === false ? (argv[++i] as string) : 'true');
  }
  return args;
}

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flows } from '../../src/flows/registry.js';

describe('flow registry', () => {
  it('has unique flow names', () => {
    const names = flows.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(flows.map((f) => [f.name]))('flow “%s” has a transcript test in test/flows/', (name) => {
    const file = resolve(__dirname, `${name}.test.ts`);
    expect(existsSync(file), `missing test/flows/${name}.test.ts`).toBe(true);
    // A transcript test replays a conversation through the flow (test/helpers/transcript.ts).
    expect(readFileSync(file, 'utf8')).toMatch(/\breplay\(/);
  });

  const groups = [...new Set(flows.map((f) => f.name.split('/')).filter((p) => p.length > 1).map((p) => p[0]!))];
  it.each(groups.map((g) => [g]))('the “%s” flows are replayed on SQLite and MariaDB (its db-transcripts.test.ts)', (group) => {
    const file = resolve(__dirname, group, 'db-transcripts.test.ts');
    expect(existsSync(file), `missing test/flows/${group}/db-transcripts.test.ts`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\bdescribeEachDatabase\(/);
    expect(text).toMatch(/\bconverse\(/);
  });
});

/**
 * The shipped templates and docs/IMPORT.md stay in step with the column lists, and the example
 * rows import cleanly in the documented order.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/bot/import/table-reader.js';
import { importHouseholds } from '../../src/bot/import/households.js';
import { importRegions } from '../../src/bot/import/regions.js';
import { importStaff } from '../../src/bot/import/staff.js';
import { importWarnings } from '../../src/bot/import/warnings.js';
import { TEMPLATES, templateCsv } from '../../src/bot/import/templates.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { describeEachDatabase } from '../helpers/db.js';

const ROOT = resolve(__dirname, '../..');
const TEMPLATE_DIR = join(ROOT, 'templates');

describe('templates and docs', () => {
  const doc = readFileSync(join(ROOT, 'docs/IMPORT.md'), 'utf8');
  it.each(TEMPLATES.map((t) => [t.name, t] as const))('%s: every column is documented with its note', (_name, t) => {
    for (const c of t.columns) expect(doc).toContain(`| ${c.header} | ${c.required ? '是' : '否'} | ${c.note} |`);
  });

  it.each(TEMPLATES.map((t) => [t.name, t] as const))('%s: the committed csv and xlsx hold the header and example rows', async (name, t) => {
    expect(readFileSync(join(TEMPLATE_DIR, `${name}.csv`), 'utf8')).toBe(templateCsv(t));
    const rows: string[][] = [];
    for await (const r of readTable(join(TEMPLATE_DIR, `${name}.xlsx`))) rows.push(r.cells);
    const pad = (r: string[]) => r.concat(Array(t.columns.length - r.length).fill(''));
    expect(rows.map(pad)).toEqual([t.columns.map((c) => c.header), ...t.rows]);
  });
});

describeEachDatabase('template examples', (db) => {
  it('import cleanly in order: regions, staff, households, warnings', async () => {
    const opts = { now: Date.parse('2022-04-29T00:00:00Z'), actor: 'import', reportFile: false };
    for (const [run, file] of [
      [importRegions, 'regions.xlsx'],
      [importStaff, 'staff.xlsx'],
      [importHouseholds, 'households.xlsx'],
      [importWarnings, 'warnings.xlsx'],
    ] as const) {
      const { report } = await run(db.ds(), join(TEMPLATE_DIR, file), opts);
      expect(report.problems).toEqual([]);
    }
    const h = await findHouseholdByCode(db.ds().manager, '610821101201-0001');
    expect(h?.members.map((m) => m.name)).toEqual(['张三', '李四', '张小']);
    expect(h?.contactStaff).toBe('wanggrid');
    // 张三 opens a lead, 李四 (same household) is below the 医保 threshold, 王小 (not registered) opens one in 凉水井村.
    const outcomes = await db.ds().query('SELECT outcome FROM department_warning ORDER BY id');
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['opened', 'below_threshold', 'opened']);
  });
});

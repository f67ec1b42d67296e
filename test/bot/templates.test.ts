/**
 * The shipped templates and docs/IMPORT.md stay in step with the column lists, and every shipped
 * file imports cleanly as shipped, today (its example dates are the campaign's, not fixed ones),
 * in the documented order.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/bot/import/table-reader.js';
import { importHouseholds } from '../../src/bot/import/households.js';
import { importRegions } from '../../src/bot/import/regions.js';
import { importStaff } from '../../src/bot/import/staff.js';
import { importWarnings } from '../../src/bot/import/warnings.js';
import { importFacts } from '../../src/bot/import/facts.js';
import { templateCsv, templatesOf, templateYear } from '../../src/bot/import/templates.js';
import { shanghaiDay } from '../../src/domain/shanghai-days.js';
import { householdFactsOf, latestHouseholdFacts } from '../../src/persistence/household-facts.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { orm, describeEachDatabase } from '../helpers/db.js';

const ROOT = resolve(__dirname, '../..');
const TEMPLATE_DIR = join(ROOT, 'templates');
/** The campaign year the shipped files were made for: the year of their first warning date. */
const SHIPPED_YEAR = Number(/\n[^,]*,(\d{4})-04-25,/.exec(readFileSync(join(TEMPLATE_DIR, 'warnings.csv'), 'utf8'))?.[1]);
const TEMPLATES = templatesOf(SHIPPED_YEAR);

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

describe('template dates', () => {
  it('are the latest campaign whose example dates have passed', () => {
    expect(templateYear('2026-04-26')).toBe(2025);
    expect(templateYear('2026-04-27')).toBe(2026);
    expect(templatesOf(2026).find((t) => t.name === 'warnings')?.rows.map((r) => r[1])).toEqual(['2026-04-25', '2026-04-26', '2026-04-27']);
  });

  it('the shipped files are not stale: made for this campaign or the last one (run scripts/make-templates.ts when a year begins)', () => {
    expect(SHIPPED_YEAR).toBeGreaterThanOrEqual(templateYear(shanghaiDay(Date.now())) - 1);
  });
});

describeEachDatabase('template examples', (db) => {
  it('import cleanly as shipped, today, in order: regions, staff, households, warnings', async () => {
    const opts = { now: Date.now(), actor: 'import', reportFile: false };
    for (const [run, file] of [
      [importRegions, 'regions.xlsx'],
      [importStaff, 'staff.xlsx'],
      [importHouseholds, 'households.xlsx'],
      [importWarnings, 'warnings.xlsx'],
      [importFacts, 'facts.xlsx'],
    ] as const) {
      const { report } = await run(db.ds(), join(TEMPLATE_DIR, file), opts);
      expect(report.problems).toEqual([]);
    }
    const h = await findHouseholdByCode(db.ds().manager, '610821101201-0001');
    expect(h?.members.map((m) => m.name)).toEqual(['张三', '李四', '张小']);
    const facts = await latestHouseholdFacts(db.ds().manager, h?.id as number);
    expect(JSON.parse(facts.get('income')?.value ?? '{}')).toEqual({ year: SHIPPED_YEAR - 1, wage: 12000, business: 3000, property: 0, transfer: 1800, businessCost: 1000 });
    expect([...facts.values()].filter((f) => f.key !== 'income').map((f) => [f.key, f.value, f.source])).toEqual([
      ['basic_needs', 'yes', 'import'], ['education', 'yes', 'import'], ['medical', 'yes', 'import'], ['housing', 'yes', 'import'], ['water', 'yes', 'import'], ['insured', 'yes', 'import'], ['relief_temporary', 'no', 'import'], ['relief_medical', 'no', 'import'],
    ]);
    expect(h?.contactStaff).toBe('wanggrid');
    // The departments' list: 住建 says 张三's house is not safe, as of its own day.
    const all = (await householdFactsOf(db.ds().manager, [h?.id as number])).get(h?.id as number) ?? [];
    expect(all.filter((f) => f.source === 'department').map((f) => [f.key, f.value, f.asOf, f.sourceRef])).toEqual([
      ['housing', 'no', `${SHIPPED_YEAR}-04-20`, '住建：facts.xlsx'],
      ['insured', 'yes', `${SHIPPED_YEAR}-04-21`, '医保：facts.xlsx'],
      ['relief_medical', 'yes', `${SHIPPED_YEAR}-04-21`, '医保：facts.xlsx'],
    ]);
    // 张三 opens a lead, 李四 (same household) is below the 医保 threshold, 王小 (not registered) opens one in 凉水井村.
    const outcomes = await orm(db.ds()).query('SELECT outcome FROM department_warning ORDER BY id');
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['opened', 'below_threshold', 'opened']);
  });
});

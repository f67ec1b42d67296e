/**
 * Rosters as they come from other systems and from Excel: merged 户编号 cells, other headings
 * (an alias table) and columns nobody asked for, the income and 两不愁三保障 columns, ID numbers
 * born in the future or outside a configured region code table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_COLUMNS, mapHeader } from '../../src/bot/import/columns.js';
import { FACT_LIST_COLUMNS, importFacts } from '../../src/bot/import/facts.js';
import { importHouseholds } from '../../src/bot/import/households.js';
import { maskIdNumber } from '../../src/domain/privacy.js';
import { MergeFiller } from '../../src/bot/import/xlsx-merges.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { transaction } from '../../src/persistence/db.js';
import { householdFactsOf, latestHouseholdFacts } from '../../src/persistence/household-facts.js';
import { findHouseholdByCode } from '../../src/persistence/households.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { describeEachDatabase } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';
import { DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER } from '../helpers/roster-rows.js';
import { writeCsv } from '../helpers/tables.js';

const T0 = Date.parse('2022-05-03T01:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-files-'));
const HEADER = ROSTER_HEADER;
const person = rosterRow;

describe('merged cells', () => {
  it('copies a merge’s value into every cell it spans, row by row', () => {
    const fill = new MergeFiller([{ top: 2, left: 3, bottom: 4, right: 3 }, { top: 3, left: 0, bottom: 3, right: 1 }]);
    const rows = [['a', 'b', 'c', 'H1'], ['x', '', 'c', ''], ['y', 'z', 'c', '']];
    expect(rows.map((r, i) => fill.apply(i + 2, r))).toEqual([[], [3, 1], [3]]);
    expect(rows).toEqual([['a', 'b', 'c', 'H1'], ['x', 'x', 'c', 'H1'], ['y', 'z', 'c', 'H1']]);
  });
});

describe('headers from other systems', () => {
  it('maps the usual alternative headings and lists the columns it does not read', () => {
    const m = mapHeader(['乡镇(街道)', '村(居)委会', '户号', '人口姓名', '公民身份号码', '与户主关系', '劳动能力状况', '健康情况', '手机号码', '户类型', '民族', '备注'], HOUSEHOLD_COLUMNS);
    expect(m).toEqual({ ok: true, index: { town: 0, village: 1, code: 2, name: 3, idNumber: 4, relation: 5, labour: 6, health: 7, phone: 8, type: 9 }, unknown: ['民族', '备注'] });
  });
});

describeEachDatabase('import: files as offices make them', (db) => {
  const run = (file: string, extra: { now?: number; idRegionCodes?: ReadonlySet<string> } = {}) =>
    importHouseholds(db.ds(), file, { now: extra.now ?? T0, actor: 'import', reportDir: dir, ...(extra.idRegionCodes ? { idRegionCodes: extra.idRegionCodes } : {}) });

  it('understands a 户编号 merged over its household’s rows, and names a merged 身份证号 as the problem', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const file = join(dir, `merged-${db.engine}.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(HEADER);
    ws.addRow(person('M001', '张三', idNumber('19700101', 11), '户主'));
    ws.addRow(person('', '李四', idNumber('19720202', 22), '配偶', { town: '', village: '', grid: '', type: '' }));
    ws.addRow(person('', '张小', idNumber('20100303', 31), '之子', { town: '', village: '', grid: '', type: '' }));
    ws.addRow(person('M002', '王五', idNumber('19650505', 51), '户主'));
    ws.addRow(person('', '', '', '配偶', { town: '', village: '', grid: '', type: '' }));
    const col = (key: string) => String.fromCharCode(65 + HOUSEHOLD_COLUMNS.findIndex((c) => c.key === key));
    for (const key of ['code', 'town', 'village', 'grid', 'type']) ws.mergeCells(`${col(key)}2:${col(key)}4`);
    for (const key of ['code', 'name', 'idNumber']) ws.mergeCells(`${col(key)}5:${col(key)}6`);
    await wb.xlsx.writeFile(file);
    const { report, counts } = await run(file);
    expect(report.problems).toEqual([
      { row: 5, key: 'M002', message: '户编号 M002（第 5–6 行）整户未导入：第 6 行有错误，本户各行须一并改正后重新导入' },
      { row: 6, key: 'M002', message: '身份证号在合并单元格里：每人的姓名、身份证号须各占一行，请取消合并后重新导入' },
    ]);
    expect(counts.households).toMatchObject({ created: 1, rejected: 1 });
    expect((await findHouseholdByCode(db.ds().manager, 'M001'))?.members.map((m) => m.name)).toEqual(['张三', '李四', '张小']);
  });

  it('imports a file exported from another system and lists the columns it did not read', async () => {
    const file = join(dir, `other-${db.engine}.csv`);
    writeCsv(file, [
      ['乡镇(街道)', '村(居)委会', '户号', '人口姓名', '公民身份号码', '家庭关系', '劳动能力状况', '健康情况', '手机号码', '户类型', '民族', '备注'],
      ['高家堡镇', '凉水井村', 'X001', '赵一', idNumber('19660606', 61), '户主', '普通劳动力', '健康', '13812345678', '一般农户', '汉族', ''],
    ]);
    const { report, summary } = await run(file);
    expect(report.problems).toEqual([]);
    expect(report.notes).toEqual(['未识别的列（没有读取）：「民族」「备注」；可用的列名和别名见 docs/IMPORT.md']);
    expect(report.format(summary)).toContain('未识别的列（没有读取）：「民族」「备注」');
    expect((await findHouseholdByCode(db.ds().manager, 'X001'))?.members[0]).toMatchObject({ name: '赵一', relation: '户主', phone: '13812345678' });
  });

  it('records income and 两不愁三保障 as facts with source and date, once; a change is appended, not overwritten', async () => {
    const facts = { incomeYear: '2021', wage: '12,000', business: '3000', transfer: '1800', businessCost: '1000', basicNeeds: '是', education: '是', medical: '是', housing: '否', water: '是', insured: '', reliefTemporary: '是' };
    const file = join(dir, `facts-${db.engine}.csv`);
    writeCsv(file, [HEADER, person('F001', '钱一', idNumber('19750101', 71), '户主', facts), person('F001', '孙丽', idNumber('19760101', 82), '配偶')]);
    const first = await run(file);
    expect(first.report.problems).toEqual([]);
    expect(first.counts.facts).toBe(7);
    const h = await findHouseholdByCode(db.ds().manager, 'F001');
    const latest = await latestHouseholdFacts(db.ds().manager, h?.id as number);
    expect(JSON.parse(latest.get('income')?.value as string)).toEqual({ year: 2021, wage: 12000, business: 3000, property: 0, transfer: 1800, businessCost: 1000 });
    expect(latest.get('housing')).toMatchObject({ value: 'no', source: 'import', sourceRef: `facts-${db.engine}.csv`, asOf: '2022-05-03', recordedBy: 'import', recordedAt: T0 });
    // 参保 left empty: not recorded (unknown), never “否”.
    expect(latest.has('insured')).toBe(false);
    expect((await run(file, { now: T0 + 86_400_000 })).counts.facts).toBe(0);
    writeCsv(file, [HEADER, person('F001', '钱一', idNumber('19750101', 71), '户主', { ...facts, housing: '是' }), person('F001', '孙丽', idNumber('19760101', 82), '配偶')]);
    expect((await run(file, { now: T0 + 2 * 86_400_000 })).counts.facts).toBe(1);
    const housing = ((await householdFactsOf(db.ds().manager, [h?.id as number])).get(h?.id as number) ?? []).filter((f) => f.key === 'housing');
    expect(housing.map((f) => [f.value, f.asOf])).toEqual([['no', '2022-05-03'], ['yes', '2022-05-05']]);
  });

  it('records a department’s list as facts of the person’s household, refusing people not on the register or under another name', async () => {
    const file = join(dir, `dept-${db.engine}.csv`);
    writeCsv(file, [
      FACT_LIST_COLUMNS.map((c) => c.header),
      ['', '2022-04-20', '钱一', idNumber('19750101', 71), '', '', '', '否', '', '', '是', '', '', ''],
      ['', '2022-04-20', '钱二', idNumber('19760101', 82), '', '', '', '否', '', '', '', '', '', ''],
      ['', '2022-04-20', '无名', idNumber('19990101', 99), '', '', '', '否', '', '', '', '', '', ''],
      ['', '2022-04-20', '钱一', idNumber('19750101', 71), '', '', '', '', '', '', '', '', '', ''],
    ]);
    const { report, counts } = await importFacts(db.ds(), file, { now: T0 + 3 * 86_400_000, actor: 'zhujian01', department: 'housing', reportDir: dir });
    expect(report.problems).toEqual([
      { row: 3, message: `身份证号 ${maskIdNumber(idNumber('19760101', 82))} 在户籍名册中是「孙丽」（户编号 F001），本行姓名是「钱二」，请核对` },
      { row: 4, message: `身份证号 ${maskIdNumber(idNumber('19990101', 99))} 不在户籍名册中（部门名单只记入已登记的户）` },
      { row: 5, message: '这一行没有填写任何情况' },
    ]);
    expect(counts).toEqual({ rows: 4, rowsRejected: 3, facts: 2 });
    const h = await findHouseholdByCode(db.ds().manager, 'F001');
    const latest = await latestHouseholdFacts(db.ds().manager, h?.id as number);
    // The roster said 是 on 2022-05-05, later than the list's 2022-04-20: the roster's value stands.
    expect(latest.get('housing')).toMatchObject({ value: 'yes', source: 'import' });
    expect(latest.get('relief_dibao')).toMatchObject({ value: 'yes', source: 'department', sourceRef: `住建：dept-${db.engine}.csv`, asOf: '2022-04-20', recordedBy: 'zhujian01' });
  });

  it('refuses income without its year, a birth date after today, and an address code outside the configured table', async () => {
    const file = join(dir, `bad-${db.engine}.csv`);
    const first17 = '61082120220504001';
    const future = first17 + idCheckChar(first17);
    writeCsv(file, [
      HEADER,
      person('B001', '周一', idNumber('19800101', 91), '户主', { wage: '5000' }),
      person('B002', '周二', idNumber('19800101', 92), '户主'),
      person('B002', '周宝', future, '之子'),
      person('B003', '周三', idNumber('19800101', 93, '110105'), '户主'),
    ]);
    const { report } = await run(file, { idRegionCodes: new Set(['610821']) });
    expect(report.problems.map((p) => [p.row, p.message])).toEqual([
      [2, '户编号 B001（第 2 行）整户未导入：填了收入但没有填收入年度'],
      [3, '户编号 B002（第 3–4 行）整户未导入：第 4 行有错误，本户各行须一并改正后重新导入'],
      [4, '身份证号中的出生日期晚于今天'],
      [5, '身份证号前六位不在已配置的行政区划代码表中'],
      [5, '户编号 B003（第 5 行）整户未导入：没有可导入的成员'],
    ]);
  });
});

/**
 * The region and staff imports, and the `import` command end to end (exit codes, printed report,
 * report file), on both databases.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runImportCommand } from '../../src/bot/import/command.js';
import { reportPathFor } from '../../src/bot/import/report.js';
import { importRegions } from '../../src/bot/import/regions.js';
import { importStaff } from '../../src/bot/import/staff.js';
import { REGION_COLUMNS, STAFF_COLUMNS } from '../../src/bot/import/columns.js';
import { listHistory } from '../../src/persistence/history.js';
import { loadRegions } from '../../src/persistence/regions.js';
import { getStaff } from '../../src/persistence/staff.js';
import { describeEachDatabase } from '../helpers/db.js';
import { writeCsv, writeXlsx } from '../helpers/tables.js';

const T0 = Date.parse('2022-04-28T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-import-reg-'));
const opts = { now: T0, actor: 'import', reportDir: dir };

const REGIONS = [
  REGION_COLUMNS.map((c) => c.header),
  ['神木市', '610821', 'sm', '高家堡镇', '610821101', '高家堡、gjb', '凉水井村', '610821101201', '凉水井、lsj', '凉水井一网格', '610821101201-01', '一网格'],
  ['神木市', '610821', '', '高家堡镇', '610821101', '', '凉水井村', '610821101201', '', '凉水井二网格', '610821101201-02', '二网格'],
  ['神木市', '610821', '', '店塔镇', '610821102', 'dt', '新村', '610821102201', 'xc', '', '', ''],
  /* 5  same code, other name */ ['神木市', '610821', '', '店塔镇', '610821102', '', '旧村', '610821102201', '', '', '', ''],
  /* 6  a village without its town */ ['神木市', '610821', '', '', '', '', '孤村', '610821199201', '', '', '', ''],
  /* 7  a town without code */ ['神木市', '610821', '', '锦界镇', '', '', '', '', '', '', '', ''],
  /* 8  a grid with two siblings of one name */ ['神木市', '610821', '', '店塔镇', '610821102', '', '新村', '610821102201', '', '新村网格', '610821102201-01', ''],
  /* 9 */ ['神木市', '610821', '', '店塔镇', '610821102', '', '新村', '610821102201', '', '新村网格', '610821102201-02', ''],
];

const STAFF = [
  STAFF_COLUMNS.map((c) => c.header),
  /* 2 */ ['wanggrid', '王网格', '13912345678', '网格员', '', '高家堡镇', '凉水井村', '凉水井一网格', '', ''],
  /* 3 */ ['liucun', '刘村', '', '第一书记', '', 'gjb', '凉水井', '', '', ''],
  /* 4 */ ['zhaozhen', '赵镇', '', '镇街干部', '', '高家堡镇', '', '', '', '是'],
  /* 5 */ ['mz01', '民政专干', '', '行业部门', '', '', '', '', '民政局', ''],
  /* 6  town official placed in a village */ ['qianzhen', '钱镇', '', '镇街干部', '', '高家堡镇', '凉水井村', '', '', ''],
  /* 7  department without department */ ['dept2', '某部门', '', '行业部门', '', '', '', '', '', ''],
  /* 8  duplicate UserID */ ['wanggrid', '王网格', '', '网格员', '', '高家堡镇', '凉水井村', '', '', ''],
  /* 9  unknown role, bad phone */ ['x9', '某人', '123', '村长', '', '高家堡镇', '', '', '', ''],
  /* 10 unknown village */ ['x10', '某人', '', '村干部', '', '高家堡镇', '不存在村', '', '', ''],
  /* 11 no UserID */ ['', '无账号', '', '网格员', '', '高家堡镇', '凉水井村', '', '', ''],
];

describeEachDatabase('import regions and staff', (db) => {
  it('imports a hierarchy, leaving out bad nodes and what hangs below them', async () => {
    const file = join(dir, `regions-${db.engine}.csv`);
    writeCsv(file, REGIONS);
    const { counts, report } = await importRegions(db.ds(), file, opts);
    expect(report.problems).toEqual([
      { row: 5, message: '代码 610821102201 在第 4 行是「新村」，此处是「旧村」（或上级不同）' },
      { row: 6, message: '填了行政村却没有填镇街' },
      { row: 7, message: '镇街「锦界镇」缺少代码' },
      { row: 9, key: '610821102201-02', message: '同一上级下有两个「新村网格」（610821102201-01 与 610821102201-02），该区划及其下级未导入' },
    ]);
    expect(counts).toEqual({ rows: 8, rowsRejected: 3, created: 8, updated: 0, unchanged: 0, rejected: 1 });
    const stored = await loadRegions(db.ds().manager);
    expect(stored.map((r) => r.code)).toEqual(['610821', '610821101', '610821101201', '610821101201-01', '610821101201-02', '610821102', '610821102201', '610821102201-01']);
    expect(stored[1]).toEqual({ code: '610821101', name: '高家堡镇', level: 'town', parentCode: '610821', aliases: ['高家堡', 'gjb'] });
  });

  it('imports the staff roster: jurisdiction from the deepest region, role rules, per-row reasons', async () => {
    const file = join(dir, `staff-${db.engine}.xlsx`);
    await writeXlsx(file, STAFF, { titleRow: '神木市防返贫监测人员名单' });
    const { counts, report } = await importStaff(db.ds(), file, opts);
    expect(report.problems).toEqual([
      { row: 7, key: 'qianzhen', message: '镇街干部的所属区划应为镇街，不能是行政村' },
      { row: 8, key: 'dept2', message: '行业部门人员必须填写所属行业部门' },
      { row: 9, key: 'wanggrid', message: '企业微信账号与第 3 行重复' },
      { row: 10, key: 'x9', message: '角色「村长」无法识别（可填：网格员、村干部、排查小组成员、镇街干部、市乡村振兴局、行业部门、管理员）；手机号格式不对' },
      { row: 11, key: 'x10', message: '所属村「不存在村」在「高家堡镇」下找不到（请先导入区划，或检查名称）' },
      { row: 12, key: '', message: '缺少企业微信账号' },
    ]);
    expect(counts).toEqual({ rows: 10, rowsRejected: 6, created: 4, updated: 0, unchanged: 0 });
    expect(await getStaff(db.ds().manager, 'liucun')).toEqual({ userId: 'liucun', name: '刘村', phone: null, role: 'screening_team', jurisdiction: { level: 'village', code: '610821101201' }, active: true, department: null });
    expect(await getStaff(db.ds().manager, 'mz01')).toMatchObject({ role: 'department', jurisdiction: { level: 'city', code: '610821' }, department: 'civil_affairs' });
  });

  it('runs through the command: exit codes, printed report, report file, deactivation with history', async () => {
    const lines: string[] = [];
    const env = { databaseUrl: db.url(), now: () => T0 + 86_400_000, tz: 'Asia/Shanghai', out: (l: string) => lines.push(l) };
    const file = join(dir, `staff2-${db.engine}.csv`);
    writeCsv(file, [STAFF[0] as string[], ['zhaozhen', '赵镇', '', '镇街干部', '', '高家堡镇', '', '', '', '否']]);
    expect(await runImportCommand(['staff', file, '--by', 'admin01'], env)).toBe(0);
    expect(lines.join('\n')).toBe(['导入人员名单：' + `staff2-${db.engine}.csv`, '读取 1 行，导入 1 人，未导入 0 人', '人员：新增 0，更新 1，无变化 0', '没有发现问题。'].join('\n'));
    expect((await getStaff(db.ds().manager, 'zhaozhen'))?.active).toBe(false);
    expect((await listHistory(db.ds().manager, 'staff', 'zhaozhen')).at(-1)).toMatchObject({ actor: 'admin01', before: { active: true }, after: { active: false } });

    lines.length = 0;
    const bad = join(dir, `staff3-${db.engine}.csv`);
    writeCsv(bad, [STAFF[0] as string[], STAFF[8] as string[]]);
    // The report goes to the chosen folder, never beside the input.
    const out = mkdtempSync(join(tmpdir(), 'shouwang-report-'));
    expect(await runImportCommand(['staff', bad, '--report-dir', out], env)).toBe(3);
    expect(lines.join('\n')).toContain(`有问题的行：1 行，共 1 个问题（完整清单：${join(out, `staff3-${db.engine}.导入报告.csv`)}）`);
    expect(readFileSync(join(out, `staff3-${db.engine}.导入报告.csv`), 'utf8')).toContain('2,x9,角色「村长」无法识别');
    expect(existsSync(join(dir, `staff3-${db.engine}.导入报告.csv`))).toBe(false);
    // Without --report-dir: the working directory.
    expect(reportPathFor(bad)).toBe(join(process.cwd(), `staff3-${db.engine}.导入报告.csv`));
    lines.length = 0;
    expect(await runImportCommand(['staff', bad, '--report-dir', join(out, 'nope')], env)).toBe(2);
    expect(lines).toEqual([`报告目录不存在：${join(out, 'nope')}`]);

    lines.length = 0;
    expect(await runImportCommand(['households', join(dir, 'missing.csv')], env)).toBe(1);
    expect(lines).toEqual([`找不到文件：${join(dir, 'missing.csv')}`]);
    const xls = join(dir, 'old.xls');
    writeCsv(xls, [['x']]);
    lines.length = 0;
    expect(await runImportCommand(['households', xls], env)).toBe(1);
    expect(lines).toEqual(['无法导入：不支持 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入']);
    expect(await runImportCommand(['warnings'], env)).toBe(2);
    expect(existsSync(join(dir, 'old.导入报告.csv'))).toBe(false);
  });
});

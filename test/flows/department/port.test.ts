/**
 * The department read port and command on both engines: a list fetched through `getMedia` is
 * previewed without writing anything; the `department.import_warnings` command writes it (checking
 * again who may); previewing it again finds everything imported; who may preview what; files that
 * cannot be read; the progress of the warnings and the template.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { departmentCommands, DepartmentCommandError } from '../../../src/bot/commands/department.js';
import { departmentData } from '../../../src/bot/flow-data/department.js';
import { readTable } from '../../../src/bot/import/table-reader.js';
import { WARNING_COLUMNS } from '../../../src/bot/import/warnings-rows.js';
import type { Actor } from '../../../src/flows/types.js';
import type { WarningFileRead, WarningFilePreview } from '../../../src/flows/department/data.js';
import { transaction } from '../../../src/persistence/db.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { idNumber } from '../../helpers/people.js';
import { DEMO, demoTree } from '../../helpers/regions.js';
import { actorOf, HOUSEHOLDS, seedField } from '../field/seed.js';
import { mediaStore } from './db-seed.js';

const T0 = Date.UTC(2022, 4, 25, 2, 0, 0);
const HEADER = WARNING_COLUMNS.map((c) => c.header).join(',');
const idOf = (code: string) => HOUSEHOLDS.find((h) => h.code === code)!.members[0]!.idNumber;
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

const MAY = csv(
  `医保,2022-05-20,张三,${idOf('H01')},,,住院自付费用高,23456,`,
  `,2022-05-21,赵六,${idOf('H04')},,,门诊自付,800,`,
  `民政,2022-05-21,孙七,${idOf('H05')},,,新增临时救助,,`,
  `,2022-05-22,王小,${idNumber('20080808', 151)},高家堡镇,凉水井村,意外受伤住院,,`,
);
const NO_DEPARTMENT = csv(`,2022-05-20,张三,${idOf('H01')},,,住院,23456,`);


const shiju: Actor = { sender: { channel: 'app', id: 'shiju' }, staff: { userId: 'shiju', name: '市局小杨', role: 'city_bureau', jurisdiction: { level: 'city', code: DEMO.city } } };
const preview = (r: WarningFileRead): WarningFilePreview => {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.preview;
};

describeEachDatabase('department port and command', (db) => {
  const count = async (table: string) => Number((await orm(db.ds()).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const files = mediaStore({ may: { fileName: '5月医保预警.csv', content: MAY }, bare: { fileName: '汇总.csv', content: NO_DEPARTMENT }, old: { fileName: '旧表.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) } });

  it('a department’s list: previewed (nothing written), imported by the command, then found imported', async () => {
    await seedField(db.ds());
    await transaction(db.ds(), (tx) => saveStaff(tx, [{ userId: 'shiju', name: '市局小杨', phone: null, role: 'city_bureau', jurisdiction: { level: 'city', code: DEMO.city }, active: true, department: null }], { actor: 'import', at: T0, reason: '测试' }, demoTree()));
    const yibao = actorOf('yibao1');
    const port = departmentData(db.ds(), yibao, { media: files.api });
    expect(await port.myDepartment()).toBe('medical_insurance');
    const p = preview(await port.previewWarningFile({ mediaId: 'may', fileName: null }, null, T0));
    expect(p).toMatchObject({ fileName: '5月医保预警.csv', departments: ['medical_insurance'], rowsRead: 4, counts: { opened: 2, merged: 0, subject: 0, below_threshold: 1, seen: 0, refused: 1 } });
    expect(p.refused).toEqual([{ row: 4, reason: '部门「民政」与报送部门（医保）不一致：只能报送本部门的预警' }]);
    expect(p.thresholds).toEqual([{ department: 'medical_insurance', threshold: { minYuan: 10000, amountLabel: '自付费用' } }]);
    expect(p.rows.map((r) => [r.row, r.warning.department, r.warning.name])).toEqual([[2, 'medical_insurance', '张三'], [3, 'medical_insurance', '赵六'], [5, 'medical_insurance', '王小']]);
    // 张三 (grid 1) → 王五 and the cadre; 王小 (village, no grid) → both grid workers and the cadre.
    expect(p.notices.map((n) => [n.to.userId, n.items.map((i) => `${i.person}:${i.householdHead ?? '-'}:${i.deadline}`)])).toEqual([
      ['wangwu', ['张三:张三:2022-06-04', '王小:-:2022-06-06']],
      ['liucun', ['张三:张三:2022-06-04', '王小:-:2022-06-06']],
      ['zhoujie', ['王小:-:2022-06-06']],
    ]);
    expect(await count('department_warning')).toBe(0);
    expect(await count('risk_lead')).toBe(0);

    await transaction(db.ds(), (tx) => departmentCommands['department.import_warnings']!(tx, { kind: 'department.import_warnings', fileName: p.fileName, rows: p.rows }, { actor: yibao, now: T0, inboundId: 77 }));
    expect(await count('risk_lead')).toBe(2);
    const stored = await orm(db.ds()).query('SELECT outcome, actor, inbound_id, file_name FROM department_warning ORDER BY id');
    expect(stored.map((r: Record<string, unknown>) => [r.outcome, r.actor, Number(r.inbound_id), r.file_name])).toEqual([
      ['opened', 'yibao1', 77, '5月医保预警.csv'], ['below_threshold', 'yibao1', 77, '5月医保预警.csv'], ['opened', 'yibao1', 77, '5月医保预警.csv'],
    ]);
    const history = await orm(db.ds()).query("SELECT actor, reason, after_json FROM history WHERE entity = 'department_warning' ORDER BY id");
    expect(history.map((h: Record<string, string>) => h.reason)).toEqual([
      expect.stringMatching(/^导入部门预警 5月医保预警\.csv 第 2 行：新线索（线索\d+）$/), '导入部门预警 5月医保预警.csv 第 3 行：低于门槛，仅登记', expect.stringMatching(/^导入部门预警 5月医保预警\.csv 第 5 行：新线索（线索\d+）$/),
    ]);
    expect(history.map((h: Record<string, string>) => h.after_json).join()).not.toMatch(new RegExp(idOf('H01')));

    const again = preview(await port.previewWarningFile({ mediaId: 'may', fileName: '5月医保预警.csv' }, null, T0 + 60_000));
    expect(again.counts).toEqual({ opened: 0, merged: 0, subject: 0, below_threshold: 0, seen: 3, refused: 1 });
    expect(again.rows).toEqual([]);
    expect(again.departments).toEqual(['medical_insurance']);
    expect(again.notices).toEqual([]);
  });

  it('the command checks again who may send which department’s warnings', async () => {
    const p = preview(await departmentData(db.ds(), shiju, { media: files.api }).previewWarningFile({ mediaId: 'bare', fileName: null }, 'civil_affairs', T0));
    const cmd = { kind: 'department.import_warnings', fileName: '汇总.csv', rows: p.rows };
    const run = (actor: Actor) => transaction(db.ds(), (tx) => departmentCommands['department.import_warnings']!(tx, cmd, { actor, now: T0, inboundId: 1 }));
    await expect(run(actorOf('yibao1'))).rejects.toBeInstanceOf(DepartmentCommandError);
    await expect(run(actorOf('wangwu'))).rejects.toThrow(/DEPARTMENT\.NOT_ALLOWED/);
    await expect(transaction(db.ds(), (tx) => departmentCommands['department.import_warnings']!(tx, { ...cmd, rows: [{ row: 2, warning: { ...p.rows[0]!.warning, idNumber: '610821197001011230' } }] }, { actor: shiju, now: T0, inboundId: 1 }))).rejects.toThrow(/DEPARTMENT\.BAD_COMMAND/);
    const before = await count('department_warning');
    await run(shiju);
    expect(await count('department_warning')).toBe(before + 1);
  });

  it('who may preview: the city is asked for a department; a grid worker and a department without one are refused unread', async () => {
    const before = files.fetched.length;
    expect(await departmentData(db.ds(), shiju, { media: files.api }).previewWarningFile({ mediaId: 'bare', fileName: null }, null, T0)).toEqual({ ok: false, kind: 'needs_department', message: '部门列为空' });
    expect(await departmentData(db.ds(), actorOf('wangwu'), { media: files.api }).previewWarningFile({ mediaId: 'may', fileName: null }, null, T0)).toMatchObject({ ok: false, kind: 'not_allowed' });
    const noDept: Actor = { sender: { channel: 'app', id: 'ghost' }, staff: { userId: 'ghost', name: '某', role: 'department', jurisdiction: { level: 'city', code: DEMO.city } } };
    expect(await departmentData(db.ds(), noDept, { media: files.api }).previewWarningFile({ mediaId: 'may', fileName: null }, null, T0)).toMatchObject({ ok: false, kind: 'no_department' });
    expect(files.fetched.length).toBe(before + 1);
  });

  it('files that cannot be used: expired, not a table, too long', async () => {
    const port = departmentData(db.ds(), actorOf('yibao1'), { media: files.api, maxRows: 3 });
    expect(await port.previewWarningFile({ mediaId: 'gone', fileName: 'x.csv' }, null, T0)).toEqual({ ok: false, kind: 'download', message: '文件下载失败（文件可能已过期）。请重新发送一次。' });
    expect(await port.previewWarningFile({ mediaId: 'old', fileName: null }, null, T0)).toEqual({ ok: false, kind: 'unreadable', message: '名单「旧表.xls」无法导入：不支持 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入' });
    expect(await port.previewWarningFile({ mediaId: 'may', fileName: null }, null, T0)).toMatchObject({ ok: false, kind: 'too_many_rows', message: '名单「5月医保预警.csv」超过 3 行，请分成几个文件发送，或请市乡村振兴局用命令行导入。' });
    expect(await departmentData(db.ds(), actorOf('yibao1'), { media: null }).previewWarningFile({ mediaId: 'may', fileName: null }, null, T0)).toMatchObject({ ok: false, kind: 'download' });
  });

  it('progress: the department sees its own; the city every department; overdue ones once the deadline passed', async () => {
    const later = Date.UTC(2022, 5, 10, 2, 0, 0);
    const own = await departmentData(db.ds(), actorOf('yibao1'), { media: null }).warningProgress(later);
    expect(own).toEqual([
      {
        department: 'medical_insurance', warnings: 3, belowThreshold: 1, leads: { open: 0, overdue: 2, included: 0, notIncluded: 0 }, lastImportAt: T0,
        overdue: [
          { name: '张三', maskedId: `6108**********${idOf('H01').slice(-4)}`, warnedOn: '2022-05-20', deadline: '2022-06-04', lastStep: null },
          { name: '王小', maskedId: '6108**********1516', warnedOn: '2022-05-22', deadline: '2022-06-06', lastStep: null },
        ],
      },
    ]);
    const city = await departmentData(db.ds(), shiju, { media: null }).warningProgress(T0);
    expect(city?.map((p) => [p.department, p.warnings, p.leads.open])).toEqual([['medical_insurance', 3, 2], ['civil_affairs', 1, 1]]);
    // 民政's warning joined 张三's open lead: both departments follow that one lead.
    expect(await departmentData(db.ds(), actorOf('wangwu'), { media: null }).warningProgress(T0)).toBeNull();
  });

  it('the template is the committed warnings.xlsx content', async () => {
    const t = await departmentData(db.ds(), actorOf('yibao1'), { media: null }).warningTemplate();
    const dir = mkdtempSync(join(tmpdir(), 'shouwang-tpl-'));
    const path = join(dir, 't.xlsx');
    writeFileSync(path, Buffer.from(t.contentBase64, 'base64'));
    const rows: string[][] = [];
    for await (const r of readTable(path)) rows.push(r.cells);
    expect(t.fileName).toBe('部门预警名单模板.xlsx');
    expect(rows[0]).toEqual(WARNING_COLUMNS.map((c) => c.header));
    expect(readFileSync(join(__dirname, '../../../templates/warnings.csv'), 'utf8')).toContain(rows[1]!.slice(0, 4).join(','));
  });
});

/**
 * `import warnings` on a deliberately dirty 医保 list, on both engines: bad ID checksum, a person
 * not on the register in a named village and in an unknown one, a duplicate row, a row below the
 * threshold, a household with an open lead (merged), another department's row, a future day.
 * The report and the counts are exact; the leads, warning rows and notices are checked; importing
 * the same list again (csv, then as xlsx) changes nothing. Then the command line's options.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runImportCommand } from '../../src/bot/import/command.js';
import { importWarnings, type WarningImportCounts } from '../../src/bot/import/warnings.js';
import { WARNING_COLUMNS } from '../../src/bot/import/warnings-rows.js';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { transaction } from '../../src/persistence/db.js';
import { admitLeadRecord, leadsOfHousehold } from '../../src/persistence/leads.js';
import { setWarningThreshold } from '../../src/persistence/warnings.js';
import { orm, describeEachDatabase } from '../helpers/db.js';
import { badChecksum, idNumber } from '../helpers/people.js';
import { writeCsv, writeXlsx, type Table } from '../helpers/tables.js';
import { HOUSEHOLDS, PLACE1, seedField, type SeededIds } from '../flows/field/seed.js';

/** 2022-05-25 10:00 Asia/Shanghai. */
const T0 = Date.UTC(2022, 4, 25, 2, 0, 0);
const dir = mkdtempSync(join(tmpdir(), 'shouwang-warnings-'));
const HEADER = WARNING_COLUMNS.map((c) => c.header);
type Row = Partial<Record<(typeof WARNING_COLUMNS)[number]['key'], string>>;
const row = (r: Row): string[] => WARNING_COLUMNS.map((c) => r[c.key] ?? '');
const idOf = (code: string, name: string) => HOUSEHOLDS.find((h) => h.code === code)!.members.find((m) => m.name === name)!.idNumber;

const ZHANG = idOf('H01', '张三');
const WANGFANG = idOf('H02', '王芳');
const STRANGER = idNumber('20080808', 151);
const NOBODY = idNumber('19900909', 91);

const DIRTY: Table = [
  HEADER,
  /* 2  opened (H01) */ row({ department: '医保', warnedOn: '2022-05-20', name: '张三', idNumber: ZHANG, reason: '住院自付费用高', amount: '23456' }),
  /* 3  merged: H02 has an open lead */ row({ department: '医保局', warnedOn: '2022年5月21日', name: '王芳', idNumber: WANGFANG, reason: '门诊慢病自付', amount: '15,000元' }),
  /* 4  bad checksum */ row({ warnedOn: '2022-05-20', name: '周某', idNumber: badChecksum(idNumber('19810101', 17)), reason: '住院', amount: '30000' }),
  /* 5  not registered, village named → declarant lead */ row({ warnedOn: '2022-05-22', name: '王小', idNumber: STRANGER, town: '高家堡镇', village: '凉水井村', reason: '意外受伤住院', amount: '2.5万' }),
  /* 6  not registered, village unknown */ row({ warnedOn: '2022-05-22', name: '吴某', idNumber: NOBODY, town: '高家堡镇', village: '不存在村', reason: '住院', amount: '20000' }),
  /* 7  same as row 2 */ row({ department: '医保', warnedOn: '2022/5/20', name: '张三', idNumber: ZHANG, reason: '住院自付费用高', amount: '23456' }),
  /* 8  below threshold */ row({ warnedOn: '2022-05-20', name: '李秀英', idNumber: idOf('H01', '李秀英'), reason: '门诊自付', amount: '800' }),
  /* 9  another reason, same household → merged into row 2's lead */ row({ warnedOn: '2022-05-20', name: '张小军', idNumber: idOf('H01', '张小军'), reason: '大病住院', amount: '12000' }),
  /* 10 another department */ row({ department: '民政', warnedOn: '2022-05-20', name: '孙七', idNumber: idOf('H05', '孙七'), reason: '新增临时救助' }),
  /* 11 future day */ row({ warnedOn: '2022-06-01', name: '赵六', idNumber: idOf('H04', '赵六'), reason: '住院', amount: '50000' }),
  /* 12 opened (H04, the other grid) */ row({ warnedOn: '2022/5/22', name: '赵六', idNumber: idOf('H04', '赵六'), reason: '住院自付费用高', amount: '1.2万' }),
  /* 13 opened (H05), no amount */ row({ warnedOn: '20220523', name: '孙七', idNumber: idOf('H05', '孙七'), reason: '未参加城乡居民医保' }),
  /* 14 no ID */ row({ warnedOn: '2022-05-23', name: '钱某', reason: '住院', amount: '20000' }),
];

const mask = (id: string) => `6108**********${id.slice(-4)}`;
const EXPECTED_PROBLEMS = [
  { row: 4, message: '身份证号校验位不对（可能有数字录错）' },
  { row: 6, message: `身份证号 ${mask(NOBODY)} 不在户籍名册中，且行政村「不存在村」在「高家堡镇」下找不到，无法确定所在村` },
  { row: 7, message: '与第 2 行重复（同一部门、同一人、同一预警日期、同一事由）' },
  { row: 10, message: '部门「民政」与报送部门（医保）不一致：只能报送本部门的预警' },
  { row: 11, message: '预警日期 2022-06-01 晚于今天（2022-05-25）' },
  { row: 14, message: '缺少身份证号' },
];

const FIRST: WarningImportCounts = { rows: 13, opened: 4, merged: 2, subject: 0, below_threshold: 1, seen: 0, refused: 6, notified: 3 };
const AGAIN: WarningImportCounts = { rows: 13, opened: 0, merged: 0, subject: 0, below_threshold: 0, seen: 7, refused: 6, notified: 0 };

describeEachDatabase('import warnings', (db) => {
  let ids: SeededIds;
  const csv = join(dir, `医保预警-${db.engine}.csv`);
  // As 医保's own staff imports it: empty 部门 cells are 医保, other departments' rows are refused.
  const opts = { now: T0, actor: 'yibao1', department: 'medical_insurance' as const, onlyDepartment: 'medical_insurance' as const, reportFile: false, batchRows: 4 };
  const count = async (table: string) => Number((await orm(db.ds()).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const snapshot = async () => ({ leads: await count('risk_lead'), origins: await count('risk_lead_origin'), warnings: await count('department_warning'), history: await count('history'), outbox: await count('outbox') });

  it('imports a dirty list: leads opened and merged, below threshold recorded, every bad row reported', async () => {
    ids = await seedField(db.ds());
    await transaction(db.ds(), (tx) =>
      admitLeadRecord(tx, { householdId: ids.lisi, declarant: null, placement: PLACE1, origin: { source: 'cadre_screening', department: null, foundOn: '2022-05-18', note: '网格员排查：王芳住院', actor: 'wangwu', at: T0 - 7 * 86_400_000 } }, DEFAULT_LEAD_CONFIG),
    );
    writeCsv(csv, DIRTY);
    const { counts, report, summary } = await importWarnings(db.ds(), csv, opts);
    expect(report.problems).toEqual(EXPECTED_PROBLEMS);
    expect(counts).toEqual(FIRST);
    expect(summary).toEqual([
      `导入部门预警：医保预警-${db.engine}.csv`,
      '读取 13 行：新开风险线索 4 条，并入已有线索 2 条，低于门槛仅登记 1 条，未导入 6 行',
      '已通知 3 人（所在村的网格员、村干部），由发件箱发出',
    ]);

    const [zhang] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'open', discoveredOn: '2022-05-20', deadline: '2022-06-04' });
    expect(zhang!.origins.map((o) => [o.source, o.department, o.foundOn, o.note, o.actor])).toEqual([
      ['department_warning', 'medical_insurance', '2022-05-20', '医保预警（2022-05-20）：住院自付费用高；自付费用23,456元', 'yibao1'],
      ['department_warning', 'medical_insurance', '2022-05-20', '医保预警（2022-05-20）：大病住院；自付费用12,000元', 'yibao1'],
    ]);
    // The open lead found by the grid worker on 5-18 keeps its clock; the warning joins it.
    const [li] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.lisi));
    expect(li).toMatchObject({ status: 'open', discoveredOn: '2022-05-18', deadline: '2022-06-02' });
    expect(li!.origins.map((o) => o.source)).toEqual(['cadre_screening', 'department_warning']);
    const declarants = await orm(db.ds()).query("SELECT declarant, village_code FROM risk_lead WHERE household_id IS NULL");
    expect(declarants.map((d: { declarant: string; village_code: string }) => [JSON.parse(d.declarant), d.village_code])).toEqual([[{ name: '王小', idTail: STRANGER.slice(-4), villageCode: PLACE1.villageCode }, PLACE1.villageCode]]);

    const warnings = await orm(db.ds()).query('SELECT outcome, department, warned_on, amount_fen, lead_id IS NULL AS no_lead FROM department_warning ORDER BY id');
    expect(warnings.map((w: Record<string, unknown>) => [w.outcome, w.warned_on, Number(w.amount_fen), Number(w.no_lead)])).toEqual([
      ['opened', '2022-05-20', 2345600, 0],
      ['merged', '2022-05-21', 1500000, 0],
      ['opened', '2022-05-22', 2500000, 0],
      ['below_threshold', '2022-05-20', 80000, 1],
      ['merged', '2022-05-20', 1200000, 0],
      ['opened', '2022-05-22', 1200000, 0],
      ['opened', '2022-05-23', 0, 0],
    ]);

    // One notice per person per batch (batches of 4 here), each listing that person's households only.
    const outbox = await orm(db.ds()).query('SELECT recipient, payload FROM outbox ORDER BY id');
    const texts = (who: string) => outbox.filter((o: { recipient: string }) => o.recipient === who).map((o: { payload: string }) => JSON.parse(o.payload).text as string);
    expect(texts('zhoujie')).toEqual([expect.stringMatching(/^【部门筛查预警】名单「医保预警-\w+\.csv」中有 1 条预警涉及您负责的农户：\n1\. 王小（6108\*{10}\w{4}，未在户籍名册，凉水井村），医保5月22日预警：意外受伤住院，自付费用25,000元。已生成风险线索，6月6日前完成识别认定。/), expect.stringContaining('1. 赵六户（凉水井村）：赵六')]);
    expect(texts('wangwu').join('\n')).toMatch(/张三户（凉水井村）：张三（6108\*{10}\w{4}），医保5月20日预警：住院自付费用高，自付费用23,456元。已生成风险线索，6月4日前完成识别认定。/);
    expect(texts('wangwu').join('\n')).toMatch(/李四户（凉水井村）：王芳（6108\*{10}\w{4}），医保5月21日预警：门诊慢病自付，自付费用15,000元。已并入该户正在办理的风险线索。/);
    expect(texts('wangwu').join('\n')).not.toMatch(/赵六|李秀英/);
    // The rows that can be read go 4 to a batch: rows 2,3,5,6, then 8,9,12,13.
    expect(texts('liucun')).toHaveLength(2);
    expect(outbox.map((o: { payload: string }) => o.payload).join('\n')).not.toMatch(new RegExp(`${ZHANG}|${WANGFANG}|${STRANGER}`));
  });

  it('the same list again — as csv, then as xlsx with a title row — changes nothing', async () => {
    const before = await snapshot();
    const again = await importWarnings(db.ds(), csv, opts);
    expect(again.counts).toEqual(AGAIN);
    expect(again.report.problems).toEqual(EXPECTED_PROBLEMS);
    const xlsx = join(dir, `医保预警-${db.engine}.xlsx`);
    await writeXlsx(xlsx, DIRTY, { titleRow: '神木市医保局 2022年5月 防返贫预警名单' });
    const asXlsx = await importWarnings(db.ds(), xlsx, opts);
    expect(asXlsx.counts).toEqual(AGAIN);
    expect(await snapshot()).toEqual(before);
  });

  it('a changed threshold is configuration: a row below the default opens a lead once the threshold is lowered', async () => {
    await transaction(db.ds(), (tx) => setWarningThreshold(tx, 'medical_insurance', { minYuan: 500, amountLabel: '自付费用' }, { actor: 'shiju', at: T0, reason: '市局调整医保预警门槛' }));
    const file = join(dir, `门槛-${db.engine}.csv`);
    writeCsv(file, [HEADER, row({ warnedOn: '2022-05-24', name: '李秀英', idNumber: idOf('H01', '李秀英'), reason: '门诊自付（复诊）', amount: '800' })]);
    const r = await importWarnings(db.ds(), file, opts);
    expect(r.counts).toMatchObject({ merged: 1, below_threshold: 0 });
    await expect(transaction(db.ds(), (tx) => setWarningThreshold(tx, 'medical_insurance', { minYuan: -1, amountLabel: '' }, { actor: 'shiju', at: T0, reason: '误操作' }))).rejects.toMatchObject({
      code: 'WARNING_THRESHOLD.INVALID', problems: ['门槛金额不能为负数', '请写明金额是什么，如“自付费用”'],
    });
    const history = await orm(db.ds()).query("SELECT actor, reason, before_json, after_json FROM history WHERE entity = 'warning_threshold'");
    expect(history.map((h: Record<string, string>) => [h.actor, h.reason, JSON.parse(h.before_json!), JSON.parse(h.after_json!)])).toEqual([
      ['shiju', '市局调整医保预警门槛', { minYuan: 10000 }, { minYuan: 500 }],
    ]);
  });

  it('the command line: --department by name or code, --by a department imports as its own, exit codes', async () => {
    const lines: string[] = [];
    const env = { databaseUrl: db.url(), now: () => T0, tz: 'Asia/Shanghai', out: (l: string) => lines.push(l) };
    // The server's database is this one: the command opens its own connection (SQLite: one at a time).
    expect(await runImportCommand(['warnings', csv, '--by', 'yibao1', '--department', '民政'], env)).toBe(2);
    expect(lines.pop()).toBe('yibao1 属于医保，只能导入本部门的预警（--department 民政 不符）');
    expect(await runImportCommand(['households', csv, '--department', '医保'], env)).toBe(2);
    expect(lines.slice(-2)).toEqual(['--department 只用于 import warnings 和 import facts', expect.stringMatching(/^用法：npx shouwang import households\|staff\|regions\|warnings/)]);
    expect(await runImportCommand(['warnings', csv, '--department', 'nope'], env)).toBe(2);
    expect(lines.pop()).toMatch(/^行业部门「nope」无法识别/);
    const clean = join(dir, `clean-${db.engine}.csv`);
    writeCsv(clean, [HEADER, row({ warnedOn: '2022-05-24', name: '王大山', idNumber: idOf('H03', '王大山'), reason: '新增低保' })]);
    expect(await runImportCommand(['warnings', clean, '--department', 'civil_affairs', '--by', 'shiju'], env)).toBe(0);
    expect(lines.at(-1)).toMatch(/^导入部门预警：clean-\w+\.csv\n读取 1 行：新开风险线索 1 条\n已通知 2 人（所在村的网格员、村干部），由发件箱发出\n没有发现问题。$/);
    // The city's --department fills empty cells only; a row naming its own department keeps it.
    const mixed = join(dir, `mixed-${db.engine}.csv`);
    writeCsv(mixed, [HEADER, row({ warnedOn: '2022-05-24', name: '王大山', idNumber: idOf('H03', '王大山'), reason: '住院自付费用高', amount: '30000' }), row({ department: '残联', warnedOn: '2022-05-24', name: '刘桂兰', idNumber: idOf('H03', '刘桂兰'), reason: '新评定重度残疾' })]);
    expect(await runImportCommand(['warnings', mixed, '--department', '医保', '--by', 'shiju'], env)).toBe(0);
    const departments = await orm(db.ds()).query("SELECT department FROM department_warning WHERE warned_on = '2022-05-24' AND actor = 'shiju' ORDER BY id");
    expect(departments.map((d: { department: string }) => d.department)).toEqual(['civil_affairs', 'medical_insurance', 'disabled_federation']);
    expect(await runImportCommand(['warnings', csv, '--by', 'yibao1', '--report-dir', dir], env)).toBe(3);
    expect(lines.at(-1)).toMatch(/读取 13 行：以前已导入 7 条（未重复生成），未导入 6 行/);
  });
});

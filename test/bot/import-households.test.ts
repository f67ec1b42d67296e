/**
 * The household import on a deliberately dirty roster: one kind of bad row after another, split
 * over several small batches. The exact report and the counts are asserted; re-importing the same
 * file (csv, then the same rows as xlsx) changes nothing; a changed file updates with history.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importHouseholds, type HouseholdImportCounts } from '../../src/bot/import/households.js';
import { HOUSEHOLD_COLUMNS } from '../../src/bot/import/columns.js';
import { transaction } from '../../src/persistence/db.js';
import { listHistory } from '../../src/persistence/history.js';
import { findHouseholdByCode, findHouseholdOfPerson } from '../../src/persistence/households.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { saveStaff } from '../../src/persistence/staff.js';
import { orm, describeEachDatabase } from '../helpers/db.js';
import { badChecksum, idNumber } from '../helpers/people.js';
import { DEMO, DEMO_REGIONS } from '../helpers/regions.js';
import { writeCsv, writeXlsx, type Table } from '../helpers/tables.js';

const T0 = Date.parse('2022-05-03T01:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-import-'));
const HEADER = HOUSEHOLD_COLUMNS.map((c) => c.header);

type Row = Partial<Record<(typeof HOUSEHOLD_COLUMNS)[number]['key'], string>>;
const LSJ = { town: '高家堡镇', village: '凉水井村', grid: '凉水井一网格' };
const row = (r: Row): string[] => HOUSEHOLD_COLUMNS.map((c) => r[c.key] ?? '');
/** A person row; household columns other than the place are left blank except on the 户主's row (as many offices do). */
const person = (code: string, name: string, id: string, relation: string, more: Row = {}): string[] =>
  row({ ...LSJ, code, name, idNumber: id, relation, labour: '普通劳动力', health: '健康', type: relation === '户主' ? '一般农户' : '', ...more });

const ID = {
  zhang: idNumber('19700101', 11),
  li: idNumber('19720202', 22),
  xiao: idNumber('20100303', 31),
  wang: idNumber('19650505', 51),
  zhao: idNumber('19660606', 62),
};
const n = (i: number) => idNumber('19800101', 100 + i);

/** Row 1 is the header; the comment on each line is its row number and what is wrong with it. */
const DIRTY: Table = [
  HEADER,
  /* 2 */ person('H001', '张三', ID.zhang, '户主', { headName: '张三', type: '脱贫户', alleviationYear: '2019', keyGroups: '1、4', contactStaff: 'wanggrid', phone: '13812345678' }),
  /* 3 */ person('H001', '李四', ID.li, '配偶', { labour: '弱劳动力或半劳动力', health: '长期慢性病' }),
  /* 4 */ person('H001', '张小', ID.xiao, '之子', { labour: '无劳动力', schooling: '七年级' }),
  /* 5 */ person('H002', '王五', ID.wang, '户主', { town: 'gjb', village: '凉水井', grid: '', dibao: '是' }),
  /* 6  bad ID checksum */ person('H002', '赵六', badChecksum(ID.zhao), '配偶', { town: '', village: '', grid: '' }),
  /* 7  unknown village */ person('H003', '孙甲', n(1), '户主', { town: '店塔镇', village: '不存在村', grid: '' }),
  /* 8  two 户主 */ person('H004', '孙一', n(2), '户主'),
  /* 9 */ person('H004', '孙二', n(3), '户主'),
  /* 10 */ person('H005', '周一', n(4), '户主'),
  /* 11 ID of row 4, in an earlier batch */ person('H005', '周二', ID.xiao, '之女'),
  /* 12 missing 姓名 on the 户主 row */ person('H006', '', n(5), '户主'),
  /* 13 */ person('H006', '吴二', n(6), '之子'),
  /* 14 unknown 户类型 */ person('H007', '郑一', n(7), '户主', { type: '贫困户' }),
  /* 15 脱贫户 without 脱贫年度 */ person('H008', '冯一', n(8), '户主', { type: '脱贫户' }),
  /* 16 重点人群 digits run together */ person('H009', '陈一', n(9), '户主', { keyGroups: '135' }),
  /* 17 no 户编号 */ person('', '褚一', n(10), '户主'),
  /* 18 */ person('H010', '卫一', n(11), '户主'),
  /* 19 户类型 differs inside the household */ person('H010', '卫二', n(12), '之女', { type: '脱贫户' }),
  /* 20 H002 again, not next to its rows */ person('H002', '钱七', n(13), '之子', { town: 'gjb', village: '凉水井', grid: '' }),
  /* 21 unknown 联系干部 */ person('H011', '蒋一', n(14), '户主', { contactStaff: '不存在的人' }),
  /* 22 unknown 劳动能力 */ person('H012', '沈一', n(15), '户主', { labour: '能干活' }),
  /* 23 unknown grid */ person('H013', '韩一', n(16), '户主', { grid: '三网格' }),
  /* 24 */ person('H014', '杨一', n(17), '户主'),
  /* 25 bad phone */ person('H014', '杨二', n(18), '配偶', { phone: '12345' }),
  /* 26 户主姓名 is not the 户主 */ person('H015', '朱一', n(19), '户主', { headName: '朱大' }),
  /* 27 another town, by alias */ person('H016', '秦一', n(20), '户主', { town: 'dt', village: '新村', grid: '' }),
  /* 28 same ID twice in one household */ person('H016', '秦二', n(20), '之子', { town: 'dt', village: '新村', grid: '' }),
  /* 29 bad 是否特困 */ person('H017', '许一', n(21), '户主', { tekun: '可能' }),
];

/** A household is imported whole or not at all: one bad row leaves its household out. */
const EXPECTED_PROBLEMS = [
  { row: 5, key: 'H002', message: '户编号 H002（第 5–6 行）整户未导入：第 6 行有错误，本户各行须一并改正后重新导入' },
  { row: 6, key: 'H002', message: '身份证号校验位不对（可能有数字录错）' },
  { row: 7, key: 'H003', message: '户编号 H003（第 7 行）整户未导入：行政村「不存在村」不在「店塔镇」下（请先导入区划，或检查名称）' },
  { row: 8, key: 'H004', message: '户编号 H004（第 8–9 行）整户未导入：有2位户主（第 8、9 行），只能有一位' },
  { row: 10, key: 'H005', message: '户编号 H005（第 10–11 行）整户未导入：第 11 行有错误，本户各行须一并改正后重新导入' },
  { row: 11, key: 'H005', message: '身份证号 6108**********0310 在户籍名册中是「张小」（户编号 H001），本行姓名是「周二」：一个身份证号只能是一个人，请核对' },
  { row: 12, key: 'H006', message: '缺少姓名' },
  { row: 12, key: 'H006', message: '户编号 H006（第 12–13 行）整户未导入：第 12 行有错误，本户各行须一并改正后重新导入' },
  { row: 14, key: 'H007', message: '户编号 H007（第 14 行）整户未导入：户类型「贫困户」无法识别（可填：脱贫户、一般农户）' },
  { row: 15, key: 'H008', message: '户编号 H008（第 15 行）整户未导入：脱贫户必须填写脱贫年度' },
  { row: 16, key: 'H009', message: '户编号 H009（第 16 行）整户未导入：重点人群「135」无法识别（填①–⑩或1–10，多个用顿号分隔，如“1、3、5”）' },
  { row: 17, message: '缺少户编号' },
  { row: 18, key: 'H010', message: '户编号 H010（第 18–19 行）整户未导入：第 19 行的户类型与第 18 行不一致' },
  { row: 20, key: 'H002', message: '户编号 H002（第 20 行）未导入：同一户的成员行不连续（第 5 行已出现该户编号），请按户编号排序后重新导入' },
  { row: 21, key: 'H011', message: '户编号 H011（第 21 行）整户未导入：联系干部「不存在的人」不在人员名单中（请先导入人员名单，或填企业微信账号）' },
  { row: 22, key: 'H012', message: '劳动能力「能干活」无法识别（可填：普通劳动力、弱劳动力或半劳动力、无劳动力）' },
  { row: 22, key: 'H012', message: '户编号 H012（第 22 行）整户未导入：没有可导入的成员' },
  { row: 23, key: 'H013', message: '户编号 H013（第 23 行）整户未导入：网格「三网格」不在「高家堡镇凉水井村」下' },
  { row: 24, key: 'H014', message: '户编号 H014（第 24–25 行）整户未导入：第 25 行有错误，本户各行须一并改正后重新导入' },
  { row: 25, key: 'H014', message: '联系电话格式不对（应为11位手机号或带区号的座机）' },
  { row: 26, key: 'H015', message: '户编号 H015（第 26 行）整户未导入：户主姓名「朱大」与户主本人的姓名「朱一」不一致' },
  { row: 27, key: 'H016', message: '户编号 H016（第 27–28 行）整户未导入：第 28 行有错误，本户各行须一并改正后重新导入' },
  { row: 28, key: 'H016', message: '身份证号与本户第 27 行重复' },
  { row: 29, key: 'H017', message: '户编号 H017（第 29 行）整户未导入：是否特困「可能」应填“是”或“否”' },
];

const FIRST_COUNTS: HouseholdImportCounts = {
  rows: 28,
  rowsRejected: 25,
  households: { created: 1, updated: 0, unchanged: 0, rejected: 17 },
  members: { created: 3, updated: 0, movedIn: 0, left: 0 },
  facts: 0,
};
const SAME_AGAIN: HouseholdImportCounts = { ...FIRST_COUNTS, households: { created: 0, updated: 0, unchanged: 1, rejected: 17 }, members: { created: 0, updated: 0, movedIn: 0, left: 0 } };

describeEachDatabase('import households', (db) => {
  const csv = join(dir, `dirty-${db.engine}.csv`);
  const opts = (at: number) => ({ now: at, actor: 'import', batchPeople: 4, reportDir: dir });
  const snapshot = async () => ({
    households: await orm(db.ds()).query('SELECT * FROM households ORDER BY id'),
    members: await orm(db.ds()).query('SELECT * FROM members ORDER BY id'),
    history: Number((await orm(db.ds()).query('SELECT COUNT(*) AS n FROM history'))[0].n),
  });

  it('imports the valid rows of a dirty roster and reports every bad row exactly', async () => {
    await transaction(db.ds(), async (tx) => {
      await saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' });
      await saveStaff(tx, [{ userId: 'wanggrid', name: '王网格', phone: null, role: 'grid_worker', jurisdiction: { level: 'grid', code: DEMO.lsjGrid1 }, active: true, department: null }], { actor: 'setup', at: T0, reason: '准备' });
    });
    writeCsv(csv, DIRTY);
    const { counts, report, summary } = await importHouseholds(db.ds(), csv, opts(T0));
    expect(report.problems).toEqual(EXPECTED_PROBLEMS);
    expect(counts).toEqual(FIRST_COUNTS);
    expect(report.badRowTotal).toBe(22);
    expect(summary).toEqual([
      '导入户籍名册：' + `dirty-${db.engine}.csv`,
      '读取 28 行（每行一人），导入 3 人，未导入 25 人',
      '户：新增 1，更新 0，无变化 0，未导入 17',
      '成员：新增 3，更新 0，迁入 0，标记迁出 0',
      '收入、两不愁三保障等情况：新记录 0 项',
    ]);
    expect(report.path).toBe(join(dir, `dirty-${db.engine}.导入报告.csv`));
    const csvReport = readFileSync(report.path as string, 'utf8');
    expect(csvReport.split('\r\n').slice(0, 3)).toEqual(['\uFEFF行号,户编号/账号/代码,问题', '5,H002,户编号 H002（第 5–6 行）整户未导入：第 6 行有错误，本户各行须一并改正后重新导入', '6,H002,身份证号校验位不对（可能有数字录错）']);
    expect(csvReport).not.toContain(ID.zhao.slice(0, 10));

    const h1 = await findHouseholdByCode(db.ds().manager, 'H001');
    expect(h1).toMatchObject({ headName: '张三', type: 'alleviated', alleviationYear: 2019, keyGroups: ['kg1_alleviated', 'kg4_dibao'], contactStaff: 'wanggrid', phone: '13812345678' });
    expect(h1?.placement).toEqual({ cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 });
    expect(h1?.members.map((m) => [m.name, m.relation, m.labour, m.health, m.schooling])).toEqual([
      ['张三', '户主', 'normal', 'healthy', 'none'],
      ['李四', '配偶', 'weak', 'chronic_illness', 'none'],
      ['张小', '之子', 'none', 'healthy', 'compulsory'],
    ]);
    for (const code of ['H002', 'H004', 'H005', 'H014', 'H016']) expect(await findHouseholdByCode(db.ds().manager, code)).toBeNull();
    expect((await findHouseholdOfPerson(db.ds().manager, ID.xiao))?.code).toBe('H001');
  });

  it('changes nothing when the same file is imported again, as csv and as xlsx', async () => {
    const before = await snapshot();
    const again = await importHouseholds(db.ds(), csv, opts(T0 + 3_600_000));
    expect(again.counts).toEqual(SAME_AGAIN);
    expect(again.report.problems).toEqual(EXPECTED_PROBLEMS);
    expect(await snapshot()).toEqual(before);

    const xlsx = join(dir, `dirty-${db.engine}.xlsx`);
    await writeXlsx(xlsx, DIRTY);
    const fromXlsx = await importHouseholds(db.ds(), xlsx, opts(T0 + 7_200_000));
    expect(fromXlsx.counts).toEqual(SAME_AGAIN);
    expect(fromXlsx.report.problems).toEqual(EXPECTED_PROBLEMS);
    expect(await snapshot()).toEqual(before);
  });

  it('updates changed rows with history, marks a person who left, moves a person between households by a 分户 row', async () => {
    const at = T0 + 86_400_000;
    const changed: Table = [
      HEADER,
      person('H001', '张三', ID.zhang, '户主', { headName: '张三', type: '脱贫户', alleviationYear: '2019', keyGroups: '①④⑩', contactStaff: 'wanggrid', phone: '13812345678' }),
      person('H001', '李四', ID.li, '配偶', { labour: '弱劳动力或半劳动力', health: '患有大病' }),
      person('H002', '王五', ID.wang, '户主', { town: 'gjb', village: '凉水井', grid: '', dibao: '是' }),
      person('H002', '张小', ID.xiao, '之孙子', { town: 'gjb', village: '凉水井', grid: '', labour: '无劳动力', schooling: '七年级', change: '分户' }),
      person('H005', '周一', n(4), '户主'),
    ];
    const file = join(dir, `changed-${db.engine}.csv`);
    writeCsv(file, changed, { bom: true });
    const { counts, report } = await importHouseholds(db.ds(), file, opts(at));
    expect(report.problems).toEqual([]);
    expect(counts).toEqual({ rows: 5, rowsRejected: 0, households: { created: 2, updated: 1, unchanged: 0, rejected: 0 }, members: { created: 2, updated: 1, movedIn: 1, left: 0 }, facts: 0 });
    const h1 = await findHouseholdByCode(db.ds().manager, 'H001');
    expect(h1?.keyGroups).toEqual(['kg1_alleviated', 'kg4_dibao', 'kg10_rigid_spending']);
    expect(h1?.members.map((m) => m.name)).toEqual(['张三', '李四']);
    expect((await findHouseholdOfPerson(db.ds().manager, ID.xiao))?.code).toBe('H002');
    const tags = (await listHistory(db.ds().manager, 'household', h1?.id as number)).at(-1);
    expect(tags).toMatchObject({ actor: 'import', at, reason: `导入户籍名册 changed-${db.engine}.csv`, before: { keyGroups: ['kg1_alleviated', 'kg4_dibao'] }, after: { keyGroups: ['kg1_alleviated', 'kg4_dibao', 'kg10_rigid_spending'] } });
    expect((await listHistory(db.ds().manager, 'member', ID.li)).at(-1)).toMatchObject({ before: { health: 'chronic_illness' }, after: { health: 'serious_illness' } });
    expect((await listHistory(db.ds().manager, 'member', ID.xiao)).at(-1)).toMatchObject({ reason: `导入户籍名册 changed-${db.engine}.csv：分户`, before: { householdId: h1?.id, relation: '之子' }, after: { relation: '之孙子' } });

    // Next file: 李四 is gone from H001 (a complete household), so she is marked left, not deleted.
    writeCsv(file, [changed[0] as string[], changed[1] as string[]]);
    const third = await importHouseholds(db.ds(), file, opts(at + 1000));
    expect(third.counts.members).toEqual({ created: 0, updated: 0, movedIn: 0, left: 1 });
    const li = (await findHouseholdByCode(db.ds().manager, 'H001'))?.members.find((m) => m.name === '李四');
    expect(li?.left).toEqual({ on: '2022-05-04', reason: `导入户籍名册 changed-${db.engine}.csv：名册中已无此人` });
  });

  it('refuses a 联系干部 who is no longer in post, and one named twice', async () => {
    const staff = (userId: string, name: string, active: boolean) => ({ userId, name, phone: null, role: 'grid_worker' as const, jurisdiction: { level: 'grid' as const, code: DEMO.lsjGrid2 }, active, department: null });
    await transaction(db.ds(), (tx) => saveStaff(tx, [staff('oldgrid', '老网格', false), staff('li1', '李干部', true), staff('li2', '李干部', true)], { actor: 'setup', at: T0, reason: '准备' }));
    const file = join(dir, `contact-${db.engine}.csv`);
    writeCsv(file, [HEADER, person('H100', '甲', n(50), '户主', { contactStaff: 'oldgrid' }), person('H101', '乙', n(51), '户主', { contactStaff: '李干部' })]);
    const { report } = await importHouseholds(db.ds(), file, opts(T0));
    expect(report.problems.map((p) => p.message)).toEqual([
      '户编号 H100（第 2 行）整户未导入：联系干部「oldgrid」已不在岗，请换成在岗的干部',
      '户编号 H101（第 3 行）整户未导入：联系干部「李干部」有重名（2人），请填企业微信账号',
    ]);
  });

  it('refuses a file without a required column, importing nothing', async () => {
    const file = join(dir, `nocol-${db.engine}.csv`);
    writeCsv(file, [HEADER.filter((h) => h !== '身份证号'), ['高家堡镇']]);
    await expect(importHouseholds(db.ds(), file, opts(T0))).rejects.toThrow('找不到表头：缺少必需的列「身份证号」（表头须在前 10 行内，可参照模板）');
  });
});

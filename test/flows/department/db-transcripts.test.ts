/**
 * The department conversations on a real database (SQLite and MariaDB): the persistence-backed
 * read port fetching the sent files from a WeCom media store, the router and registry, and the
 * department command performed between turns as the dispatcher would — each conversation replayed
 * turn by turn with the stored state put through JSON. A 医保 list with bad rows, the city's list
 * without a 部门 column (asked, a wrong answer, then 民政), 取消 midway, the same list twice, the
 * progress, the template, and a grid worker who may do none of it.
 */
import { beforeAll, expect, it } from 'vitest';
import { departmentCommands } from '../../../src/bot/commands/department.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import type { Input } from '../../../src/flows/types.js';
import { flows } from '../../../src/flows/registry.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { transaction } from '../../../src/persistence/db.js';
import { listHistory } from '../../../src/persistence/history.js';
import { getLead, leadsOfHousehold } from '../../../src/persistence/leads.js';
import { converse, performOn, type RouteTurn } from '../../helpers/converse.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { badChecksum, idNumber } from '../../helpers/people.js';
import { DEMO } from '../../helpers/regions.js';
import { readXlsx } from '../../helpers/xlsx.js';
import { HOUSEHOLDS, type SeededIds } from '../field/seed.js';
import { mediaStore, seedDepartment, staffActor, warningCsv, warningHeader, warningXlsx } from './db-seed.js';

/** 2022-05-25 (Wednesday) 10:00 Asia/Shanghai. */
const T0 = Date.UTC(2022, 4, 25, 2, 0, 0);
const HOUR = 3_600_000;
const text = (t: string) => ({ type: 'text', text: t });
const file = (mediaId: string, fileName: string): Input => ({ type: 'file', msgType: 'file', mediaId, fileName });
const handler = commandHandlers(departmentCommands);

const personId = (code: string, k = 0) => HOUSEHOLDS.find((h) => h.code === code)!.members[k]!.idNumber;
const masked = (id: string) => `6108**********${id.slice(-4)}`;
const ZHANG = personId('H01');
const LI_XIUYING = personId('H01', 1);
const ZHAOLIU = personId('H04');
const SUNQI = personId('H05');
const LISI = personId('H02');
/** Not on the register. */
const WANGXIAO = idNumber('20080808', 151);
const QIAN = idNumber('19900101', 171);

/** 医保's May list: rows 2–8 (row 1 is the header). */
const MAY_ROWS = [
  ['医保', '2022-05-20', '张三', ZHANG, '', '', '住院自付费用高', '23456', ''],
  ['医保', '2022-05-21', '李秀英', LI_XIUYING, '', '', '门诊慢病', '12000', ''],
  ['医保', '2022-05-20', '王小', badChecksum(WANGXIAO), '高家堡镇', '凉水井村', '意外受伤住院', '', ''],
  ['医保', '2022-05-22', '钱某', QIAN, '高家堡镇', '不存在村', '住院自付费用高', '15000', ''],
  ['医保', '2022-05-21', '赵六', ZHAOLIU, '', '', '门诊自付', '800', ''],
  ['', '2022-05-22', '王小', WANGXIAO, '高家堡镇', '凉水井村', '意外受伤住院', '', '电话13812345678'],
  ['民政', '2022-05-21', '孙七', SUNQI, '', '', '新增临时救助', '', ''],
];
const MAY_REFUSED = [
  '未导入的行：',
  '· 第 4 行：身份证号校验位不对（可能有数字录错）',
  `· 第 5 行：身份证号 ${masked(QIAN)} 不在户籍名册中，且行政村「不存在村」在「高家堡镇」下找不到，无法确定所在村`,
  '· 第 8 行：部门「民政」与报送部门（医保）不一致：只能报送本部门的预警',
  '改正后重新发送整个文件即可，已导入的不会重复。',
];
/** The city's summary list, without a 部门 column. */
const CITY_HEADER = warningHeader(['预警日期', '姓名', '身份证号', '镇街', '行政村', '预警事由', '金额', '备注']);
const CITY_ROWS = [
  ['2022-05-23', '张三', ZHANG, '', '', '新增临时救助', '3000', ''],
  ['2022-05-23', '孙七', SUNQI, '', '', '独居老人无劳动力', '', ''],
];
const ASK_DEPARTMENT = (fileName: string) => `名单「${fileName}」中有的行没有填写部门。请问这是哪个部门的预警？请回复部门名称：医保、民政、残联、教育、人社、住建、水利、应急管理、公安、农业农村。\n（回复“取消”可退出）`;

describeEachDatabase('department conversations on the database', (db) => {
  let ids: SeededIds;
  let store: ReturnType<typeof mediaStore>;
  /** The inbound id of every command performed, in order (from 101). */
  const onDb = performOn(db.ds, handler, 101);
  const performed = onDb.performed;
  const talk = (userId: string, now: number, turns: RouteTurn[]) => {
    const actor = staffActor(userId);
    return converse(flows, { actor, now, data: createFlowData(db.ds(), { media: store.api })(actor), perform: onDb.perform(actor) }, turns);
  };
  const tx = <T>(fn: Parameters<typeof transaction<T>>[1]) => transaction(db.ds(), fn);
  const query = (sql: string): Promise<Array<Record<string, unknown>>> => orm(db.ds()).query(sql);
  const count = async (table: string) => Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  /** Row counts of everything an import writes. */
  const footprint = async () => ({ warnings: await count('department_warning'), leads: await count('risk_lead'), origins: await count('risk_lead_origin'), history: await count('history') });
  const warnings = async () =>
    (await query('SELECT id, department, name, outcome, actor, inbound_id, file_name, household_id, lead_id, created_at FROM department_warning ORDER BY id')).map((r) => ({
      id: Number(r.id), department: r.department, name: r.name, outcome: r.outcome, actor: r.actor, inboundId: Number(r.inbound_id), fileName: r.file_name,
      householdId: r.household_id === null ? null : Number(r.household_id), leadId: r.lead_id === null ? null : Number(r.lead_id), createdAt: Number(r.created_at),
    }));

  beforeAll(async () => {
    ids = await seedDepartment(db.ds());
    store = mediaStore({
      may: { fileName: '5月医保预警.xlsx', content: await warningXlsx(MAY_ROWS) },
      city: { fileName: '汇总.csv', content: await warningCsv(CITY_ROWS, CITY_HEADER) },
      june: { fileName: '6月汇总.csv', content: await warningCsv([['2022-05-24', '李四', LISI, '', '', '新增残疾', '', '']], CITY_HEADER) },
    });
  });

  it('医保 sends its list: valid rows open or join leads, the bad ones are reported by row with the reason', async () => {
    await talk('yibao1', T0, [
      {
        input: file('may', '5月医保预警.xlsx'),
        waiting: null,
        replies: [text([
          '已收到医保预警名单「5月医保预警.xlsx」，读取 7 行：',
          '新开风险线索 2 条，并入已有线索 1 条，低于门槛仅登记 1 条，未导入 3 行。',
          '（医保自付费用低于10,000元的只登记、不生成线索。）',
          ...MAY_REFUSED,
          '已通知 1 个村的网格员和村干部（共 3 人）入户核实，15天内完成识别认定。发送“预警进度”可查看核查进度。',
        ].join('\n'))],
        commands: [{ kind: 'department.import_warnings', fileName: '5月医保预警.xlsx', rows: expect.any(Array) }],
      },
    ]);
    expect(store.fetched).toEqual(['may']);
    expect(performed).toEqual([{ kind: 'department.import_warnings', inboundId: 101 }]);

    // 张三's row opened the household's lead; 李秀英 (same household) joined it — both finds on the lead.
    const [zhang, ...more] = await tx((t) => leadsOfHousehold(t, ids.zhangsan));
    expect(more).toEqual([]);
    expect(zhang).toMatchObject({ status: 'open', discoveredOn: '2022-05-20', deadline: '2022-06-04', placement: { villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 } });
    expect(zhang!.origins).toEqual([
      { source: 'department_warning', department: 'medical_insurance', foundOn: '2022-05-20', note: '医保预警（2022-05-20）：住院自付费用高；自付费用23,456元', actor: 'yibao1', at: T0 },
      { source: 'department_warning', department: 'medical_insurance', foundOn: '2022-05-21', note: '医保预警（2022-05-21）：门诊慢病；自付费用12,000元', actor: 'yibao1', at: T0 },
    ]);
    expect((await tx((t) => historyOf(t, 'risk_lead', zhang!.id!))).map((h) => [h.actor, h.at, h.reason])).toEqual([
      ['yibao1', T0, '新线索：部门筛查预警'],
      ['yibao1', T0, '并入线索：部门筛查预警'],
    ]);
    // 赵六's 800 元 is below 医保's threshold: recorded, no lead.
    expect(await tx((t) => leadsOfHousehold(t, ids.zhaoliu))).toEqual([]);

    // One stored warning per imported row (the refused rows 4, 5 and 8 left nothing), with who and why.
    const stored = await warnings();
    expect(stored.map(({ id: _id, leadId: _lead, ...w }) => w)).toEqual([
      { department: 'medical_insurance', name: '张三', outcome: 'opened', actor: 'yibao1', inboundId: 101, fileName: '5月医保预警.xlsx', householdId: ids.zhangsan, createdAt: T0 },
      { department: 'medical_insurance', name: '李秀英', outcome: 'merged', actor: 'yibao1', inboundId: 101, fileName: '5月医保预警.xlsx', householdId: ids.zhangsan, createdAt: T0 },
      { department: 'medical_insurance', name: '赵六', outcome: 'below_threshold', actor: 'yibao1', inboundId: 101, fileName: '5月医保预警.xlsx', householdId: ids.zhaoliu, createdAt: T0 },
      { department: 'medical_insurance', name: '王小', outcome: 'opened', actor: 'yibao1', inboundId: 101, fileName: '5月医保预警.xlsx', householdId: null, createdAt: T0 },
    ]);
    expect(stored.map((w) => w.leadId)).toEqual([zhang!.id, zhang!.id, null, expect.any(Number)]);
    // 王小 is not on the register: a lead of the person, in the village the department named.
    const wang = await tx((t) => getLead(t, stored[3]!.leadId!));
    expect(wang).toMatchObject({ householdId: null, declarant: { name: '王小', idTail: WANGXIAO.slice(-4), villageCode: DEMO.lsj }, status: 'open', deadline: '2022-06-06' });
    expect(wang!.origins.map((o) => o.note)).toEqual(['医保预警（2022-05-22）：意外受伤住院；备注：电话138****5678']);

    const history = await Promise.all(stored.map((w) => tx((t) => listHistory(t, 'department_warning', w.id))));
    expect(history.map((h) => h.map((r) => [r.actor, r.reason]))).toEqual([
      [['yibao1', `导入部门预警 5月医保预警.xlsx 第 2 行：新线索（线索${zhang!.id}）`]],
      [['yibao1', `导入部门预警 5月医保预警.xlsx 第 3 行：并入已有线索（线索${zhang!.id}）`]],
      [['yibao1', '导入部门预警 5月医保预警.xlsx 第 6 行：低于门槛，仅登记']],
      [['yibao1', `导入部门预警 5月医保预警.xlsx 第 7 行：新线索（线索${wang!.id}）`]],
    ]);
    // The history keeps no full ID number or phone.
    expect(JSON.stringify(history)).not.toMatch(new RegExp(`${ZHANG}|${WANGXIAO}|13812345678`));
  });

  it('the same list sent again: read, found imported, nothing written a second time', async () => {
    const before = await footprint();
    await talk('yibao1', T0 + HOUR, [
      {
        input: file('may', '5月医保预警.xlsx'),
        waiting: null,
        replies: [text(['已收到医保预警名单「5月医保预警.xlsx」，读取 7 行：', '以前已导入 4 条（未重复生成），未导入 3 行。', ...MAY_REFUSED].join('\n'))],
        commands: [],
      },
    ]);
    expect(store.fetched).toEqual(['may', 'may']);
    expect(await footprint()).toEqual(before);
    expect(performed).toHaveLength(1);
  });

  it('the city’s list without a 部门 column: asked which, a wrong answer asked again, 民政 imports it', async () => {
    const before = await footprint();
    await talk('shiju', T0 + 2 * HOUR, [
      { input: file('city', '汇总.csv'), waiting: 'department/warning-file:department', replies: [text(ASK_DEPARTMENT('汇总.csv'))], commands: [] },
      { say: '不知道', waiting: 'department/warning-file:department', replies: [text('没看懂“不知道”。请回复部门名称，如“医保”“民政”，或发送“取消”退出。')], commands: [] },
      {
        say: '民政',
        waiting: null,
        replies: [text('已收到民政预警名单「汇总.csv」，读取 2 行：\n新开风险线索 1 条，并入已有线索 1 条。\n已通知 1 个村的网格员和村干部（共 2 人）入户核实，15天内完成识别认定。发送“预警进度”可查看核查进度。')],
        commands: [{ kind: 'department.import_warnings', fileName: '汇总.csv', rows: expect.any(Array) }],
      },
    ]);
    // Nothing was written while the question was open: one import, at the answer.
    expect(performed.map((p) => p.inboundId)).toEqual([101, 102]);
    expect(store.fetched.slice(2)).toEqual(['city', 'city']);
    const after = await footprint();
    expect(after).toEqual({ warnings: before.warnings + 2, leads: before.leads + 1, origins: before.origins + 2, history: before.history + 4 });

    const added = (await warnings()).slice(-2);
    expect(added.map((w) => [w.department, w.name, w.outcome, w.actor, w.inboundId, w.fileName])).toEqual([
      ['civil_affairs', '张三', 'merged', 'shiju', 102, '汇总.csv'],
      ['civil_affairs', '孙七', 'opened', 'shiju', 102, '汇总.csv'],
    ]);
    // 民政's find joined 张三's open lead (医保's): the earliest discovery and its clock stay.
    const [zhang] = await tx((t) => leadsOfHousehold(t, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'open', discoveredOn: '2022-05-20', deadline: '2022-06-04' });
    expect(zhang!.origins.map((o) => [o.department, o.foundOn, o.actor])).toEqual([
      ['medical_insurance', '2022-05-20', 'yibao1'], ['medical_insurance', '2022-05-21', 'yibao1'], ['civil_affairs', '2022-05-23', 'shiju'],
    ]);
    expect(zhang!.origins[2]!.note).toBe('民政预警（2022-05-23）：新增临时救助；金额3,000元');
    const [sun, ...more] = await tx((t) => leadsOfHousehold(t, ids.sunqi));
    expect(more).toEqual([]);
    expect(sun).toMatchObject({ status: 'open', discoveredOn: '2022-05-23', deadline: '2022-06-07', origins: [{ source: 'department_warning', department: 'civil_affairs', actor: 'shiju', note: '民政预警（2022-05-23）：独居老人无劳动力' }] });
    expect((await tx((t) => historyOf(t, 'risk_lead', sun!.id!))).map((h) => [h.actor, h.reason])).toEqual([['shiju', '新线索：部门筛查预警']]);
    expect((await tx((t) => listHistory(t, 'department_warning', added[1]!.id))).map((h) => [h.actor, h.reason])).toEqual([['shiju', `导入部门预警 汇总.csv 第 3 行：新线索（线索${sun!.id}）`]]);
  });

  it('取消 while the department is asked: nothing is imported', async () => {
    const before = await footprint();
    await talk('shiju', T0 + 3 * HOUR, [
      { input: file('june', '6月汇总.csv'), waiting: 'department/warning-file:department', replies: [text(ASK_DEPARTMENT('6月汇总.csv'))] },
      { say: '残联吗？不确定', waiting: 'department/warning-file:department', replies: [text('没看懂“残联吗？不确定”。请回复部门名称，如“医保”“民政”，或发送“取消”退出。')] },
      { say: '取消', waiting: null, replies: [text('已退出「报送部门预警」。')], commands: [] },
      // Once cancelled, a department name is no answer to anything any more.
      { say: '残联', waiting: null, commands: [], replies: [text('没太明白“残联”。发送“帮助”查看您可以办的事。')] },
    ]);
    expect(store.fetched.slice(4)).toEqual(['june']);
    expect(await footprint()).toEqual(before);
    expect(await tx((t) => leadsOfHousehold(t, ids.lisi))).toEqual([]);
    expect(performed).toHaveLength(2);
  });

  it('the warning progress: 医保 sees its own (overdue ones named once past the deadline); the city sees every department', async () => {
    await talk('yibao1', T0 + 4 * HOUR, [
      { say: '预警进度', waiting: null, replies: [text('医保预警核查进度（5月25日）：\n已报送 4 条（低于门槛仅登记 1 条），形成风险线索 2 条：核实中 2，已超期 0，已纳入监测 0，不纳入 0。\n识别认定由所在村办理，时限15天。')] },
    ]);
    await talk('yibao1', Date.UTC(2022, 5, 6, 2, 0, 0), [
      {
        say: '进度',
        waiting: null,
        replies: [text([
          '医保预警核查进度（6月6日）：',
          '已报送 4 条（低于门槛仅登记 1 条），形成风险线索 2 条：核实中 1，已超期 1，已纳入监测 0，不纳入 0。',
          '已超期的线索：',
          `· 张三（${masked(ZHANG)}），5月20日预警，6月4日截止，尚未入户核查`,
          '识别认定由所在村办理，时限15天。',
        ].join('\n'))],
      },
    ]);
    await talk('shiju', T0 + 4 * HOUR, [
      {
        say: '部门预警进度',
        waiting: null,
        replies: [text('部门预警核查进度（5月25日）：\n· 医保：报送 4 条，形成风险线索 2 条：核实中 2，已超期 0，已纳入监测 0，不纳入 0\n· 民政：报送 2 条，形成风险线索 2 条：核实中 2，已超期 0，已纳入监测 0，不纳入 0\n识别认定由所在村办理，时限15天。')],
      },
    ]);
  });

  it('the template: an xlsx with the list’s columns, and how to fill it in', async () => {
    let sent = '';
    const captured = { asymmetricMatch: (v: unknown) => typeof v === 'string' && ((sent = v), true) };
    await talk('yibao1', T0, [
      {
        say: '预警模板',
        waiting: null,
        replies: [
          { type: 'file', fileName: '部门预警名单模板.xlsx', contentBase64: captured },
          text('这是预警名单模板：第一行是表头，下面是示例行（请删掉后填写）；“填写说明”页列出每一列的写法。填好后把文件直接发给我。'),
        ],
        commands: [],
      },
    ]);
    const book = await readXlsx(Buffer.from(sent, 'base64'));
    expect(book.sheet(0).row(1, warningHeader().length)).toEqual(warningHeader());
  });

  it('a grid worker may not send a warning list: refused before the file is fetched, nothing written; nor ask the progress', async () => {
    const before = await footprint();
    const fetched = store.fetched.length;
    await talk('wangwu', T0, [
      { input: file('may', '5月医保预警.xlsx'), waiting: null, replies: [text('部门预警名单由行业部门或市乡村振兴局报送，您的角色不能报送。发送“帮助”查看您可以办的事。')], commands: [] },
      { say: '预警进度', waiting: null, replies: [text('「预警进度」是行业部门和市乡村振兴局的功能，您的角色（网格员）用不到。发送“帮助”查看您可以办的事。')] },
      { say: '预警模板', waiting: null, replies: [text('「预警模板」是行业部门和市乡村振兴局的功能，您的角色（网格员）用不到。发送“帮助”查看您可以办的事。')] },
    ]);
    expect(store.fetched).toHaveLength(fetched);
    expect(await footprint()).toEqual(before);
    expect(performed).toHaveLength(2);
  });
});

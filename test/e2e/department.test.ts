/**
 * End to end, through the real callback and the fake WeCom: a 医保 staff member's warning list is
 * put on the fake (media/upload), sent as a file message; the bot fetches it (media/get), imports
 * it as 医保, answers with the summary, and the grid worker and the village cadre get one notice
 * each. The same file sent again opens nothing and tells nobody.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import { HttpWeComApi } from '../../src/bot/wecom/api.js';
import { WARNING_COLUMNS } from '../../src/bot/import/warnings-rows.js';
import { DEFAULT_LEAD_CONFIG } from '../../src/domain/lead.js';
import { addDays, shanghaiDay } from '../../src/domain/shanghai-days.js';
import { transaction } from '../../src/persistence/db.js';
import { admitLeadRecord, leadsOfHousehold } from '../../src/persistence/leads.js';
import type { Running } from '../../src/main.js';
import { describeEachDatabase } from '../helpers/db.js';
import { OFFICIAL } from '../helpers/edge-kit.js';
import { badChecksum, idNumber } from '../helpers/people.js';
import { HOUSEHOLDS, PLACE1, seedField, type SeededIds } from '../flows/field/seed.js';
import { startBotWithFakeWeCom, until } from '../helpers/e2e.js';


const idOf = (code: string, name: string) => HOUSEHOLDS.find((h) => h.code === code)!.members.find((m) => m.name === name)!.idNumber;

describeEachDatabase('a department sends its warning list as a file, end to end', (db) => {
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;
  let ids: SeededIds;
  // The server runs on the real clock: the warnings are of the last days.
  const today = shanghaiDay(Date.now());
  const [d1, d2] = [addDays(today, -2), addDays(today, -1)];
  const list = Buffer.from(
    '\uFEFF' +
      [
        WARNING_COLUMNS.map((c) => c.header).join(','),
        `,${d1},张三,${idOf('H01', '张三')},,,住院自付费用高,23456,`,
        `,${d2},王芳,${idOf('H02', '王芳')},,,门诊慢病自付,15000,`,
        `,${d2},周某,${badChecksum(idNumber('19810101', 17))},,,住院,30000,`,
      ].join('\r\n') +
      '\r\n',
  );
  const texts = (who: string) => fake.state.deliveries(who).map((d) => d.text);

  beforeAll(async () => {
    // The register is written before the server opens the database (one writer at a time on SQLite).
    ids = await seedField(db.ds());
    await transaction(db.ds(), (tx) =>
      admitLeadRecord(tx, { householdId: ids.lisi, declarant: null, placement: PLACE1, origin: { source: 'cadre_screening', department: null, foundOn: d1, note: '网格员排查：王芳住院', actor: 'wangwu', at: Date.now() } }, DEFAULT_LEAD_CONFIG),
    );
    ({ fake, running, callbacks } = await startBotWithFakeWeCom(db.url(), { openKfIds: ['wkE2E'] }));
  });

  afterAll(async () => {
    await running?.shutdown();
    await fake?.stop();
  });

  it('file message → media/get → summary to the sender, one notice each to the grid worker and the cadre; again → nothing new', async () => {
    const uploader = new HttpWeComApi({ apiBase: fake.apiBase, corpId: OFFICIAL.corpId, agentId: 218, secret: 'app-secret' });
    const { media_id } = await uploader.uploadMedia('file', '医保预警名单.csv', list);
    const r = await callbacks.userSendsFile('yibao1', { mediaId: media_id, fileName: '医保预警名单.csv' });
    expect(r).toMatchObject({ ok: true, status: 200 });
    await until(() => texts('yibao1').some((t) => t.startsWith('已收到医保预警名单')));
    expect(fake.state.callsTo('media/get')).toBe(1);
    const summary = texts('yibao1').find((t) => t.startsWith('已收到'))!;
    expect(summary).toBe(
      [
        '已收到医保预警名单「医保预警名单.csv」，读取 3 行：',
        '新开风险线索 1 条，并入已有线索 1 条，未导入 1 行。',
        '未导入的行：',
        '· 第 4 行：身份证号校验位不对（可能有数字录错）',
        '改正后重新发送整个文件即可，已导入的不会重复。',
        '已通知 1 个村的网格员和村干部（共 2 人）入户核实，15天内完成识别认定。发送“预警进度”可查看核查进度。',
      ].join('\n'),
    );

    await until(() => texts('wangwu').length > 0 && texts('liucun').length > 0);
    for (const who of ['wangwu', 'liucun']) {
      expect(fake.state.deliveries(who)).toHaveLength(1);
      expect(fake.state.deliveries(who)[0]).toMatchObject({ channel: 'app', via: 'api', msgtype: 'text' });
      expect(texts(who)[0]).toMatch(/^【部门筛查预警】名单「医保预警名单\.csv」中有 2 条预警涉及您负责的农户：\n1\. 张三户（凉水井村）：张三（6108\*{10}\w{4}），医保\d+月\d+日预警：住院自付费用高，自付费用23,456元。已生成风险线索，\d+月\d+日前完成识别认定。\n2\. 李四户（凉水井村）：王芳（6108\*{10}\w{4}），医保\d+月\d+日预警：门诊慢病自付，自付费用15,000元。已并入该户正在办理的风险线索。/);
    }
    // The other grid's worker has nothing of these households; no full ID number reached anyone.
    expect(texts('zhoujie')).toEqual([]);
    expect(fake.state.deliveries().map((d) => d.text).join('\n')).not.toContain(idOf('H01', '张三'));

    // The same file again: everything was imported before; nobody is told twice.
    const again = fake.state.storeMedia('file', '医保预警名单.csv', list);
    await callbacks.userSendsFile('yibao1', { mediaId: again, fileName: '医保预警名单.csv' });
    await until(() => texts('yibao1').filter((t) => t.startsWith('已收到')).length === 2);
    expect(texts('yibao1').filter((t) => t.startsWith('已收到'))[1]).toMatch(/^已收到医保预警名单「医保预警名单\.csv」，读取 3 行：\n以前已导入 2 条（未重复生成），未导入 1 行。/);
    await new Promise((res) => setTimeout(res, 300));
    expect(texts('wangwu')).toHaveLength(1);

    await running.shutdown();
    const [zhang] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(zhang).toMatchObject({ status: 'open', discoveredOn: d1, deadline: addDays(d1, 15) });
    expect(zhang!.origins.map((o) => [o.source, o.department, o.actor])).toEqual([['department_warning', 'medical_insurance', 'yibao1']]);
    const [li] = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.lisi));
    expect(li!.origins.map((o) => o.source)).toEqual(['cadre_screening', 'department_warning']);
  });
});

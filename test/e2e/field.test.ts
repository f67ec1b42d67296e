/**
 * End to end: the real server (main) against the fake WeCom, on each engine. A grid worker's
 * one-line screening that finds risk is stored, echoed to the grid worker, and opens
 * a lead that the village cadre finds on the agenda of the village's next 研判会.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/db.js';
import { seedField, type SeededIds } from '../flows/field/seed.js';
import type { Running } from '../../src/main.js';
import type { CallbackSender, FakeWeCom } from '../../src/bot/fake-wecom/index.js';
import { transaction } from '../../src/persistence/db.js';
import { leadsOfHousehold } from '../../src/persistence/leads.js';
import { screeningsOfHousehold } from '../../src/persistence/screenings.js';
import { replyTo, startBotWithFakeWeCom, until } from '../helpers/e2e.js';


/** The bot's clock: 2026-11-18 10:00 Asia/Shanghai, ticking with real time (the campaign year is known). */
const offset = Date.UTC(2026, 10, 18, 2, 0, 0) - Date.now();
const clock = () => Date.now() + offset;

describeEachDatabase('field: a grid worker’s screening end to end', (db) => {
  let fake: FakeWeCom;
  let running: Running;
  let callbacks: CallbackSender;
  let ids: SeededIds;

  beforeAll(async () => {
    // The register is written before the server opens the database (one writer at a time on SQLite).
    ids = await seedField(db.ds());
    ({ fake, running, callbacks } = await startBotWithFakeWeCom(db.url(), { openKfIds: ['wkE2E'], clock }));
  });

  afterAll(async () => {
    await running?.shutdown();
    await fake?.stop();
  });

  it('finds risk → stored, echoed with how to correct it, a lead opened for the village’s next 研判会', async () => {
    expect(await replyTo({ fake, callbacks }, 'wangwu', '排查 张三 入户 有风险 儿子住院花了两万 了解政策')).toMatch(
      /^已登记一般户排查（附件3）：\n户主：张三户（凉水井村凉水井一网格，4口人，电话138\*\*\*\*5678）\n排查方式：入户\n近期是否发生风险：是（儿子住院花了两万）\n是否基本了解防返贫政策：是\n已生成风险线索，提交本村\d+月\d+日（周四）研判会研判，\d+月\d+日（周.）前完成认定。\n如需更正：今天内重新发送“排查 张三 …”，新记录会覆盖本条，原记录留档。$/,
    );
    // The village cadre asks for the 研判会: the agenda, sent through the API (a card follows), lists 张三.
    await callbacks.userSays('liucun', '研判会');
    await until(() => fake.state.deliveries('liucun').some((d) => (d.text ?? '').includes('1. 张三户（4口人）\n   · 风险线索：儿子住院花了两万，还剩15天')));
    // The grid worker of the other grid learns nothing about the household.
    expect(await replyTo({ fake, callbacks }, 'zhoujie', '排查 张三 入户 无风险 了解政策')).toBe('在您的网格内没有找到“张三”户。请核对姓名（户主或家庭成员的名字都可以）再发一次，或发送“取消”退出。\n请问登记哪一户？请回复户主姓名（家庭成员的名字也可以）。');

    await running.shutdown();
    const records = await transaction(db.ds(), (tx) => screeningsOfHousehold(tx, ids.zhangsan, '2026'));
    expect(records.map((x) => [x.form, x.screener, x.answers])).toEqual([['general', 'wangwu', { method: 'home_visit', riskFound: true, riskDetails: '儿子住院花了两万', knowsPolicy: true }]]);
    const leads = await transaction(db.ds(), (tx) => leadsOfHousehold(tx, ids.zhangsan));
    expect(leads.map((l) => [l.status, l.origins[0]?.source, l.origins[0]?.actor])).toEqual([['open', 'cadre_screening', 'wangwu']]);
  });
});

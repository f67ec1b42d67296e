import { beforeAll, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { at, origin, WALK } from '../../helpers/casework.js';
import { staffMember } from '../../helpers/people.js';
import { DEMO, demoTree } from '../../helpers/regions.js';
import { PLACE1, seedField, STAFF, type SeededIds } from '../../flows/field/seed.js';
import { CASE_QUEUE_TIMER, onCaseQueueTimer, scheduleCaseQueue } from '../../../src/bot/jobs/case-queue.js';
import { systemJobs } from '../../../src/bot/jobs/index.js';
import { LEAD_STEP, type LeadStep } from '../../../src/domain/catalog.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import { addDays } from '../../../src/domain/shanghai-days.js';
import { transaction } from '../../../src/persistence/db.js';
import { admitLeadRecord, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { findTimer } from '../../../src/persistence/timer.js';

/** 08:40 Asia/Shanghai on 2022-05-08, -09 and -10. */
const SUN = Date.UTC(2022, 4, 8, 0, 40);
const MON = Date.UTC(2022, 4, 9, 0, 40);
const TUE = Date.UTC(2022, 4, 10, 0, 40);

describeEachDatabase('the daily 镇街审核 / 市级审批 push', (db) => {
  let ids: SeededIds;
  const tx = <T>(fn: Parameters<typeof transaction<T>>[1]) => transaction(db.ds(), fn);
  const outbox = () => tx((t) => orm(t).getRepository(OutboxSchema).find({ order: { id: 'ASC' } }));
  const run = (now: number, day: string) => tx((t) => onCaseQueueTimer(t, { ...CASE_QUEUE_TIMER, payload: { day } }, now));
  /** A lead found on 05-02 walked up to `last` (公示 on 05-04, until 05-08). */
  const leadUpTo = (householdId: number, last: LeadStep) =>
    tx(async (t) => {
      const { lead } = await admitLeadRecord(t, { householdId, declarant: null, placement: PLACE1, origin: origin('2022-05-02') }, DEFAULT_LEAD_CONFIG);
      for (const step of LEAD_STEP.codes.slice(0, LEAD_STEP.codes.indexOf(last) + 1)) {
        const [offset, hour] = WALK[step] as [number, number];
        const day = addDays('2022-05-02', offset);
        await recordLeadStepRecord(t, lead.id as number, { step, actor: 'liucun', at: at(day, hour), note: '', publicityUntil: step === 'publicity' ? addDays(day, 4) : null }, DEFAULT_LEAD_CONFIG);
      }
    });

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await tx((t) => saveStaff(t, [...STAFF, staffMember('chenjing', '陈静', 'city_bureau', 'city', DEMO.city)], { actor: 'import', at: Date.UTC(2022, 3, 1), reason: '测试数据' }, demoTree()));
    await leadUpTo(ids.zhangsan, 'publicity');
    await leadUpTo(ids.lisi, 'town_review');
  });

  it('is a system job, run daily at 08:40 and scheduled once', async () => {
    expect(systemJobs().map((j) => j.name)).toContain('case-queue');
    expect(await tx((t) => scheduleCaseQueue(t, SUN - 3_600_000))).toBe(SUN);
    expect(await tx((t) => scheduleCaseQueue(t, SUN - 60_000))).toBe(SUN);
  });

  it('on the last 公示 day the town gets nothing; the city gets the 市级审批 card of what the town approved', async () => {
    expect(await run(SUN, '2022-05-08')).toBe(true);
    const sent = await outbox();
    expect(sent.map((o) => o.recipient)).toEqual(['chenjing']);
    expect(sent[0]!.payload).toMatchObject({ type: 'card', card: { title: '市级审批：待审批1件', lines: [{ key: '李四户', value: '凉水井村，新增监测对象认定' }], buttons: [{ key: 'casework:city_approval' }] } });
  });

  it('the day after the 公示 ends the town official gets the 镇街审核 card, once however often the timer is handled', async () => {
    await run(MON, '2022-05-09');
    await run(MON + 5_000, '2022-05-09');
    const sent = (await outbox()).slice(1);
    expect(sent.map((o) => o.recipient).sort()).toEqual(['chenjing', 'zhaozhen']);
    expect(sent.find((o) => o.recipient === 'zhaozhen')!.payload).toMatchObject({ type: 'card', card: { title: '镇街审核：待审核1件', lines: [{ key: '张三户', value: '凉水井村，新增监测对象认定' }], buttons: [{ key: 'casework:town_review', text: '开始审核' }] } });
    expect(await tx((t) => findTimer(t, CASE_QUEUE_TIMER.channel, CASE_QUEUE_TIMER.sender, CASE_QUEUE_TIMER.name))).toMatchObject({ dueAt: TUE, payload: { day: '2022-05-10' } });
  });

  it('a run found a day late is skipped; other timers are not the job’s', async () => {
    const before = (await outbox()).length;
    await run(TUE + 86_400_000, '2022-05-10');
    expect(await outbox()).toHaveLength(before);
    expect(await tx((t) => onCaseQueueTimer(t, { channel: 'app', sender: 'zhaozhen', name: 'expiry', payload: null }, MON))).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { PLACE1, PLACE2, seedField, type SeededIds } from '../../flows/field/seed.js';
import { LEAD_DEADLINES_TIMER, onLeadDeadlinesTimer, scheduleLeadDeadlines } from '../../../src/bot/jobs/lead-deadlines.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { Placement } from '../../../src/domain/types.js';
import { deadlineReminders } from '../../../src/flows/field/deadline-reminders.js';
import { transaction } from '../../../src/persistence/db.js';
import { admitLeadRecord } from '../../../src/persistence/leads.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { findTimer } from '../../../src/persistence/timer.js';

/** 2022-05-20 08:20 and the next day's run, Asia/Shanghai. */
const FRI_0820 = Date.UTC(2022, 4, 20, 0, 20);
const SAT_0820 = Date.UTC(2022, 4, 21, 0, 20);

describe('deadline reminder messages', () => {
  const lead = (name: string, deadline: string, nextStep: string | null = '入户核查') => ({ name, villageName: '凉水井村', deadline, nextStep });
  it('group every due-soon or overdue lead per responsible person, and the overdue ones per town official', () => {
    const out = deadlineReminders('2022-05-20', [
      { lead: lead('张三', '2022-05-22'), responsible: ['wangwu', 'liucun'], town: ['zhaozhen'] },
      { lead: lead('赵六', '2022-05-16', null), responsible: ['zhoujie', 'liucun'], town: ['zhaozhen'] },
      { lead: lead('李四', '2022-06-02'), responsible: ['wangwu', 'liucun'], town: ['zhaozhen'] },
    ]);
    expect(out.map((m) => m.to)).toEqual(['liucun', 'wangwu', 'zhoujie', 'zhaozhen']);
    expect(out[0]!.reply).toEqual({
      type: 'text',
      text: '【风险线索提醒】您负责的2条风险线索（其中1条已超期）需尽快办理，识别认定须在发现线索之日起15天内完成：\n1. 赵六户（凉水井村）：待作出认定结论，已超期4天（5月16日截止）\n2. 张三户（凉水井村）：下一步入户核查，还剩2天（5月22日截止）\n办理后请在企业微信中记录对应步骤；发送“我的待办”查看全部。',
    });
    expect(out[3]!.reply).toEqual({ type: 'text', text: '【超期督办】本镇街有1条风险线索已超过15天仍未完成识别认定：\n1. 赵六户（凉水井村）：待作出认定结论，已超期4天（5月16日截止）\n请督促相关村尽快完成；发送“超期线索”查看详情。' });
  });

  it('say nothing when no lead is near its deadline', () => {
    expect(deadlineReminders('2022-05-20', [{ lead: lead('李四', '2022-06-02'), responsible: ['wangwu'], town: ['zhaozhen'] }])).toEqual([]);
  });
});

describeEachDatabase('the daily 15-day clock job', (db) => {
  let ids: SeededIds;
  const outbox = () => transaction(db.ds(), (tx) => orm(tx).getRepository(OutboxSchema).find({ order: { id: 'ASC' } }));
  const open = (householdId: number, placement: Placement, foundOn: string, note: string) =>
    transaction(db.ds(), (tx) =>
      admitLeadRecord(tx, { householdId, declarant: null, placement, origin: { source: 'cadre_screening', department: null, foundOn, note, actor: 'wangwu', at: Date.UTC(2022, 4, 19) } }, DEFAULT_LEAD_CONFIG),
    );

  beforeAll(async () => {
    ids = await seedField(db.ds());
    await open(ids.zhangsan, PLACE1, '2022-05-07', '户主住院');
    await open(ids.zhaoliu, PLACE2, '2022-05-01', '务工断了');
    await open(ids.lisi, PLACE1, '2022-05-18', '房屋裂缝');
  });

  it('runs every morning at 08:20, scheduled once however often instances start', async () => {
    const before = FRI_0820 - 3_600_000;
    expect(await transaction(db.ds(), (tx) => scheduleLeadDeadlines(tx, before))).toBe(FRI_0820);
    expect(await transaction(db.ds(), (tx) => scheduleLeadDeadlines(tx, before + 60_000))).toBe(FRI_0820);
  });

  it('reminds the responsible grid workers and cadres, escalates the overdue to the town, once a day', async () => {
    expect(await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, { ...LEAD_DEADLINES_TIMER, payload: { day: '2022-05-20' } }, FRI_0820))).toBe(true);
    const sent = await outbox();
    expect(sent.map((o) => o.recipient)).toEqual(['liucun', 'wangwu', 'zhoujie', 'zhaozhen']);
    expect((sent[1]!.payload as { text: string }).text).toContain('1. 张三户（凉水井村）：下一步入户核查，还剩2天（5月22日截止）');
    expect((sent[3]!.payload as { text: string }).text).toContain('赵六户（凉水井村）：下一步入户核查，已超期4天');
    expect(JSON.stringify(sent.map((o) => o.payload))).not.toContain('李四户');
    // Handled twice the same day (a retried transaction): nothing sent twice.
    await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, { ...LEAD_DEADLINES_TIMER, payload: { day: '2022-05-20' } }, FRI_0820 + 5_000));
    expect(await outbox()).toHaveLength(4);
    expect(await transaction(db.ds(), (tx) => findTimer(tx, LEAD_DEADLINES_TIMER.channel, LEAD_DEADLINES_TIMER.sender, LEAD_DEADLINES_TIMER.name))).toMatchObject({ dueAt: SAT_0820, payload: { day: '2022-05-21' } });
  });

  it('a run found on a later day is skipped, not sent stale; other timers are not the job’s', async () => {
    await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, { ...LEAD_DEADLINES_TIMER, payload: { day: '2022-05-21' } }, SAT_0820 + 86_400_000));
    expect(await outbox()).toHaveLength(4);
    expect(await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, { channel: 'app', sender: 'wangwu', name: 'expiry', payload: null }, FRI_0820))).toBe(false);
  });
});

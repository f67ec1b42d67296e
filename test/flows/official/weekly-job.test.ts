/**
 * The weekly report jobs as the sweeper runs them (two sweepers, as two instances would): the
 * Thursday-night draft, the Friday reminders, a run found late, a form that cannot be filled.
 */
import { beforeAll, expect, it } from 'vitest';
import { officialCommands } from '../../../src/bot/commands/official.js';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import { silentLogger } from '../../../src/bot/log.js';
import { DRAFT_TIMER, REMINDER_TIMER, weeklyReportJobs } from '../../../src/bot/official/weekly-job.js';
import type { Reply } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { openProblemRecord } from '../../../src/persistence/problems.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { findTimer } from '../../../src/persistence/timer.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { ACTORS, CITY, LSJ, LZ, LZ_SQ } from './fixtures.js';
import { seedCity } from './seed.js';

/** Shanghai wall-clock instants of May 2022. */
const may = (day: number, hh: number, mm: number) => Date.UTC(2022, 4, day, hh - 8, mm);

describeEachDatabase('the weekly report jobs', (db) => {
  let now = may(12, 20, 0);
  let sweepers: Sweeper[] = [];
  /** A round of both sweepers at once. */
  const sweep = async (at: number) => {
    now = at;
    await Promise.all(sweepers.map((s) => s.sweepOnce()));
  };
  const sentTo = async (userId: string): Promise<Reply[]> =>
    (await orm(db.ds()).getRepository(OutboxSchema).find({ where: { recipient: userId }, order: { id: 'ASC' } })).map((r) => r.payload as Reply);
  const idOf = (r: Reply) => (r.type === 'file' ? r.fileName : r.type === 'markdown' ? r.fallback.split('\n')[0] : r.type === 'text' ? r.text : r.type);
  const timer = (t: typeof DRAFT_TIMER | typeof REMINDER_TIMER) => transaction(db.ds(), (tx) => findTimer(tx, t.channel, t.sender, t.name));

  beforeAll(async () => {
    await seedCity(db.ds());
    sweepers = ['a', 'b'].map((id) => new Sweeper({ db: db.ds(), processor: { kick: () => undefined }, instanceId: `sweeper-${id}`, log: silentLogger(), clock: () => now, jobs: weeklyReportJobs() }));
  });

  it('Thursday 21:10: each town’s officials get the draft and its two files, once', async () => {
    await sweep(may(12, 20, 0));
    expect(await timer(DRAFT_TIMER)).toMatchObject({ status: 'pending', dueAt: may(12, 21, 10), payload: { deadline: may(13, 8, 0) } });
    expect(await timer(REMINDER_TIMER)).toMatchObject({ status: 'pending', dueAt: may(13, 7, 10) });
    expect(await sentTo('zhaoliu')).toEqual([]);
    await sweep(may(12, 21, 10));
    expect((await sentTo('zhaoliu')).map(idOf)).toEqual(['【周报草稿】高家堡镇第19周（5月13日 08:00报市里）', '附件1_进度统计表_高家堡镇_2022-05-13.xlsx', '附件6_问题清单_高家堡镇_2022-05-13.xlsx']);
    const [draft] = await sentTo('zhaoliu');
    expect(draft?.type === 'markdown' && draft.fallback).toMatch(/\n排查覆盖：3\/5户（60\.0%），共9人\n[\s\S]*\n还没报的村（2\/2个）：凉水井村、新村\n/);
    expect((await sentTo('sunba')).map(idOf)).toEqual(['【周报草稿】店塔镇第19周（5月13日 08:00报市里）', '附件1_进度统计表_店塔镇_2022-05-13.xlsx', '附件6_问题清单_店塔镇_2022-05-13.xlsx']);
    expect(await sentTo('qianqi')).toEqual([]);
    await sweep(may(12, 21, 11));
    expect(await sentTo('zhaoliu')).toHaveLength(3);
    expect(await timer(DRAFT_TIMER)).toMatchObject({ status: 'pending', dueAt: may(19, 21, 10), payload: { deadline: may(20, 8, 0) } });
  });

  it('Friday 07:10: reminders name only what is missing, to the town and to the village', async () => {
    await transaction(db.ds(), (tx) => officialCommands['official.confirmVillageWeek']!(tx, { kind: 'official.confirmVillageWeek', villageCode: LSJ, week: '2022-W19', figures: [1] }, { actor: ACTORS.cadre, now: may(12, 22, 0), inboundId: 1 }));
    await sweep(may(13, 7, 10));
    expect((await sentTo('zhaoliu')).slice(3)).toEqual([{ type: 'text', text: '【提醒】今天08:00前向市里报送高家堡镇第19周周报（附件1、附件6）。还没报的村（1/2个）：新村。镇街周报还没确认，请发送“周报”核对确认。' }]);
    expect((await sentTo('sunba')).slice(3)).toEqual([{ type: 'text', text: '【提醒】今天08:00前向市里报送店塔镇第19周周报（附件1、附件6）。还没报的村（2/2个）：新村、高家堡村。镇街周报还没确认，请发送“周报”核对确认。' }]);
    // 凉水井村 reported: its cadre is not reminded.
    expect(await sentTo('liming')).toEqual([]);
    await sweep(may(13, 7, 40));
    expect(await sentTo('zhaoliu')).toHaveLength(4);
  });

  it('a run found after its deadline is skipped, not sent late; the next week is scheduled', async () => {
    const before = await orm(db.ds()).getRepository(OutboxSchema).count();
    await sweep(may(20, 9, 0));
    expect(await orm(db.ds()).getRepository(OutboxSchema).count()).toBe(before);
    expect(await timer(DRAFT_TIMER)).toMatchObject({ status: 'pending', dueAt: may(26, 21, 10) });
    expect(await timer(REMINDER_TIMER)).toMatchObject({ status: 'pending', dueAt: may(27, 7, 10) });
  });

  it('a form the records cannot fill does not stop the draft: the officials are told what to correct', async () => {
    await transaction(db.ds(), async (tx) => {
      await saveStaff(tx, [{ userId: 'zhoulz', name: '周麟', phone: null, role: 'town_official', jurisdiction: { level: 'town', code: LZ }, active: true }], { actor: 'test', at: may(26, 9, 0), reason: '测试' });
      await openProblemRecord(tx, { category: 'other', placement: { cityCode: CITY, townCode: LZ, villageCode: LZ_SQ, gridCode: null }, householdId: null, description: '问'.repeat(501), responsible: 'zhoulz', measure: '核实', deadline: '2022-05-31', foundBy: 'zhoulz', at: may(25, 10, 0), source: 'manual', findingKey: null });
    });
    await sweep(may(26, 21, 10));
    expect((await sentTo('zhoulz')).map(idOf)).toEqual(['【周报草稿】麟州街道第21周（5月27日 08:00报市里）', '附件1_进度统计表_麟州街道_2022-05-27.xlsx', expect.stringMatching(/^附件6草稿没有生成：有记录填不进表格，请先更正：\n附件6.*不能超过500个字/)]);
  });
});

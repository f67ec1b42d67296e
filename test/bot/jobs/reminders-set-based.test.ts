/**
 * The 15-day clock's reminders read set-based (one query for the due leads with their household
 * heads, the roster indexed once) must say exactly what the per-lead reads said
 * (test/helpers/per-lead-deadlines.ts), on a register that exercises every rule of who is told:
 * a 联系干部, a grid without a grid worker, a village with nobody, inactive staff, a declarant's
 * lead, recorded steps, the due-soon boundary. And a run that dies before its commit, then runs
 * again, leaves one message per person.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Sweeper } from '../../../src/bot/inbound/sweeper.js';
import { deadlineItems, LEAD_DEADLINES_TIMER, leadDeadlinesJob, onLeadDeadlinesTimer } from '../../../src/bot/jobs/lead-deadlines.js';
import { silentLogger } from '../../../src/bot/log.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { Household, Placement } from '../../../src/domain/types.js';
import { deadlineReminders, MAX_LINES, type DeadlineItem } from '../../../src/flows/field/deadline-reminders.js';
import { transaction } from '../../../src/persistence/db.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';
import { admitLeadRecord, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { enqueueOutbound, storeOutbound } from '../../../src/persistence/outbox.js';
import { saveRegions } from '../../../src/persistence/regions.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { saveStaff } from '../../../src/persistence/staff.js';
import { describeEachDatabase, orm } from '../../helpers/db.js';
import { perLeadDeadlineItems } from '../../helpers/per-lead-deadlines.js';
import { idNumber, member, staffMember as staff } from '../../helpers/people.js';
import { DEMO, DEMO_REGIONS, demoTree } from '../../helpers/regions.js';

/** 2022-05-20 08:20, Asia/Shanghai. */
const FRI_0820 = Date.UTC(2022, 4, 20, 0, 20);
const TODAY = '2022-05-20';

const at = (villageCode: string, gridCode: string | null, townCode: string = DEMO.gjb): Placement => ({ cityCode: DEMO.city, townCode, villageCode, gridCode });
const GRID1 = at(DEMO.lsj, DEMO.lsjGrid1);
const GRID2 = at(DEMO.lsj, DEMO.lsjGrid2);
const XINCUN = at(DEMO.gjbXincun, '610821101202-01');
const DT_XINCUN = at(DEMO.dtXincun, null, DEMO.dianta);
const DT_GJB = at(DEMO.dtGjbVillage, null, DEMO.dianta);

const STAFF = [
  staff('wangwu', '王五', 'grid_worker', 'grid', DEMO.lsjGrid1),
  staff('zhoujie', '周杰', 'grid_worker', 'grid', DEMO.lsjGrid2),
  staff('liucun', '刘村', 'village_cadre', 'village', DEMO.lsj),
  staff('chendui', '陈队', 'screening_team', 'village', DEMO.lsj),
  staff('zhaozhen', '赵镇', 'town_official', 'town', DEMO.gjb),
  // 新村 (高家堡镇): its grid has only a former grid worker; one covers the whole village.
  staff('xcold', '原网格员', 'grid_worker', 'grid', '610821101202-01', { active: false }),
  staff('xcvillage', '新村网格员', 'grid_worker', 'village', DEMO.gjbXincun),
  // 店塔镇: 新村 has nobody (the town officials are told), 高家堡村 only its cadre.
  staff('dtzhen', '店塔镇干部', 'town_official', 'town', DEMO.dianta),
  staff('dtold', '原镇干部', 'town_official', 'town', DEMO.dianta, { active: false }),
  staff('gjbcun', '高家堡村干部', 'village_cadre', 'village', DEMO.dtGjbVillage),
];

let seq = 0;
const home = (code: string, headName: string, placement: Placement, extra: Partial<Household> = {}): Omit<Household, 'id'> => ({
  code, headName, placement, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null, contactStaff: null,
  members: [member({ idNumber: idNumber('19700101', ++seq), name: headName, relation: '户主' })], ...extra,
});

/** Households and the day each one's lead was found (deadline = found + 15 days). */
const HOMES: Array<[Omit<Household, 'id'>, string]> = [
  [home('R01', '张三', GRID1), '2022-05-01'], // overdue (05-16)
  [home('R02', '李四', GRID1), '2022-05-07'], // due soon (05-22)
  [home('R03', '王大山', GRID1, { contactStaff: 'zhoujie' }), '2022-05-08'], // due on the boundary (05-23), its 联系干部 told
  [home('R04', '赵六', GRID2), '2022-05-09'], // 05-24: not yet
  [home('R05', '孙七', GRID2), '2022-05-05'], // due today
  [home('R06', '周八', XINCUN), '2022-04-30'], // overdue, the village's grid worker
  [home('R07', '吴九', DT_XINCUN), '2022-05-06'], // nobody in the village: the town official
  [home('R08', '郑十', DT_GJB), '2022-05-02'], // overdue, only a cadre
  [home('R09', '张三', GRID2), '2022-05-01'], // same name and deadline as R01, another grid
];

describe('the length of a reminder', () => {
  it('names at most MAX_LINES leads and counts the rest, so that it stays one message', () => {
    const items: DeadlineItem[] = Array.from({ length: MAX_LINES + 7 }, (_, i) => ({ lead: { name: `户主${i}`, villageName: '凉水井村', deadline: '2022-05-10', nextStep: null }, responsible: ['wangwu'], town: ['zhaozhen'] }));
    const [toWorker, toTown] = deadlineReminders(TODAY, items);
    for (const m of [toWorker!, toTown!]) {
      const text = (m.reply as { text: string }).text;
      expect(text.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(MAX_LINES);
      expect(text).toContain('……另有7条');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    }
    expect((toWorker!.reply as { text: string }).text).toContain(`您负责的${MAX_LINES + 7}条风险线索`);
  });
});

describeEachDatabase('the 15-day clock reminders, read set-based', (db) => {
  const meta = { actor: 'import', at: Date.UTC(2022, 3, 1), reason: '测试数据' };
  const rows = () => orm(db.ds()).getRepository(OutboxSchema).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    await transaction(db.ds(), async (tx) => {
      await saveRegions(tx, DEMO_REGIONS, meta);
      await saveStaff(tx, STAFF, meta, demoTree());
      const saved = await saveHouseholds(tx, HOMES.map(([h]) => h), meta);
      for (const [h, foundOn] of HOMES) {
        const id = saved.find((s) => s.code === h.code)!.id;
        const { lead } = await admitLeadRecord(tx, { householdId: id, declarant: null, placement: h.placement, origin: { source: 'cadre_screening', department: null, foundOn, note: '排查发现', actor: 'wangwu', at: Date.UTC(2022, 4, 10) } }, DEFAULT_LEAD_CONFIG);
        // Every other lead has its home visit recorded: the reminder names the step after it.
        if (Number(h.code.slice(1)) % 2 === 0) await recordLeadStepRecord(tx, lead.id!, { step: 'home_visit', actor: 'wangwu', at: Date.UTC(2022, 4, 11), note: '已入户' }, DEFAULT_LEAD_CONFIG);
      }
      // A farmer's own declaration, not linked to a household yet: named by the declarant.
      await admitLeadRecord(
        tx,
        { householdId: null, declarant: { name: '钱申报', idTail: '1234', villageCode: DEMO.lsj }, placement: at(DEMO.lsj, null), origin: { source: 'self_declared', department: null, foundOn: '2022-05-03', note: '自主申报', actor: 'farmer', at: Date.UTC(2022, 4, 3) } },
        DEFAULT_LEAD_CONFIG,
      );
    });
  });

  it('says exactly what the per-lead reads said, to the same people', async () => {
    const setBased = await transaction(db.ds(), (tx) => deadlineItems(tx, FRI_0820, 3));
    const perLead = await transaction(db.ds(), (tx) => perLeadDeadlineItems(tx, FRI_0820, 3));
    const byName = (items: DeadlineItem[]) => items.map((i) => JSON.stringify(i)).sort();
    expect(byName(setBased)).toEqual(byName(perLead));
    const messages = deadlineReminders(TODAY, setBased);
    expect(messages).toEqual(deadlineReminders(TODAY, perLead));
    // 店塔镇's official answers for the village nobody covers, and gets the town's 督办 besides.
    expect(messages.map((m) => m.to)).toEqual(['dtzhen', 'gjbcun', 'liucun', 'wangwu', 'xcvillage', 'zhoujie', 'dtzhen', 'zhaozhen']);
    const text = (to: string) => messages.filter((m) => m.to === to).map((m) => (m.reply as { text: string }).text).join('\n');
    expect(text('zhoujie')).toContain('王大山户（凉水井村）：下一步入户核查，还剩3天');
    expect(text('zhoujie')).toContain('孙七户（凉水井村）：下一步入户核查，今天截止');
    expect(text('wangwu')).toContain('李四户（凉水井村）：下一步承诺授权');
    expect(text('wangwu')).not.toContain('王大山');
    expect(text('liucun')).toContain('钱申报户（凉水井村）');
    expect(text('dtzhen')).toContain('吴九户（新村）');
    expect(text('dtzhen')).toContain('郑十户（高家堡村）');
    expect(JSON.stringify(messages)).not.toContain('赵六');
  });

  it('a run that dies before its commit leaves nothing; the rerun writes each message once, and a second handling nothing', async () => {
    const timer = { ...LEAD_DEADLINES_TIMER, payload: { day: TODAY } };
    await expect(
      transaction(db.ds(), async (tx) => {
        await onLeadDeadlinesTimer(tx, timer, FRI_0820);
        throw new Error('进程在提交前退出');
      }),
    ).rejects.toThrow('进程在提交前退出');
    expect(await rows()).toHaveLength(0);
    await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, timer, FRI_0820 + 1_000));
    await transaction(db.ds(), (tx) => onLeadDeadlinesTimer(tx, timer, FRI_0820 + 2_000));
    const sent = await rows();
    expect(sent.map((r) => r.recipient).sort()).toEqual(['dtzhen', 'dtzhen', 'gjbcun', 'liucun', 'wangwu', 'xcvillage', 'zhaozhen', 'zhoujie']);
    // Both of 店塔镇's: the reminder and the 督办 (they once shared a key, and the 督办 was lost).
    expect(sent.filter((r) => r.recipient === 'dtzhen').map((r) => (r.payload as { text: string }).text.slice(0, 6))).toEqual(['【风险线索提', '【超期督办】']);
    expect(sent.every((r) => r.status === 'pending' && r.createdAt === FRI_0820 + 1_000)).toBe(true);
  });

  it('wakes the sender once the sweeper committed a job’s messages, not on rounds without one', async () => {
    // The earlier runs left the next one due on Saturday 08:20.
    let now = FRI_0820 + 3_600_000;
    let kicks = 0;
    const sweeper = new Sweeper({ db: db.ds(), processor: { kick: () => undefined }, instanceId: 'wake-test', log: silentLogger(), clock: () => now, jobs: [leadDeadlinesJob()], afterJobs: () => kicks++ });
    await sweeper.sweepOnce();
    expect(kicks).toBe(0);
    now = FRI_0820 + 86_400_000;
    await sweeper.sweepOnce();
    expect(kicks).toBe(1);
    await sweeper.sweepOnce();
    expect(kicks).toBe(1);
  });

  it('stores many rows at once, keeping keys already stored or repeated to one row each', async () => {
    const item = (i: number, key = `bulk-test-${i}`) => ({ channel: 'app' as const, recipient: `p${i}`, payload: { type: 'text', text: `第${i}条` }, idemKey: key });
    const first = await transaction(db.ds(), (tx) => enqueueOutbound(tx, [1, 2, 3].map((i) => item(i)), FRI_0820));
    const items = [...Array.from({ length: 10 }, (_, i) => item(i)), item(99, 'bulk-test-4')];
    const ids = await transaction(db.ds(), (tx) => enqueueOutbound(tx, items, FRI_0820));
    expect(ids.slice(1, 4)).toEqual(first);
    expect(ids[10]).toBe(ids[4]);
    expect(new Set(ids).size).toBe(10);
    const stored = (await rows()).filter((r) => r.idemKey.startsWith('bulk-test-'));
    expect(stored).toHaveLength(10);
    expect(stored.find((r) => r.id === ids[7])).toMatchObject({ recipient: 'p7', payload: { type: 'text', text: '第7条' }, status: 'pending', attempts: 0, nextAttemptAt: FRI_0820, uncertain: false, partsDone: 0, claimedBy: null });
  });

  it('stores a job\'s rows without reading ids: a stored or repeated key is skipped by the unique index, the stored row kept as it was', async () => {
    const item = (i: number, text: string, key = `store-test-${i}`) => ({ channel: 'app' as const, recipient: `q${i}`, payload: { type: 'text', text }, idemKey: key });
    await transaction(db.ds(), (tx) => storeOutbound(tx, [1, 2, 3].map((i) => item(i, `旧${i}`)), FRI_0820));
    const again = [...Array.from({ length: 12 }, (_, i) => item(i, `新${i}`)), item(99, '重复', 'store-test-5')];
    await transaction(db.ds(), (tx) => storeOutbound(tx, again, FRI_0820 + 1));
    const stored = (await rows()).filter((r) => r.idemKey.startsWith('store-test-'));
    expect(stored).toHaveLength(12);
    expect(stored.filter((r) => r.recipient === 'q2').map((r) => [r.payload, r.createdAt])).toEqual([[{ type: 'text', text: '旧2' }, FRI_0820]]);
    expect(stored.find((r) => r.idemKey === 'store-test-5')).toMatchObject({ recipient: 'q5', payload: { type: 'text', text: '新5' }, nextAttemptAt: FRI_0820 + 1 });
    // Only the key's conflict is skipped: any other fault still fails the whole statement.
    const broken = [...Array.from({ length: 9 }, (_, i) => item(100 + i, '好')), { ...item(200, '坏'), recipient: null as unknown as string }];
    await expect(transaction(db.ds(), (tx) => storeOutbound(tx, broken, FRI_0820))).rejects.toThrow();
    expect((await rows()).filter((r) => r.idemKey === 'store-test-100')).toHaveLength(0);
  });
});

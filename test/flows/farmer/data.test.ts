/**
 * The farmer read port (src/bot/flow-data/farmer.ts) on SQLite and MariaDB: a farmer sees their
 * own declarations only, and the progress of a lead only when it is theirs to follow.
 */
import { beforeAll, expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import { farmerData } from '../../../src/bot/flow-data/farmer.js';
import type { Command } from '../../../src/bot/dispatch/ports.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { admitLeadRecord, decideLeadRecord, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { declarationsOf } from '../../../src/persistence/farmer.js';
import { at } from '../../helpers/casework.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { cadre, farmer, gridWorker, otherGridWorker, placementOf, T0, V_GJB, V_LSJ, V_LSJ2, V_SJT, WANGWU } from './fixtures.js';
import { GRID1, seedRegisters } from './registers.js';

const neighbour: Actor = { sender: { channel: 'kf', id: 'wmNeighbour', openKfId: 'wkVillage' }, staff: null };
const declare = (ref: string, householdId: number | null, name = '张三'): Command => ({
  kind: 'farmer.declare', ref, name, idNumber: null, idTail: '1234', phone: null, placement: placementOf(V_LSJ), householdId,
  words: ['俺家老汉住院了'], risks: [{ riskType: 'illness', evidence: ['住院'] }], amounts: [], suddenHardship: false, workers: [WANGWU], openKfId: 'wkVillage',
});

describeEachDatabase('farmer read port', (db) => {
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    ids = await seedRegisters(db.ds());
  });

  it('shows a farmer’s own declarations with the step reached, the deadline and the handler', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB1', ids.H0008!), { actor: farmer, now: T0, inboundId: 1 }));
    const [row] = await transaction(ds, (tx) => declarationsOf(tx, farmer.sender.id));
    const data = farmerData(ds, farmer);
    expect(await data.myDeclarations()).toEqual([
      { ref: 'SB1', declaredOn: '2022-05-09', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', stage: { kind: 'received' }, deadline: '2022-05-24', handler: { name: '王五', role: 'grid_worker' } },
    ]);
    await transaction(ds, (tx) => recordLeadStepRecord(tx, row!.leadId!, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10'), note: '已入户' }, DEFAULT_LEAD_CONFIG));
    expect((await data.myDeclarations())[0]!.stage).toEqual({ kind: 'step', step: 'home_visit', day: '2022-05-10' });
    // Nobody else's: not the neighbour's, not the staff's.
    expect(await farmerData(ds, neighbour).myDeclarations()).toEqual([]);
    expect(await farmerData(ds, gridWorker).myDeclarations()).toEqual([]);
  });

  it('a declaration that joined another’s open lead shows only “received”, until the farmer is bound to that household', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB5', ids.H0007!), { actor: farmer, now: T0, inboundId: 1 }));
    const [first] = (await transaction(ds, (tx) => declarationsOf(tx, farmer.sender.id))).filter((r) => r.ref === 'SB5');
    await transaction(ds, (tx) => recordLeadStepRecord(tx, first!.leadId!, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10'), note: '' }, DEFAULT_LEAD_CONFIG));
    const later = T0 + 2 * 86_400_000;
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB6', ids.H0007!, '李秀英'), { actor: neighbour, now: later, inboundId: 2 }));
    const seen = await farmerData(ds, neighbour).myDeclarations();
    expect(seen).toEqual([expect.objectContaining({ ref: 'SB6', declaredOn: '2022-05-11', stage: { kind: 'received' }, deadline: '2022-05-26' })]);

    const bind: Command = { kind: 'farmer.request_binding', ref: 'BD6', name: '李秀英', idNumber: null, idTail: '1234', villageCode: V_LSJ, householdId: ids.H0007!, workers: [], openKfId: null };
    await transaction(ds, async (tx) => {
      await farmerCommands['farmer.request_binding']!(tx, bind, { actor: neighbour, now: later, inboundId: 3 });
      await farmerCommands['farmer.decide_binding']!(tx, { kind: 'farmer.decide_binding', ref: 'BD6', decision: 'confirm', householdId: ids.H0007!, reason: '' }, { actor: gridWorker, now: later, inboundId: 4 });
    });
    expect((await farmerData(ds, neighbour).myDeclarations())[0]).toMatchObject({ stage: { kind: 'step', step: 'home_visit', day: '2022-05-10' }, deadline: '2022-05-24' });

    await transaction(ds, (tx) => decideLeadRecord(tx, first!.leadId!, { decision: 'exclude', reason: '收入稳定在标准以上', actor: 'wangwu', at: at('2022-05-20') }));
    expect((await farmerData(ds, farmer).myDeclarations()).find((p) => p.ref === 'SB5')!.stage).toEqual({ kind: 'not_included', reason: '收入稳定在标准以上', day: '2022-05-20' });
  });

  it('a bound farmer reads the other cases of their household; an unbound one none', async () => {
    const ds = db.ds();
    const member: Actor = { sender: { channel: 'kf', id: 'wmMember', openKfId: 'wk' }, staff: null };
    const h = ids.H0009!;
    // A cadre's screening found a risk in 店塔镇凉水井村 (the household of the other 张三).
    await transaction(ds, (tx) => admitLeadRecord(tx, { householdId: h, declarant: null, placement: placementOf(V_LSJ2), origin: { source: 'cadre_screening', department: null, foundOn: '2022-05-02', note: '排查发现', actor: 'sunba', at: at('2022-05-02') } }, DEFAULT_LEAD_CONFIG));
    expect(await farmerData(ds, member).myHouseholdCases()).toEqual([]);
    await transaction(ds, async (tx) => {
      await farmerCommands['farmer.request_binding']!(tx, { kind: 'farmer.request_binding', ref: 'BD40', name: '张三', idNumber: null, idTail: '0015', villageCode: V_LSJ2, householdId: h, workers: [], openKfId: null }, { actor: member, now: T0, inboundId: 1 });
      await farmerCommands['farmer.decide_binding']!(tx, { kind: 'farmer.decide_binding', ref: 'BD40', decision: 'confirm', householdId: h, reason: '' }, { actor: otherGridWorker, now: T0, inboundId: 2 });
    });
    expect(await farmerData(ds, member).myHouseholdCases()).toEqual([{ source: 'cadre_screening', foundOn: '2022-05-02', stage: { kind: 'received' }, deadline: '2022-05-17' }]);
    // Once the farmer declares too, the case shows as their declaration, not twice.
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, { ...declare('SB41', h), placement: placementOf(V_LSJ2) }, { actor: member, now: T0, inboundId: 3 }));
    expect(await farmerData(ds, member).myHouseholdCases()).toEqual([]);
    expect((await farmerData(ds, member).myDeclarations()).map((p) => [p.ref, p.stage.kind])).toEqual([['SB41', 'received']]);
    expect(await farmerData(ds, farmer).myHouseholdCases()).toEqual([]);
  });

  it('places are the towns and villages; the profile holds the poster village and the confirmed binding', async () => {
    const ds = db.ds();
    const places = await farmerData(ds, farmer).farmerPlaces();
    expect(places.map((r) => r.level).sort()).toEqual(['town', 'town', 'village', 'village', 'village', 'village']);
    const someone: Actor = { sender: { channel: 'kf', id: 'wmProfile', openKfId: 'wk' }, staff: null };
    expect(await farmerData(ds, someone).farmerProfile()).toEqual({ entryVillage: null, bound: null });
    await transaction(ds, async (tx) => {
      await farmerCommands['farmer.remember_entry']!(tx, { kind: 'farmer.remember_entry', villageCode: V_LSJ, scene: V_LSJ }, { actor: someone, now: T0, inboundId: 1 });
      await farmerCommands['farmer.request_binding']!(tx, { kind: 'farmer.request_binding', ref: 'BD9', name: '王大', idNumber: null, idTail: '4561', villageCode: V_LSJ, householdId: ids.H0008!, workers: [], openKfId: null }, { actor: someone, now: T0, inboundId: 2 });
    });
    expect(await farmerData(ds, someone).farmerProfile()).toEqual({ entryVillage: V_LSJ, bound: null });
    await transaction(ds, (tx) => farmerCommands['farmer.decide_binding']!(tx, { kind: 'farmer.decide_binding', ref: 'BD9', decision: 'confirm', householdId: ids.H0008!, reason: '' }, { actor: cadre, now: T0, inboundId: 3 }));
    expect(await farmerData(ds, someone).farmerProfile()).toEqual({ entryVillage: V_LSJ, bound: { householdId: ids.H0008, villageCode: V_LSJ, headName: '王大', name: '王大', idTail: '4561' } });
    expect(await farmerData(ds, gridWorker).farmerProfile()).toEqual({ entryVillage: null, bound: null });
  });

  it.each([
    ['name + ID tail in the village: the household, its grid worker and the cadre', { name: '张三', idTail: '1234', idNumber: null, villageCode: V_LSJ }, 'H0007', ['wangwu', 'liuqi']],
    ['the whole ID', { name: '李秀英', idTail: '234X', idNumber: '61082119750315234X', villageCode: V_LSJ }, 'H0007', ['wangwu', 'liuqi']],
    ['a lower-case x in the tail', { name: '李秀英', idTail: '234x', idNumber: null, villageCode: V_LSJ }, 'H0007', ['wangwu', 'liuqi']],
    ['the household’s 联系干部 comes first', { name: '王大', idTail: '4561', idNumber: null, villageCode: V_LSJ }, 'H0008', ['qianjiu', 'liuqi']],
    ['a wrong tail: unmatched, every active grid worker of the village', { name: '张三', idTail: '9999', idNumber: null, villageCode: V_LSJ }, null, ['qianjiu', 'wangwu', 'liuqi']],
    ['no ID at all: unmatched', { name: '张三', idTail: null, idNumber: null, villageCode: V_LSJ }, null, ['qianjiu', 'wangwu', 'liuqi']],
    ['the same name in another village is another household', { name: '张三', idTail: '0015', idNumber: null, villageCode: V_LSJ2 }, 'H0009', ['sunba']],
    ['two households fit: none is guessed; nobody in the village, so the town', { name: '刘五', idTail: '7774', idNumber: null, villageCode: V_GJB }, null, ['zhaoliu']],
    ['nobody covers the village or its town', { name: '马六', idTail: '1111', idNumber: null, villageCode: V_SJT }, null, []],
  ])('routes %s', async (_t, who, code, workers) => {
    const route = await farmerData(db.ds(), farmer).routeFarmerCase(who);
    expect(route?.householdId ?? null).toBe(code ? ids[code] : null);
    expect(route?.household?.code ?? null).toBe(code);
    expect(route?.workers.map((w) => w.userId)).toEqual(workers);
    expect(route?.placement.villageCode).toBe(who.villageCode);
    if (code === 'H0007') expect(route?.placement.gridCode).toBe(GRID1);
  });

  it('an unknown village or a town is no route; the policy facts carry the configured lines', async () => {
    const data = farmerData(db.ds(), farmer);
    expect(await data.routeFarmerCase({ name: '张三', idTail: '1234', idNumber: null, villageCode: '610821101' })).toBeNull();
    expect(await data.routeFarmerCase({ name: '张三', idTail: '1234', idNumber: null, villageCode: 'nowhere' })).toBeNull();
    expect(await data.farmerPolicyFacts()).toEqual({ lines: [{ year: 2021, line: 6000 }, { year: 2022, line: 6700 }], demoLineYears: [], visitWithinDays: 3, deadlineDays: 15, suddenHintMinYuan: 10000 });
  });

  it('staff read binding requests and households only inside their jurisdiction (or when they were told)', async () => {
    const ds = db.ds();
    await transaction(ds, async (tx) => {
      const req = (ref: string, householdId: number | null, workers: unknown[]) => ({ kind: 'farmer.request_binding', ref, name: '张三', idNumber: null, idTail: '1234', villageCode: V_LSJ, householdId, workers, openKfId: 'wk' });
      await farmerCommands['farmer.request_binding']!(tx, req('BD31', ids.H0007!, []), { actor: farmer, now: T0, inboundId: 1 });
      await farmerCommands['farmer.request_binding']!(tx, req('BD32', null, [WANGWU]), { actor: neighbour, now: T0, inboundId: 2 });
    });
    const seen = async (actor: Actor, ref: string) => (await farmerData(ds, actor).bindingForStaff(ref))?.ref ?? null;
    expect(await seen(gridWorker, 'BD31')).toBe('BD31');
    expect(await seen(gridWorker, 'bd31')).toBe('BD31');
    expect(await seen(cadre, 'BD31')).toBe('BD31');
    expect(await seen(otherGridWorker, 'BD31')).toBeNull();
    expect(await seen(farmer, 'BD31')).toBeNull();
    expect(await seen(gridWorker, 'BD32')).toBe('BD32');
    expect(await seen(cadre, 'BD32')).toBe('BD32');
    expect(await seen(otherGridWorker, 'BD32')).toBeNull();
    expect(await seen(gridWorker, 'BD404')).toBeNull();
    expect(await farmerData(ds, cadre).bindingForStaff('BD31')).toMatchObject({ status: 'pending', farmer: { externalUserId: 'wmFarmer01', openKfId: 'wk' }, household: { id: ids.H0007, code: 'H0007', headName: '张三' } });

    expect((await farmerData(ds, gridWorker).householdForStaff(' H0007 '))?.id).toBe(ids.H0007);
    expect(await farmerData(ds, gridWorker).householdForStaff('H0008')).toBeNull();
    expect((await farmerData(ds, cadre).householdForStaff('H0008'))?.headName).toBe('王大');
    expect(await farmerData(ds, cadre).householdForStaff('H0009')).toBeNull();
    expect(await farmerData(ds, farmer).householdForStaff('H0007')).toBeNull();
  });

  it('a farmer’s second declaration joining the lead their first one opened shows the same progress', async () => {
    const ds = db.ds();
    const same: Actor = { sender: { channel: 'kf', id: 'wmTwice', openKfId: 'wkVillage' }, staff: null };
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB21', null, '王小'), { actor: same, now: T0, inboundId: 21 }));
    const [first] = await transaction(ds, (tx) => declarationsOf(tx, same.sender.id));
    await transaction(ds, (tx) => recordLeadStepRecord(tx, first!.leadId!, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10'), note: '' }, DEFAULT_LEAD_CONFIG));
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB22', null, '王小'), { actor: same, now: T0 + 3 * 86_400_000, inboundId: 22 }));
    const seen = await farmerData(ds, same).myDeclarations();
    expect(seen.map((p) => [p.ref, p.stage, p.deadline]).sort()).toEqual([
      ['SB21', { kind: 'step', step: 'home_visit', day: '2022-05-10' }, '2022-05-24'],
      ['SB22', { kind: 'step', step: 'home_visit', day: '2022-05-10' }, '2022-05-24'],
    ]);
  });
});

/**
 * The farmer read port (src/bot/flow-data/farmer.ts) on SQLite and MariaDB: a farmer sees their
 * own declarations only, and the progress of a lead only when it is theirs to follow.
 */
import { expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import { farmerData } from '../../../src/bot/flow-data/farmer.js';
import type { Command } from '../../../src/bot/dispatch/ports.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { decideLeadRecord, recordLeadStepRecord } from '../../../src/persistence/leads.js';
import { declarationsOf } from '../../../src/persistence/farmer.js';
import { at } from '../../helpers/casework.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { farmer, gridWorker, placementOf, T0, V_LSJ, WANGWU } from './fixtures.js';

const neighbour: Actor = { sender: { channel: 'kf', id: 'wmNeighbour', openKfId: 'wkVillage' }, staff: null };
const declare = (ref: string, householdId: number | null, name = '张三'): Command => ({
  kind: 'farmer.declare', ref, name, idNumber: null, idTail: '1234', phone: null, placement: placementOf(V_LSJ), householdId,
  words: ['俺家老汉住院了'], risks: [{ riskType: 'illness', evidence: ['住院'] }], amounts: [], suddenHardship: false, workers: [WANGWU], openKfId: 'wkVillage',
});

describeEachDatabase('farmer read port', (db) => {
  it('shows a farmer’s own declarations with the step reached, the deadline and the handler', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB1', 70), { actor: farmer, now: T0, inboundId: 1 }));
    const [row] = await transaction(ds, (tx) => declarationsOf(tx, farmer.sender.id));
    const data = farmerData(ds, farmer);
    expect(await data.myDeclarations()).toEqual([
      { ref: 'SB1', declaredOn: '2022-05-09', villageCode: V_LSJ, riskTypes: ['illness'], declarantName: '张三', stage: { kind: 'received' }, deadline: '2022-05-24', handler: { name: '王五', role: 'grid_worker' } },
    ]);
    await transaction(ds, (tx) => recordLeadStepRecord(tx, row!.leadId, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10'), note: '已入户' }, DEFAULT_LEAD_CONFIG));
    expect((await data.myDeclarations())[0]!.stage).toEqual({ kind: 'step', step: 'home_visit', day: '2022-05-10' });
    // Nobody else's: not the neighbour's, not the staff's.
    expect(await farmerData(ds, neighbour).myDeclarations()).toEqual([]);
    expect(await farmerData(ds, gridWorker).myDeclarations()).toEqual([]);
  });

  it('a declaration that joined another’s open lead shows only “received”, until the farmer is bound to that household', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB5', 71), { actor: farmer, now: T0, inboundId: 1 }));
    const [first] = (await transaction(ds, (tx) => declarationsOf(tx, farmer.sender.id))).filter((r) => r.ref === 'SB5');
    await transaction(ds, (tx) => recordLeadStepRecord(tx, first!.leadId, { step: 'home_visit', actor: 'wangwu', at: at('2022-05-10'), note: '' }, DEFAULT_LEAD_CONFIG));
    const later = T0 + 2 * 86_400_000;
    await transaction(ds, (tx) => farmerCommands['farmer.declare']!(tx, declare('SB6', 71, '李秀英'), { actor: neighbour, now: later, inboundId: 2 }));
    const seen = await farmerData(ds, neighbour).myDeclarations();
    expect(seen).toEqual([expect.objectContaining({ ref: 'SB6', declaredOn: '2022-05-11', stage: { kind: 'received' }, deadline: '2022-05-26' })]);

    const bind: Command = { kind: 'farmer.request_binding', ref: 'BD6', name: '李秀英', idNumber: null, idTail: '1234', villageCode: V_LSJ, householdId: 71, workers: [], openKfId: null };
    await transaction(ds, async (tx) => {
      await farmerCommands['farmer.request_binding']!(tx, bind, { actor: neighbour, now: later, inboundId: 3 });
      await farmerCommands['farmer.decide_binding']!(tx, { kind: 'farmer.decide_binding', ref: 'BD6', decision: 'confirm', householdId: 71, reason: '' }, { actor: gridWorker, now: later, inboundId: 4 });
    });
    expect((await farmerData(ds, neighbour).myDeclarations())[0]).toMatchObject({ stage: { kind: 'step', step: 'home_visit', day: '2022-05-10' }, deadline: '2022-05-24' });

    await transaction(ds, (tx) => decideLeadRecord(tx, first!.leadId, { decision: 'exclude', reason: '收入稳定在标准以上', actor: 'wangwu', at: at('2022-05-20') }));
    expect((await farmerData(ds, farmer).myDeclarations()).find((p) => p.ref === 'SB5')!.stage).toEqual({ kind: 'not_included', reason: '收入稳定在标准以上', day: '2022-05-20' });
  });
});

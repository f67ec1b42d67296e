/**
 * The farmer commands (src/bot/commands/farmer.ts) on SQLite and MariaDB: what a declaration,
 * a poster entry and a binding write, with who/when/why, and what is refused.
 */
import { beforeAll, expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import type { Command, CommandContext } from '../../../src/bot/dispatch/ports.js';
import { CaseError } from '../../../src/domain/case-faults.js';
import type { Actor } from '../../../src/flows/types.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { transaction } from '../../../src/persistence/db.js';
import { boundHouseholdOf, declarationsOf, entryVillageOf, getBindingByRef } from '../../../src/persistence/farmer.js';
import { getLead, openLeadOfHousehold } from '../../../src/persistence/leads.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { cadre, farmer, gridWorker, otherGridWorker, placementOf, T0, townOfficial, V_LSJ, WANGWU } from './fixtures.js';
import { seedRegisters } from './registers.js';

const ctx = (actor: Actor, inboundId = 1, now = T0): CommandContext => ({ actor, now, inboundId });
const otherFarmer: Actor = { sender: { channel: 'kf', id: 'wmFarmer02', openKfId: 'wkVillage' }, staff: null };

function declaration(extra: Record<string, unknown> = {}): Command {
  return {
    kind: 'farmer.declare', ref: 'SB1', name: '张三', idNumber: '610821198001011234', idTail: '1234', phone: '13812345678', placement: placementOf(V_LSJ), householdId: 7,
    words: ['俺家老汉住院了花了三万多咋办，身份证610821198001011234'], risks: [{ riskType: 'illness', evidence: ['住院'] }], amounts: [{ value: 30000, text: '三万多', kind: 'cost', riskType: 'illness' }],
    suddenHardship: true, workers: [WANGWU], openKfId: 'wkVillage', ...extra,
  };
}

const run = (ds: Parameters<typeof transaction>[0], cmd: Command, c: CommandContext) => transaction(ds, (tx) => farmerCommands[cmd.kind]!(tx, cmd, c));

describeEachDatabase('farmer commands', (db) => {
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    ids = await seedRegisters(db.ds());
  });

  it('farmer.declare opens a lead (source 农户自主申报, words kept) and stores the declaration with who and why', async () => {
    const ds = db.ds();
    await run(ds, declaration({ householdId: ids.H0007 }), ctx(farmer, 41));
    const [row] = await transaction(ds, (tx) => declarationsOf(tx, 'wmFarmer01'));
    expect(row).toMatchObject({ ref: 'SB1', declarantName: '张三', idTail: '1234', phone: '13812345678', householdId: ids.H0007, leadKind: 'opened', inboundId: 41, createdAt: T0, villageCode: V_LSJ });
    expect(row!.words).toEqual(['俺家老汉住院了花了三万多咋办，身份证610821198001011234']);
    const lead = await transaction(ds, (tx) => getLead(tx, row!.leadId!));
    expect(lead).toMatchObject({ householdId: ids.H0007, status: 'open', discoveredOn: '2022-05-09', deadline: '2022-05-24', suddenHardship: true });
    expect(lead!.origins).toEqual([
      { source: 'self_declared', department: null, foundOn: '2022-05-09', actor: 'kf:wmFarmer01', at: T0, note: '农户自主申报SB1：因病；金额三万多。农户原话：“俺家老汉住院了花了三万多咋办，身份证6108**********1234”' },
    ]);
    const history = await transaction(ds, (tx) => historyOf(tx, 'farmer_declaration', row!.id));
    expect(history.map((h) => [h.actor, h.reason, h.at])).toEqual([['kf:wmFarmer01', `农户自主申报SB1（线索${lead!.id}，新线索）`, T0]]);
    expect(JSON.stringify(history[0]!.after)).not.toContain('610821198001011234');
  });

  it('a second declaration for the same household joins its open lead', async () => {
    const ds = db.ds();
    await run(ds, declaration({ ref: 'SB2', householdId: ids.H0008 }), ctx(farmer));
    await run(ds, declaration({ ref: 'SB3', householdId: ids.H0008, words: ['房子也漏雨'] }), ctx(otherFarmer, 2, T0 + 3_600_000));
    const rows = await transaction(ds, async (tx) => [...(await declarationsOf(tx, 'wmFarmer01')), ...(await declarationsOf(tx, 'wmFarmer02'))].filter((r) => r.householdId === ids.H0008));
    expect(rows.map((r) => [r.ref, r.leadKind])).toEqual([['SB2', 'opened'], ['SB3', 'merged']]);
    expect(rows[0]!.leadId).toBe(rows[1]!.leadId);
    expect((await transaction(ds, (tx) => openLeadOfHousehold(tx, ids.H0008!)))!.origins).toHaveLength(2);
  });

  it('without an ID the lead is keyed by the reference; the same farmer declaring again under the same name joins it', async () => {
    const ds = db.ds();
    const noId = { idNumber: null, idTail: null, householdId: null };
    await run(ds, declaration({ ...noId, ref: 'SB10', name: '刘老四' }), ctx(farmer));
    await run(ds, declaration({ ...noId, ref: 'SB11', name: '刘老四', words: ['羊也死了'] }), ctx(farmer, 2));
    await run(ds, declaration({ ...noId, ref: 'SB12', name: '刘老四' }), ctx(otherFarmer, 3));
    const mine = (await transaction(ds, (tx) => declarationsOf(tx, 'wmFarmer01'))).filter((r) => r.declarantName === '刘老四');
    const theirs = (await transaction(ds, (tx) => declarationsOf(tx, 'wmFarmer02'))).filter((r) => r.declarantName === '刘老四');
    expect(mine.map((r) => [r.ref, r.leadKind])).toEqual([['SB11', 'merged'], ['SB10', 'opened']]);
    expect(mine[0]!.leadId!).toBe(mine[1]!.leadId);
    // Another WeChat user with the same name is another declarant until a grid worker links them.
    expect(theirs[0]!.leadId).not.toBe(mine[0]!.leadId!);
    expect((await transaction(ds, (tx) => getLead(tx, mine[0]!.leadId!)))!.declarant).toEqual({ name: '刘老四', idTail: '', villageCode: V_LSJ, ref: 'SB10' });
  });

  it('farmer.remember_entry keeps the latest poster village', async () => {
    const ds = db.ds();
    await run(ds, { kind: 'farmer.remember_entry', villageCode: '610821102003', scene: '610821102003' }, ctx(farmer));
    await run(ds, { kind: 'farmer.remember_entry', villageCode: V_LSJ, scene: V_LSJ }, ctx(farmer, 2, T0 + 1000));
    expect(await transaction(ds, (tx) => entryVillageOf(tx, 'wmFarmer01'))).toBe(V_LSJ);
    expect(await transaction(ds, (tx) => entryVillageOf(tx, 'wmNobody'))).toBeNull();
  });

  it('a binding: requested by the farmer, confirmed by the grid worker (who, when), a newer one supersedes', async () => {
    const ds = db.ds();
    const h7 = ids.H0007!;
    const h8 = ids.H0008!;
    const request = (ref: string, householdId: number | null) => ({ kind: 'farmer.request_binding', ref, name: '李秀英', idNumber: null, idTail: '234x', villageCode: V_LSJ, householdId, workers: [WANGWU], openKfId: 'wkVillage' });
    await run(ds, request('BD1', h7), ctx(farmer, 5));
    await run(ds, request('BD2', h7), ctx(farmer, 6, T0 + 1000));
    expect(await transaction(ds, (tx) => getBindingByRef(tx, 'BD1'))).toMatchObject({ status: 'superseded', reason: '被BD2替代' });
    expect(await transaction(ds, (tx) => getBindingByRef(tx, 'BD2'))).toMatchObject({ status: 'pending', idTail: '234X', matchedHouseholdId: h7, workers: [WANGWU] });
    expect(await transaction(ds, (tx) => boundHouseholdOf(tx, 'wmFarmer01'))).toBeNull();

    await run(ds, { kind: 'farmer.decide_binding', ref: 'BD2', decision: 'confirm', householdId: h7, reason: '' }, ctx(gridWorker, 7, T0 + 2000));
    expect(await transaction(ds, (tx) => boundHouseholdOf(tx, 'wmFarmer01'))).toMatchObject({ ref: 'BD2', householdId: h7, decidedBy: 'wangwu', decidedAt: T0 + 2000 });
    const id = (await transaction(ds, (tx) => getBindingByRef(tx, 'BD2')))!.id!;
    const history = await transaction(ds, (tx) => historyOf(tx, 'farmer_binding', id));
    expect(history.map((h) => [h.actor, h.reason])).toEqual([['kf:wmFarmer01', '申请绑定家庭BD2'], ['wangwu', `确认绑定到农户${h7}`]]);

    // No household matched: the village cadre names one of their village.
    await run(ds, request('BD3', null), ctx(farmer, 8, T0 + 3000));
    await run(ds, { kind: 'farmer.decide_binding', ref: 'BD3', decision: 'confirm', householdId: h8, reason: '' }, ctx(cadre, 9, T0 + 4000));
    expect(await transaction(ds, (tx) => boundHouseholdOf(tx, 'wmFarmer01'))).toMatchObject({ ref: 'BD3', householdId: h8 });
    expect(await transaction(ds, (tx) => getBindingByRef(tx, 'BD2'))).toMatchObject({ status: 'superseded' });
  });

  it('refuses: a decided binding again, a confirmation without household, a refusal without reason, the wrong people, a bad payload', async () => {
    const ds = db.ds();
    await run(ds, { kind: 'farmer.request_binding', ref: 'BD20', name: '王五', idNumber: null, idTail: '1234', villageCode: V_LSJ, householdId: null, workers: [], openKfId: null }, ctx(otherFarmer));
    const decide = (extra: Record<string, unknown>) => ({ kind: 'farmer.decide_binding', ref: 'BD20', decision: 'confirm', householdId: null, reason: '', ...extra });
    await expect(run(ds, decide({}), ctx(cadre))).rejects.toThrow(CaseError);
    await expect(run(ds, decide({ decision: 'reject', reason: ' ' }), ctx(cadre))).rejects.toThrow(/BINDING.REASON_REQUIRED/);
    await expect(run(ds, decide({ householdId: ids.H0007 }), ctx(townOfficial))).rejects.toThrow(/FARMER.NOT_A_DECIDER/);
    await expect(run(ds, decide({ householdId: ids.H0007 }), ctx(farmer))).rejects.toThrow(/FARMER.NOT_A_DECIDER/);
    // A grid worker of one grid was not told and does not cover the whole village; another village's neither.
    await expect(run(ds, decide({ householdId: ids.H0007 }), ctx(gridWorker))).rejects.toThrow(/FARMER.NOT_ALLOWED/);
    await expect(run(ds, decide({ householdId: ids.H0009 }), ctx(otherGridWorker))).rejects.toThrow(/FARMER.NOT_ALLOWED/);
    // The cadre may decide, but not bind to a household of another village.
    await expect(run(ds, decide({ householdId: ids.H0009 }), ctx(cadre))).rejects.toThrow(/FARMER.NOT_ALLOWED.*household/);
    await run(ds, decide({ decision: 'reject', reason: '不是本村户籍' }), ctx(cadre));
    await expect(run(ds, decide({ householdId: ids.H0007 }), ctx(cadre))).rejects.toThrow(/BINDING.NOT_PENDING/);
    expect(await transaction(ds, (tx) => getBindingByRef(tx, 'BD20'))).toMatchObject({ status: 'rejected', reason: '不是本村户籍', decidedBy: 'liuqi' });
    await expect(run(ds, declaration({ ref: 'SB30' }), ctx(gridWorker))).rejects.toThrow(/FARMER.NOT_A_FARMER/);
    await expect(run(ds, declaration({ ref: 'SB31', words: [] }), ctx(farmer))).rejects.toThrow(/FARMER.BAD_COMMAND.*words/);
    await expect(run(ds, declaration({ ref: 'SB32', idTail: '12' }), ctx(farmer))).rejects.toThrow(/FARMER.BAD_COMMAND/);
    // Nothing of the refused declarations was written.
    expect((await transaction(ds, (tx) => declarationsOf(tx, 'wmFarmer01'))).some((r) => ['SB30', 'SB31', 'SB32'].includes(r.ref))).toBe(false);
  });
});

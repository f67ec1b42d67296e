/**
 * A farmer whose household is already an open monitoring subject (风险未消除) declares a new
 * hardship, on a real database: the real flows, read port and command. The household is not
 * identified again — no lead, no 15-day promise in the reply —, the declared risk widens the
 * subject, the helpers are told so, and 查询进度 says where it went.
 */
import { beforeAll, expect, it } from 'vitest';
import { farmerCommands } from '../../../src/bot/commands/farmer.js';
import { commandHandlers } from '../../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../../src/bot/flow-data/index.js';
import { flows } from '../../../src/flows/registry.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { declarationsOf } from '../../../src/persistence/farmer.js';
import { leadsOfHousehold } from '../../../src/persistence/leads.js';
import { getSubject, includeSubjectRecord } from '../../../src/persistence/subjects.js';
import { at, includedLeadRecord } from '../../helpers/casework.js';
import { converse, performOn } from '../../helpers/converse.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { placementOf, T0, V_LSJ } from './fixtures.js';
import { GRID1, seedRegisters } from './registers.js';

const text = (t: string | RegExp) => ({ type: 'text', text: typeof t === 'string' ? t : expect.stringMatching(t) });
const kf = (id: string): Actor => ({ sender: { channel: 'kf', id, openKfId: 'wkVillage' }, staff: null });

describeEachDatabase('a farmer of a household already monitored declares', (db) => {
  let household = 0;
  let subjectId = 0;
  const onDb = performOn(db.ds, commandHandlers(farmerCommands));

  beforeAll(async () => {
    household = (await seedRegisters(db.ds())).H0007!;
    subjectId = (await transaction(db.ds(), async (tx) => {
      const lead = await includedLeadRecord(tx, household, '2022-03-01', { ...placementOf(V_LSJ), gridCode: GRID1 });
      return includeSubjectRecord(tx, { leadId: lead.id!, memberIds: ['610821198001011234', '61082119750315234X'], risks: [{ type: 'disability', remark: null, disasterSubtype: null }], measures: [{ measure: 'comprehensive_security', status: 'done' }], actor: 'city1', at: at('2022-03-12') });
    })).id!;
  });

  it('the reply says the household is monitored and what was added; no lead opens; 查询进度 says where it went', async () => {
    const farmer = kf('wmMonitored1');
    await converse(flows, { actor: farmer, now: T0, data: createFlowData(db.ds())(farmer), perform: onDb.perform(farmer) }, [
      { input: { type: 'event', event: 'enter_session', scene: V_LSJ }, waiting: null },
      { say: '俺家老汉住院了花了三万多', after: 60_000, waiting: 'farmer/declare:name' },
      { say: '我叫张三', after: 120_000, waiting: 'farmer/declare:id' },
      { say: '610821198001011234', after: 180_000, waiting: 'farmer/declare:phone' },
      { say: '没有', after: 240_000, waiting: 'farmer/declare:confirm' },
      {
        say: '确认', after: 300_000, waiting: null,
        replies: [text(/^已提交！申报编号：SB\d+。\n您家已是监测对象（风险未消除），不用重新认定。已将新反映的“因病”补充到您家的风险类型，网格员王五会跟进落实帮扶措施。/)],
      },
    ]);
    const [row] = await transaction(db.ds(), (tx) => declarationsOf(tx, 'wmMonitored1'));
    expect(row).toMatchObject({ householdId: household, leadId: null, leadKind: 'subject', subjectId });
    expect((await transaction(db.ds(), (tx) => leadsOfHousehold(tx, household))).map((l) => l.status)).toEqual(['included']);
    const s = await transaction(db.ds(), (tx) => getSubject(tx, subjectId));
    expect(s?.risks.map((r) => r.type)).toEqual(['disability', 'illness']);
    // 综合保障 answers 因病 already: nothing new to plan.
    expect(s?.measures).toEqual([{ measure: 'comprehensive_security', status: 'done' }]);
    expect(s?.events.at(-1)).toMatchObject({ kind: 'risk_found', actor: 'kf:wmMonitored1', reason: '农户自主申报' });

    await converse(flows, { actor: farmer, now: T0 + 600_000, data: createFlowData(db.ds())(farmer), perform: onDb.perform(farmer) }, [
      { say: '查询进度', waiting: null, replies: [text(/进度：您家已是监测对象（风险未消除），反映的困难已补充到您家的帮扶记录（5月9日），帮扶责任人会跟进落实措施/)] },
    ]);
  });
});

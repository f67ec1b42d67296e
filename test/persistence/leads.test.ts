import { expect, it } from 'vitest';
import { LEAD_STEP } from '../../src/domain/catalog.js';
import { CaseError } from '../../src/domain/case-faults.js';
import { DEFAULT_LEAD_CONFIG, type LeadInput } from '../../src/domain/lead.js';
import { addDays } from '../../src/domain/shanghai-days.js';
import { historyOf } from '../../src/persistence/case-history.js';
import { transaction } from '../../src/persistence/db.js';
import {
  admitLeadRecord, decideLeadRecord, getLead, leadsForMeeting, leadsInRegion, leadsOfHousehold, linkLeadToHousehold, openLeadOfHousehold, recordLeadReliefRecord, recordLeadStepRecord,
} from '../../src/persistence/leads.js';
import { updateVersioned } from '../../src/persistence/case-store.js';
import { RiskLeadSchema } from '../../src/persistence/schemas/casework.js';
import { at, origin, placeA1, placeA2, placeB1, TOWN_A, WALK } from '../helpers/casework.js';
import { orm, describeEachDatabase } from '../helpers/db.js';

const cfg = DEFAULT_LEAD_CONFIG;
const forHousehold = (householdId: number, foundOn: string, placement = placeA1, extra = {}): LeadInput => ({ householdId, declarant: null, placement, origin: origin(foundOn, extra) });

describeEachDatabase('risk lead repository', (db) => {
  it('opens a lead, merges a second find into it, and keeps the history', async () => {
    const ds = db.ds();
    const first = await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(101, '2022-05-20'), cfg));
    expect(first.kind).toBe('opened');
    const second = await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(101, '2022-05-22', placeA1, { source: 'department_warning', department: 'medical_insurance', note: '自付医疗费用高', at: at('2022-05-22') }), cfg));
    expect(second).toMatchObject({ kind: 'merged', lead: { id: first.lead.id } });
    const stored = await transaction(ds, (tx) => getLead(tx, first.lead.id!));
    expect(stored?.origins.map((o) => [o.source, o.department, o.note])).toEqual([['cadre_screening', null, '户主住院'], ['department_warning', 'medical_insurance', '自付医疗费用高']]);
    expect(stored).toMatchObject({ discoveredOn: '2022-05-20', deadline: '2022-06-04', status: 'open' });
    const history = await transaction(ds, (tx) => historyOf(tx, 'risk_lead', first.lead.id!));
    expect(history.map((h) => [h.actor, h.reason])).toEqual([['wangwu', '新线索：干部排查'], ['wangwu', '并入线索：部门筛查预警']]);
    expect((history[1]?.before as { origins: unknown[] }).origins).toHaveLength(1);
    expect(await transaction(ds, (tx) => leadsOfHousehold(tx, 101))).toHaveLength(1);
  });

  it('refuses a second open lead at the database level', async () => {
    const ds = db.ds();
    await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(102, '2022-05-20'), cfg));
    const row = await orm(ds).getRepository(RiskLeadSchema).findOneOrFail({ where: { householdId: 102 } });
    const { id: _id, ...copy } = row;
    await expect(orm(ds).getRepository(RiskLeadSchema).save({ ...copy })).rejects.toThrow();
  });

  it('walks the steps, rolls back a refused step, and decides', async () => {
    const ds = db.ds();
    const { lead } = await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(103, '2022-05-20'), cfg));
    const id = lead.id!;
    await expect(transaction(ds, (tx) => recordLeadStepRecord(tx, id, { step: 'consent', actor: 'c', at: at('2022-05-21'), note: '' }, cfg))).rejects.toThrow(CaseError);
    for (const step of LEAD_STEP.codes) {
      const [offset, hour] = WALK[step]!;
      const day = addDays('2022-05-20', offset);
      await transaction(ds, (tx) => recordLeadStepRecord(tx, id, { step, actor: 'c', at: at(day, hour), note: step === 'data_comparison' ? '低保已比对' : '', skipped: step === 'data_comparison', publicityUntil: step === 'publicity' ? addDays(day, 4) : null }, cfg));
    }
    const decided = await transaction(ds, (tx) => decideLeadRecord(tx, id, { decision: 'include', category: 'marginal', householdType: 'general', note: '', actor: 'city1', at: at('2022-06-01') }));
    expect(decided.status).toBe('included');
    const stored = await transaction(ds, (tx) => getLead(tx, id));
    expect(stored?.steps.map((s) => s.step)).toEqual(LEAD_STEP.codes);
    expect(stored?.steps[2]).toMatchObject({ skipped: true, note: '低保已比对' });
    expect(stored?.steps[4]).toMatchObject({ day: '2022-05-22', publicityUntil: '2022-05-26' });
    expect(stored?.outcome).toMatchObject({ decision: 'include', category: 'marginal', late: false });
    expect(await transaction(ds, (tx) => openLeadOfHousehold(tx, 103))).toBeNull();
    const history = await transaction(ds, (tx) => historyOf(tx, 'risk_lead', id));
    expect(history.at(-1)?.reason).toBe('认定纳入：边缘易致贫户');
    expect(history.at(3)?.reason).toBe('跳过信息比对：低保已比对');
    // A closed lead frees the key: the next find opens a new lead.
    expect((await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(103, '2022-07-01', placeA1, { at: at('2022-07-01') }), cfg))).kind).toBe('opened');
  });

  it('refuses a stale write (version check)', async () => {
    const ds = db.ds();
    const { lead } = await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(104, '2022-05-20'), cfg));
    await transaction(ds, (tx) => recordLeadStepRecord(tx, lead.id!, { step: 'home_visit', actor: 'c', at: at('2022-05-21'), note: '' }, cfg));
    const err = await transaction(ds, (tx) => updateVersioned(tx, RiskLeadSchema, lead.id!, 1, { status: 'open' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseError);
    expect((err as CaseError).code).toBe('CASE.CHANGED_MEANWHILE');
  });

  it('links a declarant to a household, absorbing into the household lead when there is one', async () => {
    const ds = db.ds();
    const declared = { householdId: null, declarant: { name: '赵六', idTail: '4321', villageCode: placeA2.villageCode }, placement: placeA2, origin: origin('2022-05-18', { source: 'self_declared', actor: 'kf:wmx', note: '孩子上大学学费困难' }) };
    const d = await transaction(ds, (tx) => admitLeadRecord(tx, declared, cfg));
    // the same farmer declares again: merged, not a second lead
    expect((await transaction(ds, (tx) => admitLeadRecord(tx, { ...declared, origin: { ...declared.origin, note: '补充' } }, cfg))).kind).toBe('merged');
    const h = await transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(105, '2022-05-20', placeA2), cfg));
    const survivor = await transaction(ds, (tx) => linkLeadToHousehold(tx, d.lead.id!, 105, placeA2, 'grid1', at('2022-05-21'), cfg));
    expect(survivor).toMatchObject({ id: h.lead.id, discoveredOn: '2022-05-18', deadline: '2022-06-02' });
    expect(survivor.origins.map((o) => o.source)).toEqual(['cadre_screening', 'self_declared', 'self_declared']);
    expect(await transaction(ds, (tx) => getLead(tx, d.lead.id!))).toMatchObject({ status: 'merged', mergedIntoId: h.lead.id, householdId: 105 });
    // a lone declarant is simply linked
    const lone = await transaction(ds, (tx) => admitLeadRecord(tx, { ...declared, declarant: { ...declared.declarant, name: '钱七' } }, cfg));
    const linked = await transaction(ds, (tx) => linkLeadToHousehold(tx, lone.lead.id!, 106, placeA2, 'grid1', at('2022-05-21'), cfg));
    expect(linked).toMatchObject({ id: lone.lead.id, householdId: 106, status: 'open' });
    expect((await transaction(ds, (tx) => openLeadOfHousehold(tx, 106)))?.id).toBe(lone.lead.id);
  });

  it('records relief for a sudden-hardship lead', async () => {
    const ds = db.ds();
    const { lead } = await transaction(ds, (tx) => admitLeadRecord(tx, { ...forHousehold(107, '2022-05-20'), suddenHardship: true }, cfg));
    const l = await transaction(ds, (tx) => recordLeadReliefRecord(tx, lead.id!, { what: '临时救助', amountYuan: 2000, actor: 'town1', at: at('2022-05-20', 15) }));
    expect((await transaction(ds, (tx) => getLead(tx, l.id!)))?.reliefs).toEqual([{ what: '临时救助', amountYuan: 2000, actor: 'town1', at: at('2022-05-20', 15), day: '2022-05-20' }]);
  });

  it('lists overdue and due-soon leads of a region, and the agenda of a 研判会', async () => {
    const ds = db.ds();
    const mk = (hh: number, found: string, place = placeA1) => transaction(ds, (tx) => admitLeadRecord(tx, forHousehold(hh, found, place), cfg));
    await mk(201, '2022-05-01'); // deadline 05-16: overdue on 05-20
    await mk(202, '2022-05-06'); // deadline 05-21: due soon
    await mk(203, '2022-05-19'); // deadline 06-03
    await mk(204, '2022-05-02', placeB1); // other town, overdue
    const now = at('2022-05-20');
    const town = { level: 'town' as const, code: TOWN_A };
    const overdue = await transaction(ds, (tx) => leadsInRegion(tx, town, { state: 'overdue', now }));
    expect(overdue.map((l) => l.lead.householdId)).toEqual([201]);
    expect(overdue[0]?.clock).toEqual({ deadline: '2022-05-16', daysLeft: -4, state: 'overdue' });
    const soon = await transaction(ds, (tx) => leadsInRegion(tx, town, { state: 'due_soon', now, withinDays: 2 }));
    expect(soon.map((l) => l.lead.householdId)).toEqual([202]);
    const city = await transaction(ds, (tx) => leadsInRegion(tx, { level: 'city', code: placeA1.cityCode }, { state: 'overdue', now }));
    expect(city.map((l) => l.lead.householdId).filter((h) => h! >= 200)).toEqual([201, 204]);
    const village = await transaction(ds, (tx) => leadsForMeeting(tx, placeA1.villageCode, '2022-05-19'));
    expect(village.map((l) => l.householdId).filter((h) => h! >= 200)).toEqual([201, 202, 203]);
    const lead202 = village.find((l) => l.householdId === 202)!;
    for (const step of ['home_visit', 'consent', 'data_comparison', 'village_review'] as const) {
      await transaction(ds, (tx) => recordLeadStepRecord(tx, lead202.id!, { step, actor: 'c', at: at('2022-05-19', 9), note: '' }, cfg));
    }
    const after = await transaction(ds, (tx) => leadsForMeeting(tx, placeA1.villageCode, '2022-05-19'));
    expect(after.map((l) => l.householdId).filter((h) => h! >= 200)).toEqual([201, 203]);
  });
});

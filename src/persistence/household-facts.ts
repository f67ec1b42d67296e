/**
 * The household facts register (table `household_fact`, see src/domain/household-fact.ts):
 * income, 两不愁三保障, 饮水, 参保 and relief received, each value with its source and as-of day,
 * appended and never overwritten.
 *
 * Reading merges every source into one list per household: the rows of `household_fact`, the
 * income register (`income_records`, as source 'income_record') and, for a campaign, the income a
 * 重点户 screening (附件2) recorded (as source 'screening': the form records the household's year
 * income as one amount, held here as one component). `latestHouseholdFacts` is the small read
 * for a conversation that needs the facts of one household (风险消除, 回头看):
 *
 * @example
 *   await recordHouseholdFacts(tx, [{ householdId: 7, key: 'housing', value: 'no', source: 'screening', sourceRef: 'screening:12', asOf: '2022-05-10' }], { actor: 'wanggrid', at: now });
 *   const latest = await latestHouseholdFacts(tx, 7);        // Map { 'housing' → { value: 'no', source: 'screening', asOf: '2022-05-10', … } }
 *   yesNoFact(latest, 'housing')                             // false
 */
import { latestFacts, type FactKey, type HouseholdFact, type IncomeFact } from '../domain/household-fact.js';
import { shanghaiDay } from '../domain/shanghai-days.js';
import type { Tx } from './db.js';
import { insertMany, q, readInt, selectIn } from './sql.js';

export type NewFact = Omit<HouseholdFact, 'recordedBy' | 'recordedAt'>;

const COLUMNS = ['household_id', 'fact_key', 'value', 'source', 'source_ref', 'as_of', 'recorded_by', 'recorded_at'] as const;

type Raw = Record<string, unknown>;

function factFromRow(r: Raw): HouseholdFact {
  return {
    householdId: readInt(r.household_id),
    key: String(r.fact_key) as FactKey,
    value: String(r.value),
    source: String(r.source) as HouseholdFact['source'],
    sourceRef: String(r.source_ref),
    asOf: String(r.as_of),
    recordedBy: String(r.recorded_by),
    recordedAt: readInt(r.recorded_at),
  };
}

/**
 * Appends facts. A value equal to the latest one the same source gave for that household and key
 * is not appended again (re-importing a file records nothing); returns how many were appended.
 */
export async function recordHouseholdFacts(tx: Tx, facts: readonly NewFact[], meta: { actor: string; at: number }): Promise<number> {
  if (facts.length === 0) return 0;
  const stored = await selectIn<Raw>(tx, `SELECT ${['id', ...COLUMNS].map(q).join(', ')} FROM ${q('household_fact')}`, 'household_id', facts.map((f) => f.householdId));
  const bySource = new Map<string, HouseholdFact[]>();
  const slot = (f: Pick<HouseholdFact, 'householdId' | 'key' | 'source'>) => `${f.householdId}\u0000${f.key}\u0000${f.source}`;
  for (const f of stored.map(factFromRow)) bySource.set(slot(f), [...(bySource.get(slot(f)) ?? []), f]);
  const rows: unknown[][] = [];
  for (const f of facts) {
    const last = latestFacts(bySource.get(slot(f)) ?? []).get(f.key);
    if (last && last.value === f.value) continue;
    const fact: HouseholdFact = { ...f, recordedBy: meta.actor, recordedAt: meta.at };
    bySource.set(slot(f), [...(bySource.get(slot(f)) ?? []), fact]);
    rows.push([f.householdId, f.key, f.value, f.source, f.sourceRef, f.asOf, meta.actor, meta.at]);
  }
  await insertMany(tx, 'household_fact', COLUMNS, rows);
  return rows.length;
}

export interface FactReadOptions {
  /** Also read the income recorded by this campaign's 重点户 screenings, as income of `incomeYear`. */
  screenings?: { campaign: string; incomeYear: number };
}

/** Every fact of each of `householdIds` from every source, oldest first; a household with none is absent. */
export async function householdFactsOf(tx: Tx, householdIds: readonly number[], opts: FactReadOptions = {}): Promise<Map<number, HouseholdFact[]>> {
  const out = new Map<number, HouseholdFact[]>();
  if (householdIds.length === 0) return out;
  const add = (f: HouseholdFact) => out.set(f.householdId, [...(out.get(f.householdId) ?? []), f]);
  const facts = await selectIn<Raw>(tx, `SELECT ${['id', ...COLUMNS].map(q).join(', ')} FROM ${q('household_fact')}`, 'household_id', householdIds);
  facts.sort((a, b) => readInt(a.id) - readInt(b.id));
  const incomes = await selectIn<Raw>(tx, `SELECT * FROM ${q('income_records')}`, 'household_id', householdIds);
  for (const r of incomes) {
    const yuan = (k: string) => readInt(r[k]) / 100;
    const income: IncomeFact = { year: Number(String(r.period_to).slice(0, 4)), wage: yuan('wage_fen'), business: yuan('business_fen'), property: yuan('property_fen'), transfer: yuan('transfer_fen'), businessCost: yuan('business_cost_fen') };
    const at = readInt(r.updated_at);
    add({ householdId: readInt(r.household_id), key: 'income', value: JSON.stringify(income), source: 'income_record', sourceRef: `${r.period_from}~${r.period_to}`, asOf: shanghaiDay(at), recordedBy: '', recordedAt: at });
  }
  if (opts.screenings) {
    const { campaign, incomeYear } = opts.screenings;
    // selectIn appends its own WHERE, so the form and campaign are filtered in a derived table
    // (the campaign code is a year or a short code: anything else is dropped from it).
    const only = `SELECT ${['id', 'household_id', 'screener', 'at', 'day', 'answers'].map(q).join(', ')} FROM ${q('screening_record')} WHERE ${q('form')} = 'key_group' AND ${q('campaign')} = '${campaign.replace(/[^\w-]/g, '')}'`;
    const rows = await selectIn<Raw>(tx, `SELECT * FROM (${only}) s`, 'household_id', householdIds);
    for (const r of rows) {
      const amount = (JSON.parse(String(r.answers ?? '{}')) as { family?: { annualIncomeYuan?: unknown } }).family?.annualIncomeYuan;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) continue;
      const income: IncomeFact = { year: incomeYear, wage: amount, business: 0, property: 0, transfer: 0, businessCost: 0 };
      add({ householdId: readInt(r.household_id), key: 'income', value: JSON.stringify(income), source: 'screening', sourceRef: `screening:${readInt(r.id)}`, asOf: String(r.day), recordedBy: String(r.screener), recordedAt: readInt(r.at) });
    }
  }
  for (const r of facts) add(factFromRow(r));
  return out;
}

/** The latest value of each fact of one household, from any source. */
export async function latestHouseholdFacts(tx: Tx, householdId: number, opts: FactReadOptions = {}): Promise<Map<FactKey, HouseholdFact>> {
  return latestFacts((await householdFactsOf(tx, [householdId], opts)).get(householdId) ?? []);
}

/**
 * Campaign configurations by year, the monitoring line by year, and household income records.
 * Every write is validated with the domain schema first and leaves a history row when it changes
 * something.
 *
 * @example
 *   await saveCampaign(tx, DEFAULT_CAMPAIGN_2022, meta);
 *   const c = await getCampaign(tx, 2022);                 // Campaign | null
 *   await setMonitoringLine(tx, 2023, 7100, meta);
 *   const lines = await getMonitoringLines(tx);            // defaults merged with stored years
 *   await saveIncome(tx, householdId, { period, wage: 12000, business: 0, property: 0, transfer: 1800, businessCost: 0 }, meta);
 */
import { In } from 'typeorm';
import { parseCampaign, type Campaign } from '../domain/campaign.js';
import { DEFAULT_MONITORING_LINES, fromFen, incomeRecordSchema, monitoringLinesSchema, toFen, withLines, type IncomeRecord, type MonitoringLines } from '../domain/income.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { listHistory, recordHistory, type ChangeMeta } from './history.js';
import { IncomeSchema, type IncomeRow } from './schemas/households.js';
import { CampaignSchema, MonitoringLineSchema } from './schemas/staff.js';
import { cached, markChanged } from './table-cache.js';

/** A configuration or record failed validation; `problems` are Chinese, for the person who set it. */
export class ConfigWriteError extends Error {
  constructor(
    readonly code: 'CAMPAIGN.INVALID' | 'MONITORING_LINE.INVALID' | 'INCOME.INVALID',
    readonly problems: string[],
  ) {
    super(`${code}: ${problems.join('; ')}`);
    this.name = 'ConfigWriteError';
  }
}

/** The configuration of a campaign year, parsed; kept until the table changes (table-cache.ts). */
export async function getCampaign(tx: Tx, year: number): Promise<Campaign | null> {
  return cached(tx, 'campaigns', String(year), async () => {
    const row = await em(tx).getRepository(CampaignSchema).findOne({ where: { year } });
    if (!row) return null;
    const parsed = parseCampaign(row.config);
    if (!parsed.ok) throw new ConfigWriteError('CAMPAIGN.INVALID', parsed.problems);
    return parsed.campaign;
  });
}

/** Stores (or replaces) the configuration of a campaign year. Returns whether anything changed. */
export async function saveCampaign(tx: Tx, input: unknown, meta: ChangeMeta): Promise<boolean> {
  const parsed = parseCampaign(input);
  if (!parsed.ok) throw new ConfigWriteError('CAMPAIGN.INVALID', parsed.problems);
  const c = parsed.campaign;
  const repo = em(tx).getRepository(CampaignSchema);
  const existing = await repo.findOne({ where: { year: c.year } });
  if (existing && JSON.stringify(existing.config) === JSON.stringify(c)) return false;
  markChanged('campaigns');
  if (existing) await repo.update({ year: c.year }, { config: c, updatedAt: meta.at });
  else await repo.insert({ year: c.year, config: c, createdAt: meta.at, updatedAt: meta.at });
  await recordHistory(tx, { ...meta, entity: 'campaign', entityId: c.year, before: existing ? (existing.config as Record<string, unknown>) : null, after: c });
  return true;
}

/** The monitoring lines in force: the defaults (2021, 2022) with stored years over them; kept until the table changes. */
export async function getMonitoringLines(tx: Tx): Promise<MonitoringLines> {
  return cached(tx, 'monitoring_lines', 'all', async () => {
    const rows = await em(tx).getRepository(MonitoringLineSchema).find({ order: { year: 'ASC' } });
    return withLines(
      DEFAULT_MONITORING_LINES,
      rows.map((r) => ({ year: r.year, line: fromFen(r.lineFen) })),
    );
  });
}

/** Sets the line (元/人/年) of a year. Returns whether it changed. */
/** Who writes the demo city's stand-in monitoring line (sandbox seeding); real mode only reads it. */
export const DEMO_SEED_ACTOR = 'system:seed-demo';

/** The years whose monitoring line was last written by the demo seeding: an example, never an official figure. */
export async function demoLineYears(tx: Tx): Promise<number[]> {
  const years: number[] = [];
  for (const l of await getMonitoringLines(tx)) {
    if ((await listHistory(tx, 'monitoring_line', l.year)).at(-1)?.actor === DEMO_SEED_ACTOR) years.push(l.year);
  }
  return years;
}

export async function setMonitoringLine(tx: Tx, year: number, line: number, meta: ChangeMeta): Promise<boolean> {
  const parsed = monitoringLinesSchema.safeParse([{ year, line }]);
  if (!parsed.success) throw new ConfigWriteError('MONITORING_LINE.INVALID', parsed.error.issues.map((i) => i.message));
  const repo = em(tx).getRepository(MonitoringLineSchema);
  const existing = await repo.findOne({ where: { year } });
  if (existing && existing.lineFen === toFen(line)) return false;
  markChanged('monitoring_lines');
  if (existing) await repo.update({ year }, { lineFen: toFen(line), updatedAt: meta.at });
  else await repo.insert({ year, lineFen: toFen(line), createdAt: meta.at, updatedAt: meta.at });
  await recordHistory(tx, { ...meta, entity: 'monitoring_line', entityId: year, before: existing ? { line: fromFen(existing.lineFen) } : null, after: { line } });
  return true;
}

function toIncome(r: IncomeRow): IncomeRecord {
  return {
    period: { from: r.periodFrom, to: r.periodTo },
    wage: fromFen(r.wageFen),
    business: fromFen(r.businessFen),
    property: fromFen(r.propertyFen),
    transfer: fromFen(r.transferFen),
    businessCost: fromFen(r.businessCostFen),
  };
}

/** Records a household's income for a period (one record per household and period; a correction updates it). */
export async function saveIncome(tx: Tx, householdId: number, input: IncomeRecord, meta: ChangeMeta): Promise<'created' | 'updated' | 'unchanged'> {
  const parsed = incomeRecordSchema.safeParse(input);
  if (!parsed.success) throw new ConfigWriteError('INCOME.INVALID', parsed.error.issues.map((i) => i.message));
  const r = parsed.data;
  const repo = em(tx).getRepository(IncomeSchema);
  const where = { householdId, periodFrom: r.period.from, periodTo: r.period.to };
  const existing = await repo.findOne({ where });
  const amounts = { wageFen: toFen(r.wage), businessFen: toFen(r.business), propertyFen: toFen(r.property), transferFen: toFen(r.transfer), businessCostFen: toFen(r.businessCost) };
  const before = existing ? toIncome(existing) : null;
  if (before && JSON.stringify(before) === JSON.stringify(toIncome({ ...(existing as IncomeRow), ...amounts }))) return 'unchanged';
  if (existing) await repo.update({ id: existing.id }, { ...amounts, updatedAt: meta.at });
  else await repo.insert({ ...where, ...amounts, createdAt: meta.at, updatedAt: meta.at });
  await recordHistory(tx, { ...meta, entity: 'income', entityId: `${householdId}:${r.period.from}:${r.period.to}`, before, after: r });
  return existing ? 'updated' : 'created';
}

/** The income records of each of `householdIds`, latest period first; a household without any is absent. */
export async function incomeOfHouseholds(tx: Tx, householdIds: readonly number[]): Promise<Map<number, IncomeRecord[]>> {
  const out = new Map<number, IncomeRecord[]>();
  if (householdIds.length === 0) return out;
  const rows = await em(tx).getRepository(IncomeSchema).find({ where: { householdId: In([...householdIds]) }, order: { periodTo: 'DESC', periodFrom: 'DESC' } });
  for (const r of rows) out.set(r.householdId, [...(out.get(r.householdId) ?? []), toIncome(r)]);
  return out;
}

/** A household's income records, latest period first. */
export async function listIncome(tx: Tx, householdId: number): Promise<IncomeRecord[]> {
  const rows = await em(tx).getRepository(IncomeSchema).find({ where: { householdId }, order: { periodTo: 'DESC', periodFrom: 'DESC' } });
  return rows.map(toIncome);
}

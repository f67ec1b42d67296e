/**
 * The reads of the daily 15-day clock job (src/bot/jobs/lead-deadlines.ts), set-based: one query
 * gives every open lead whose deadline falls on or before a day, with its household head's name
 * and 联系干部 (one join, not a household read per lead), and one more the steps those leads
 * have recorded. A province's 100,000 open leads are two statements, whatever their number.
 *
 * @example
 *   await leadsDueBy(tx, '2022-05-23')
 *   // [{ id: 3, householdId: 7, headName: '张三', contactStaff: null, deadline: '2022-05-16', steps: ['info_compare'], … }, …]
 */
import type { LeadStep } from '../domain/catalog.js';
import type { Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { q, readIntOrNull, readStrOrNull } from './sql.js';

export interface LeadDue {
  id: number;
  householdId: number | null;
  /** The household head's name; null for a lead without a (stored) household. */
  headName: string | null;
  /** The declarant's name of a lead not linked to a household, if any. */
  declarantName: string | null;
  contactStaff: string | null;
  placement: Placement;
  deadline: Day;
  /** The steps recorded so far (skipped ones included). */
  steps: LeadStep[];
}

const DUE_LEADS = `FROM ${q('risk_lead')} l WHERE l.${q('status')} = 'open' AND l.${q('deadline')} <= ?`;

/** Every open lead due on or before `lastDay`, soonest deadline first (then by id). */
export async function leadsDueBy(tx: Tx, lastDay: Day): Promise<LeadDue[]> {
  const rows: Array<Record<string, unknown>> = await em(tx).query(
    `SELECT l.${q('id')} AS id, l.${q('household_id')} AS household_id, l.${q('declarant')} AS declarant, l.${q('city_code')} AS city_code, l.${q('town_code')} AS town_code,
       l.${q('village_code')} AS village_code, l.${q('grid_code')} AS grid_code, l.${q('deadline')} AS deadline, h.${q('head_name')} AS head_name, h.${q('contact_staff')} AS contact_staff
     FROM ${q('risk_lead')} l LEFT JOIN ${q('households')} h ON h.${q('id')} = l.${q('household_id')}
     WHERE l.${q('status')} = 'open' AND l.${q('deadline')} <= ? ORDER BY l.${q('deadline')}, l.${q('id')}`,
    [lastDay],
  );
  const steps = new Map<number, LeadStep[]>();
  const stepRows: Array<Record<string, unknown>> = await em(tx).query(
    `SELECT s.${q('lead_id')} AS lead_id, s.${q('step')} AS step FROM ${q('risk_lead_step')} s WHERE s.${q('lead_id')} IN (SELECT l.${q('id')} ${DUE_LEADS})`,
    [lastDay],
  );
  for (const r of stepRows) {
    const id = Number(r.lead_id);
    const list = steps.get(id);
    if (list) list.push(r.step as LeadStep);
    else steps.set(id, [r.step as LeadStep]);
  }
  return rows.map((r) => {
    const id = Number(r.id);
    return {
      id,
      householdId: readIntOrNull(r.household_id),
      headName: readStrOrNull(r.head_name),
      declarantName: declarantName(r.declarant),
      contactStaff: readStrOrNull(r.contact_staff),
      placement: { cityCode: String(r.city_code), townCode: String(r.town_code), villageCode: String(r.village_code), gridCode: readStrOrNull(r.grid_code) },
      deadline: String(r.deadline),
      steps: steps.get(id) ?? [],
    };
  });
}

function declarantName(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
}

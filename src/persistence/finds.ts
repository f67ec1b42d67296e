/**
 * A risk found, whoever found it (农户自主申报, 部门筛查预警, 干部排查): one door for every way in.
 * For a household that is already an open monitoring subject (风险未消除) the find goes to the
 * subject; otherwise to a lead (src/persistence/leads.ts).
 *
 * @example
 *   const r = await admitFindRecord(tx, { householdId: 7, declarant: null, placement, origin, risks: ['illness'] }, cfg);
 *   // { kind: 'opened', lead } | { kind: 'merged', lead } | { kind: 'subject', subject, added: ['illness'], overflow: [], planned: [...] }
 */
import { unwrap } from '../domain/case-faults.js';
import { admitLead, type Lead, type LeadConfig, type LeadInput } from '../domain/lead.js';
import type { RiskAdded } from '../domain/subject.js';
import type { Tx } from './db.js';
import { openOrMergeLead } from './leads.js';
import { addFoundRiskRecord, openSubjectOfHousehold } from './subjects.js';

/** What became of a find: a lead opened, the find merged into the open lead, or added to the open subject. */
export type AdmittedFind =
  | { kind: 'opened' | 'merged'; lead: Lead }
  | ({ kind: 'subject' } & RiskAdded);

/**
 * A risk found, by whoever found it (农户自主申报, 部门筛查预警, 干部排查) — every way in comes through
 * here. For a household that is already an open monitoring subject (风险未消除) the find is added to
 * the subject (`addFoundRisk`: risk types widened, measures planned, who/when/source/words kept):
 * no lead, no 15-day clock. Otherwise a lead opens or the find merges into the open one; a
 * household whose subject is 风险消除 or 已清退 gets a new lead (重新识别).
 */
export async function admitFindRecord(tx: Tx, input: LeadInput, cfg: LeadConfig): Promise<AdmittedFind> {
  const subject = input.householdId === null ? null : await openSubjectOfHousehold(tx, input.householdId);
  if (!subject) return openOrMergeLead(tx, input, cfg);
  unwrap(admitLead(null, input, cfg)); // the find itself is checked as a lead's would be (day, department)
  const { source, department, foundOn, note, actor, at } = input.origin;
  return { kind: 'subject', ...(await addFoundRiskRecord(tx, subject.id as number, { source, department, foundOn, note, risks: input.risks ?? [], actor, at })) };
}


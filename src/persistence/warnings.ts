/**
 * Department warnings (部门筛查预警): what the register and the casework know about a batch of
 * warning rows (`loadWarningLookups`), the write of a planned batch (`recordWarnings`: one
 * `department_warning` row per imported warning, the risk lead opened or joined through
 * `admitLeadRecord`, a history row each), the configured thresholds, and the progress of a
 * department's warnings. The decisions themselves are the domain's (`planWarnings`).
 *
 * @example
 *   const lookups = await loadWarningLookups(tx, rows);
 *   const recorded = await recordWarnings(tx, planWarnings(rows, lookups), { actor: 'yibao01', at: now, fileName: '5月预警.xlsx', inboundId: null }, DEFAULT_LEAD_CONFIG, lookups.thresholds);
 */
import { createHash } from 'node:crypto';
import { LEAD_STEP, type Department, type LeadStep, type RiskType } from '../domain/catalog.js';
import {
  DEFAULT_WARNING_THRESHOLDS, targetKey, villageOfWarning, warningKey, warningNote, warningThresholdSchema,
  type PlannedWarning, type WarningProgress, type VillageLookup, type WarningLookups, type WarningRow, type WarningTarget, type WarningThreshold, type WarningThresholds,
} from '../domain/department-warning.js';
import { fromFen, toFen } from '../domain/income.js';
import type { LeadConfig, RiskReader } from '../domain/lead.js';
import { maskIdNumber, maskText } from '../domain/privacy.js';
import type { Day } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { recordHistory, type ChangeMeta } from './history.js';
import { admitFindRecord } from './finds.js';
import { loadRegionTree } from './regions.js';
import { DepartmentWarningSchema, WarningThresholdSchema, type DepartmentWarningRow } from './schemas/warnings.js';
import { q, readInt, readStrOrNull, selectIn } from './sql.js';

/** A threshold that does not validate; `problems` are Chinese, for the person who set it. */
export class WarningThresholdError extends Error {
  readonly code = 'WARNING_THRESHOLD.INVALID';
  constructor(readonly problems: string[]) {
    super(`WARNING_THRESHOLD.INVALID: ${problems.join('; ')}`);
    this.name = 'WarningThresholdError';
  }
}

/** The stored form of a warning's key: a digest, so the unique index has a fixed width. */
export const storedKey = (key: string): string => createHash('sha256').update(key).digest('hex');

// ---------------------------------------------------------------- thresholds

/** The thresholds in force: the built-in defaults with the stored ones over them. */
export async function getWarningThresholds(tx: Tx): Promise<WarningThresholds> {
  const out: WarningThresholds = { ...DEFAULT_WARNING_THRESHOLDS };
  for (const r of await em(tx).getRepository(WarningThresholdSchema).find({ order: { id: 'ASC' } })) {
    const d = r.department as Department;
    if (r.minFen === null) delete out[d];
    else out[d] = { minYuan: fromFen(r.minFen), amountLabel: r.amountLabel };
  }
  return out;
}

/**
 * Sets a department's threshold (null: none, every row opens a lead). Validated first; a change
 * leaves a history row. Returns whether anything changed.
 */
export async function setWarningThreshold(tx: Tx, department: Department, value: WarningThreshold | null, meta: ChangeMeta): Promise<boolean> {
  if (value !== null) {
    const parsed = warningThresholdSchema.safeParse(value);
    if (!parsed.success) throw new WarningThresholdError(parsed.error.issues.map((i) => i.message));
  }
  const before = (await getWarningThresholds(tx))[department] ?? null;
  if (JSON.stringify(before) === JSON.stringify(value)) return false;
  const repo = em(tx).getRepository(WarningThresholdSchema);
  const row = { minFen: value ? toFen(value.minYuan) : null, amountLabel: value?.amountLabel ?? '', updatedAt: meta.at };
  const existing = await repo.findOne({ where: { department } });
  if (existing) await repo.update({ id: existing.id }, row);
  else await repo.insert({ department, ...row, createdAt: meta.at });
  await recordHistory(tx, { ...meta, entity: 'warning_threshold', entityId: department, before: before ? { ...before } : { minYuan: null }, after: value ? { ...value } : { minYuan: null } });
  return true;
}

// ---------------------------------------------------------------- lookups

type Raw = Record<string, unknown>;

async function householdsOf(tx: Tx, idNumbers: readonly string[]): Promise<WarningLookups['households']> {
  const rows = await selectIn<Raw>(
    tx,
    `SELECT m.${q('id_number')} AS id_number, m.${q('left_on')} AS left_on, h.${q('id')} AS id, h.${q('city_code')} AS city_code, h.${q('town_code')} AS town_code, ` +
      `h.${q('village_code')} AS village_code, h.${q('grid_code')} AS grid_code, h.${q('contact_staff')} AS contact_staff, h.${q('head_name')} AS head_name FROM ${q('members')} m JOIN ${q('households')} h ON h.${q('id')} = m.${q('household_id')}`,
    `m.${q('id_number')}`,
    idNumbers,
  );
  const out = new Map<string, { id: number; headName: string; placement: Placement; contactStaff: string | null }>();
  for (const r of rows) {
    // Only active members count: a person who left a household is no longer routed to it.
    if (r.left_on !== null && r.left_on !== undefined) continue;
    out.set(String(r.id_number), {
      id: readInt(r.id),
      headName: String(r.head_name ?? ''),
      placement: { cityCode: String(r.city_code), townCode: String(r.town_code), villageCode: String(r.village_code), gridCode: readStrOrNull(r.grid_code) },
      contactStaff: readStrOrNull(r.contact_staff),
    });
  }
  return out;
}

/**
 * Everything `planWarnings` needs for these rows, read in a few queries: the stored warnings among
 * them, the registered persons' households, the villages (cached per name pair), the open leads
 * of every possible target, and the thresholds.
 */
export async function loadWarningLookups(tx: Tx, rows: readonly WarningRow[]): Promise<WarningLookups> {
  const tree = await loadRegionTree(tx);
  const thresholds = await getWarningThresholds(tx);
  const byStored = new Map(rows.map((r) => [storedKey(warningKey(r.warning)), warningKey(r.warning)]));
  const stored = await selectIn<Raw>(tx, `SELECT ${q('warning_key')} AS k FROM ${q('department_warning')}`, 'warning_key', [...byStored.keys()]);
  const seen = new Set(stored.map((r) => byStored.get(String(r.k)) as string));
  const households = await householdsOf(tx, rows.map((r) => r.warning.idNumber));
  const cache = new Map<string, VillageLookup>();
  const village = (town: string, name: string): VillageLookup => {
    const k = `${town}\u0000${name}`;
    let v = cache.get(k);
    if (!v) cache.set(k, (v = villageOfWarning(tree, town, name)));
    return v;
  };
  const candidates = rows.flatMap(({ warning: w }): string[] => {
    const h = households.get(w.idNumber);
    if (h) return [`h:${h.id}`];
    const v = village(w.townName, w.villageName);
    return v.ok ? [targetKey({ kind: 'declarant', declarant: { name: w.name.trim(), idTail: w.idNumber.slice(-4), villageCode: v.placement.villageCode }, placement: v.placement })] : [];
  });
  const open = await selectIn<Raw>(tx, `SELECT ${q('open_key')} AS k FROM ${q('risk_lead')}`, 'open_key', candidates);
  const householdIds = [...new Set([...households.values()].map((h) => h.id))];
  const subjects = await selectIn<Raw>(tx, `SELECT ${q('household_id')} AS h, ${q('status')} AS status FROM ${q('monitoring_subject')}`, 'household_id', householdIds);
  const openSubjectHouseholds = new Set(subjects.flatMap((r) => (r.status === 'open' ? [readInt(r.h)] : [])));
  return { seen, households, village, openLeadKeys: new Set(open.map((r) => String(r.k))), openSubjectHouseholds, thresholds };
}

// ---------------------------------------------------------------- the write

export interface WarningRecordMeta {
  /** Who imported: a staff UserID, or the command line's `--by` (default 'import'). */
  actor: string;
  at: number;
  fileName: string;
  /** The message that carried the file (the app), or null (the command line). */
  inboundId: number | null;
}

/** What became of one row, as written. */
export type RecordedWarning =
  | { row: number; outcome: 'opened' | 'merged'; leadId: number; deadline: Day; target: WarningTarget; warning: WarningRow['warning'] }
  /** The household is an open monitoring subject: the warning was added to it (risk types it named, the event). */
  | { row: number; outcome: 'subject'; leadId: null; subjectId: number; added: RiskType[]; target: WarningTarget; warning: WarningRow['warning'] }
  | { row: number; outcome: 'below_threshold'; leadId: null; warning: WarningRow['warning'] }
  | { row: number; outcome: 'seen'; warning: WarningRow['warning'] }
  | { row: number; outcome: 'refused'; reason: string; warning: WarningRow['warning'] };

const OUTCOME_LABEL = { opened: '新线索', merged: '并入已有线索', subject: '已是监测对象，补充风险', below_threshold: '低于门槛，仅登记' } as const;

/**
 * Writes a planned batch in the caller's transaction: each opened/merged row opens or joins its
 * lead (the lead repository decides which, authoritatively), and every imported row — below-
 * threshold ones included — is stored with its key, so the same list sent again opens nothing.
 */
export async function recordWarnings(tx: Tx, plan: readonly PlannedWarning[], meta: WarningRecordMeta, cfg: LeadConfig, thresholds: WarningThresholds, risksOf: RiskReader = () => []): Promise<RecordedWarning[]> {
  const out: RecordedWarning[] = [];
  const repo = em(tx).getRepository(DepartmentWarningSchema);
  for (const p of plan) {
    const w = p.warning;
    if (p.outcome === 'seen' || p.outcome === 'refused') {
      out.push(p.outcome === 'seen' ? { row: p.row, outcome: 'seen', warning: w } : { row: p.row, outcome: 'refused', reason: p.reason, warning: w });
      continue;
    }
    let recorded: RecordedWarning;
    if (p.outcome === 'below_threshold') recorded = { row: p.row, outcome: 'below_threshold', leadId: null, warning: w };
    else {
      const t = p.target;
      const origin = { source: 'department_warning' as const, department: w.department, foundOn: w.warnedOn, note: warningNote(w, thresholds), actor: meta.actor, at: meta.at };
      const input = t.kind === 'household' ? { householdId: t.householdId, declarant: null, placement: t.placement, origin } : { householdId: null, declarant: t.declarant, placement: t.placement, origin };
      const found = await admitFindRecord(tx, { ...input, risks: risksOf(origin.note) }, cfg);
      recorded = found.kind === 'subject'
        ? { row: p.row, outcome: 'subject', leadId: null, subjectId: found.subject.id as number, added: found.added, target: t, warning: w }
        : { row: p.row, outcome: found.kind, leadId: found.lead.id as number, deadline: found.lead.deadline, target: t, warning: w };
    }
    const target = 'target' in p ? p.target : null;
    const row: Omit<DepartmentWarningRow, 'id'> = {
      warningKey: storedKey(warningKey(w)), department: w.department, warnedOn: w.warnedOn, idNumber: w.idNumber, name: w.name, townName: w.townName.slice(0, 64), villageName: w.villageName.slice(0, 64),
      reason: w.reason, amountFen: w.amountYuan === null ? null : toFen(w.amountYuan), remark: w.remark,
      householdId: target?.kind === 'household' ? target.householdId : null,
      cityCode: target?.placement.cityCode ?? null, townCode: target?.placement.townCode ?? null, villageCode: target?.placement.villageCode ?? null, gridCode: target?.placement.gridCode ?? null,
      outcome: recorded.outcome, leadId: 'leadId' in recorded ? recorded.leadId : null, fileName: meta.fileName.slice(0, 255), actor: meta.actor, inboundId: meta.inboundId, createdAt: meta.at,
    };
    const saved = await repo.save(row);
    const leadPart = recorded.outcome === 'subject' ? `（监测对象${recorded.subjectId}）` : recorded.outcome === 'below_threshold' ? '' : `（线索${(recorded as { leadId: number }).leadId}）`;
    await recordHistory(tx, {
      entity: 'department_warning', entityId: saved.id, actor: meta.actor, at: meta.at,
      reason: `导入部门预警 ${meta.fileName} 第 ${p.row} 行：${OUTCOME_LABEL[recorded.outcome as keyof typeof OUTCOME_LABEL]}${leadPart}`,
      // The history keeps the masked ID; free text (a remark may carry a phone) is masked too.
      before: null, after: { ...row, warningKey: undefined, idNumber: maskIdNumber(w.idNumber), reason: maskText(w.reason), remark: maskText(w.remark) },
    });
    out.push(recorded);
  }
  return out;
}

// ---------------------------------------------------------------- progress


/** The progress of each department's warnings (one department, or all that sent any), on `today`. */
export async function warningProgress(tx: Tx, department: Department | null, today: Day): Promise<WarningProgress[]> {
  const rows = await em(tx).getRepository(DepartmentWarningSchema).find({ where: department ? { department } : {}, order: { id: 'ASC' } });
  const leadIds = [...new Set(rows.flatMap((r) => (r.leadId === null ? [] : [r.leadId])))];
  const leads = new Map<number, Raw>();
  // A lead absorbed into another one is followed to the one that carries on (a few hops at most).
  for (let ids = leadIds, hops = 0; ids.length > 0 && hops < 5; hops++) {
    const found = await selectIn<Raw>(tx, `SELECT ${q('id')} AS id, ${q('status')} AS status, ${q('deadline')} AS deadline, ${q('merged_into_id')} AS merged_into_id FROM ${q('risk_lead')}`, 'id', ids);
    for (const l of found) leads.set(readInt(l.id), l);
    ids = found.flatMap((l) => (l.status === 'merged' && l.merged_into_id !== null && !leads.has(readInt(l.merged_into_id)) ? [readInt(l.merged_into_id)] : []));
  }
  const final = (id: number): Raw | undefined => {
    let l = leads.get(id);
    for (let hops = 0; l && l.status === 'merged' && l.merged_into_id !== null && hops < 5; hops++) l = leads.get(readInt(l.merged_into_id)) ?? l;
    return l;
  };
  const steps = await selectIn<Raw>(tx, `SELECT ${q('lead_id')} AS lead_id, ${q('step')} AS step FROM ${q('risk_lead_step')}`, 'lead_id', [...leads.keys()]);
  // Steps are recorded in the procedure's order, so the furthest one is the last.
  const lastStep = new Map<number, LeadStep>();
  for (const st of steps) {
    const id = readInt(st.lead_id);
    const step = String(st.step) as LeadStep;
    const had = lastStep.get(id);
    if (!had || LEAD_STEP.codes.indexOf(step) > LEAD_STEP.codes.indexOf(had)) lastStep.set(id, step);
  }
  const out = new Map<Department, WarningProgress & { seenLeads: Set<number> }>();
  for (const r of rows) {
    const d = r.department as Department;
    let p = out.get(d);
    if (!p) out.set(d, (p = { department: d, warnings: 0, belowThreshold: 0, leads: { open: 0, overdue: 0, included: 0, notIncluded: 0 }, overdue: [], lastImportAt: null, seenLeads: new Set() }));
    p.warnings++;
    p.lastImportAt = Math.max(p.lastImportAt ?? 0, r.createdAt);
    if (r.outcome === 'below_threshold') p.belowThreshold++;
    const lead = r.leadId === null ? undefined : final(r.leadId);
    if (!lead || p.seenLeads.has(readInt(lead.id))) continue;
    p.seenLeads.add(readInt(lead.id));
    const status = String(lead.status);
    if (status === 'included') p.leads.included++;
    else if (status === 'not_included') p.leads.notIncluded++;
    else if (String(lead.deadline) < today) {
      p.leads.overdue++;
      p.overdue.push({ name: r.name, maskedId: maskIdNumber(r.idNumber), warnedOn: r.warnedOn, deadline: String(lead.deadline), lastStep: lastStep.get(readInt(lead.id)) ?? null });
    } else p.leads.open++;
  }
  return [...out.values()].map(({ seenLeads: _seen, ...p }) => p);
}

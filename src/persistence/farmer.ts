/**
 * The farmers' door (微信客服): the village poster a farmer came in through, their declarations
 * (农户自主申报) — each opening or joining a risk lead, or adding to the household's open subject,
 * through `admitFindRecord` — and their
 * requests to be bound to a household, decided by a grid worker. Every change appends a history
 * row (who, when, why); nothing is deleted.
 *
 * @example
 *   const { declaration, lead } = await recordDeclaration(tx, { ref: 'SB1', externalUserId: 'wm1', …, actor: 'kf:wm1', at: now }, DEFAULT_LEAD_CONFIG);
 *   await createBindingRequest(tx, { ref: 'BD1', externalUserId: 'wm1', … }, { actor: 'kf:wm1', workers: [], inboundId: 3 });
 *   await decideBindingRecord(tx, 'BD1', { decision: 'confirm', householdId: 7, actor: 'wangwu', at: now });
 */
import { LEAD_SOURCE, RISK_TYPE, type RiskType } from '../domain/catalog.js';
import { unwrap } from '../domain/case-faults.js';
import { decideBinding, requestBinding, supersede, type Binding, type BindingDecision, type BindingRequest, type BindingStatus } from '../domain/farmer-binding.js';
import type { Declarant, LeadConfig } from '../domain/lead.js';
import { maskText } from '../domain/privacy.js';
import { shanghaiDay } from '../domain/shanghai-days.js';
import type { Placement } from '../domain/types.js';
import { appendHistory } from './case-history.js';
import { notFound, placementColumns, updateVersioned } from './case-store.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { admitFindRecord, type AdmittedFind } from './finds.js';
import { FarmerBindingSchema, FarmerDeclarationSchema, FarmerEntrySchema, type FarmerBindingRow, type FarmerDeclarationRow } from './schemas/farmer.js';

/** Remembers the village poster a farmer came in through (the latest one counts). */
export async function rememberEntry(tx: Tx, e: { externalUserId: string; villageCode: string; scene: string; at: number }): Promise<void> {
  const repo = em(tx).getRepository(FarmerEntrySchema);
  const had = await repo.findOne({ where: { externalUserId: e.externalUserId } });
  if (had) await repo.update({ id: had.id }, { villageCode: e.villageCode, scene: e.scene, enteredAt: e.at, updatedAt: e.at });
  else await repo.insert({ externalUserId: e.externalUserId, villageCode: e.villageCode, scene: e.scene, enteredAt: e.at, createdAt: e.at, updatedAt: e.at });
}

export async function entryVillageOf(tx: Tx, externalUserId: string): Promise<string | null> {
  return (await em(tx).getRepository(FarmerEntrySchema).findOne({ where: { externalUserId } }))?.villageCode ?? null;
}

export interface DeclarationInput {
  ref: string;
  externalUserId: string;
  openKfId: string | null;
  name: string;
  idNumber: string | null;
  idTail: string | null;
  phone: string | null;
  placement: Placement;
  householdId: number | null;
  /** The farmer's own words, verbatim. */
  words: string[];
  risks: Array<{ riskType: RiskType; evidence: string[]; disasterSubtype?: string; remark?: string }>;
  amounts: Array<{ value: number; text: string; kind: string; riskType?: string }>;
  suddenHardship: boolean;
  /** Who was told (CaseWorker-shaped: userId, name, role). */
  workers: unknown[];
  inboundId: number | null;
  /** `kf:<external_userid>`. */
  actor: string;
  at: number;
}

/** The note on the lead's origin: risks, amounts and a quote (ID numbers and phones masked). */
function originNote(d: DeclarationInput): string {
  const risks = d.risks.map((r) => RISK_TYPE.label[r.riskType]).join('、');
  const amounts = d.amounts.map((a) => a.text).join('、');
  return `${LEAD_SOURCE.label.self_declared}${d.ref}：${risks || '未说明'}${amounts ? `；金额${amounts}` : ''}。农户原话：“${maskText(d.words.join(' / '))}”`;
}

/**
 * The declarant of an unregistered farmer. Without an ID tail the reference keys the lead; a
 * farmer declaring again under the same name in the same village joins their own earlier lead.
 */
async function declarantOf(tx: Tx, d: DeclarationInput): Promise<Declarant> {
  const base = { name: d.name, villageCode: d.placement.villageCode };
  if (d.idTail) return { ...base, idTail: d.idTail };
  const earlier = await em(tx).getRepository(FarmerDeclarationSchema).findOne({
    where: { externalUserId: d.externalUserId, declarantName: d.name, villageCode: d.placement.villageCode },
    order: { id: 'DESC' },
  });
  const reuse = earlier && !earlier.idTail && earlier.householdId === null ? earlier.ref : d.ref;
  return { ...base, idTail: '', ref: reuse };
}

/** What a declaration became: a lead opened or joined, or the risk added to the household's open subject. */
export type RecordedDeclaration = { declaration: FarmerDeclarationRow } & AdmittedFind;

const FIND_LABEL: Record<AdmittedFind['kind'], string> = { opened: '新线索', merged: '并入已有线索', subject: '已是监测对象，补充风险' };

/**
 * Stores a declaration and opens (or joins) its risk lead, in the caller's transaction — or, for a
 * household that is already an open monitoring subject, adds the declared risks to the subject
 * (`admitFindRecord`).
 */
export async function recordDeclaration(tx: Tx, d: DeclarationInput, cfg: LeadConfig): Promise<RecordedDeclaration> {
  const declarant = d.householdId === null ? await declarantOf(tx, d) : null;
  const origin = { source: 'self_declared' as const, department: null, foundOn: shanghaiDay(d.at), note: originNote(d), actor: d.actor, at: d.at };
  const found = await admitFindRecord(tx, { householdId: d.householdId, declarant, placement: d.placement, origin, suddenHardship: d.suddenHardship, risks: d.risks.map((r) => r.riskType) }, cfg);
  const leadId = found.kind === 'subject' ? null : (found.lead.id as number);
  const subjectId = found.kind === 'subject' ? (found.subject.id as number) : null;
  const row: Omit<FarmerDeclarationRow, 'id'> = {
    ref: d.ref, externalUserId: d.externalUserId, openKfid: d.openKfId, declarantName: d.name, idNumber: d.idNumber, idTail: d.idTail, phone: d.phone,
    ...placementColumns(d.placement), householdId: d.householdId, leadId, leadKind: found.kind, subjectId,
    words: d.words, risks: d.risks, amounts: d.amounts, suddenHardship: d.suddenHardship, workers: d.workers, inboundId: d.inboundId, createdAt: d.at,
  };
  const saved = await em(tx).getRepository(FarmerDeclarationSchema).save(row);
  const where = leadId !== null ? `线索${leadId}` : `监测对象${subjectId}`;
  await appendHistory(tx, { entity: 'farmer_declaration', entityId: saved.id, actor: d.actor, at: d.at, reason: `农户自主申报${d.ref}（${where}，${FIND_LABEL[found.kind]}）`, before: null, after: { ...row, idNumber: d.idNumber ? maskText(d.idNumber) : null, phone: d.phone ? maskText(d.phone) : null, words: d.words.map(maskText) } });
  return { declaration: saved, ...found };
}

/** A farmer's own declarations, newest first. */
export async function declarationsOf(tx: Tx, externalUserId: string): Promise<FarmerDeclarationRow[]> {
  return em(tx).getRepository(FarmerDeclarationSchema).find({ where: { externalUserId }, order: { id: 'DESC' } });
}

function toBinding(r: FarmerBindingRow): Binding {
  return {
    id: r.id, ref: r.ref, externalUserId: r.externalUserId, openKfId: r.openKfid, name: r.name, idNumber: r.idNumber, idTail: r.idTail, villageCode: r.villageCode,
    matchedHouseholdId: r.matchedHouseholdId, householdId: r.householdId, status: r.status as BindingStatus, requestedAt: r.requestedAt, decidedBy: r.decidedBy, decidedAt: r.decidedAt, reason: r.reason,
  };
}

function bindingColumns(b: Binding): Omit<FarmerBindingRow, 'id' | 'workers' | 'inboundId' | 'version' | 'createdAt' | 'updatedAt'> {
  return {
    ref: b.ref, externalUserId: b.externalUserId, openKfid: b.openKfId, name: b.name, idNumber: b.idNumber, idTail: b.idTail, villageCode: b.villageCode,
    matchedHouseholdId: b.matchedHouseholdId, householdId: b.householdId, status: b.status, requestedAt: b.requestedAt, decidedBy: b.decidedBy, decidedAt: b.decidedAt, reason: b.reason,
  };
}

/** The history keeps the masked ID only. */
const shown = (b: Binding) => ({ ...b, idNumber: b.idNumber ? maskText(b.idNumber) : null });

async function update(tx: Tx, row: FarmerBindingRow, after: Binding, actor: string, at: number, reason: string): Promise<Binding> {
  await updateVersioned(tx, FarmerBindingSchema, row.id, row.version, { ...bindingColumns(after), updatedAt: at });
  await appendHistory(tx, { entity: 'farmer_binding', entityId: row.id, actor, at, reason, before: shown(toBinding(row)), after: shown(after) });
  return after;
}

/** Stores a new request; the farmer's earlier pending requests are superseded by it. */
export async function createBindingRequest(tx: Tx, req: BindingRequest, meta: { actor: string; workers: unknown[]; inboundId: number | null }): Promise<Binding> {
  const b = unwrap(requestBinding(req));
  const repo = em(tx).getRepository(FarmerBindingSchema);
  for (const old of await repo.find({ where: { externalUserId: req.externalUserId, status: 'pending' } })) {
    await update(tx, old, supersede(toBinding(old), req.ref), meta.actor, req.requestedAt, `被新的绑定申请${req.ref}替代`);
  }
  const saved = await repo.save({ ...bindingColumns(b), workers: meta.workers, inboundId: meta.inboundId, version: 1, createdAt: req.requestedAt, updatedAt: req.requestedAt });
  const stored = { ...b, id: saved.id };
  await appendHistory(tx, { entity: 'farmer_binding', entityId: saved.id, actor: meta.actor, at: req.requestedAt, reason: `申请绑定家庭${req.ref}`, before: null, after: shown(stored) });
  return stored;
}

export async function getBindingByRef(tx: Tx, ref: string): Promise<(Binding & { workers: unknown[] }) | null> {
  const row = await em(tx).getRepository(FarmerBindingSchema).findOne({ where: { ref } });
  return row ? { ...toBinding(row), workers: row.workers } : null;
}

/**
 * Confirms or refuses a pending request (rules in src/domain/farmer-binding.ts; a refusal
 * throws CaseError). A confirmation supersedes the farmer's earlier confirmed binding.
 */
export async function decideBindingRecord(tx: Tx, ref: string, d: BindingDecision): Promise<Binding> {
  const repo = em(tx).getRepository(FarmerBindingSchema);
  const row = await repo.findOne({ where: { ref } });
  if (!row) throw notFound('绑定申请');
  const after = unwrap(decideBinding(toBinding(row), d));
  if (after.status === 'confirmed') {
    const earlier = await repo.find({ where: { externalUserId: row.externalUserId, status: 'confirmed' } });
    for (const old of earlier) await update(tx, old, supersede(toBinding(old), ref), d.actor, d.at, `被绑定${ref}替代`);
  }
  return update(tx, row, after, d.actor, d.at, d.decision === 'confirm' ? `确认绑定到农户${after.householdId}` : `退回绑定申请：${after.reason}`);
}

/** The household a farmer is bound to (the confirmed binding), or null. */
export async function boundHouseholdOf(tx: Tx, externalUserId: string): Promise<Binding | null> {
  const row = await em(tx).getRepository(FarmerBindingSchema).findOne({ where: { externalUserId, status: 'confirmed' }, order: { id: 'DESC' } });
  return row ? toBinding(row) : null;
}

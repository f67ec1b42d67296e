/**
 * What a farmer said outside a submitted declaration, kept as history rows (append-only: who,
 * when, why, what): an account added to their open declaration (instead of a second lead), a
 * complaint that nobody came (催办), a request for a person, and a declaration left unfinished
 * and handed to the grid worker. Words are stored masked (ID numbers, phones).
 *
 * @example
 *   await addToDeclaration(tx, { ref: 'SB1', externalUserId: 'wm1', words: ['老伴也病了'], risks: [], amounts: [], assistance: false, actor: 'kf:wm1', at: now });
 */
import { maskText } from '../domain/privacy.js';
import { appendHistory } from './case-history.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import { recordHistory } from './history.js';
import { FarmerDeclarationSchema, type FarmerDeclarationRow } from './schemas/farmer.js';

/** Raised when a farmer names a declaration that is not theirs. */
export class NotYourDeclaration extends Error {
  readonly code = 'FARMER.NOT_YOUR_DECLARATION';
}

/** The case a declaration went to: its lead, or the open subject its risk was added to. */
const caseOf = (row: FarmerDeclarationRow) => (row.leadId !== null ? { entity: 'risk_lead' as const, entityId: row.leadId } : { entity: 'monitoring_subject' as const, entityId: row.subjectId as number });

async function ownDeclaration(tx: Tx, ref: string, externalUserId: string): Promise<FarmerDeclarationRow> {
  const row = await em(tx).getRepository(FarmerDeclarationSchema).findOne({ where: { ref, externalUserId } });
  if (!row) throw new NotYourDeclaration(`${ref}`);
  return row;
}

export interface Addition {
  ref: string;
  externalUserId: string;
  words: string[];
  risks: unknown[];
  amounts: unknown[];
  assistance: boolean;
  actor: string;
  at: number;
}

/** A retelling joined to the farmer's own declaration and its lead (or subject): one lead, one clock. */
export async function addToDeclaration(tx: Tx, a: Addition): Promise<void> {
  const row = await ownDeclaration(tx, a.ref, a.externalUserId);
  const after = { words: a.words.map(maskText), risks: a.risks, amounts: a.amounts, assistance: a.assistance };
  const reason = `农户补充情况（${a.ref}，并入原申报）`;
  await appendHistory(tx, { entity: 'farmer_declaration', entityId: row.id, actor: a.actor, at: a.at, reason, before: null, after });
  await appendHistory(tx, { ...caseOf(row), actor: a.actor, at: a.at, reason, before: null, after });
}

/** "没人来": the complaint kept on the declaration and its lead. */
export async function chaseDeclaration(tx: Tx, c: { ref: string; externalUserId: string; words: string; actor: string; at: number }): Promise<void> {
  const row = await ownDeclaration(tx, c.ref, c.externalUserId);
  const reason = `农户催办（${c.ref}）`;
  const after = { words: maskText(c.words) };
  await appendHistory(tx, { entity: 'farmer_declaration', entityId: row.id, actor: c.actor, at: c.at, reason, before: null, after });
  await appendHistory(tx, { ...caseOf(row), actor: c.actor, at: c.at, reason, before: null, after });
}

/** A farmer's contact with the bot that concerns a person: a request for one, or a draft handed over. */
export async function recordFarmerContact(
  tx: Tx,
  c: { kind: 'ask_person' | 'unfinished'; externalUserId: string; villageCode: string; words: string[]; told: string[]; actor: string; at: number; ask?: string; name?: string | null },
): Promise<void> {
  await recordHistory(tx, {
    entity: c.kind === 'unfinished' ? 'farmer_draft' : 'farmer_contact',
    entityId: c.externalUserId,
    actor: c.actor,
    at: c.at,
    reason: c.kind === 'unfinished' ? '农户未完成申报，转网格员联系' : '农户找人，已告知网格员和村干部',
    before: null,
    after: { villageCode: c.villageCode, words: c.words.map(maskText), told: c.told, ...(c.ask ? { ask: c.ask } : {}), ...(c.name ? { name: c.name } : {}) },
  });
}

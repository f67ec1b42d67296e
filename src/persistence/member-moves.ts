/**
 * When a person moves between households (分户, 合户, 婚嫁迁入, 迁入), their place in an open
 * monitoring subject moves with them: they leave the open subject of the household they left (its
 * member list and `subject_member.open_key`, kept as a row) and join the open subject of the
 * household they came to, if it has one — so "one person, one open subject household" still
 * holds and neither household's subject is blocked. Each subject touched gets a history row
 * saying who moved, why and when; the person's own history is the member history.
 *
 * @example
 *   await carrySubjectMembership(tx, '61082119700101123X', { from: 3, to: 9 }, { actor: 'import', at: now, reason: '导入户籍名册 x.csv：分户' });
 *   // { left: [12], joined: [] }  — subject 12 (household 3) no longer counts the person
 */
import { maskIdNumber } from '../domain/privacy.js';
import { appendHistory } from './case-history.js';
import type { Tx } from './db.js';
import { em } from './orm.js';
import type { ChangeMeta } from './history.js';
import { q, readInt } from './sql.js';

type Raw = Record<string, unknown>;

async function openSubjectOf(tx: Tx, householdId: number): Promise<{ id: number; memberIds: string[] } | null> {
  const [row] = (await em(tx).query(`SELECT ${q('id')}, ${q('member_ids')} FROM ${q('monitoring_subject')} WHERE ${q('household_id')} = ? AND ${q('status')} = 'open' ORDER BY ${q('episode')} DESC`, [householdId])) as Raw[];
  return row ? { id: readInt(row.id), memberIds: JSON.parse(String(row.member_ids ?? '[]')) as string[] } : null;
}

async function setMembers(tx: Tx, subjectId: number, memberIds: string[], at: number): Promise<void> {
  // The version moves on so a conversation holding the old subject reloads it instead of overwriting.
  await em(tx).query(`UPDATE ${q('monitoring_subject')} SET ${q('member_ids')} = ?, ${q('version')} = ${q('version')} + 1, ${q('updated_at')} = ? WHERE ${q('id')} = ?`, [JSON.stringify(memberIds), at, subjectId]);
}

/** Moves `idNumber`'s open-subject membership from household `from` to household `to`. */
export async function carrySubjectMembership(tx: Tx, idNumber: string, move: { from: number; to: number }, meta: ChangeMeta): Promise<{ left: number[]; joined: number[] }> {
  const out = { left: [] as number[], joined: [] as number[] };
  const masked = maskIdNumber(idNumber);
  const from = await openSubjectOf(tx, move.from);
  if (from && from.memberIds.includes(idNumber)) {
    const after = from.memberIds.filter((m) => m !== idNumber);
    await em(tx).query(`UPDATE ${q('subject_member')} SET ${q('open_key')} = NULL WHERE ${q('subject_id')} = ? AND ${q('id_number')} = ?`, [from.id, idNumber]);
    await setMembers(tx, from.id, after, meta.at);
    await appendHistory(tx, { entity: 'monitoring_subject', entityId: from.id, actor: meta.actor, at: meta.at, reason: `${meta.reason}：成员 ${masked} 迁出本户`, before: { memberIds: from.memberIds }, after: { memberIds: after } });
    out.left.push(from.id);
  }
  const to = await openSubjectOf(tx, move.to);
  if (to && !to.memberIds.includes(idNumber)) {
    const after = [...to.memberIds, idNumber];
    const [existing] = (await em(tx).query(`SELECT ${q('id')} FROM ${q('subject_member')} WHERE ${q('subject_id')} = ? AND ${q('id_number')} = ?`, [to.id, idNumber])) as Raw[];
    if (existing) await em(tx).query(`UPDATE ${q('subject_member')} SET ${q('open_key')} = ? WHERE ${q('id')} = ?`, [idNumber, readInt(existing.id)]);
    else await em(tx).query(`INSERT INTO ${q('subject_member')} (${q('subject_id')}, ${q('id_number')}, ${q('open_key')}) VALUES (?, ?, ?)`, [to.id, idNumber, idNumber]);
    await setMembers(tx, to.id, after, meta.at);
    await appendHistory(tx, { entity: 'monitoring_subject', entityId: to.id, actor: meta.actor, at: meta.at, reason: `${meta.reason}：成员 ${masked} 迁入本户`, before: { memberIds: to.memberIds }, after: { memberIds: after } });
    out.joined.push(to.id);
  }
  return out;
}

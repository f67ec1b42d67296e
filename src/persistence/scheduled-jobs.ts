/**
 * Recurring jobs as rows, not sleeps: each job has one `scheduled_job` row holding when it is next
 * due. `claimDueJob` moves a due row to its next due time with a conditional update — the caller
 * that moves it owns this run, whichever instance it is — and the caller does the job's writes in
 * the same transaction, so a run happens exactly once (a rollback gives the run back).
 *
 * @example
 *   const claimed = await transaction(db, async (tx) => {
 *     const due = await claimDueJob(tx, { name: 'weekly-draft', now, me, first: thursday2110, next: (d) => d + WEEK });
 *     if (due !== null) await enqueueOutbound(tx, messages, now);
 *     return due;
 *   });
 */
import type { Tx } from './db.js';
import { ScheduledJobSchema, type ScheduledJobRow } from './schemas/official.js';
import { affected, isUniqueViolation } from './sql.js';

export interface ClaimArgs {
  name: string;
  now: number;
  /** Who runs it (instance id), kept on the row. */
  me: string;
  /** The first due instant, when the job has no row yet. */
  first: number;
  /** The due instant after `due` (strictly later). */
  next: (due: number) => number;
}

/**
 * Claims the job if it is due: returns the due instant claimed (the row now holds the next one
 * after `now`), or null when not due or taken by another caller. Creates the row on first use.
 */
export async function claimDueJob(tx: Tx, a: ClaimArgs): Promise<number | null> {
  const repo = tx.getRepository(ScheduledJobSchema);
  const row = await repo.findOne({ where: { name: a.name } });
  if (!row) {
    try {
      await repo.insert({ name: a.name, dueAt: a.first, lastRunAt: null, lastRunBy: null, lastResult: null, updatedAt: a.now });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return null;
  }
  if (row.dueAt > a.now) return null;
  // Skip the runs missed while nobody was running: the next due instant is after now.
  let next = a.next(row.dueAt);
  while (next <= a.now) next = a.next(next);
  const r = await tx
    .createQueryBuilder()
    .update(ScheduledJobSchema)
    .set({ dueAt: next, lastRunAt: a.now, lastRunBy: a.me, updatedAt: a.now })
    .where('name = :name AND due_at = :due', { name: a.name, due: row.dueAt })
    .execute();
  return affected(r) === 1 ? row.dueAt : null;
}

/** Notes what a run did (for whoever looks at the table). */
export async function noteJobResult(tx: Tx, name: string, result: Record<string, number | string>, now: number): Promise<void> {
  await tx.getRepository(ScheduledJobSchema).update({ name }, { lastResult: result, updatedAt: now });
}

export async function getJob(tx: Tx, name: string): Promise<ScheduledJobRow | null> {
  return tx.getRepository(ScheduledJobSchema).findOne({ where: { name } });
}

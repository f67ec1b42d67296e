/**
 * The daily queue push: every morning at 08:40 (Asia/Shanghai; clear of minutes 0 and 30) each
 * town official whose town has cases waiting — leads whose village 公示 ended, 风险消除 proposals
 * past their 公示, 回退 and 清退 requests — gets the 镇街审核 card, and each city bureau member
 * with cases the towns approved gets the 市级审批 card, without asking (queue-card.ts; the
 * button opens the queue). The list is `caseQueueOf`, the very one the flows read. One timer row
 * under `system:case-queue`, handled inside the sweeper's transaction: each day's cards go out
 * once across instances; a run found on a later day is skipped and the next one scheduled.
 */
import { createHash } from 'node:crypto';
import { may, type Jurisdiction } from '../../domain/roles.js';
import { shanghaiDay, type Day } from '../../domain/shanghai-days.js';
import { queueCard } from '../../flows/casework/queue-card.js';
import type { Reply } from '../../flows/types.js';
import type { Tx } from '../../persistence/db.js';
import { storeOutbound } from '../../persistence/outbox.js';
import { listStaff } from '../../persistence/staff.js';
import { findTimer, scheduleTimer, type TimerRow } from '../../persistence/timer.js';
import { caseQueueOf } from '../flow-data/casework.js';
import type { SystemJob } from './index.js';
import { nextRun } from './lead-deadlines.js';

export const CASE_QUEUE_TIMER = { channel: 'app', sender: 'system:case-queue', name: 'case-queue' } as const;

const DEFAULT_TIME = '08:40';

/** The level whose queue a staff member works (镇街审核 at a town, 市级审批 at the city), if any. */
function levelOf(role: Parameters<typeof may>[0], j: Jurisdiction): 'town' | 'city' | null {
  if (j.level === 'town' && may(role, 'town_review')) return 'town';
  if (j.level === 'city' && may(role, 'city_approve')) return 'city';
  return null;
}

/** One card per official with something waiting on `day`. */
export async function queuePushes(tx: Tx, day: Day): Promise<Array<{ to: string; reply: Reply }>> {
  const out: Array<{ to: string; reply: Reply }> = [];
  for (const s of await listStaff(tx)) {
    const level = s.active ? levelOf(s.role, s.jurisdiction) : null;
    if (!level) continue;
    const items = await caseQueueOf(tx, s.jurisdiction, level, day);
    if (items.length === 0) continue;
    // WeCom wants a task id of its own per card: the day and the person.
    const taskId = `cq${day.replace(/-/g, '')}${createHash('sha256').update(s.userId).digest('hex').slice(0, 16)}`;
    out.push({ to: s.userId, reply: queueCard(level, taskId, items) });
  }
  return out;
}

export async function scheduleCaseQueue(tx: Tx, now: number, time = DEFAULT_TIME): Promise<number> {
  const dueAt = nextRun(now, time);
  const existing = await findTimer(tx, CASE_QUEUE_TIMER.channel, CASE_QUEUE_TIMER.sender, CASE_QUEUE_TIMER.name);
  if (existing?.status === 'pending') return existing.dueAt;
  await scheduleTimer(tx, { ...CASE_QUEUE_TIMER, dueAt, payload: { day: shanghaiDay(dueAt) } }, now);
  return dueAt;
}

export async function onCaseQueueTimer(tx: Tx, t: Pick<TimerRow, 'channel' | 'sender' | 'name' | 'payload'>, now: number, time = DEFAULT_TIME): Promise<boolean> {
  if (t.channel !== CASE_QUEUE_TIMER.channel || t.sender !== CASE_QUEUE_TIMER.sender || t.name !== CASE_QUEUE_TIMER.name) return false;
  const today = shanghaiDay(now);
  if (((t.payload as { day?: string } | null)?.day ?? today) === today) {
    const pushes = await queuePushes(tx, today);
    // One card per person per day, even if the timer were ever handled twice.
    const key = (to: string) => createHash('sha256').update(`case-queue|${today}|${to}`).digest('hex').slice(0, 32);
    await storeOutbound(tx, pushes.map((p) => ({ channel: 'app' as const, recipient: p.to, payload: p.reply, idemKey: key(p.to) })), now);
  }
  const next = nextRun(now, time);
  await scheduleTimer(tx, { ...CASE_QUEUE_TIMER, dueAt: next, payload: { day: shanghaiDay(next) } }, now);
  return true;
}

export function caseQueueJob(time = DEFAULT_TIME): SystemJob {
  return { name: 'case-queue', schedule: (tx, now) => scheduleCaseQueue(tx, now, time), onTimer: (tx, t, now) => onCaseQueueTimer(tx, t, now, time) };
}

/**
 * `npx shouwang jobs list` and `npx shouwang jobs run <job> [--day YYYY-MM-DD] [--dry-run]`: the
 * scheduled jobs' next runs, and one run on demand — without editing the `timer` table.
 *
 * A run calls the job the way the sweeper does when its timer fires, at `--day` (at the job's
 * usual time of day) or now, in one transaction: its messages go to the outbox (a running server
 * sends them, within WeCom's limits) and its timer is put back as it was, so the regular schedule
 * is untouched. Outbox keys are per day and person, so a run on a day the job already ran adds
 * nothing twice. `--dry-run` prints what would be sent to whom (ID numbers and phones masked)
 * and rolls everything back.
 *
 * @example
 *   npx shouwang jobs run lead-deadlines --day 2026-12-07 --dry-run
 *   // lead-deadlines（15天时限提醒）按 2026-12-07 08:20 运行：2 条消息（演练：没有写入发件箱）
 *   //   → wangwu：【15天时限提醒】…
 */
import { isDay } from '../../domain/shanghai-days.js';
import { instantOf } from '../../domain/calendar.js';
import { maskText } from '../../domain/privacy.js';
import type { Reply } from '../../flows/types.js';
import { transaction, type Tx } from '../../persistence/db.js';
import { lastOutboxId, outboxAfter, systemTimers } from '../../persistence/job-timers.js';
import type { OutboxRow } from '../../persistence/schemas/outbox.js';
import { scheduleTimer, type TimerRow } from '../../persistence/timer.js';
import { parseOptions, withDatabase, type CommandDeps, type OptionSpec } from '../cli-args.js';
import { systemJobs, type SystemJob } from './index.js';

export const JOBS_OPTIONS: OptionSpec = { values: ['day'], switches: ['dry-run'], positionals: 2 };
export const JOBS_USAGE = `  jobs list                                 各定时任务及下次运行时间
  jobs run <任务> [--day YYYY-MM-DD] [--dry-run]   立即运行一个定时任务（--dry-run 只显示会发给谁、发什么）`;

/** What each job is, for people. */
const LABEL: Record<string, string> = {
  'meeting-agenda': '研判会议程，发给各村干部',
  'weekly-report-draft': '周报草稿（附件1、附件6），发给镇街干部',
  'weekly-report-reminder': '周五报送提醒，发给未报送的镇街和村',
  'lead-deadlines': '15天时限提醒，发给负责人和镇街干部',
  'case-queue': '镇街审核、市级审批待办卡片，发给镇街干部和市乡村振兴局',
};

export interface JobsDeps extends CommandDeps {
  tz: string;
  /** Default: every system job of the bot. */
  jobs?: readonly SystemJob[];
}

const when = (ms: number, tz: string) => new Date(ms).toLocaleString('sv-SE', { timeZone: tz }).slice(0, 16);

/** Runs the command; returns the exit code (0 done, 2 mistyped). */
export async function runJobsCommand(args: readonly string[], deps: JobsDeps): Promise<number> {
  const parsed = parseOptions(args, JOBS_OPTIONS);
  if (typeof parsed === 'string') return mistyped(deps, parsed);
  const jobs = deps.jobs ?? systemJobs();
  const [what, name] = parsed.positional;
  if (what === 'list') {
    if (name !== undefined || parsed.flags.size > 0 || parsed.switches.has('dry-run')) return mistyped(deps, 'jobs list 不带参数');
    return withDatabase(deps, async (db) => {
      const timers = await transaction(db, (tx) => systemTimers(tx));
      for (const job of jobs) {
        const t = timers.find((x) => x.name === job.name && x.status === 'pending');
        deps.out(`${job.name}（${LABEL[job.name] ?? job.name}）：${t ? `下次运行 ${when(t.dueAt, deps.tz)}` : '尚未排定（服务启动时排定）'}`);
      }
      return 0;
    });
  }
  if (what !== 'run') return mistyped(deps, `请写 jobs list 或 jobs run <任务>`);
  const job = jobs.find((j) => j.name === name);
  if (!job) return mistyped(deps, `${name ? `没有任务“${name}”` : '请写出任务名'}，可选：${jobs.map((j) => j.name).join('、')}`);
  const day = parsed.flags.get('day');
  if (day !== undefined && !isDay(day)) return mistyped(deps, `--day 须为“2026-05-20”这样的日期（收到“${day}”）`);
  const dryRun = parsed.switches.has('dry-run');

  return withDatabase(deps, async (db) => {
    const ran = await transaction(db, async (tx) => {
      const r = await runOnce(tx, job, day, deps);
      // A dry run leaves no trace: the rollback takes back the messages and the timer moves.
      if (dryRun) throw new DryRun(r);
      return r;
    }).catch((e: unknown) => {
      if (e instanceof DryRun) return e.result;
      throw e;
    });
    deps.out(`${job.name}（${LABEL[job.name] ?? job.name}）按 ${when(ran.at, deps.tz)} 运行：${ran.added.length} 条消息${dryRun ? '（演练：没有写入发件箱）' : ran.added.length > 0 ? '，已写入发件箱，由运行中的服务发送' : ''}`);
    for (const row of ran.added) deps.out(`  → ${row.recipient}：${summary(row)}`);
    return 0;
  });
}

class DryRun extends Error {
  constructor(readonly result: { at: number; added: OutboxRow[] }) {
    super('dry run');
  }
}

async function runOnce(tx: Tx, job: SystemJob, day: string | undefined, deps: JobsDeps): Promise<{ at: number; added: OutboxRow[] }> {
  const realNow = deps.now();
  const find = async () => (await systemTimers(tx)).find((t) => t.name === job.name);
  // A database no server has started on yet: the job's timer row is made the way a start makes it.
  const before = (await find()) ?? (await job.schedule(tx, realNow), await find());
  if (!before) throw new Error(`任务 ${job.name} 没有定时记录`);
  // The job's usual time of day, on the day asked for; without --day, now.
  const at = day ? instantOf(day, when(before.dueAt, deps.tz).slice(11), deps.tz) : realNow;
  const mark = await lastOutboxId(tx);
  // Without a payload the job serves the run of `at` itself (see each job's onTimer).
  const took = await job.onTimer(tx, { ...before, payload: null } as TimerRow, at);
  if (!took) throw new Error(`任务 ${job.name} 不认自己的定时记录`);
  const added = await outboxAfter(tx, mark);
  await restore(tx, job, before, realNow);
  return { at, added };
}

/** Puts the job's timer back as it was before the run (the run moved it). */
async function restore(tx: Tx, job: SystemJob, before: TimerRow, now: number): Promise<void> {
  if (before.status === 'pending') {
    await scheduleTimer(tx, { channel: before.channel, sender: before.sender, openKfid: before.openKfid, name: before.name, dueAt: before.dueAt, payload: before.payload }, now);
  } else {
    await job.schedule(tx, now);
  }
}

/** One line of what a message says, masked. */
function summary(row: OutboxRow): string {
  const r = row.payload as Reply;
  const text =
    r.type === 'text' ? r.text
    : r.type === 'markdown' || r.type === 'card' ? r.fallback
    : r.type === 'menu' ? r.head
    : r.type === 'file' || r.type === 'image' ? `[${r.type === 'file' ? '文件' : '图片'}] ${r.fileName}`
    : `[${r.type}]`;
  const line = maskText(text).replace(/\s*\n\s*/g, ' / ');
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function mistyped(deps: JobsDeps, message: string): number {
  deps.err(`${message}\n用法：\n${JOBS_USAGE}`);
  return 2;
}

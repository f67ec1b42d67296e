/**
 * `npx shouwang jobs list|run`: every scheduled job of the bot exercised on the demo city (a
 * week of the screening campaign), dry and for real, without disturbing its schedule.
 */
import { expect, it } from 'vitest';
import { runJobsCommand } from '../../../src/bot/jobs/command.js';
import { scheduleJobs, systemJobs } from '../../../src/bot/jobs/index.js';
import { seedDemoCity } from '../../../src/bot/sandbox/index.js';
import { transaction } from '../../../src/persistence/db.js';
import { systemTimers } from '../../../src/persistence/job-timers.js';
import { OutboxSchema } from '../../../src/persistence/schemas/outbox.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';

/** Monday 2026-05-11 09:00 Asia/Shanghai: the campaign's screening weeks. */
const NOW = Date.UTC(2026, 4, 11, 1, 0, 0);

describeEachDatabase('npx shouwang jobs', (db) => {
  async function jobs(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runJobsCommand(args, { db: db.ds(), now: () => NOW, tz: 'Asia/Shanghai', out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }
  const outboxRows = () => orm(db.ds()).getRepository(OutboxSchema).count();
  const timers = () => transaction(db.ds(), (tx) => systemTimers(tx));

  it('lists every job; before any server started, none is scheduled', async () => {
    await seedDemoCity(db.ds(), { now: NOW });
    const r = await jobs('list');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'meeting-agenda（研判会议程，发给各村干部）：尚未排定（服务启动时排定）',
      'weekly-report-draft（周报草稿（附件1、附件6），发给镇街干部）：尚未排定（服务启动时排定）',
      'weekly-report-reminder（周五报送提醒，发给未报送的镇街和村）：尚未排定（服务启动时排定）',
      'lead-deadlines（15天时限提醒，发给负责人和镇街干部）：尚未排定（服务启动时排定）',
      'case-queue（镇街审核、市级审批待办卡片，发给镇街干部和市乡村振兴局）：尚未排定（服务启动时排定）',
    ]);
    // What a server's start does.
    await transaction(db.ds(), (tx) => scheduleJobs(tx, systemJobs(), NOW));
  });

  it.each([
    ['meeting-agenda', '2026-05-14', '2026-05-14 08:10'],
    ['weekly-report-draft', '2026-05-14', '2026-05-14 21:10'],
    ['weekly-report-reminder', '2026-05-15', '2026-05-15 07:10'],
    ['lead-deadlines', '2026-05-11', '2026-05-11 08:20'],
  ])('%s --day %s: a dry run shows who would get what and leaves nothing; the real run writes the same messages once', async (job, day, at) => {
    const dry = await jobs('run', job, '--day', day, '--dry-run');
    expect(dry.code, dry.err.join('\n')).toBe(0);
    const n = Number(new RegExp(`^${job}（.+）按 ${at} 运行：(\\d+) 条消息（演练：没有写入发件箱）$`).exec(dry.out[0] ?? '')?.[1]);
    expect(n, dry.out[0]).toBeGreaterThan(0);
    expect(dry.out.slice(1)).toHaveLength(n);
    for (const line of dry.out.slice(1)) expect(line).toMatch(/^ {2}→ [a-z]+：\S/);
    // Nothing unmasked: no 18-digit ID number or 11-digit phone in what is printed.
    expect(dry.out.join('\n')).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);

    const rows = await outboxRows();
    const schedule = await timers();
    const real = await jobs('run', job, '--day', day);
    expect(real.out[0]).toBe(dry.out[0]!.replace('（演练：没有写入发件箱）', '，已写入发件箱，由运行中的服务发送'));
    expect(real.out.slice(1)).toEqual(dry.out.slice(1));
    expect(await outboxRows()).toBe(rows + n);
    // The job's regular schedule is as it was.
    expect(await timers()).toEqual(schedule);
    // Outbox keys are per run and person: a second run adds nothing.
    expect((await jobs('run', job, '--day', day)).out[0]).toMatch(/运行：0 条消息$/);
    expect(await outboxRows()).toBe(rows + n);
  });

  it('lists the next runs once scheduled; refuses an unknown job, a bad day and a misspelt option', async () => {
    expect((await jobs('list')).out).toContain('lead-deadlines（15天时限提醒，发给负责人和镇街干部）：下次运行 2026-05-12 08:20');
    expect(await jobs('run', 'friday')).toMatchObject({ code: 2, err: [expect.stringMatching(/^没有任务“friday”，可选：meeting-agenda、weekly-report-draft、weekly-report-reminder、lead-deadlines、case-queue\n/)] });
    expect(await jobs('run', 'lead-deadlines', '--day', '2026-02-30')).toMatchObject({ code: 2, err: [expect.stringMatching(/^--day 须为/)] });
    expect(await jobs('run', 'lead-deadlines', '--dryrun')).toMatchObject({ code: 2, err: [expect.stringMatching(/^不认识的选项 --dryrun\n可用的选项：--day <值>、--dry-run、--help/)] });
  });
});

/**
 * `npx shouwang settings …`: what a county office configures — the campaign of a year (milestones,
 * the weekly rhythm, the 15-day limit …), the monitoring line of a year, and the departments'
 * warning thresholds. Every change is validated (Chinese problems, nothing written when invalid) and
 * leaves a history row with who (`--by`), when and why.
 *
 * @example
 *   npx shouwang settings show 2026
 *   npx shouwang settings campaign-template 2026 > 2026.json   # edit, then:
 *   npx shouwang settings campaign 2026.json --by admin
 *   npx shouwang settings line 2026 7300 --by admin
 *   npx shouwang settings threshold 医保 15000 --by admin      # or: threshold 医保 无
 */
import { readFile } from 'node:fs/promises';
import { defaultCampaignOf } from '../domain/campaign.js';
import { DEPARTMENT } from '../domain/catalog.js';
import { parseDepartment } from '../domain/staff.js';
import { ConfigWriteError, getCampaign, getMonitoringLines, saveCampaign, setMonitoringLine } from '../persistence/campaigns.js';
import { openDatabase } from '../persistence/data-source.js';
import { transaction } from '../persistence/db.js';
import { getWarningThresholds, setWarningThreshold, WarningThresholdError } from '../persistence/warnings.js';

export const SETTINGS_USAGE = `  settings show [年份]                        查看某年排查活动设置、各年监测标准、部门预警门槛
  settings campaign-template [年份]           打印某年排查活动设置（JSON，可修改后导入）
  settings campaign <文件.json> [--by 账号]   保存排查活动设置（时间节点、研判会和报送时间、15天时限等）
  settings line <年份> <元> [--by 账号]       设定某年监测标准（人均纯收入，元/人/年）
  settings threshold <部门> <元|无> [--by 账号] 设定部门预警门槛（低于门槛的预警只登记不生成线索）`;

export interface SettingsContext {
  databaseUrl: string;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Runs the settings command; returns the exit code (0 done, 1 refused, 2 mistyped). */
export async function runSettingsCommand(argv: readonly string[], ctx: SettingsContext): Promise<number> {
  const byAt = argv.indexOf('--by');
  const by = byAt >= 0 ? argv[byAt + 1] : undefined;
  if (byAt >= 0 && !by) return mistyped(ctx, '--by 后面请写操作人的企业微信账号');
  const args = byAt >= 0 ? [...argv.slice(0, byAt), ...argv.slice(byAt + 2)] : [...argv];
  const [what, ...rest] = args;
  const year = (s: string | undefined) => (s === undefined ? new Date(ctx.now()).getFullYear() : /^\d{4}$/.test(s) ? Number(s) : NaN);
  const meta = { actor: by ?? 'settings', at: ctx.now(), reason: '命令行修改设置' };

  if (what === 'campaign-template') {
    const y = year(rest[0]);
    if (Number.isNaN(y)) return mistyped(ctx, `年份应为4位数字：${rest[0]}`);
    return withDb(ctx, async (db) => {
      ctx.out(json((await transaction(db, (tx) => getCampaign(tx, y))) ?? defaultCampaignOf(y)));
      return 0;
    });
  }
  if (what === 'show') {
    const y = year(rest[0]);
    if (Number.isNaN(y)) return mistyped(ctx, `年份应为4位数字：${rest[0]}`);
    return withDb(ctx, (db) =>
      transaction(db, async (tx) => {
        const stored = await getCampaign(tx, y);
        const c = stored ?? defaultCampaignOf(y);
        ctx.out(`${c.name}${stored ? '' : '（未单独设置，按2022年方案的时间节点顺延）'}`);
        ctx.out(`  动员部署 ${c.milestones.mobilization}；集中排查 ${c.milestones.screening}；回退/清退书面申请 ${c.milestones.rollbackRequests}；修正 ${c.milestones.corrections} 24时；市级核查 ${c.milestones.cityCheck.from}至${c.milestones.cityCheck.to}；总结 ${c.milestones.summary}`);
        ctx.out(`  收入统计年度 ${c.incomeYear}`);
        ctx.out(`  监测标准：${(await getMonitoringLines(tx)).map((l) => `${l.year}年 ${l.line}元`).join('，')}`);
        const t = await getWarningThresholds(tx);
        const lines = DEPARTMENT.codes.filter((d) => t[d]).map((d) => `${DEPARTMENT.label[d]} ${t[d]!.amountLabel}≥${t[d]!.minYuan}元`);
        ctx.out(`  部门预警门槛：${lines.length ? lines.join('，') : '无（每条预警都生成线索）'}`);
        return 0;
      }),
    );
  }
  if (what === 'campaign') {
    const file = rest[0];
    if (!file) return mistyped(ctx, '请给出设置文件（JSON），可先用 settings campaign-template 生成');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      ctx.err(`读不了设置文件 ${file}：${e instanceof SyntaxError ? '不是有效的 JSON' : e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    return withDb(ctx, (db) => refused(ctx, async () => report(ctx, await transaction(db, (tx) => saveCampaign(tx, input, meta)))));
  }
  if (what === 'line') {
    const y = year(rest[0]);
    const amount = Number(rest[1]);
    if (rest.length !== 2 || Number.isNaN(y) || !Number.isFinite(amount)) return mistyped(ctx, '用法：settings line <年份> <元>，如 settings line 2026 7300');
    return withDb(ctx, (db) => refused(ctx, async () => report(ctx, await transaction(db, (tx) => setMonitoringLine(tx, y, amount, meta)))));
  }
  if (what === 'threshold') {
    const dept = rest[0] ? parseDepartment(rest[0]) : null;
    if (!dept || !dept.ok || rest.length !== 2) return mistyped(ctx, dept && !dept.ok ? dept.message : '用法：settings threshold <部门> <元|无>，如 settings threshold 医保 15000');
    const none = ['无', '不设', 'none'].includes(rest[1]!);
    const amount = Number(rest[1]);
    if (!none && !(Number.isFinite(amount) && amount > 0)) return mistyped(ctx, `门槛应为正数（元）或“无”：${rest[1]}`);
    return withDb(ctx, (db) =>
      refused(ctx, async () =>
        report(
          ctx,
          await transaction(db, async (tx) => {
            const label = (await getWarningThresholds(tx))[dept.value]?.amountLabel ?? '金额';
            return setWarningThreshold(tx, dept.value, none ? null : { minYuan: amount, amountLabel: label }, meta);
          }),
        ),
      ),
    );
  }
  return mistyped(ctx, what ? `未知的设置项：${what}` : '请写明要做什么');
}

function report(ctx: SettingsContext, changed: boolean): number {
  ctx.out(changed ? '已保存，并记入变更记录。' : '与现有设置相同，未做改动。');
  return 0;
}

async function refused(ctx: SettingsContext, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ConfigWriteError || e instanceof WarningThresholdError)) throw e;
    ctx.err(`设置有误，未保存：\n${e.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
}

function mistyped(ctx: SettingsContext, message: string): number {
  ctx.err(`${message}\n${SETTINGS_USAGE}`);
  return 2;
}

async function withDb(ctx: SettingsContext, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<number>): Promise<number> {
  const db = await openDatabase(ctx.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The command line: `npx shouwang <command>` (SPEC.md §4). Every command's options are checked
 * here with node:util parseArgs in strict mode before it runs — an unknown or misspelt option is
 * refused with the valid ones — and every command answers `--help`. `.env` is read as at start.
 */
import { loadConfig, loadEnvFile, ConfigError } from './bot/config.js';
import { describeOptions, parseOptions, type OptionSpec } from './bot/cli-args.js';
import { openDatabase } from './persistence/data-source.js';
import { useTimeZone } from './domain/calendar.js';
import { describeSchema, migrateUnderLock, schemaState } from './persistence/migrate.js';
import { IMPORT_USAGE, runImportCommand } from './bot/import/command.js';
import { EXPORT_OPTIONS, EXPORT_USAGE, runExportCommand } from './bot/official/export-command.js';
import { runSettingsCommand, SETTINGS_USAGE } from './bot/settings-command.js';
import { CHECK_OPTIONS, CHECK_USAGE, runCheckCommand } from './bot/quality/check-command.js';
import { JOBS_OPTIONS, JOBS_USAGE, runJobsCommand } from './bot/jobs/command.js';

const USAGE = `用法：npx shouwang <命令> [选项]（每个命令都可加 --help）
  migrate                                   执行数据库迁移（发布步骤；多实例同时执行也只迁移一次）
  migrate --status                          只查看数据库结构是否最新
  seed-demo                                 载入演示城市（沙盒数据）
  ${IMPORT_USAGE}
  export <表> --scope <city|town|village> [--place <名称>] [--week YYYY-Www] --out <文件.xlsx>   导出表格（附件1–附件6）
${CHECK_USAGE}
${SETTINGS_USAGE}
${JOBS_USAGE}`;

interface Command {
  options: OptionSpec;
  usage: string;
  run: (args: string[], config: ReturnType<typeof loadConfig>) => Promise<number>;
}

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

const COMMANDS: Record<string, Command> = {
  migrate: { options: { values: [], switches: ['status'], positionals: 0 }, usage: 'migrate [--status]', run: (args, c) => migrate(c.databaseUrl, args.includes('--status')) },
  'seed-demo': { options: { values: [], positionals: 0 }, usage: 'seed-demo', run: (_, c) => seedDemo(c.databaseUrl) },
  import: {
    options: { values: ['by', 'department', 'report-dir', 'id-regions'], positionals: 2 },
    usage: IMPORT_USAGE,
    run: (args, c) => runImportCommand(args, { databaseUrl: c.databaseUrl, now: Date.now, tz: c.tzName, out: io.out }),
  },
  export: { options: EXPORT_OPTIONS, usage: EXPORT_USAGE.replace(/^用法：npx shouwang /, ''), run: (args, c) => runExportCommand(args, { databaseUrl: c.databaseUrl, now: Date.now, ...io }) },
  check: { options: CHECK_OPTIONS, usage: CHECK_USAGE.trim(), run: (args, c) => runCheckCommand(args, { databaseUrl: c.databaseUrl, now: Date.now, ...io }) },
  settings: { options: { values: ['by'], positionals: 3 }, usage: SETTINGS_USAGE, run: (args, c) => runSettingsCommand(args, { databaseUrl: c.databaseUrl, now: Date.now, ...io }) },
  jobs: { options: JOBS_OPTIONS, usage: JOBS_USAGE, run: (args, c) => runJobsCommand(args, { databaseUrl: c.databaseUrl, now: Date.now, tz: c.tzName, ...io }) },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`未知命令：${name}\n${USAGE}`);
    return 2;
  }
  const parsed = parseOptions(args, command.options);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n用法：npx shouwang ${command.usage.trim()}`);
    return 2;
  }
  if (parsed.switches.has('help')) {
    console.log(`用法：npx shouwang ${command.usage.trim()}\n选项：${describeOptions(command.options)}`);
    return 0;
  }
  loadEnvFile();
  const config = loadConfig(process.env, { failClosed: false });
  useTimeZone(config.tzName);
  return command.run(args, config);
}

/** Applies pending migrations under the database lock (or, with --status, only tells). */
async function migrate(url: string, statusOnly: boolean): Promise<number> {
  const ds = await openDatabase(url, { migrate: false });
  try {
    const before = await schemaState(ds);
    if (statusOnly) {
      console.log(describeSchema(before));
      return before.pending.length > 0 ? 1 : 0;
    }
    const done = await migrateUnderLock(ds);
    console.log(done.length === 0 ? '数据库已是最新，无需迁移。' : `已执行 ${done.length} 个迁移：${done.join('，')}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

async function seedDemo(url: string): Promise<number> {
  // The demo city is sandbox code: loaded only for this command.
  const { seedDemoCity, SeedRefusedError } = await import('./bot/sandbox/index.js');
  const ds = await openDatabase(url, { migrate: false });
  try {
    await migrateUnderLock(ds);
    const r = await seedDemoCity(ds, { now: Date.now() });
    console.log(
      r.status === 'seeded'
        ? `已载入演示城市“示范市”：${r.regions} 个区划，${r.staff} 名工作人员，${r.households} 户（${r.campaign} 年排查活动）。所有人名和身份证号都是虚构的。`
        : '演示城市“示范市”已在库中，未做改动。',
    );
    return 0;
  } catch (e) {
    if (!(e instanceof SeedRefusedError)) throw e;
    console.error(e.message);
    return 1;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `出错了：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

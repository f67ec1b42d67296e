/**
 * The command line: `npx shouwang <command>` (SPEC.md §4).
 */
import { loadConfig, ConfigError } from './bot/config.js';
import { openDatabase } from './persistence/data-source.js';
import { runImportCommand } from './bot/import/command.js';
import { seedDemoCity, SeedRefusedError } from './bot/sandbox/index.js';
import { runExportCommand } from './bot/official/export-command.js';
import { runSettingsCommand, SETTINGS_USAGE } from './bot/settings-command.js';
import { CHECK_USAGE, runCheckCommand } from './bot/quality/check-command.js';

const USAGE = `用法：npx shouwang <命令>
  migrate                                   执行数据库迁移
  seed-demo                                 载入演示城市（沙盒数据）
  import households|staff|warnings|facts <文件>   导入户籍花名册 / 人员名单 / 部门预警 / 部门名单（家庭情况）（xlsx 或 csv；--report-dir 报告目录）
  import regions <文件>                     导入区划（市/镇街/行政村/网格，代码与别名）
  export <表> --scope <city|town|village> [--place <名称>] [--week YYYY-Www] --out <文件.xlsx>   导出表格（附件1–附件6）
${CHECK_USAGE}
${SETTINGS_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const ds = await openDatabase(config.databaseUrl, { migrate: false });
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(done.length === 0 ? '数据库已是最新，无需迁移。' : `已执行 ${done.length} 个迁移：${done.map((m) => m.name).join('，')}`);
      await ds.destroy();
      return 0;
    }
    case 'import':
      return runImportCommand(argv.slice(1), { databaseUrl: config.databaseUrl, now: Date.now, tz: config.tzName, out: (line) => console.log(line) });
    case 'seed-demo': {
      const ds = await openDatabase(config.databaseUrl);
      try {
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
    case 'export':
      return runExportCommand(argv.slice(1), { databaseUrl: config.databaseUrl, now: Date.now, out: (line) => console.log(line), err: (line) => console.error(line) });
    case 'check':
      return runCheckCommand(argv.slice(1), { databaseUrl: config.databaseUrl, now: Date.now, out: (line) => console.log(line), err: (line) => console.error(line) });
    case 'settings':
      return runSettingsCommand(argv.slice(1), { databaseUrl: config.databaseUrl, now: Date.now, out: (line) => console.log(line), err: (line) => console.error(line) });
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`未知命令：${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `出错了：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formArg, runExportCommand } from '../../../src/bot/official/export-command.js';
import { officialData } from '../../../src/bot/flow-data/official.js';
import { PROGRESS_COLUMNS } from '../../../src/domain/progress-columns.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { readXlsx } from '../../helpers/xlsx.js';
import { ACTORS, GJB, T0 } from './fixtures.js';
import { seedCity } from './seed.js';

const dir = mkdtempSync(join(tmpdir(), 'shouwang-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  ['附件1', 'attachment1'],
  ['form6', 'attachment6'],
  ['attachment3', 'attachment3'],
  ['附件五', 'attachment5'],
  ['2', 'attachment2'],
  ['附件7', null],
  ['进度表', null],
  [undefined, null],
])('the form “%s” is %s', (arg, form) => {
  expect(formArg(arg)).toBe(form);
});

describeEachDatabase('npx shouwang export', (db) => {
  const lines: string[] = [];
  const errors: string[] = [];
  const run = (...args: string[]) => runExportCommand(args, { db: db.ds(), now: () => T0, out: (l) => lines.push(l), err: (l) => errors.push(l) });

  beforeAll(async () => {
    await seedCity(db.ds());
  });

  it('writes a town’s 附件1 for a week, with the numbers the chat answers', async () => {
    const out = join(dir, `${db.engine}-gjb.xlsx`);
    expect(await run('附件1', '--scope', 'town', '--place', '高家堡', '--week', '2022-W19', '--out', out)).toBe(0);
    expect(lines.at(-1)).toBe(`已导出附件1（高家堡镇，截至2022-05-13）：${out}`);
    const sheet = (await readXlsx(readFileSync(out))).sheet('进度统计表');
    const r = sheet.findRow(2, '小计');
    const answer = await officialData(db.ds(), ACTORS.town).progress(GJB, Date.UTC(2022, 4, 13, 2, 0));
    if (!answer.ok) throw new Error('refused');
    expect(sheet.row(r).slice(2, 2 + PROGRESS_COLUMNS.length)).toEqual(PROGRESS_COLUMNS.map((c) => c.value(answer.value.total.row)));
  });

  it('the city, a village by code, and today by default', async () => {
    expect(await run('附件6', '--scope', 'city', '--out', join(dir, `${db.engine}-city.xlsx`))).toBe(0);
    expect(lines.at(-1)).toMatch(/^已导出附件6（神木市，截至2022-05-12）/);
    expect(await run('form3', '--scope=village:610821101201', '--out', join(dir, `${db.engine}-v.xlsx`))).toBe(0);
    expect(lines.at(-1)).toMatch(/^已导出附件3（高家堡镇凉水井村，截至2022-05-12）/);
  });

  it.each([
    [['附件9', '--scope', 'city', '--out', 'x.xlsx'], '不认识的表“附件9”，可填 附件1 到 附件6'],
    [['附件1', '--scope', 'county', '--out', 'x.xlsx'], '--scope 须为 city、town 或 village'],
    [['附件1', '--scope', 'city', '--out', 'x.csv'], '--out 须为 .xlsx 文件'],
    [['附件1', '--scope', 'city', '--week', '2022-19', '--out', 'x.xlsx'], '--week 须为“2022-W19”这样的周（收到“2022-19”）'],
    [['附件1', '--scope', 'town', '--out', 'x.xlsx'], '请用 --place 指明是哪个镇街'],
    [['附件1', '--scope', 'village', '--place', '新村', '--out', 'x.xlsx'], '“新村”有2个：新村（610821101202）、新村（610821102201），请写全名或代码'],
    [['附件1', '--scope', 'town', '--place', '北京', '--out', 'x.xlsx'], '没有找到镇街“北京”'],
    [['附件1', '--scope'], '--scope 后面缺少值'],
    // A misspelt option is refused, not ignored (it once exported the wrong week).
    [['附件1', '--scope', 'city', '--weak', '2022-W19', '--out', 'x.xlsx'], '不认识的选项 --weak'],
  ])('refuses %j clearly', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(errors.at(-1)?.split('\n')[0]).toBe(message);
  });
});

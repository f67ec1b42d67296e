import { beforeAll, expect, it } from 'vitest';
import { CHECK_USAGE, NOT_CHECKED, runCheckCommand } from '../../../src/bot/quality/check-command.js';
import { DEFAULT_CAMPAIGN_2022 } from '../../../src/domain/campaign.js';
import { PROBLEM_CATEGORY } from '../../../src/domain/catalog.js';
import type { Problem } from '../../../src/domain/problem.js';
import { historyOf } from '../../../src/persistence/case-history.js';
import { keptScreenedRow, screenedWindowKept } from '../../../src/persistence/screened-households.js';
import { saveScreening } from '../../../src/persistence/screenings.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import type { ScreeningRecord } from '../../../src/domain/screening.js';
import { transaction } from '../../../src/persistence/db.js';
import { problemsInRegion, rectifyProblemRecord } from '../../../src/persistence/problems.js';
import { at } from '../../helpers/casework.js';
import { orm, describeEachDatabase } from '../../helpers/db.js';
import { DEMO } from '../../helpers/regions.js';
import { BAD_ID, DIRTY, GAPS, HOUSEHOLDS, ID, seedDirtyRegister, type Expected, type Seeded } from './seed.js';

const MAY20 = at('2022-05-20', 10);

describeEachDatabase('npx shouwang check', (db) => {
  let seeded: Seeded;
  let expected: Expected[];
  const run = async (now: number, ...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    // Four households a page: the eleven of the register take three pages.
    const code = await runCheckCommand(args, { db: db.ds(), now: () => now, out: (l) => out.push(...l.split('\n')), err: (l) => err.push(l), pageSize: 4 });
    return { code, out, err: err.join('\n') };
  };
  const count = async (table: string) => Number(((await orm(db.ds()).query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: unknown }>)[0]?.n);
  const problems = () => transaction(db.ds(), (tx) => problemsInRegion(tx, { level: 'city', code: DEMO.city }));
  const codeOf = (p: Problem) => [...seeded.ids].find(([, id]) => id === p.householdId)?.[0];
  const findingLines = (out: string[]) => out.filter((l) => l.startsWith('    ['));
  const line = (e: Expected) => `    [${e.household}] ${e.text}`;
  /** The 数据缺口 lines of the report, under the village heading they follow. */
  const gapsByVillage = (out: string[]) => {
    const gaps: Record<string, string[]> = {};
    let village = '';
    for (const l of out) {
      const heading = /^ {2}([^ ：]+)：/.exec(l);
      if (heading) village = heading[1] as string;
      if (l.startsWith('    数据缺口：')) gaps[village] = [...(gaps[village] ?? []), l.slice('    数据缺口：'.length)];
    }
    return gaps;
  };

  beforeAll(async () => {
    seeded = await seedDirtyRegister(db.ds());
    expected = DIRTY.filter((e) => !e.sqliteOnly || seeded.duplicateStored);
  });

  it('the register refuses a duplicated ID number on MariaDB; on SQLite a lower-case x slips past its unique index', () => {
    expect(seeded.duplicateStored).toBe(db.engine === 'sqlite');
  });

  it('dry run: reports every finding by town → village with IDs masked, counts by category, writes nothing', async () => {
    const [problemsBefore, historyBefore] = [await count('problem'), await count('history')];
    const r = await run(MAY20);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out[0]).toBe(`数据质量检查：神木市，2022-05-20（${DEFAULT_CAMPAIGN_2022.name}：收入年度2021年，监测标准6700元，纳入满6个月方可风险消除）`);
    expect(findingLines(r.out)).toEqual(expected.map(line));
    // Town, then its villages with their household and finding counts, then the findings.
    const village = (codes: string[]) => expected.filter((e) => codes.includes(e.household));
    const lsj = village(['H02', 'H03', 'H04', 'H05', 'H06', 'H07']);
    const heading = (name: string, es: Expected[]) => `  ${name}：${new Set(es.map((e) => e.household)).size} 户 ${es.length} 条`;
    expect(r.out.filter((l) => !l.startsWith('    '))).toEqual(
      expect.arrayContaining(['高家堡镇', heading('凉水井村', lsj), '店塔镇', heading('新村', village(['H11'])), heading('高家堡村', village(['H08']))]),
    );
    expect(r.out.indexOf('店塔镇')).toBeGreaterThan(r.out.indexOf(line(lsj.at(-1) as Expected)));
    const byCategory = PROBLEM_CATEGORY.codes
      .map((c) => [PROBLEM_CATEGORY.label[c], expected.filter((e) => e.category === c).length] as const)
      .filter(([, n]) => n > 0)
      .map(([label, n]) => `${label} ${n} 条`);
    expect(r.out).toContain(`按问题类型（附件6）：${byCategory.join('；')}`);
    expect(r.out).toContain(`合计：${expected.length} 条问题，涉及 ${new Set(expected.map((e) => e.household)).size} 户；共检查 ${HOUSEHOLDS.length} 户。`);
    expect(r.out).toEqual(expect.arrayContaining(NOT_CHECKED.map((t) => `  - ${t}`)));
    // Missing data is a gap reported once per village, not a problem per household.
    expect(gapsByVillage(r.out)).toEqual(Object.fromEntries(Object.entries(GAPS).map(([v, text]) => [v, [text]])));
    expect(r.out).toContain('数据缺口：3 个村有未登记的信息（见各村“数据缺口”），不登记为问题。');
    expect(r.out.at(-1)).toBe('以上为预览，未写入。加 --open 登记到问题清单（附件6）。');
    expect(r.out).toContain('家庭人口计数：与成员表一致');
    expect(r.out).toContain('集中排查对象计数：与排查记录一致');
    // No full ID number or phone on screen; the masked ones are there.
    const text = r.out.join('\n');
    for (const id of [...HOUSEHOLDS.flatMap((h) => h.members.map((m) => m.idNumber)), BAD_ID, ID.wangDashan.toLowerCase()]) expect(text).not.toContain(id);
    expect(text).not.toContain('13812345678');
    expect(text).toContain('6108**********');
    expect([await count('problem'), await count('history')]).toEqual([problemsBefore, historyBefore]);
  });

  it('a village on its own: only its households', async () => {
    const r = await run(MAY20, '--scope', 'village', '--place', '凉水井村');
    expect(r.code).toBe(0);
    const inLsj = HOUSEHOLDS.filter((h) => h.placement.villageCode === DEMO.lsj).map((h) => h.code);
    expect(findingLines(r.out)).toEqual(expected.filter((e) => inLsj.includes(e.household)).map(line));
    expect(r.out.find((l) => l.startsWith('合计'))).toMatch(new RegExp(`共检查 ${inLsj.length} 户。$`));
  });

  it('--open: one problem per finding, with its category, responsible, deadline and history; the village nobody answers for is counted, not opened', async () => {
    const r = await run(MAY20, '--open', '--by', 'county01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('集中排查对象计数：已按排查记录建立2022年统计窗口（2022-04-25起）的按户计数');
    expect(findingLines(r.out)).toEqual(expected.map(line));
    const placed = expected.filter((e) => e.responsible !== null);
    const deadline = DEFAULT_CAMPAIGN_2022.milestones.corrections;
    expect(r.out.at(-1)).toBe(`已登记到问题清单：新立 ${placed.length} 条，已在整改中 0 条，${expected.length - placed.length} 条因所在村没有在册的网格员或村干部未登记（新村）。完成时限 ${deadline}，发现人 county01。`);
    const rows = await problems();
    expect(rows.map((p) => ({ household: codeOf(p), text: p.description, category: p.category, responsible: p.responsible }))).toEqual(
      placed.map((e) => ({ household: e.household, text: e.text, category: e.category, responsible: e.responsible })),
    );
    for (const p of rows) {
      expect(p).toMatchObject({ status: 'open', source: 'check', deadline, foundOn: '2022-05-20', foundBy: 'county01', measure: '核实情况，补正数据或落实整改' });
      const h = HOUSEHOLDS.find((x) => x.code === codeOf(p));
      expect(p.placement).toEqual(h?.placement);
      const history = await transaction(db.ds(), (tx) => historyOf(tx, 'problem', p.id as number));
      expect(history.map((x) => [x.actor, x.at, x.reason])).toEqual([['county01', MAY20, `发现问题：${PROBLEM_CATEGORY.label[p.category]}`]]);
    }
  });

  it('--open builds the counts of the screened households of the day\'s campaign once, when no answer has', async () => {
    const r = await run(at('2022-05-21', 9), '--open', '--by', 'county01');
    expect(r.out).not.toContain('集中排查对象计数：已按排查记录建立2022年统计窗口（2022-04-25起）的按户计数');
    expect(await transaction(db.ds(), (tx) => screenedWindowKept(tx, '2022', '2022-04-25'))).toBe(true);
  });

  it('a second run opens nothing new', async () => {
    const [problemsBefore, historyBefore] = [await count('problem'), await count('history')];
    const r = await run(at('2022-05-21', 9), '--open', '--by', 'county01');
    const placed = expected.filter((e) => e.responsible !== null).length;
    expect(r.out.at(-1)).toBe(`已登记到问题清单：新立 0 条，已在整改中 ${placed} 条，${expected.length - placed} 条因所在村没有在册的网格员或村干部未登记（新村）。`);
    expect([await count('problem'), await count('history')]).toEqual([problemsBefore, historyBefore]);
  });

  it('a problem closed while the data stays wrong is found again, after the 信息修正 day with a week to fix it', async () => {
    const h05 = (await problems()).find((p) => codeOf(p) === 'H05') as Problem;
    await transaction(db.ds(), (tx) => rectifyProblemRecord(tx, h05.id as number, { what: '已核实', by: 'wangwu', at: at('2022-06-08'), dataCorrected: false }));
    const r = await run(at('2022-06-10', 9), '--open');
    expect(r.out.at(-1)).toMatch(/^已登记到问题清单：新立 1 条，.*完成时限 2022-06-17，发现人 system:check。$/);
    const again = (await problems()).filter((p) => codeOf(p) === 'H05');
    expect(again.map((p) => [p.status, p.deadline, p.foundBy])).toEqual([['rectified', DEFAULT_CAMPAIGN_2022.milestones.corrections, 'county01'], ['open', '2022-06-17', 'system:check']]);
  });

  it('finds a household whose kept 家庭人口 differs from its members; --open counts it again', async () => {
    const id = seeded.ids.get('H02') as number;
    const people = async () => Number(((await orm(db.ds()).query('SELECT people FROM households WHERE id = ?', [id])) as Array<{ people: unknown }>)[0]?.people);
    const members = Number(((await orm(db.ds()).query('SELECT COUNT(*) AS n FROM members WHERE household_id = ? AND left_on IS NULL', [id])) as Array<{ n: unknown }>)[0]?.n);
    expect(await people()).toBe(members);
    await orm(db.ds()).query('UPDATE households SET people = ? WHERE id = ?', [members + 7, id]);
    const dry = await run(at('2022-06-10', 9));
    expect(dry.out).toContain('家庭人口计数：1 户与成员表不一致，统计会因此不准，加 --open 按成员表重算');
    expect(await people()).toBe(members + 7);
    const fixed = await run(at('2022-06-10', 9), '--open');
    expect(fixed.out).toContain('家庭人口计数：已按成员表重算 1 户');
    expect(await people()).toBe(members);
  });

  it('finds a register counter that differs from the households; --open counts the register again', async () => {
    const id = seeded.ids.get('H03') as number;
    const [h] = (await orm(db.ds()).query('SELECT village_code, grid_code, type FROM households WHERE id = ?', [id])) as Array<Record<string, string | null>>;
    const cell = [h!.village_code, h!.grid_code ?? '', h!.type];
    const counter = async () => ((await orm(db.ds()).query('SELECT households, people FROM register_count WHERE village_code = ? AND grid_code = ? AND type = ?', cell)) as Array<Record<string, unknown>>).map((r) => [Number(r.households), Number(r.people)]);
    expect((await run(at('2022-06-10', 9))).out).toContain('户数和人口计数：与户籍花名册一致');
    const [right] = await counter();
    await orm(db.ds()).query('UPDATE register_count SET households = households + 1, people = people + 4 WHERE village_code = ? AND grid_code = ? AND type = ?', cell);
    const dry = await run(at('2022-06-10', 9));
    expect(dry.out).toContain('户数和人口计数：1 个分组计数与户籍花名册不一致，统计会因此不准，加 --open 按户籍花名册重算');
    expect(await counter()).toEqual([[right![0]! + 1, right![1]! + 4]]);
    const fixed = await run(at('2022-06-10', 9), '--open');
    expect(fixed.out).toContain('户数和人口计数：1 个分组计数与户籍花名册不一致，已按户籍花名册重算');
    expect(await counter()).toEqual([right]);
    expect((await run(at('2022-06-10', 9))).out).toContain('户数和人口计数：与户籍花名册一致');
  });

  it('finds a kept screened household that differs from the screening records; --open builds its campaign again', async () => {
    const id = seeded.ids.get('H02') as number;
    const [h] = (await orm(db.ds()).query('SELECT city_code, town_code, village_code, grid_code, people FROM households WHERE id = ?', [id])) as Array<Record<string, string | null>>;
    const placement = { cityCode: h!.city_code!, townCode: h!.town_code!, villageCode: h!.village_code!, gridCode: h!.grid_code ?? null };
    await transaction(db.ds(), async (tx) => {
      const record = { campaign: '2022', householdId: id, placement, screener: 'g1', at: at('2022-05-12', 9), remark: '', form: 'general', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } } as ScreeningRecord;
      await saveScreening(tx, record, DEFAULT_LEAD_CONFIG);
    });
    const kept = () => transaction(db.ds(), (tx) => keptScreenedRow(tx, '2022', id));
    // The earlier --open runs built the window of the day's campaign.
    expect(await transaction(db.ds(), (tx) => screenedWindowKept(tx, '2022', '2022-04-25'))).toBe(true);
    expect(await kept()).toMatchObject({ people: Number(h!.people), firstDay: '2022-05-12' });
    expect((await run(at('2022-06-10', 9))).out).toContain('集中排查对象计数：与排查记录一致');
    await orm(db.ds()).query('UPDATE screened_household SET people = people + 5 WHERE household_id = ?', [id]);
    await orm(db.ds()).query('UPDATE screened_count SET people = people + 5 WHERE village_code = ? AND first_day = ?', [placement.villageCode, '2022-05-12']);
    const dry = await run(at('2022-06-10', 9));
    expect(dry.out).toContain('集中排查对象计数：2022年有 1 户、1 个分组计数与排查记录不一致，统计会因此不准，加 --open 按排查记录重建');
    expect(await kept()).toMatchObject({ people: Number(h!.people) + 5 });
    const fixed = await run(at('2022-06-10', 9), '--open');
    expect(fixed.out).toContain('集中排查对象计数：2022年有 1 户、1 个分组计数与排查记录不一致，已按排查记录重建');
    expect(await kept()).toMatchObject({ people: Number(h!.people), firstDay: '2022-05-12' });
    expect((await run(at('2022-06-10', 9))).out).toContain('集中排查对象计数：与排查记录一致');
  });

  it.each([
    [['--scope', 'county'], 2, '--scope 须为 city、town 或 village'],
    [['--scope', 'village', '--place', '新村'], 2, '“新村”有2个：新村（610821101202）、新村（610821102201），请写全名或代码'],
    [['--scope', 'town', '--place', '北京'], 2, '没有找到镇街“北京”'],
    [['--day', '2022-02-30'], 2, '--day 须为“2022-05-20”这样的日期（收到“2022-02-30”）'],
    [['--open', '--day', '2022-05-01'], 2, '加 --open 时按今天（2022-05-20）检查，--day 请省略'],
    [['--frob', 'x'], 2, '不认识的选项 --frob'],
    [['town'], 2, '多余的参数：“town”'],
    [['--by'], 2, '--by 后面缺少值'],
    [['--day', '2026-05-20'], 1, '还没有设定2026年的监测标准，请先设定：npx shouwang settings line 2026 <元>'],
  ])('refuses %j (exit %i)', async (args, code, message) => {
    const before = await count('problem');
    const r = await run(MAY20, ...args);
    expect(r.code).toBe(code);
    expect(r.err.split('\n')[0]).toBe(message);
    if (code === 2) expect(r.err).toContain(CHECK_USAGE.trim().split('   ')[0]);
    expect(await count('problem')).toBe(before);
  });
});

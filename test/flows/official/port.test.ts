import { beforeAll, expect, it } from 'vitest';
import { officialCommands } from '../../../src/bot/commands/official.js';
import { officialData } from '../../../src/bot/flow-data/official.js';
import { PROGRESS_COLUMNS } from '../../../src/domain/progress-columns.js';
import type { Answer, OfficialData } from '../../../src/flows/official/data.js';
import { DEFAULT_LEAD_CONFIG } from '../../../src/domain/lead.js';
import { saveHouseholds } from '../../../src/persistence/household-writes.js';
import { saveScreening } from '../../../src/persistence/screenings.js';
import { at } from '../../helpers/casework.js';
import { idNumber, member } from '../../helpers/people.js';
import type { Actor } from '../../../src/flows/types.js';
import { transaction } from '../../../src/persistence/db.js';
import { describeEachDatabase } from '../../helpers/db.js';
import { readXlsx } from '../../helpers/xlsx.js';
import { ACTORS, CITY, DT, GJB, GJB_XC, LSJ, LZ, LZ_SQ, T0 } from './fixtures.js';
import { seedCity } from './seed.js';

const ok = <T>(a: Answer<T> | { ok: false; reason: string }): T => {
  if (!a.ok) throw new Error(`refused: ${a.reason}`);
  return a.value;
};

describeEachDatabase('the official read port on stored records', (db) => {
  const port = (actor: Actor): OfficialData => officialData(db.ds(), actor);
  beforeAll(async () => {
    await seedCity(db.ds());
  });

  it('knows the map and each asker’s own place', async () => {
    const map = await port(ACTORS.town).officialMap();
    expect(map.regions.map((r) => r.code)).toContain(LSJ);
    expect(map.home).toEqual({ level: 'town', code: GJB, name: '高家堡镇', label: '高家堡镇' });
    expect((await port(ACTORS.cadre).officialMap()).home).toMatchObject({ level: 'village', label: '高家堡镇凉水井村' });
    expect((await port(ACTORS.grid).officialMap()).home).toBeNull();
    expect((await port(ACTORS.department).officialMap()).home).toBeNull();
  });

  it('answers a town’s 附件1 numbers from the records, with its villages', async () => {
    const v = ok(await port(ACTORS.town).progress(GJB, T0));
    expect(v.reportDay).toBe('2022-05-12');
    expect(v.total.roster).toEqual({ households: 5, people: 16 });
    expect(v.total.row).toMatchObject({
      level: 'town', screened: { households: 3, people: 9 }, screenedAlleviated: { households: 1, people: 3 }, screenedSubjects: { households: 1, people: 2 },
      includedMarginal: { households: 1, people: 2 }, includedCovid: { households: 1, people: 2 }, problemsFound: 1, problemsRectified: 0, staff: 2,
    });
    expect(v.parts.map((p) => [p.place.name, p.row.screened.households, p.roster.households])).toEqual([['凉水井村', 3, 4], ['新村', 0, 1]]);
    expect(v.grids).toEqual([]);
  });

  it('a village lists its grids’ coverage from the same screenings', async () => {
    const v = ok(await port(ACTORS.cadre).progress(LSJ, T0));
    expect(v.total.row.screened).toEqual({ households: 3, people: 9 });
    expect(v.grids).toEqual([
      { code: `${LSJ}-01`, name: '凉水井一网格', screened: 2, roster: 2 },
      { code: `${LSJ}-02`, name: '凉水井二网格', screened: 1, roster: 2 },
    ]);
  });

  it('lists a village’s households not screened in the window: the complement of the progress numbers, by grid', async () => {
    const progress = ok(await port(ACTORS.cadre).progress(LSJ, T0));
    const v = ok(await port(ACTORS.cadre).unscreened(LSJ, T0));
    expect(v.reportDay).toBe('2022-05-12');
    expect(v.grids.map((g) => [g.name, g.headNames.length])).toEqual(progress.grids.filter((g) => g.roster > g.screened).map((g) => [g.name, g.roster - g.screened]));
    expect(v.grids.flatMap((g) => g.headNames)).toHaveLength(progress.total.roster.households - progress.total.row.screened.households);
    expect(ok(await port(ACTORS.town).unscreened(GJB_XC, T0)).grids.flatMap((g) => g.headNames)).toHaveLength(1);
    // Only villages; only within the jurisdiction.
    expect(await port(ACTORS.town).unscreened(GJB, T0)).toEqual({ ok: false, reason: 'not_found' });
    expect(await port(ACTORS.cadre).unscreened(GJB_XC, T0)).toEqual({ ok: false, reason: 'out_of_jurisdiction' });
  });

  it('the xlsx 附件1 carries exactly the numbers of the answer (one calculation)', async () => {
    const answer = ok(await port(ACTORS.town).progress(GJB, T0));
    const file = ok(await port(ACTORS.town).exportForm('attachment1', GJB, T0));
    expect(file.fileName).toBe('附件1_进度统计表_高家堡镇_2022-05-12.xlsx');
    const sheet = (await readXlsx(Buffer.from(file.contentBase64, 'base64'))).sheet('进度统计表');
    const rowOf = (town: string, village: string) => {
      for (let r = 1; r <= sheet.rowCount; r++) if (sheet.text(r, 1) === town && sheet.text(r, 2) === village) return sheet.row(r).slice(2, 2 + PROGRESS_COLUMNS.length);
      throw new Error(`no row ${town} ${village}`);
    };
    expect(rowOf('高家堡镇', '小计')).toEqual(PROGRESS_COLUMNS.map((c) => c.value(answer.total.row)));
    for (const part of answer.parts) expect(rowOf('高家堡镇', part.place.name)).toEqual(PROGRESS_COLUMNS.map((c) => c.value(part.row)));
  });

  it('refuses, with no data, a place outside the jurisdiction, a role without reports, and unknown codes', async () => {
    expect(await port(ACTORS.town).progress(DT, T0)).toEqual({ ok: false, reason: 'out_of_jurisdiction' });
    expect(await port(ACTORS.town).exportForm('attachment6', CITY, T0)).toEqual({ ok: false, reason: 'out_of_jurisdiction' });
    expect(await port(ACTORS.cadre).supervision(GJB, T0)).toEqual({ ok: false, reason: 'out_of_jurisdiction' });
    expect(await port(ACTORS.department).progress(CITY, T0)).toEqual({ ok: false, reason: 'role' });
    expect(await port({ sender: { channel: 'kf', id: 'wm1' }, staff: null }).progress(LSJ, T0)).toEqual({ ok: false, reason: 'role' });
    expect(await port(ACTORS.town).progress('999', T0)).toEqual({ ok: false, reason: 'not_found' });
    expect(await port(ACTORS.city).weeklyReport(LSJ, T0)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('lists overdue and due-soon leads by household head, never an ID number', async () => {
    const v = ok(await port(ACTORS.town).overdueLeads(GJB, T0));
    expect(v.overdue.map((l) => [l.who, l.village.name, l.deadline, l.daysLeft, l.lastStep])).toEqual([['赵四', '凉水井村', '2022-05-05', -7, null]]);
    expect(v.dueSoon).toEqual([]);
    expect(JSON.stringify(v)).not.toMatch(/\d{17}[\dX]/);
    expect(ok(await port(ACTORS.city).overdueLeads(DT, T0)).overdue).toEqual([]);
  });

  it('finds the 督导 targets from the same report', async () => {
    const v = ok(await port(ACTORS.city).supervision(CITY, T0));
    const names = (codes: string[]) => codes.map((c) => v.villages[c]?.label);
    expect(names(v.targets.zeroProblem)).toEqual(['高家堡镇凉水井村', '店塔镇新村', '店塔镇高家堡村', '麟州街道麟州社区']);
    expect(v.targets.unrectified).toEqual([{ code: GJB_XC, open: 1, overdue: 1 }]);
    expect(names(v.targets.slow.map((s) => s.code))).toEqual(['高家堡镇新村', '麟州街道麟州社区']);
  });

  it('tracks the week’s confirmations: villages, then the town', async () => {
    const before = ok(await port(ACTORS.town).reporting(GJB, T0));
    expect(before).toMatchObject({ week: '2022-W19', deadline: Date.UTC(2022, 4, 13, 0, 0) });
    expect(before.villages.map((v) => [v.place.name, v.confirmed])).toEqual([['凉水井村', null], ['新村', null]]);
    const week = ok(await port(ACTORS.cadre).villageWeek(LSJ, T0));
    expect(week).toMatchObject({ week: '2022-W19', openProblems: 0, confirmed: null });
    await transaction(db.ds(), (tx) => officialCommands['official.confirmVillageWeek']!(tx, { kind: 'official.confirmVillageWeek', villageCode: LSJ, week: week.week, figures: PROGRESS_COLUMNS.map((c) => c.value(week.village.row)) }, { actor: ACTORS.cadre, now: T0 + 1000, inboundId: 1 }));
    const after = ok(await port(ACTORS.town).weeklyReport(GJB, T0 + 2000));
    expect(after.reporting.villages.map((v) => [v.place.name, v.confirmed])).toEqual([['凉水井村', { byName: '李明', at: T0 + 1000 }], ['新村', null]]);
    expect(after.confirmed).toBeNull();
    // Next week starts empty: a confirmation counts for its own week only.
    expect(ok(await port(ACTORS.town).reporting(GJB, Date.UTC(2022, 4, 13, 1, 0))).villages.every((v) => v.confirmed === null)).toBe(true);
  });

  it('draws the charts as PNG pictures', async () => {
    for (const kind of ['coverage', 'overdue'] as const) {
      const f = ok(await port(ACTORS.town).chart(kind, GJB, T0));
      expect(Buffer.from(f.contentBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(f.fileName).toBe(`高家堡镇_${kind === 'coverage' ? '覆盖率' : '超期线索'}_2022-05-12.png`);
    }
  });

  it('exports every printed form of a town as an xlsx', async () => {
    for (const form of ['attachment2', 'attachment3', 'attachment4', 'attachment5', 'attachment6'] as const) {
      const f = ok(await port(ACTORS.town).exportForm(form, GJB, T0));
      expect(f.fileName).toMatch(new RegExp(`^附件${form.slice(-1)}_.*_高家堡镇_2022-05-12\\.xlsx$`));
      const book = await readXlsx(Buffer.from(f.contentBase64, 'base64'));
      expect(book.names.length).toBeGreaterThan(0);
    }
    const f3 = ok(await port(ACTORS.town).exportForm('attachment3', GJB, T0));
    const sheet = (await readXlsx(Buffer.from(f3.contentBase64, 'base64'))).sheet((await readXlsx(Buffer.from(f3.contentBase64, 'base64'))).names[0]!);
    const r = sheet.findRow(4, '李二牛');
    // 张大山, a 脱贫户 screened on the general form, belongs in 附件2: 附件3 is the 一般户 ledger.
    expect(sheet.row(r)).toEqual([1, '高家堡镇', '凉水井村', '李二牛', 4, '138****0002', '入户', '是', '是', '王五', '户主骑车摔伤住院']);
    expect(sheet.findRow(4, '张大山')).toBe(0);
    expect(await port(ACTORS.town).exportForm('ledger', GJB, T0)).toEqual({ ok: false, reason: 'not_found' });
  });

  // Last: it adds a household the other tests do not expect.
  it('a record the form cannot print stops the export with what to correct, nothing half-written', async () => {
    const head = '阿卜杜热合曼·买买提依明·艾则孜·吐尔逊江';
    const placement = { cityCode: CITY, townCode: LZ, villageCode: LZ_SQ, gridCode: null };
    await transaction(db.ds(), async (tx) => {
      const [saved] = await saveHouseholds(tx, [{ code: 'H9', headName: head, placement, type: 'general', alleviationYear: null, dibao: false, tekun: false, keyGroups: [], phone: null, contactStaff: null, members: [member({ idNumber: idNumber('19800101', 91), name: head, relation: '户主' })] }], { actor: 'test', at: T0, reason: '测试' });
      await saveScreening(tx, { form: 'general', campaign: '2022', householdId: saved!.id, placement, screener: 'qianqi', at: at('2022-05-11'), remark: '', answers: { method: 'home_visit', riskFound: false, riskDetails: null, knowsPolicy: true } }, DEFAULT_LEAD_CONFIG);
    });
    const r = await port(ACTORS.city).exportForm('attachment3', LZ, T0);
    expect(r).toEqual({ ok: false, reason: 'invalid_input', problems: [expect.stringMatching(/^附件3第1行.*户主姓名.*不能超过20个字/)] });
  });
});

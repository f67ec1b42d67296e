/**
 * Identity on import, as hostile files try it: an ID number reused under another name, a
 * full-width / spaced / dashed copy of a registered number, a person put into another household
 * without a 变动, and a 分户 that moves a member of an open monitoring subject. A refused row
 * leaves its whole household out; nothing is half-applied.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { maskIdNumber } from '../../src/domain/privacy.js';
import { importHouseholds } from '../../src/bot/import/households.js';
import type { Household, Member } from '../../src/domain/types.js';
import { transaction } from '../../src/persistence/db.js';
import { saveHouseholds } from '../../src/persistence/household-writes.js';
import { listHistory } from '../../src/persistence/history.js';
import { findHouseholdByCode, findHouseholdOfPerson } from '../../src/persistence/households.js';
import { saveRegions } from '../../src/persistence/regions.js';
import { getSubject, includeSubjectRecord } from '../../src/persistence/subjects.js';
import { at, includedLeadRecord } from '../helpers/casework.js';
import { orm, describeEachDatabase } from '../helpers/db.js';
import { idNumber } from '../helpers/people.js';
import { DEMO, DEMO_REGIONS } from '../helpers/regions.js';
import { rosterRow, ROSTER_HEADER } from '../helpers/roster-rows.js';
import { writeCsv, type Table } from '../helpers/tables.js';

const T0 = Date.parse('2022-05-03T01:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'shouwang-identity-'));
const HEADER = ROSTER_HEADER;
const person = rosterRow;

const ZHANG = idNumber('19700101', 11);
const LI = idNumber('19720202', 22);
const SON = idNumber('19950303', 31);
const ZHOU = idNumber('19800808', 41);
/** 张三's number as people mistype it: full-width digits, spaces, a dash, lower-case x. */
const fullWidth = (id: string) => id.replace(/[0-9X]/g, (d) => String.fromCharCode((d === 'X' ? 'x' : d).charCodeAt(0) + 0xfee0));
const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)}-${id.slice(14).toLowerCase()}`;

describeEachDatabase('import: identity guarded', (db) => {
  const file = (name: string, rows: Table) => {
    const path = join(dir, `${name}-${db.engine}.csv`);
    writeCsv(path, [HEADER, ...rows]);
    return path;
  };
  const run = (path: string, now = T0) => importHouseholds(db.ds(), path, { now, actor: 'import', reportDir: dir });
  const everything = async () => ({ households: await orm(db.ds()).query('SELECT * FROM households ORDER BY id'), members: await orm(db.ds()).query('SELECT * FROM members ORDER BY id') });

  it('registers the first household', async () => {
    await transaction(db.ds(), (tx) => saveRegions(tx, DEMO_REGIONS, { actor: 'setup', at: T0, reason: '准备' }));
    const r = await run(file('base', [person('0001', '张三', ZHANG, '户主'), person('0001', '李四', LI, '配偶'), person('0001', '张小', SON, '之子')]));
    expect(r.report.problems).toEqual([]);
    expect((await findHouseholdByCode(db.ds().manager, '0001'))?.members.map((m) => m.name)).toEqual(['张三', '李四', '张小']);
  });

  it('refuses an ID number registered under another name, naming both, and applies nothing of that household', async () => {
    const before = await everything();
    const r = await run(file('reused', [person('0002', '周九', LI, '户主'), person('0002', '周十', ZHOU, '之子')]));
    expect(r.report.problems).toEqual([
      { row: 2, key: '0002', message: `身份证号 ${maskIdNumber(LI)} 在户籍名册中是「李四」（户编号 0001），本行姓名是「周九」：一个身份证号只能是一个人，请核对` },
      { row: 2, key: '0002', message: '户编号 0002（第 2–3 行）整户未导入：第 2 行有错误，本户各行须一并改正后重新导入' },
    ]);
    expect(r.counts.households).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(await everything()).toEqual(before);
    expect((await findHouseholdOfPerson(db.ds().manager, LI))?.code).toBe('0001');
  });

  it('treats full-width, spaced and dashed copies of a number as the same person', async () => {
    const before = await everything();
    // The same household written with mangled numbers: nothing changes.
    const same = await run(file('mangled', [person('0001', '张三', fullWidth(ZHANG), '户主'), person('0001', '李四', spaced(LI), '配偶'), person('0001', '张小', SON, '之子')]));
    expect(same.report.problems).toEqual([]);
    expect(same.counts.households.unchanged).toBe(1);
    expect(await everything()).toEqual(before);
    // A full-width copy in another household without a 变动 is refused, and so is a copy inside one file.
    const moved = await run(file('fullwidth', [person('0003', '周一', ZHOU, '户主'), person('0003', '张三', fullWidth(ZHANG), '之父')]));
    expect(moved.report.problems.map((p) => p.message)).toEqual([
      '户编号 0003（第 2–3 行）整户未导入：第 3 行有错误，本户各行须一并改正后重新导入',
      `「张三」（身份证号 ${maskIdNumber(ZHANG)}）在户籍名册中属于户编号 0001，本行“变动”列为空：要转到户编号 0003，请在“变动”列填分户、合户、婚嫁迁入或迁入`,
    ]);
    const twice = await run(file('twice', [person('0004', '周一', ZHOU, '户主'), person('0004', '周一', spaced(ZHOU), '之子')]));
    expect(twice.report.problems.map((p) => p.message)).toContain('身份证号与本户第 2 行重复');
    expect(await everything()).toEqual(before);
  });

  it('moves a member of an open subject by an explicit 分户, carrying the subject membership with history', async () => {
    const home = await findHouseholdByCode(db.ds().manager, '0001');
    const subject = await transaction(db.ds(), async (tx) => {
      const lead = await includedLeadRecord(tx, home?.id as number, '2022-05-01', { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 });
      return includeSubjectRecord(tx, { leadId: lead.id as number, memberIds: [ZHANG, LI, SON], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2022-05-13') });
    });
    const at2 = T0 + 30 * 86_400_000;
    const r = await run(file('split', [person('0001', '张三', ZHANG, '户主'), person('0001', '李四', LI, '配偶'), person('0005', '张小', SON, '户主', { change: '分户' })]), at2);
    expect(r.report.problems).toEqual([]);
    expect(r.counts.members).toEqual({ created: 0, updated: 0, movedIn: 1, left: 0 });
    expect(r.report.notes).toEqual([]);
    expect((await findHouseholdOfPerson(db.ds().manager, SON))?.code).toBe('0005');
    expect((await findHouseholdByCode(db.ds().manager, '0001'))?.members.map((m) => m.name)).toEqual(['张三', '李四']);
    const after = await getSubject(db.ds().manager, subject.id as number);
    expect(after?.memberIds).toEqual([ZHANG, LI]);
    expect(after?.status).toBe('open');
    const open = await orm(db.ds()).query('SELECT id_number, open_key FROM subject_member WHERE subject_id = ? ORDER BY id', [subject.id]);
    expect(open.map((m: { open_key: string | null }) => m.open_key)).toEqual([ZHANG, LI, null]);
    const subjectHistory = (await listHistory(db.ds().manager, 'monitoring_subject', subject.id as number)).at(-1);
    expect(subjectHistory).toMatchObject({ actor: 'import', at: at2, reason: `导入户籍名册 split-${db.engine}.csv：分户：成员 ${maskIdNumber(SON)} 迁出本户`, before: { memberIds: [ZHANG, LI, SON] }, after: { memberIds: [ZHANG, LI] } });
    expect((await listHistory(db.ds().manager, 'member', SON)).at(-1)).toMatchObject({ reason: `导入户籍名册 split-${db.engine}.csv：分户`, before: { householdId: home?.id, relation: '之子' }, after: { relation: '户主' } });
  });

  it('marks a 死亡 row left (kept, not counted), and re-importing it changes nothing', async () => {
    const rows = [person('0001', '张三', ZHANG, '户主', { change: '死亡' }), person('0001', '李四', LI, '户主')];
    const first = await run(file('death', rows), T0 + 40 * 86_400_000);
    expect(first.report.problems).toEqual([]);
    const h = await findHouseholdByCode(db.ds().manager, '0001');
    expect(h?.members.map((m) => [m.name, m.relation, m.left])).toEqual([
      ['张三', '户主', { on: '2022-06-12', reason: '死亡' }],
      ['李四', '户主', null],
    ]);
    const before = await everything();
    const again = await run(file('death', rows), T0 + 41 * 86_400_000);
    expect(again.counts.households.unchanged).toBe(1);
    expect(await everything()).toEqual(before);
  });

  it('a 合户 into a household with an open subject adds the person to that subject, with history', async () => {
    const created = await run(file('zhou', [person('0006', '周一', ZHOU, '户主')]), T0 + 42 * 86_400_000);
    expect(created.report.problems).toEqual([]);
    const zhou = await findHouseholdByCode(db.ds().manager, '0006');
    const subject = await transaction(db.ds(), async (tx) => {
      const lead = await includedLeadRecord(tx, zhou?.id as number, '2022-06-01', { cityCode: DEMO.city, townCode: DEMO.gjb, villageCode: DEMO.lsj, gridCode: DEMO.lsjGrid1 });
      return includeSubjectRecord(tx, { leadId: lead.id as number, memberIds: [ZHOU], risks: [{ type: 'illness', remark: null, disasterSubtype: null }], measures: [{ measure: 'health', status: 'done' }], actor: 'city1', at: at('2022-06-13') });
    });
    const when = T0 + 50 * 86_400_000;
    const r = await run(file('merge', [person('0006', '周一', ZHOU, '户主'), person('0006', '张小', SON, '之婿', { change: '合户' })]), when);
    expect(r.report.problems).toEqual([]);
    expect((await findHouseholdOfPerson(db.ds().manager, SON))?.code).toBe('0006');
    expect((await getSubject(db.ds().manager, subject.id as number))?.memberIds).toEqual([ZHOU, SON]);
    const open = await orm(db.ds()).query('SELECT subject_id, open_key FROM subject_member WHERE id_number = ? ORDER BY id', [SON]);
    expect(open.map((m: { subject_id: number; open_key: string | null }) => [Number(m.subject_id), m.open_key])).toEqual([
      [expect.any(Number), null],
      [subject.id, SON],
    ]);
    expect((await listHistory(db.ds().manager, 'monitoring_subject', subject.id as number)).at(-1)).toMatchObject({ at: when, reason: `导入户籍名册 merge-${db.engine}.csv：合户：成员 ${maskIdNumber(SON)} 迁入本户`, after: { memberIds: [ZHOU, SON] } });
    // 0005, which 张小 left, keeps its record (nothing deleted) with nobody still in it.
    expect((await findHouseholdByCode(db.ds().manager, '0005'))?.members).toEqual([]);
  });

  it('says when a 户主 who moved out leaves the old household without a 户主', async () => {
    const r = await run(file('head-out', [person('0008', '周一', ZHOU, '户主', { change: '分户' })]), T0 + 60 * 86_400_000);
    expect(r.report.problems).toEqual([]);
    expect(r.report.notes).toEqual(['户编号 0006：户主已迁到别的户，该户现在没有户主，请补填新户主后重新导入该户']);
  });

  it('the register itself refuses another name on a registered number, and a move nobody named', async () => {
    const h = (await findHouseholdByCode(db.ds().manager, '0006')) as Household;
    const meta = { actor: 't', at: T0, reason: '测试' };
    const save = (members: Member[], moves?: ReadonlyMap<string, string>) =>
      transaction(db.ds(), (tx) => saveHouseholds(tx, [{ ...h, code: '0007', headName: '', members }], meta, moves ? { moves } : {}));
    const zhang = { ...(h.members[0] as Member), idNumber: LI, name: '周九', relation: '户主' };
    await expect(save([zhang])).rejects.toMatchObject({ code: 'MEMBER.NAME_MISMATCH' });
    const li = { ...zhang, name: '李四' };
    await expect(save([li])).rejects.toMatchObject({ code: 'MEMBER.IN_OTHER_HOUSEHOLD' });
    await expect(save([li], new Map([[LI, '婚嫁迁入']]))).resolves.toMatchObject([{ code: '0007', members: { movedIn: 1 } }]);
    expect((await findHouseholdOfPerson(db.ds().manager, LI))?.code).toBe('0007');
  });
});

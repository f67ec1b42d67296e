import { describe, expect, it } from 'vitest';
import { buildForm6, FormInputError, form6Rows, problemsText, type FormMeta } from '../../../src/bot/forms/index.js';
import { readXlsx } from '../../helpers/xlsx.js';
import { FORM6_VILLAGES, SEED_HEADERS, SEED_PROBLEM_TYPES, SEED_TITLES, unwrap } from './samples.js';

const meta = (scope: FormMeta['scope']): FormMeta => ({ scope, unit: scope === 'city' ? '神木市乡村振兴局' : '高家堡镇人民政府', reportDay: '2022-05-13' });
const wangjiazhuang = FORM6_VILLAGES[0]!;

describe('附件6 问题清单', () => {
  it('prints one village as the seed form: eight categories exactly as printed, problems numbered in their row', async () => {
    const book = await readXlsx(await buildForm6([wangjiazhuang], { ...meta('village'), unit: '王家庄村' }));
    expect(book.names).toEqual(['王家庄村']);
    const s = book.sheet(0);
    expect(s.text(1, 1)).toBe('附件6');
    expect(s.text(2, 1)).toBe(SEED_TITLES.form6);
    expect(s.text(3, 1)).toBe('镇(街)：高家堡镇\u3000\u3000村：王家庄村');
    expect(s.rangeOf(3, 1)).toBe('A3:B3');
    expect(s.row(4)).toEqual(SEED_HEADERS.form6);
    // The seed prints a space between “应纳未纳” and “体外循环” (typesetting); the words must match.
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((r) => s.value(r, 1))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((r) => s.text(r, 2))).toEqual(SEED_PROBLEM_TYPES.map(unwrap));
    expect(s.text(5, 3)).toBe('刘占山户住房屋顶漏雨，待住建部门鉴定');
    expect(s.text(10, 3)).toBe('1. 3户家庭成员身份证号校验位错误，已核对户口簿\n2. 高秀英户收入信息缺失');
    expect(s.text(6, 3)).toBe('无');
    expect(s.rowHeight(10)).toBeGreaterThan(s.rowHeight(6) ?? 0);
    expect(s.ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '4:4' });
  });

  it('town scope: a 汇总 sheet of counts per village and category, then each village in the printed form', async () => {
    const gjp = FORM6_VILLAGES.filter((v) => v.townName === '高家堡镇');
    const book = await readXlsx(await buildForm6(gjp, meta('town')));
    expect(book.names).toEqual(['汇总', '王家庄村', '李家沟村']);
    const s = book.sheet('汇总');
    expect(s.text(2, 1)).toBe(`${SEED_TITLES.form6}（汇总）`);
    expect(s.row(4)).toEqual(['序号', '镇街', '行政村', '问题数（个）', '问题数（个）', '问题数（个）', '问题数（个）', '问题数（个）', '问题数（个）', '问题数（个）', '问题数（个）', '合计', '备注']);
    expect(s.row(5).slice(3, 11)).toEqual(SEED_PROBLEM_TYPES.map(unwrap));
    expect(s.rangeOf(4, 4)).toBe('D4:K4');
    expect(s.row(6)).toEqual([1, '高家堡镇', '王家庄村', 1, 0, 0, 0, 0, 2, 0, 0, 3, null]);
    expect(s.row(7)).toEqual([2, '高家堡镇', '李家沟村', 0, 0, 0, 0, 0, 0, 0, 0, 0, '零问题']);
    expect(s.row(8).slice(3)).toEqual([1, 0, 0, 0, 0, 2, 0, 0, 3, null]);
    expect(s.text(8, 1)).toBe('合计');
    expect(s.rangeOf(8, 1)).toBe('A8:C8');
    expect(book.sheet('李家沟村').text(5, 3)).toBe('无');
  });

  it('city scope: 小计 per town and 全市合计, villages named with their town', async () => {
    const book = await readXlsx(await buildForm6(FORM6_VILLAGES, meta('city')));
    expect(book.names).toEqual(['汇总', '高家堡镇-王家庄村', '高家堡镇-李家沟村', '店塔镇-石角塔村']);
    const s = book.sheet('汇总');
    expect([6, 7, 8, 9, 10, 11].map((r) => `${s.text(r, 2)}/${s.text(r, 3)}/${s.text(r, 12)}`)).toEqual([
      '高家堡镇/王家庄村/3', '高家堡镇/李家沟村/0', '高家堡镇/小计/3', '店塔镇/石角塔村/1', '店塔镇/小计/1', '全市合计/全市合计/4',
    ]);
    expect(s.isBold(8, 4)).toBe(true);
    // 全市合计 adds the towns' 小计 column by column.
    for (let c = 4; c <= 12; c++) expect(s.value(11, c)).toBe(Number(s.value(8, c)) + Number(s.value(10, c)));
    // Phones in free text are masked: no column of this form asks for them.
    expect(book.sheet('店塔镇-石角塔村').text(8, 3)).toBe('张某户因病自付较高未纳入监测，电话139****0009');
  });

  it('keeps sheet names legal and distinct (Excel: ≤31 characters, no []:*?/\\, no repeats)', async () => {
    // With the town in front, both long names pass 31 characters and cut to the same prefix.
    const villages = [
      { townName: '高家堡镇', villageName: `${'某'.repeat(28)}村`, problems: [] },
      { townName: '高家堡镇', villageName: `${'某'.repeat(27)}二村`, problems: [] },
      { townName: '高家堡镇', villageName: '新村/旧村', problems: [] },
    ];
    const names = (await readXlsx(await buildForm6(villages, meta('city')))).names;
    expect(names.slice(1, 3)).toEqual([`高家堡镇-${'某'.repeat(26)}`, `高家堡镇-${'某'.repeat(23)}(2)`]);
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(n.length <= 31 && !/[[\]:*?/\\]/.test(n), n).toBe(true);
  });

  it('groups problems by category in the form order (pure)', () => {
    const rows = form6Rows([{ category: 'other', description: ' 村务公开栏未更新 ' }, { category: 'basic_needs', description: '饮水井冬季冻结' }]);
    expect(rows.map((r) => [r.seq, r.problems.length])).toEqual([[1, 1], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0], [7, 0], [8, 1]]);
    expect(rows[7]!.problems).toEqual(['村务公开栏未更新']);
    expect([problemsText([]), problemsText(['甲']), problemsText(['甲', '乙'])]).toEqual(['无', '甲', '1. 甲\n2. 乙']);
  });

  const bad: Array<[string, Parameters<typeof buildForm6>[0], FormMeta, string]> = [
    ['an unknown category', [{ ...wangjiazhuang, problems: [{ category: 'weather' as never, description: '大风' }] }], meta('village'), '附件6第1行（王家庄村）：问题第1项类型须为问题清单的八类之一'],
    ['an empty problem', [{ ...wangjiazhuang, problems: [{ category: 'other', description: '  ' }] }], meta('village'), '附件6第1行（王家庄村）：问题第1项具体问题不能为空'],
    ['two villages in a village workbook', FORM6_VILLAGES.slice(0, 2), meta('village'), '附件6：按村导出时只能含高家堡镇王家庄村的数据，却有高家堡镇李家沟村等1行'],
  ];
  it.each(bad)('refuses %s', async (_t, villages, m, message) => {
    const err = await buildForm6(villages, m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormInputError);
    expect((err as FormInputError).problems).toEqual([message]);
  });
});

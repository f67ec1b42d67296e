import { describe, expect, it } from 'vitest';
import { buildForm1, FormInputError, type Form1Report, type FormMeta } from '../../../src/bot/forms/index.js';
import { headerCells, readXlsx } from '../../helpers/xlsx.js';
import { CITY, DT, DT_VILLAGES, GJP, GJP_VILLAGES, SEED_TITLES } from './samples.js';

const townMeta: FormMeta = { scope: 'town', unit: '高家堡镇人民政府', reportDay: '2022-05-13' };

/** The rebuilt header of 附件1: every cell with the range it covers (rows 4–6, columns A–Y). */
const HEADER: Array<[string, string]> = [
  ['镇街', 'A4:A6'],
  ['行政村', 'B4:B6'],
  ['是否专门安排部署', 'C4:C5'],
  ['参与集中排查的各级部门总人数', 'D4:D5'],
  ['集中排查对象', 'E4:F5'],
  ['其中：', 'G4:J4'],
  ['集中排查结果', 'K4:R4'],
  ['“回头看”情况', 'S4:U4'],
  ['问题整改', 'V4:X4'],
  ['培训人数', 'Y4:Y5'],
  ['脱贫户', 'G5:H5'],
  ['监测对象', 'I5:J5'],
  ['纳入边缘易致贫户数', 'K5:L5'],
  ['纳入脱贫不稳定户数', 'M5:N5'],
  ['纳入突发严重困难户数', 'O5:P5'],
  ['其中因疫情纳入', 'Q5:R5'],
  ['总数', 'S5'],
  ['回退', 'T5'],
  ['清退', 'U5'],
  ['排查问题总数', 'V5'],
  ['问题整改数', 'W5'],
  ['补正数据', 'X5'],
  ...['是/否', '人数', '户数', '人数', '户数', '人数', '户数', '人数', '户数', '人数', '户数', '人数', '户数', '人数', '户数', '人数', '户数', '户数', '户数', '个', '个', '个', '人数'].map(
    (u, i): [string, string] => [u, `${String.fromCharCode(67 + i)}6`],
  ),
];

// The seed's unit line, cell for cell, up to the padding (是/否, 人数, then seven 户数/人数 pairs).
const SEED_UNIT_LINE = '是/否	人数	户数	人数	户数	人数	户数	人数	户数	人数	户数	人数	户数	人数	户数	人数'.split('\t');
// The named cells of the seed's garbled line C, left to right.
const SEED_LINE_C = '是否专门安排部署		参与集中排查的各级部门总人数		脱贫户		监测对象		纳入边缘易致贫户数		纳入脱贫不稳定户数		纳入突发严重困难户数		其中因纳入		总数		回退		清退		排查问题总数		问题整改数		补正数据'.split('\t').filter((s) => s !== '');

describe('附件1 进度统计表', () => {
  it('rebuilds the header from the column tree: texts, merges and the unit row', async () => {
    const s = (await readXlsx(await buildForm1({ villages: GJP_VILLAGES, towns: [GJP], city: null }, townMeta))).sheet('进度统计表');
    expect(headerCells(s, 4, 6)).toEqual(HEADER);
    expect(s.row(6).slice(2, 2 + SEED_UNIT_LINE.length)).toEqual(SEED_UNIT_LINE);
    // Every named cell of the garbled line keeps its left-to-right order; only the lost word is restored.
    const named = HEADER.map(([t]) => t).filter((t) => SEED_LINE_C.includes(t.replace('疫情', '')));
    expect(named.map((t) => t.replace('其中因疫情纳入', '其中因纳入'))).toEqual(SEED_LINE_C);
  });

  it('prints title, 填报单位 and 填报时间, and sets up the page', async () => {
    const s = (await readXlsx(await buildForm1({ villages: GJP_VILLAGES, towns: [GJP], city: null }, townMeta))).sheet(0);
    expect(s.text(1, 1)).toBe('附件1');
    expect(s.text(2, 1)).toBe(SEED_TITLES.form1);
    expect(s.rangeOf(2, 1)).toBe('A2:Y2');
    expect(s.text(3, 1)).toBe('填报单位：高家堡镇人民政府');
    expect(s.text(3, 13)).toBe('填报时间：2022年5月13日');
    expect(s.ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:6' });
    expect(s.ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 6 });
    expect(s.columnWidth(4)).toBeGreaterThan(s.columnWidth(5) ?? 99);
    for (const [r, c] of [[4, 1], [5, 17], [6, 25], [7, 3], [9, 25]] as const) expect(s.hasBorder(r, c), `border at ${r},${c}`).toBe(true);
  });

  it('town scope: its villages, then the 小计 as given, bold', async () => {
    const s = (await readXlsx(await buildForm1({ villages: GJP_VILLAGES, towns: [GJP], city: null }, townMeta))).sheet(0);
    expect(s.row(7)).toEqual(['高家堡镇', '王家庄村', '是', 11, 100, 290, 21, 62, 4, 10, 1, 3, 1, 4, 0, 0, 0, 0, 5, 1, 0, 6, 4, 1, 9]);
    expect(s.row(8).slice(0, 6)).toEqual(['高家堡镇', '李家沟村', '否', 12, 200, 580]);
    expect(s.row(9).slice(0, 4)).toEqual(['高家堡镇', '小计', '1/2', 20]);
    expect(s.isBold(9, 5)).toBe(true);
    expect(s.isBold(7, 5)).toBe(false);
    // Household and problem columns of the subtotal add up to its villages (E…X); people columns (D, Y) are as given.
    for (let c = 5; c <= 24; c++) expect(s.value(9, c), `column ${c}`).toBe(Number(s.value(7, c)) + Number(s.value(8, c)));
    expect(s.value(10, 1)).toBeNull();
  });

  it('city scope: towns in order with their 小计, the 全市合计 merged over 镇街/行政村, and a 各镇街汇总 sheet', async () => {
    const book = await readXlsx(await buildForm1({ villages: [...DT_VILLAGES, ...GJP_VILLAGES], towns: [GJP, DT], city: CITY }, { ...townMeta, scope: 'city', unit: '神木市乡村振兴局' }));
    expect(book.names).toEqual(['进度统计表', '各镇街汇总']);
    const s = book.sheet('进度统计表');
    expect([7, 8, 9, 10, 11, 12].map((r) => `${s.text(r, 1)}/${s.text(r, 2)}`)).toEqual(['高家堡镇/王家庄村', '高家堡镇/李家沟村', '高家堡镇/小计', '店塔镇/石角塔村', '店塔镇/小计', '全市合计/全市合计']);
    expect(s.rangeOf(12, 1)).toBe('A12:B12');
    expect(s.row(12).slice(2, 6)).toEqual(['2/3', 31, 600, 1740]);
    for (let c = 5; c <= 24; c++) expect(s.value(12, c), `column ${c}`).toBe(Number(s.value(9, c)) + Number(s.value(11, c)));
    const towns = book.sheet('各镇街汇总');
    expect([7, 8, 9].map((r) => towns.text(r, 1))).toEqual(['高家堡镇', '店塔镇', '全市合计']);
  });

  it('village scope: the one village row, no subtotal', async () => {
    const s = (await readXlsx(await buildForm1({ villages: [GJP_VILLAGES[0]!], towns: [], city: null }, { ...townMeta, scope: 'village', unit: '王家庄村' }))).sheet(0);
    expect(s.text(7, 2)).toBe('王家庄村');
    expect(s.value(8, 1)).toBeNull();
  });

  const bad: Array<[string, Form1Report, FormMeta, string]> = [
    ['two villages for one village', { villages: GJP_VILLAGES, towns: [], city: null }, { ...townMeta, scope: 'village' }, '按村导出须恰好一个村，收到2个'],
    ['no town subtotal', { villages: GJP_VILLAGES, towns: [], city: null }, townMeta, '按镇街导出须恰好一个镇街小计，收到0个'],
    ['village of another town', { villages: [...GJP_VILLAGES, ...DT_VILLAGES], towns: [GJP], city: null }, townMeta, '以下村没有所属镇街的小计：店塔镇石角塔村'],
    ['city without total', { villages: GJP_VILLAGES, towns: [GJP], city: null }, { ...townMeta, scope: 'city' }, '按全市导出须有全市合计行'],
    ['negative count', { villages: [{ ...GJP_VILLAGES[0]!, reverted: -1 }], towns: [], city: null }, { ...townMeta, scope: 'village' }, '附件1第1行（王家庄村）：回退不能为负数'],
    ['fewer people than households', { villages: [{ ...GJP_VILLAGES[0]!, screened: { households: 10, people: 9 } }], towns: [], city: null }, { ...townMeta, scope: 'village' }, '集中排查对象人数不能少于户数'],
    ['more deployed than villages', { villages: GJP_VILLAGES, towns: [{ ...GJP, deployed: { yes: 3, of: 2 } }], city: null }, townMeta, '部署村数不能多于村数'],
    ['a town row among villages', { villages: [GJP], towns: [GJP], city: null }, townMeta, '村级数据第1行的层级应为村'],
    ['bad day', { villages: GJP_VILLAGES, towns: [GJP], city: null }, { ...townMeta, reportDay: '2022-5-13' }, '填报时间须为“2022-05-13”这样的日期'],
    ['no unit', { villages: GJP_VILLAGES, towns: [GJP], city: null }, { ...townMeta, unit: ' ' }, '填报单位不能为空'],
  ];
  it.each(bad)('refuses %s with a clear Chinese message', async (_title, report, meta, message) => {
    const err = await buildForm1(report, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormInputError);
    expect((err as FormInputError).message).toContain(message);
  });
});

/**
 * Reading one row of a warning list: days as offices write them (and as xlsx date cells arrive),
 * amounts, and every problem a row can have — table-driven.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWarningTable } from '../../src/bot/import/warnings.js';
import { readAmount, readWarningDay, WARNING_COLUMNS } from '../../src/bot/import/warnings-rows.js';
import { writeCsv } from '../helpers/tables.js';
import { badChecksum, idNumber } from '../helpers/people.js';

const TODAY = '2022-05-25';
const dir = mkdtempSync(join(tmpdir(), 'shouwang-warning-rows-'));
const ID = idNumber('19700101', 11);

describe('warning days', () => {
  it.each([
    ['2022-05-20', '2022-05-20'],
    ['2022/5/20', '2022-05-20'],
    ['2022.5.20', '2022-05-20'],
    ['2022年5月20日', '2022-05-20'],
    ['２０２２年５月２０日', '2022-05-20'],
    ['20220520', '2022-05-20'],
    ['5月20日', '2022-05-20'],
    ['44701', '2022-05-20'],
    ['44701.0', '2022-05-20'],
    ['20221350', null],
    ['2022-02-30', null],
    ['12345', null],
    ['上个月', null],
    ['不详', null],
  ])('%s → %s', (text, day) => expect(readWarningDay(text, TODAY)).toBe(day));
});

describe('amounts', () => {
  it.each([
    ['23456', 23456],
    ['23,456.5', 23456.5],
    ['¥23456元', 23456],
    ['２３４５６', 23456],
    ['2.3万', 23000],
    ['2.35万元', 23500],
    ['两万三', 23000],
    ['三万多', null],
    ['很多', null],
    ['-5', null],
  ])('%s → %s', (text, yuan) => expect(readAmount(text)).toBe(yuan));
});

describe('a row of the list', () => {
  const header = WARNING_COLUMNS.map((c) => c.header);
  const line = (o: Record<string, string>) => WARNING_COLUMNS.map((c) => o[c.key] ?? '');
  const base = { department: '医保', warnedOn: '2022-05-20', name: '张 三', idNumber: ` ${ID.toLowerCase()} `, reason: ' 住院  自付费用高 ', amount: '23456', remark: '家属电话13812345678' };

  it.each([
    ['a good row', base, null],
    ['no department and none given', { ...base, department: '' }, '缺少部门（请填写部门列，或导入时指定部门）'],
    ['unknown department', { ...base, department: '卫健委' }, '行业部门「卫健委」无法识别（可填：医保、民政、残联、教育、人社、住建、水利、应急管理、公安、农业农村）'],
    ['bad checksum', { ...base, idNumber: badChecksum(ID) }, '身份证号校验位不对（可能有数字录错）'],
    ['short ID', { ...base, idNumber: '6108211970' }, '身份证号应为18位'],
    ['no day', { ...base, warnedOn: '' }, '缺少预警日期'],
    ['a day in the future', { ...base, warnedOn: '2022-05-26' }, '预警日期 2022-05-26 晚于今天（2022-05-25）'],
    ['a day years ago', { ...base, warnedOn: '2018-05-20' }, '预警日期 2018-05-20 是三年以前，请核对'],
    ['no name, no reason, bad amount', { ...base, name: '', reason: '', amount: '很多' }, '缺少姓名；缺少预警事由；金额「很多」无法识别（填数字，如 23456 或 2.3万）'],
  ])('%s', async (title, o, problem) => {
    const file = join(dir, `${title}.csv`);
    writeCsv(file, [header, line(o)]);
    const rows = [];
    for await (const r of readWarningTable(file, { today: TODAY, department: null })) rows.push(r);
    expect(rows).toHaveLength(1);
    if (problem === null) {
      expect(rows[0]).toEqual({
        row: 2, ok: true,
        value: { row: 2, warning: { department: 'medical_insurance', warnedOn: '2022-05-20', name: '张三', idNumber: ID, townName: '', villageName: '', reason: '住院 自付费用高', amountYuan: 23456, remark: '家属电话13812345678' } },
      });
    } else expect(rows[0]).toMatchObject({ row: 2, ok: false, problems: problem.split('；') });
  });

  it('an xlsx with real date cells and an ID typed as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('预警');
    ws.addRow(header);
    ws.addRow(['医保', new Date(Date.UTC(2022, 4, 20)), '张三', ID, '', '', '住院', 23456, '']);
    // What Excel keeps of an ID typed into a number cell: a float that lost its last digits.
    ws.addRow(['医保', new Date(Date.UTC(2022, 4, 21)), '李四', Number('610821197202022242'), '', '', '住院', 23456, '']);
    const file = join(dir, 'dates.xlsx');
    await wb.xlsx.writeFile(file);
    const rows = [];
    for await (const r of readWarningTable(file, { today: TODAY, department: null })) rows.push(r);
    expect(rows[0]).toMatchObject({ ok: true, value: { warning: { warnedOn: '2022-05-20', amountYuan: 23456 } } });
    expect(rows[1]).toMatchObject({ ok: false, problems: ['身份证号被存成了数字，末几位已丢失（请把该列设为“文本”格式后重新填写）'] });
  });
});

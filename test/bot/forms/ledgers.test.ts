import { describe, expect, it } from 'vitest';
import { buildForm2, buildForm3, buildForm4, buildForm5, FormInputError, type LedgerOptions } from '../../../src/bot/forms/index.js';
import { readXlsx, type ReadValue } from '../../helpers/xlsx.js';
import { FORM2_ROWS, FORM3_ROWS, FORM4_ROWS, FORM5_ROWS, SEED_HEADERS, SEED_TITLES, unwrap } from './samples.js';

const village = (unit: string): LedgerOptions => ({ scope: 'village', unit, reportDay: '2022-05-13' });
const town: LedgerOptions = { scope: 'town', unit: '高家堡镇人民政府', reportDay: '2022-05-13' };

/** The 说明 lines of the seed under each ledger, verbatim (the extraction's space after “说明：” aside). */
const SEED_NOTES: Record<string, string[]> = {
  form2: [
    '说明：1、对象类型选填对应数字，可多选（1. 脱贫户；2. 2021年家庭人均纯收入低于6700元和明显减少户；3. 分散供养特困户；4. 农村低保对象；5. 农村残疾人家庭；6. 多子女户；7. 务工收入占比高且务工时间不稳定的农户；8. 因新冠肺炎疫情影响生产及就业的农户；9. 去年以来受干旱洪涝等各类自然灾害影响“三保障”和饮水安全的农户；10. 因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活出现严重困难的农户。）',
    '2、家庭情况详细记录家庭收入情况，子女上学和花费情况，家庭成员患病及花销情况，意外灾害损失情况等。',
    '3、会议研判结论根据局研判会议结论选填拟纳入或不纳入。',
  ],
  form3: ['说明： 1、排查方式选填“入户”“电话”“微信”或“其他”。', '2、近期发生风险选填“是”或“否”，如选“是”在备注栏详细记录风险情况并提交村级进行会议研判。'],
  form4: ['说明：对象类型选填对应数字（1. 脱贫不稳定户；2. 边缘易致贫困户；3. 突发严重困难户）'],
  form5: ['说明：1、对象类型选填对应数字（1. 脱贫不稳定户；2. 边缘易致贫户；3. 突发严重困难户）', '2、纳入时间和风险类型按照全国防返贫监测信息系统填写，如系统录入错误的，同步修正。'],
};

interface Case {
  form: 'form2' | 'form3' | 'form4' | 'form5';
  label: string;
  make: (phones?: 'masked' | 'full') => Promise<Buffer>;
  rows: ReadValue[][];
  /** Column of 联系电话 and the full number of the first row. */
  phone: [number, string];
}

const CASES: Case[] = [
  {
    form: 'form2',
    label: '附件2',
    make: (phones) => buildForm2(FORM2_ROWS, { ...town, ...(phones ? { phones } : {}) }),
    rows: [
      [1, '高家堡镇', '王家庄村', '刘占山', 4, '138****1234', '1、4、5', FORM2_ROWS[0]!.familySituation, '王海军', '拟纳入', null],
      [2, '高家堡镇', '王家庄村', '高秀英', 1, null, '3', '分散供养特困人员，单人户，供养金按时发放。', '王海军', '不纳入', null],
      [3, '高家堡镇', '李家沟村', '张志平', 5, '091*****1266', '7、8', FORM2_ROWS[2]!.familySituation, '李文斌', null, '待本周四研判'],
    ],
    phone: [6, '13892271234'],
  },
  {
    form: 'form3',
    label: '附件3',
    make: (phones) => buildForm3(FORM3_ROWS, { ...village('王家庄村'), ...(phones ? { phones } : {}) }),
    rows: [
      [1, '高家堡镇', '王家庄村', '李桂兰', 3, '138****5678', '入户', '否', '是', '张建军', null],
      [2, '高家堡镇', '王家庄村', '薛二虎', 6, '159****0011', '微信', '是', '否', '张建军', '4月儿子车祸住院，自付约4万元，身份证6108**********123X，已报村级研判'],
      [3, '高家堡镇', '王家庄村', '白玉梅', 2, '137****0022', '电话', '否', '是', '张建军', null],
    ],
    phone: [6, '13812345678'],
  },
  {
    form: 'form4',
    label: '附件4',
    make: (phones) => buildForm4(FORM4_ROWS, { ...village('石角塔村'), ...(phones ? { phones } : {}) }),
    rows: [
      [1, '店塔镇', '石角塔村', '乔永福', 4, '139****0001', 1, '是', '是', '是', '是', '否', '否', null],
      [2, '店塔镇', '石角塔村', '贺存厚', 2, '139****0002', 3, '否', '是', '是', '否', '是', '否', '整户无劳动力，建议回退'],
    ],
    phone: [6, '13992130001'],
  },
  {
    form: 'form5',
    label: '附件5',
    make: (phones) => buildForm5(FORM5_ROWS, { ...village('石角塔村'), ...(phones ? { phones } : {}) }),
    rows: [[1, '店塔镇', '石角塔村', '郝明亮', 3, '186****0003', '2021-09-18', '因病、因学', '健康帮扶、教育帮扶（雨露计划）、公益岗位帮扶', '是', '否', null]],
    phone: [6, '18691230003'],
  },
];

describe('ledgers 附件2–5', () => {
  describe.each(CASES)('$label', (c) => {
    it('prints the seed title, header and 说明 exactly', async () => {
      const s = (await readXlsx(await c.make())).sheet(0);
      const header = SEED_HEADERS[c.form].map(unwrap);
      expect(s.text(1, 1)).toBe(c.label);
      expect(s.text(2, 1)).toBe(SEED_TITLES[c.form]);
      expect(s.rangeOf(2, 1)).toBe(`A2:${String.fromCharCode(64 + header.length)}2`);
      expect(s.row(4)).toEqual(header);
      const notesAt = 5 + c.rows.length;
      const notes = SEED_NOTES[c.form]!.map((n) => n.replace('说明： ', '说明：'));
      expect(notes.map((_, i) => s.text(notesAt + i, 1))).toEqual(notes);
      expect(s.rangeOf(notesAt, 1)).toBe(`A${notesAt}:${String.fromCharCode(64 + header.length)}${notesAt}`);
    });

    it('numbers the rows and prints values as the form asks (是/否, 1、3、5, masked phones)', async () => {
      const s = (await readXlsx(await c.make())).sheet(0);
      expect(c.rows.map((_, i) => s.row(5 + i))).toEqual(c.rows);
      expect(s.text(3, 1)).toMatch(/^填报单位：/);
      expect(s.text(3, s.columnCount)).toBe('填报时间：2022年5月13日');
    });

    it('prints the full phone only when asked', async () => {
      const s = (await readXlsx(await c.make('full'))).sheet(0);
      expect(s.value(5, c.phone[0])).toBe(c.phone[1]);
    });

    it('has borders, widths, a frozen header and an A4 landscape page one page wide', async () => {
      const s = (await readXlsx(await c.make())).sheet(0);
      expect(s.ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 4 });
      expect(s.ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
      for (let col = 1; col <= s.columnCount; col++) {
        expect(s.hasBorder(4, col)).toBe(true);
        expect(s.hasBorder(4 + c.rows.length, col)).toBe(true);
        expect(s.columnWidth(col)).toBeGreaterThanOrEqual(6);
      }
      expect(s.isBold(4, 1)).toBe(true);
    });
  });

  it('says so when there is nothing to list', async () => {
    const s = (await readXlsx(await buildForm3([], village('王家庄村')))).sheet(0);
    expect(s.text(5, 1)).toBe('（本期无记录）');
    expect(s.rangeOf(5, 1)).toBe('A5:K5');
  });

  const first3 = FORM3_ROWS[0]!;
  const bad: Array<[string, () => Promise<Buffer>, string[]]> = [
    ['a key group out of range', () => buildForm2([{ ...FORM2_ROWS[0]!, objectTypes: [1, 12] }], town), ['附件2第1行（刘占山）：对象类型第2项须为1–10的数字']],
    ['no key group', () => buildForm2([{ ...FORM2_ROWS[0]!, objectTypes: [] }], town), ['附件2第1行（刘占山）：对象类型至少选一项']],
    ['a phone with letters', () => buildForm2([{ ...FORM2_ROWS[0]!, phone: '138abc' }], town), ['附件2第1行（刘占山）：联系电话只能是数字和“-”（6–20位）']],
    ['two faults in one row', () => buildForm3([{ ...first3, familySize: 0, method: 'visit' as never }], village('王家庄村')), ['附件3第1行（李桂兰）：家庭人口须为1–99的整数', '附件3第1行（李桂兰）：排查方式须为入户、电话、微信或其他']],
    ['an empty name', () => buildForm3([FORM3_ROWS[1]!, { ...first3, headName: ' ' }], village('王家庄村')), ['附件3第2行：户主姓名不能为空']],
    ['a 是/否 that is neither', () => buildForm3([{ ...first3, knowsPolicy: '是' as never }], village('王家庄村')), ['附件3第1行（李桂兰）：是否基本了解防返贫政策须为“是”或“否”']],
    ['a fourth category', () => buildForm4([{ ...FORM4_ROWS[0]!, category: 4 }], village('石角塔村')), ['附件4第1行（乔永福）：对象类型须为1–3的数字']],
    ['a day in another format', () => buildForm5([{ ...FORM5_ROWS[0]!, includedOn: '2021/9/18' }], village('石角塔村')), ['附件5第1行（郝明亮）：纳入时间须为“2022-05-13”这样的日期']],
    ['no risk type', () => buildForm5([{ ...FORM5_ROWS[0]!, riskTypes: [] }], village('石角塔村')), ['附件5第1行（郝明亮）：风险类型至少一项']],
    ['another village in a village workbook', () => buildForm2(FORM2_ROWS, village('王家庄村')), ['附件2：按村导出时只能含高家堡镇王家庄村的数据，却有高家堡镇李家沟村等1行']],
    ['another town in a town workbook', () => buildForm4([...FORM4_ROWS, { ...FORM4_ROWS[0]!, townName: '高家堡镇' }], town), ['附件4：按镇街导出时只能含店塔镇的数据，却有高家堡镇石角塔村等1行']],
  ];
  it.each(bad)('refuses %s, naming row and column in Chinese', async (_t, make, problems) => {
    const err = await make().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormInputError);
    expect((err as FormInputError).problems).toEqual(problems);
    expect((err as FormInputError).code).toBe('FORM.INVALID_INPUT');
  });
});

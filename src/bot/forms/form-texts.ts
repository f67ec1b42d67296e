/**
 * The printed words of the six forms — attachment labels, titles and 说明 notes — as the 2022
 * screening plan (神乡振发〔2022〕7号) prints them. Kept verbatim; the only changes are the
 * extraction's stray spaces (“说明： 1、”, “排查人 签字”, “会议研 判结论”), which come from line
 * wrapping inside narrow cells, not from the document.
 *
 * @example
 *   FORM_TEXTS.form3.title // '防止返贫监测帮扶集中排查工作排查台账（一般户）'
 */

export type FormId = 'form1' | 'form2' | 'form3' | 'form4' | 'form5' | 'form6';

export interface FormText {
  /** The label above the title (附件1 …). */
  attachment: string;
  title: string;
  /** The 说明 lines printed under the table, in order. */
  notes: string[];
}

/**
 * The 说明 of 附件2 for a campaign: key group ② names the campaign's income year and its line
 * (the seed prints 2021 and 6700 for the 2022 campaign).
 *
 * @example
 *   form2Notes({ incomeYear: 2022, line: 7100 })[0]   // '…2. 2022年家庭人均纯收入低于7100元和明显减少户；…'
 */
export function form2Notes(basis: { incomeYear: number; line: number } | undefined): string[] {
  const notes = FORM_TEXTS.form2.notes;
  if (!basis) return notes;
  return notes.map((n) => n.replace(/\d{4}年家庭人均纯收入低于\d+(?:\.\d+)?元/, `${basis.incomeYear}年家庭人均纯收入低于${basis.line}元`));
}

export const FORM_TEXTS: Record<FormId, FormText> = {
  form1: {
    attachment: '附件1',
    title: '防止返贫监测帮扶集中排查工作进度统计表',
    notes: [],
  },
  form2: {
    attachment: '附件2',
    title: '防止返贫监测帮扶集中排查工作排查台账（十类人群和特殊对象）',
    notes: [
      '说明：1、对象类型选填对应数字，可多选（1. 脱贫户；2. 2021年家庭人均纯收入低于6700元和明显减少户；3. 分散供养特困户；4. 农村低保对象；5. 农村残疾人家庭；6. 多子女户；7. 务工收入占比高且务工时间不稳定的农户；8. 因新冠肺炎疫情影响生产及就业的农户；9. 去年以来受干旱洪涝等各类自然灾害影响“三保障”和饮水安全的农户；10. 因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活出现严重困难的农户。）',
      '2、家庭情况详细记录家庭收入情况，子女上学和花费情况，家庭成员患病及花销情况，意外灾害损失情况等。',
      '3、会议研判结论根据局研判会议结论选填拟纳入或不纳入。',
    ],
  },
  form3: {
    attachment: '附件3',
    title: '防止返贫监测帮扶集中排查工作排查台账（一般户）',
    notes: [
      '说明：1、排查方式选填“入户”“电话”“微信”或“其他”。',
      '2、近期发生风险选填“是”或“否”，如选“是”在备注栏详细记录风险情况并提交村级进行会议研判。',
    ],
  },
  form4: {
    attachment: '附件4',
    title: '已消除风险监测对象台账',
    notes: ['说明：对象类型选填对应数字（1. 脱贫不稳定户；2. 边缘易致贫困户；3. 突发严重困难户）'],
  },
  form5: {
    attachment: '附件5',
    title: '未消除风险监测对象台账',
    notes: [
      '说明：1、对象类型选填对应数字（1. 脱贫不稳定户；2. 边缘易致贫户；3. 突发严重困难户）',
      '2、纳入时间和风险类型按照全国防返贫监测信息系统填写，如系统录入错误的，同步修正。',
    ],
  },
  form6: {
    attachment: '附件6',
    title: '防止返贫监测帮扶集中排查问题清单',
    notes: [],
  },
};

/** File names the bot sends: `附件3_排查台账（一般户）_高家堡镇_2022-05-13.xlsx`. */
export function formFileName(id: FormId, place: string, day: string): string {
  const t = FORM_TEXTS[id];
  const short = t.title.replace('防止返贫监测帮扶集中排查工作', '').replace('防止返贫监测帮扶集中排查', '');
  return `${t.attachment}_${short}_${place}_${day}.xlsx`.replace(/[\\/:*?"<>|\s]/g, '');
}

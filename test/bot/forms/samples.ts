/**
 * Realistic rows for the form tests: two towns of the city, three villages, invented households.
 * The seed's own strings (headers as extracted, with the wrap spaces of narrow cells) are kept
 * here verbatim, so a typo in the forms fails a test.
 */
import type { Form1Row, Form2Row, Form3Row, Form4Row, Form5Row, Form6Village, HouseholdsPeople } from '../../../src/bot/forms/index.js';

/** The extraction's line-wrap spaces inside narrow cells are not part of the document. */
export const unwrap = (s: string): string => s.replace(/ /g, '');

/** Header rows of 附件2–6 exactly as the seed's text prints them. */
export const SEED_HEADERS = {
  form2: ['序号', '镇街', '行政村', '户主姓名', '家庭人口', '联系电话', '对象类型', '家庭情况', '排查人 签字', '会议研 判结论', '备注'],
  form3: ['序号', '镇街', '行政村', '户主姓名', '家庭人口', '联系电话', '排查方式', '近期是否发生风险', '是否基本了解防返贫政策', '排查员签字', '备注'],
  form4: ['序号', '镇街', '行政村', '户主姓名', '家庭人口', '联系电话', '对象类型', '收入是否持续稳定', '帮扶措施是否落实', '“三保障”及饮水安全持续巩固是否持稳续', '风险消除是否持稳续', '是否需要重新标注或备注', '是否需要清退', '备注'],
  form5: ['序号', '镇街', '行政村', '户主姓名', '家庭人口', '联系电话', '纳入时间', '风险类型', '已落实帮扶措施', '帮扶是否落实', '是否达到消除标准', '备注'],
  form6: ['序号', '类型', '具体问题'],
};

/** 附件6's eight categories as the seed prints them. */
export const SEED_PROBLEM_TYPES = ['“两不愁三保障”和饮水安全方面', '帮扶政策落实方面', '收入未稳定达标方面', '“应纳未纳” “体外循环”方面', '网格员管理及日常排查方面', '数据质量方面', '信访舆情方面', '其他方面'];

export const SEED_TITLES = {
  form1: '防止返贫监测帮扶集中排查工作进度统计表',
  form2: '防止返贫监测帮扶集中排查工作排查台账（十类人群和特殊对象）',
  form3: '防止返贫监测帮扶集中排查工作排查台账（一般户）',
  form4: '已消除风险监测对象台账',
  form5: '未消除风险监测对象台账',
  form6: '防止返贫监测帮扶集中排查问题清单',
};

const hp = (households: number, people: number): HouseholdsPeople => ({ households, people });

export function village(townName: string, villageName: string, k: number): Form1Row {
  return {
    level: 'village', townName, villageName, deployed: k % 2 === 1, staff: 10 + k,
    screened: hp(100 * k, 290 * k), screenedAlleviated: hp(20 + k, 61 + k), screenedSubjects: hp(3 + k, 9 + k),
    includedMarginal: hp(k, 3 * k), includedUnstable: hp(1, 4), includedSudden: hp(k - 1, 2 * (k - 1)), includedCovid: hp(0, 0),
    reviewTotal: 4 + k, reverted: 1, withdrawn: k === 3 ? 1 : 0, problemsFound: 5 + k, problemsRectified: 3 + k, dataCorrections: k, trained: 8 + k,
  };
}

/** A subtotal as the statistics would give it (people counted once, so staff is not a sum). */
export function subtotal(level: 'town' | 'city', townName: string, rows: Form1Row[], staff: number): Form1Row {
  const add = (f: (r: Form1Row) => HouseholdsPeople) => hp(rows.reduce((s, r) => s + f(r).households, 0), rows.reduce((s, r) => s + f(r).people, 0));
  const sum = (f: (r: Form1Row) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    level, townName, villageName: '',
    deployed: { yes: rows.filter((r) => r.deployed === true).length, of: rows.length }, staff,
    screened: add((r) => r.screened), screenedAlleviated: add((r) => r.screenedAlleviated), screenedSubjects: add((r) => r.screenedSubjects),
    includedMarginal: add((r) => r.includedMarginal), includedUnstable: add((r) => r.includedUnstable), includedSudden: add((r) => r.includedSudden),
    includedCovid: add((r) => r.includedCovid), reviewTotal: sum((r) => r.reviewTotal), reverted: sum((r) => r.reverted), withdrawn: sum((r) => r.withdrawn),
    problemsFound: sum((r) => r.problemsFound), problemsRectified: sum((r) => r.problemsRectified), dataCorrections: sum((r) => r.dataCorrections), trained: sum((r) => r.trained),
  };
}

export const GJP_VILLAGES = [village('高家堡镇', '王家庄村', 1), village('高家堡镇', '李家沟村', 2)];
export const DT_VILLAGES = [village('店塔镇', '石角塔村', 3)];
export const GJP = subtotal('town', '高家堡镇', GJP_VILLAGES, 20);
export const DT = subtotal('town', '店塔镇', DT_VILLAGES, 13);
export const CITY = subtotal('city', '', [...GJP_VILLAGES, ...DT_VILLAGES], 31);

export const FORM2_ROWS: Form2Row[] = [
  { townName: '高家堡镇', villageName: '王家庄村', headName: '刘占山', familySize: 4, phone: '13892271234', objectTypes: [5, 1, 4], familySituation: '2021年家庭纯收入2.1万元，长子在榆林读高中年花费约8000元，本人肢体残疾二级，妻子慢性病年自付约3000元。', screenerSignature: '王海军', verdict: '拟纳入', remark: '' },
  { townName: '高家堡镇', villageName: '王家庄村', headName: '高秀英', familySize: 1, phone: '', objectTypes: [3], familySituation: '分散供养特困人员，单人户，供养金按时发放。', screenerSignature: '王海军', verdict: '不纳入', remark: '' },
  { townName: '高家堡镇', villageName: '李家沟村', headName: '张志平', familySize: 5, phone: '0912-8331266', objectTypes: [7, 8], familySituation: '两人外出务工，疫情期间停工三个月，收入减少约1.5万元。', screenerSignature: '李文斌', verdict: null, remark: '待本周四研判' },
];

export const FORM3_ROWS: Form3Row[] = [
  { townName: '高家堡镇', villageName: '王家庄村', headName: '李桂兰', familySize: 3, phone: '13812345678', method: 'home_visit', riskRecently: false, knowsPolicy: true, screenerSignature: '张建军', remark: '' },
  { townName: '高家堡镇', villageName: '王家庄村', headName: '薛二虎', familySize: 6, phone: '15991230011', method: 'wechat', riskRecently: true, knowsPolicy: false, screenerSignature: '张建军', remark: '4月儿子车祸住院，自付约4万元，身份证61082119800101123X，已报村级研判' },
  { townName: '高家堡镇', villageName: '王家庄村', headName: '白玉梅', familySize: 2, phone: '13709120022', method: 'phone', riskRecently: false, knowsPolicy: true, screenerSignature: '张建军', remark: '' },
];

export const FORM4_ROWS: Form4Row[] = [
  { townName: '店塔镇', villageName: '石角塔村', headName: '乔永福', familySize: 4, phone: '13992130001', category: 1, incomeStable: true, measuresInPlace: true, basicNeedsConsolidated: true, eliminationStable: true, needsRelabel: false, needsWithdrawal: false, remark: '' },
  { townName: '店塔镇', villageName: '石角塔村', headName: '贺存厚', familySize: 2, phone: '13992130002', category: 3, incomeStable: false, measuresInPlace: true, basicNeedsConsolidated: true, eliminationStable: false, needsRelabel: true, needsWithdrawal: false, remark: '整户无劳动力，建议回退' },
];

export const FORM5_ROWS: Form5Row[] = [
  { townName: '店塔镇', villageName: '石角塔村', headName: '郝明亮', familySize: 3, phone: '18691230003', includedOn: '2021-09-18', riskTypes: ['因病', '因学'], measures: ['健康帮扶', '教育帮扶（雨露计划）', '公益岗位帮扶'], assistanceInPlace: true, meetsElimination: false, remark: '' },
];

export const FORM6_VILLAGES: Form6Village[] = [
  {
    townName: '高家堡镇', villageName: '王家庄村', problems: [
      { category: 'data_quality', description: '3户家庭成员身份证号校验位错误，已核对户口簿' },
      { category: 'basic_needs', description: '刘占山户住房屋顶漏雨，待住建部门鉴定' },
      { category: 'data_quality', description: '高秀英户收入信息缺失' },
    ],
  },
  { townName: '高家堡镇', villageName: '李家沟村', problems: [] },
  { townName: '店塔镇', villageName: '石角塔村', problems: [{ category: 'missed_or_outside', description: '张某户因病自付较高未纳入监测，电话13992130009' }] },
];

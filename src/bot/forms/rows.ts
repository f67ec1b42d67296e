/**
 * The rows of the six attachment forms of the 2022 screening plan (附件1–附件6), as plain data.
 *
 * The domain side maps its records onto these shapes; the builders (`buildForm1` … `buildForm6`)
 * only lay them out. Every field carries, in its TSDoc, the column header it fills, quoted from
 * the seed. Values stay simple: text, whole numbers, booleans (printed 是/否) and multi-selects as
 * the numbers the form's 说明 asks for (printed "1、3、5").
 *
 * @example
 *   const row: Form3Row = {
 *     townName: '高家堡镇', villageName: '王家庄村', headName: '李桂兰', familySize: 3,
 *     phone: '13812345678', method: 'home_visit', riskRecently: false, knowsPolicy: true,
 *     screenerSignature: '张建军', remark: '',
 *   };
 */
import type { ProgressRow } from '../../domain/progress.js';
import { CATEGORY, KEY_GROUP, type Category, type KeyGroup, type ProblemCategory, type ScreeningMethod } from '../../domain/catalog.js';

/** Who a workbook is for: one village, one town (its villages), or the whole city. */
export type FormScope = 'village' | 'town' | 'city';

/** A 户数/人数 pair of 附件1. */
export type { HouseholdsPeople } from '../../domain/progress.js';

/** The place columns every ledger (附件2–5) starts with after 序号. */
export interface LedgerPlace {
  /** “镇街” */
  townName: string;
  /** “行政村” */
  villageName: string;
}

/** The household columns shared by 附件2–5. */
export interface LedgerHousehold extends LedgerPlace {
  /** “户主姓名” */
  headName: string;
  /** “家庭人口” (people in the household) */
  familySize: number;
  /** “联系电话” — printed masked unless the workbook is built with `phones: 'full'`. Empty when unknown. */
  phone: string;
}

/**
 * 附件1 防止返贫监测帮扶集中排查工作进度统计表: one row per village, one subtotal per town, one city
 * total. The counts are the statistics' own (`ProgressRow` of src/domain/progress.ts, whose file
 * comment maps every cell of the seed's header to them); town and city rows come ready-made (参与人数
 * counts people once across villages, so it is not a sum the form could compute). The form adds
 * the place names and prints 是否专门安排部署 as 是/否 for a village, "12/15" villages above it.
 */
export type Form1Row = Omit<ProgressRow, 'cityCode' | 'townCode' | 'villageCode' | 'deployed' | 'villages' | 'deployedVillages'> & {
  /** “镇街” (empty on the city row) */
  townName: string;
  /** “行政村” (empty on town and city rows) */
  villageName: string;
  /** “是否专门安排部署”: yes or no for a village; how many of its villages did, above it. */
  deployed: boolean | { yes: number; of: number };
};

/** 附件2 排查台账（十类人群和特殊对象）: one row per key-group household screened. */
export interface Form2Row extends LedgerHousehold {
  /** “对象类型”: the key groups ①–⑩ as numbers 1–10, several allowed (printed "1、4、5"). */
  objectTypes: number[];
  /** “家庭情况”: income, children's schooling and its cost, illness and its cost, disaster losses. */
  familySituation: string;
  /** “排查人签字” (printed as “排查人 签字” in the seed): the screener's name. */
  screenerSignature: string;
  /** “会议研判结论” (printed “会议研 判结论”): 拟纳入 / 不纳入, null before the 研判会. */
  verdict: '拟纳入' | '不纳入' | null;
  /** “备注” */
  remark: string;
}

/** 附件3 排查台账（一般户）: one row per general household screened. */
export interface Form3Row extends LedgerHousehold {
  /** “排查方式”: 入户 / 电话 / 微信 / 其他. */
  method: ScreeningMethod;
  /** “近期是否发生风险” (是/否) */
  riskRecently: boolean;
  /** “是否基本了解防返贫政策” (是/否) */
  knowsPolicy: boolean;
  /** “排查员签字”: the screener's name. */
  screenerSignature: string;
  /** “备注”: the risk in detail when 近期是否发生风险 is 是. */
  remark: string;
}

/** 附件4 已消除风险监测对象台账 (回头看): one row per eliminated-risk subject reviewed. */
/** A subject marked 风险消除 and due a 回头看 that has none yet is listed with its answers empty (null) and 备注 “未回头看”. */
export interface Form4Row extends LedgerHousehold {
  /** “对象类型”: 1 脱贫不稳定户, 2 边缘易致贫户, 3 突发严重困难户. */
  category: number;
  /** “收入是否持续稳定” */
  incomeStable: boolean | null;
  /** “帮扶措施是否落实” */
  measuresInPlace: boolean | null;
  /** ““三保障”及饮水安全持续巩固是否持稳续” (printed so in the seed) */
  basicNeedsConsolidated: boolean | null;
  /** “风险消除是否持稳续” (printed so in the seed) */
  eliminationStable: boolean | null;
  /** “是否需要重新标注或备注” */
  needsRelabel: boolean | null;
  /** “是否需要清退” */
  needsWithdrawal: boolean | null;
  /** “备注” */
  remark: string;
}

/** 附件5 未消除风险监测对象台账: one row per open subject. */
export interface Form5Row extends LedgerHousehold {
  /** “纳入时间”: the day of inclusion, 'YYYY-MM-DD', as in the national system. */
  includedOn: string;
  /** “风险类型”: labels as in the national system (因病, 因学, …), printed "因病、因学". */
  riskTypes: string[];
  /** “已落实帮扶措施”: labels, printed joined with 、. */
  measures: string[];
  /** “帮扶是否落实” */
  assistanceInPlace: boolean;
  /** “是否达到消除标准” */
  meetsElimination: boolean;
  /** “备注” */
  remark: string;
}

/** One problem found in a village (附件6 input); several per category are allowed. */
export interface Form6Problem {
  /** “类型”: one of the eight categories. */
  category: ProblemCategory;
  /** “具体问题” */
  description: string;
}

/** 附件6 防止返贫监测帮扶集中排查问题清单 of one village. */
export interface Form6Village extends LedgerPlace {
  problems: Form6Problem[];
}

/** A printed row of 附件6: one per category, the category's problems numbered in one cell. */
export interface Form6Row {
  /** “序号” (1–8, the category's place in the form) */
  seq: number;
  /** “类型”, exactly as printed. */
  category: string;
  /** “具体问题”: the category's problems, printed one per line and numbered ("1. …"), 无 when none. */
  problems: string[];
}

/** The key-group number (1–10) of 附件2's 对象类型, from the domain code. */
export function keyGroupNumber(code: KeyGroup): number {
  return KEY_GROUP.codes.indexOf(code) + 1;
}

/** The 对象类型 number (1–3) of 附件4, from the domain category. */
export function categoryNumber(code: Category): number {
  return CATEGORY.codes.indexOf(code) + 1;
}

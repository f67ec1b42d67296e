/**
 * An in-memory DepartmentData for the department flows' transcript tests: actors (a 医保 staff
 * member, the city bureau, a grid worker, a farmer), a previewed 医保 list with every kind of row,
 * and a fake port that answers by (media id, department) and remembers what it was asked.
 */
import type { Department } from '../../../src/domain/catalog.js';
import type { DepartmentData, DepartmentWarningProgress, WarningFilePreview, WarningFileRead, WarningNoticeItem } from '../../../src/flows/department/data.js';
import type { Actor } from '../../../src/flows/types.js';
import { idNumber } from '../../helpers/people.js';

/** 2022-05-25 10:00 Asia/Shanghai. */
export const T0 = Date.UTC(2022, 4, 25, 2, 0, 0);

export const yibao: Actor = { sender: { channel: 'app', id: 'yibao01' }, staff: { userId: 'yibao01', name: '医保专干', role: 'department', jurisdiction: { level: 'city', code: '610821' } } };
export const cityBureau: Actor = { sender: { channel: 'app', id: 'shiju' }, staff: { userId: 'shiju', name: '市局小杨', role: 'city_bureau', jurisdiction: { level: 'city', code: '610821' } } };
export const gridWorker: Actor = { sender: { channel: 'app', id: 'wangwu' }, staff: { userId: 'wangwu', name: '王五', role: 'grid_worker', jurisdiction: { level: 'grid', code: '610821101201-01' } } };
export const farmer: Actor = { sender: { channel: 'kf', id: 'wmFarmer01', openKfId: 'wk' }, staff: null };
export const stranger: Actor = { sender: { channel: 'app', id: 'nobody' }, staff: null };

export const ZHANG = idNumber('19700101', 11);
export const LI = idNumber('19720202', 22);

export const warning = (over: Partial<WarningFilePreview['rows'][number]['warning']> = {}) => ({
  department: 'medical_insurance' as Department, warnedOn: '2022-05-20', name: '张三', idNumber: ZHANG, townName: '高家堡镇', villageName: '凉水井村',
  reason: '住院自付费用高', amountYuan: 23456, remark: '', ...over,
});

const item = (over: Partial<WarningNoticeItem>): WarningNoticeItem => ({
  department: 'medical_insurance', warnedOn: '2022-05-20', person: '张三', maskedId: `6108**********${ZHANG.slice(-4)}`, householdHead: '张三', villageName: '凉水井村',
  reason: '住院自付费用高', amountText: '自付费用23,456元', outcome: 'opened', deadline: '2022-06-04', ...over,
});

/** 医保's May list: 2 opened, 1 merged, 1 below threshold, 2 refused; a grid worker and a cadre told. */
export function mayList(fileName = '5月医保预警.xlsx'): WarningFilePreview {
  const items = [
    item({}),
    item({ person: '李四', maskedId: `6108**********${LI.slice(-4)}`, warnedOn: '2022-05-21', reason: '门诊慢病', amountText: '自付费用12,000元', outcome: 'merged', deadline: null }),
    item({ person: '王小', maskedId: '6108**********1516', householdHead: null, reason: '意外受伤住院', amountText: null }),
  ];
  return {
    fileName,
    departments: ['medical_insurance'],
    rowsRead: 7,
    counts: { opened: 2, merged: 1, subject: 0, below_threshold: 1, seen: 1, refused: 2 },
    refused: [
      { row: 4, reason: '身份证号校验位不对（可能有数字录错）' },
      { row: 7, reason: '身份证号 6108**********1234 不在户籍名册中，且行政村「不存在村」在「高家堡镇」下找不到，无法确定所在村' },
    ],
    thresholds: [{ department: 'medical_insurance', threshold: { minYuan: 10000, amountLabel: '自付费用' } }],
    notices: [
      { to: { userId: 'wangwu', name: '王五', role: 'grid_worker' }, items },
      { to: { userId: 'liucun', name: '刘村', role: 'village_cadre' }, items },
    ],
    rows: [
      { row: 2, warning: warning() },
      { row: 3, warning: warning({ name: '李四', idNumber: LI, warnedOn: '2022-05-21', reason: '门诊慢病', amountYuan: 12000 }) },
      { row: 5, warning: warning({ name: '王小', idNumber: idNumber('20080808', 151), reason: '意外受伤住院', amountYuan: null }) },
      { row: 6, warning: warning({ name: '赵六', idNumber: idNumber('19660606', 62), reason: '门诊自付', amountYuan: 800 }) },
    ],
  };
}

export interface FakeDepartment {
  data: DepartmentData;
  /** Every preview asked for: [media id, department]. */
  asked: Array<[string, Department | null]>;
}

/**
 * The fake port: `files` answers by media id (a function of the department asked, for a city
 * file whose rows need one); `own` is the asker's department.
 */
export function fakeDepartment(files: Record<string, (d: Department | null) => WarningFileRead>, o: { own?: Department | null; progress?: DepartmentWarningProgress[] | null } = {}): FakeDepartment {
  const asked: Array<[string, Department | null]> = [];
  return {
    asked,
    data: {
      myDepartment: async () => o.own ?? null,
      previewWarningFile: async (file, department) => {
        asked.push([file.mediaId, department]);
        const answer = files[file.mediaId];
        return answer ? answer(department) : { ok: false, kind: 'download', message: '文件下载失败（文件可能已过期）。请重新发送一次。' };
      },
      warningTemplate: async () => ({ fileName: '部门预警名单模板.xlsx', contentBase64: 'UEsDBA==' }),
      warningProgress: async () => (o.progress === undefined ? [] : o.progress),
    },
  };
}

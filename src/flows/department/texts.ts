/**
 * The words of the department warnings: the summary a department (or the city) reads after
 * sending a list, the one notice each responsible grid worker or village cadre gets for a file,
 * and the small answers around them. Shared with the command line (src/bot/import/warnings.ts),
 * so a list imported either way reads the same. ID numbers are always masked.
 *
 * @example
 *   summaryText(preview, '医保')
 *   // '已收到医保预警名单「5月医保预警.xlsx」，读取 8 行：\n新开风险线索 3 条，并入已有线索 1 条，…'
 *   noticeText(notice, '5月医保预警.xlsx')
 *   // '【部门筛查预警】名单「5月医保预警.xlsx」中有 2 条预警涉及您负责的农户：\n1. 张三户（凉水井村）…'
 */
import { DEPARTMENT, type Department } from '../../domain/catalog.js';
import type { WarningOutcome } from '../../domain/department-warning.js';
import { formatYuan } from '../../domain/department-warning.js';
import { maskText } from '../../domain/privacy.js';
import type { Day } from '../../domain/shanghai-days.js';
import { riskAddedWords } from '../../domain/subject.js';
import type { WarningFilePreview, WarningNotice, WarningNoticeItem } from './data.js';

/** "5月20日". */
export function monthDay(day: Day): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

const MAX_REFUSED = 10;
const MAX_NOTICE_ITEMS = 20;

/** "新开风险线索 3 条，并入已有线索 1 条，…" — only the outcomes that happened. */
export function countsText(counts: Record<WarningOutcome, number>): string {
  const parts: string[] = [];
  if (counts.opened) parts.push(`新开风险线索 ${counts.opened} 条`);
  if (counts.merged) parts.push(`并入已有线索 ${counts.merged} 条`);
  if (counts.subject) parts.push(`已是监测对象、补充到该户风险 ${counts.subject} 条`);
  if (counts.below_threshold) parts.push(`低于门槛仅登记 ${counts.below_threshold} 条`);
  if (counts.seen) parts.push(`以前已导入 ${counts.seen} 条（未重复生成）`);
  if (counts.refused) parts.push(`未导入 ${counts.refused} 行`);
  return parts.length > 0 ? parts.join('，') : '没有可导入的行';
}

/** The departments named in a file, for the summary's first line ("医保", "医保、民政"). */
export function departmentsLabel(departments: readonly Department[]): string {
  return departments.map((d) => DEPARTMENT.label[d]).join('、');
}

/** What the sender reads once the list is imported. */
export function summaryText(p: WarningFilePreview, departments: readonly Department[]): string {
  const who = departments.length > 0 ? `${departmentsLabel(departments)}预警名单` : '预警名单';
  const lines = [`已收到${who}「${p.fileName}」，读取 ${p.rowsRead} 行：`, `${countsText(p.counts)}。`];
  for (const { department, threshold } of p.thresholds) {
    lines.push(`（${DEPARTMENT.label[department]}${threshold.amountLabel}低于${formatYuan(threshold.minYuan)}的只登记、不生成线索。）`);
  }
  if (p.refused.length > 0) {
    lines.push('未导入的行：');
    for (const r of p.refused.slice(0, MAX_REFUSED)) lines.push(`· 第 ${r.row} 行：${maskText(r.reason)}`);
    if (p.refused.length > MAX_REFUSED) lines.push(`· ……另有 ${p.refused.length - MAX_REFUSED} 行，请改正后重新发送整个文件（已导入的不会重复）`);
    else lines.push('改正后重新发送整个文件即可，已导入的不会重复。');
  }
  const told = p.notices.length;
  if (told > 0) {
    const villages = new Set(p.notices.flatMap((n) => n.items.map((i) => i.villageName))).size;
    lines.push(`已通知 ${villages} 个村的网格员和村干部（共 ${told} 人）入户核实，15天内完成识别认定。发送“预警进度”可查看核查进度。`);
  }
  return lines.join('\n');
}

function itemLine(i: WarningNoticeItem, n: number): string {
  const who = i.householdHead ? `${i.householdHead}户（${i.villageName}）：${i.person}（${i.maskedId}）` : `${i.person}（${i.maskedId}，未在户籍名册，${i.villageName}）`;
  const what = `${DEPARTMENT.label[i.department]}${monthDay(i.warnedOn)}预警：${i.reason}${i.amountText ? `，${i.amountText}` : ''}`;
  const then =
    i.outcome === 'opened' ? `已生成风险线索，${i.deadline ? `${monthDay(i.deadline)}前` : '15天内'}完成识别认定`
    : i.outcome === 'subject' ? riskAddedWords(null).replace(/。$/, '')
    : '已并入该户正在办理的风险线索';
  return `${n}. ${who}，${what}。${then}。`;
}

/** The one notice a responsible staff member gets for a file. */
export function noticeText(notice: WarningNotice, fileName: string): string {
  const items = notice.items;
  const lines = [`【部门筛查预警】名单「${fileName}」中有 ${items.length} 条预警涉及您负责的农户：`];
  items.slice(0, MAX_NOTICE_ITEMS).forEach((i, k) => lines.push(itemLine(i, k + 1)));
  if (items.length > MAX_NOTICE_ITEMS) lines.push(`……另有 ${items.length - MAX_NOTICE_ITEMS} 条未列出。`);
  lines.push('请尽快入户核实，并登记核查结果；发送“待办”查看。');
  return maskText(lines.join('\n'));
}

export const TEXTS = {
  howToSend:
    '请把预警名单（xlsx 或 csv 文件）直接发给我：列为 部门、预警日期、姓名、身份证号、镇街、行政村、预警事由、金额、备注。' +
    '收到后按身份证号找到所在户，生成风险线索并通知村里的网格员和村干部。发送“预警模板”获取表格模板。',
  notAllowed: '部门预警名单由行业部门或市乡村振兴局报送，您的角色不能报送。发送“帮助”查看您可以办的事。',
  notForRole: (title: string, role: string) => `「${title}」是行业部门和市乡村振兴局的功能，您的角色（${role}）用不到。发送“帮助”查看您可以办的事。`,
  notAFile: '请发送 xlsx 或 csv 格式的预警名单文件（图片、语音、视频无法导入）。',
  askDepartment: (fileName: string) =>
    `名单「${fileName}」中有的行没有填写部门。请问这是哪个部门的预警？请回复部门名称：${DEPARTMENT.codes.map((d) => DEPARTMENT.label[d]).join('、')}。`,
  departmentNotUnderstood: (said: string) => `没看懂“${maskText(said).slice(0, 20)}”。请回复部门名称，如“医保”“民政”，或发送“取消”退出。`,
  templateSent: '这是预警名单模板：第一行是表头，下面是示例行（请删掉后填写）；“填写说明”页列出每一列的写法。填好后把文件直接发给我。',
};

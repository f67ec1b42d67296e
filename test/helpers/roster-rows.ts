/**
 * Rows of a households roster for import tests: one person a row, in the template's column order,
 * placed in 高家堡镇凉水井村一网格 as a 一般农户 with ordinary labour and health unless `more` says
 * otherwise.
 *
 * @example
 *   writeCsv(file, [ROSTER_HEADER, rosterRow('H1', '张三', id, '户主'), rosterRow('H1', '张小', id2, '之子', { change: '分户' })]);
 */
import { HOUSEHOLD_COLUMNS } from '../../src/bot/import/columns.js';

export const ROSTER_HEADER = HOUSEHOLD_COLUMNS.map((c) => c.header);

export type RosterCells = Partial<Record<(typeof HOUSEHOLD_COLUMNS)[number]['key'], string>>;

export function rosterRow(code: string, name: string, id: string, relation: string, more: RosterCells = {}): string[] {
  const cells: RosterCells = { town: '高家堡镇', village: '凉水井村', grid: '凉水井一网格', code, name, idNumber: id, relation, labour: '普通劳动力', health: '健康', type: '一般农户', ...more };
  return HOUSEHOLD_COLUMNS.map((c) => cells[c.key] ?? '');
}

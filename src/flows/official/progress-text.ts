/**
 * 附件1 numbers in words, for chat: the same row the xlsx form prints (a `ProgressRow` from the
 * one calculation), read aloud. Nothing here counts; it only lays the numbers out.
 *
 * @example
 *   headline(total)   // ['排查覆盖：320/400户（80.0%），共951人', '其中脱贫户120户350人，监测对象30户90人', …]
 *   partLine(village) // '凉水井村 60/120户（50.0%），问题3个（未整改1个）'
 */
import type { HouseholdsPeople, ProgressRow } from '../../domain/progress.js';
import { coverageOf } from '../../domain/supervision.js';
import type { PlaceProgress, ProgressView } from './data.js';
import { capped, chineseDay, markdownReply, percent } from './words.js';
import type { Reply } from '../types.js';

const hp = (x: HouseholdsPeople) => `${x.households}户${x.people}人`;

/** “320/400户（80.0%）”, or “320户（无花名册）” when the roster is missing. */
export function coverageText(screened: number, roster: number): string {
  return roster === 0 ? `${screened}户（无花名册）` : `${screened}/${roster}户（${percent(Math.min(1, screened / roster))}）`;
}

/** The lines every progress answer starts with. */
export function headline(p: PlaceProgress): string[] {
  const r: ProgressRow = p.row;
  const deployed = r.level === 'village' ? (r.deployed ? '是' : '否') : `${r.deployedVillages}/${r.villages}个村`;
  return [
    `排查覆盖：${coverageText(r.screened.households, p.roster.households)}，共${r.screened.people}人`,
    `其中脱贫户${hp(r.screenedAlleviated)}，监测对象${hp(r.screenedSubjects)}`,
    `新纳入：边缘易致贫${hp(r.includedMarginal)}，脱贫不稳定${hp(r.includedUnstable)}，突发严重困难${hp(r.includedSudden)}（其中因疫情${r.includedCovid.households}户）`,
    `回头看${r.reviewTotal}户：回退${r.reverted}户，清退${r.withdrawn}户`,
    `排查问题${r.problemsFound}个：已整改${r.problemsRectified}个，补正数据${r.dataCorrections}个`,
    `参与排查${r.staff}人，专门部署：${deployed}，培训${r.trained}人`,
  ];
}

/** One line for a town or village of a list. */
export function partLine(p: PlaceProgress): string {
  const r = p.row;
  return `${p.place.name} ${coverageText(r.screened.households, p.roster.households)}，问题${r.problemsFound}个（已整改${r.problemsRectified}个）`;
}

/** Lowest coverage first (those needing attention), a place without roster first of all. */
export function byCoverage(parts: readonly PlaceProgress[]): PlaceProgress[] {
  const key = (p: PlaceProgress) => coverageOf(p.row, p.roster) ?? -1;
  return [...parts].sort((a, b) => key(a) - key(b) || a.place.code.localeCompare(b.place.code));
}

export const MAX_PARTS = 25;

/** The whole answer to “XX进度”. */
export function progressReply(view: ProgressView): Reply {
  const { total } = view;
  const lines = headline(total);
  const partWord = total.place.level === 'city' ? '各镇街' : '各村';
  if (view.parts.length > 0) {
    lines.push(`${partWord}（覆盖率由低到高）：`, ...capped(byCoverage(view.parts).map(partLine), MAX_PARTS));
  }
  if (view.grids.length > 0) {
    const grids = [...view.grids].sort((a, b) => (a.roster === 0 ? -1 : a.screened / a.roster) - (b.roster === 0 ? -1 : b.screened / b.roster) || a.code.localeCompare(b.code));
    lines.push('各网格：', ...capped(grids.map((g) => `${g.name} ${coverageText(g.screened, g.roster)}`), MAX_PARTS));
  }
  const example = byCoverage(view.parts)[0]?.place.label;
  const hints = [example ? `发送“${example}进度”看下一级` : null, '“进度图”看图', total.place.level === 'village' ? '“导出附件3”下载台账' : '“导出附件1”下载表格'].filter(Boolean);
  lines.push(`${hints.join('；')}。`);
  return markdownReply(`**${total.place.label}排查进度**（截至${chineseDay(view.reportDay)}）`, lines);
}

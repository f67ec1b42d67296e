/**
 * Sentences worth trying as a given person of the demo city, offered on the page as chips: the
 * grid worker's one-line screening names a household of their own grid that is still
 * unscreened; an official asks about their own town. (Role-wide commands come from the help
 * menu, see people.ts.)
 *
 * @example
 *   demoHints({ role: 'grid_worker', id: 'liuhaiyan', … })   // ['排查 贺永胜 入户 无风险 了解政策', '排查 杨建平 入户 有风险 …']
 *   demoHints({ role: 'town_official', where: '示范市 高家堡镇', … })   // ['高家堡镇进度', '哪些村还没报', …]
 */
import { isKeyGroupHousehold } from '../../domain/household.js';
import { DEMO_SCREENED_HEADS } from './demo-casework.js';
import { DEMO_GRIDS, DEMO_FARMERS, demoHouseholds } from './demo-city.js';
import type { SandboxPerson } from './person.js';


/** 一般户 of a grid worker's grid that nobody has screened yet, by head's name. */
export function unscreenedGeneral(userId: string): string[] {
  const grid = Object.values(DEMO_GRIDS).find((g) => g.worker === userId)?.code;
  return demoHouseholds()
    .filter((h) => h.placement.gridCode === grid && !isKeyGroupHousehold(h) && !DEMO_SCREENED_HEADS.has(h.headName))
    .map((h) => h.headName);
}

export function demoHints(p: SandboxPerson): string[] {
  const place = p.where.split(' ').at(-1) ?? '';
  switch (p.role) {
    case 'farmer': {
      const f = DEMO_FARMERS.find((x) => x.externalUserId === p.id);
      if (f?.boundHouseholdCode) return ['我的申报到哪一步了', '俺家老汉住院了，花了三万多，咋办'];
      return ['我想申报困难', '娃上大学学费交不起', '房子裂了个大缝', '监测户是啥意思'];
    }
    case 'grid_worker': {
      const [first, second] = unscreenedGeneral(p.id);
      return [
        ...(first ? [`排查 ${first} 入户 无风险 了解政策`] : []),
        ...(second ? [`排查 ${second} 入户 有风险 老人住院花了两万 了解政策`] : []),
        '我的待办',
      ];
    }
    case 'village_cadre':
      return [`${place}进度`, '研判会', '已部署', '培训 12人'];
    case 'screening_team':
      return ['重点户排查', '研判会'];
    case 'town_official':
      return [`${place}进度`, '哪些村还没报', '超期线索', '导出附件1'];
    case 'city_bureau':
      return ['全市进度', '高家堡镇进度', '镇街排名', '超期线索'];
    case 'department':
      return ['预警模板', '预警进度'];
    case 'admin':
      return ['全市进度', '督导名单'];
  }
}

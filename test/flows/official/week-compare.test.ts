import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../../src/domain/progress.js';
import { dayOf } from '../../../src/domain/calendar.js';
import type { OfficialData } from '../../../src/flows/official/data.js';
import { weekCompareFlow, weekCompareLines, weekEnds } from '../../../src/flows/official/week-compare.js';
import { readOfficialAsk } from '../../../src/flows/understand/official-asks.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, GJB, INPUT, progressView, T0, within } from './fixtures.js';
import { md, text } from './matchers.js';

const DAY = 86_400_000;

/** The fixtures' records counted up to the day of `at` (the port's promise), for 高家堡镇 and its villages. */
function asOf(actor: (typeof ACTORS)[keyof typeof ACTORS]): OfficialData {
  return fakeData(actor, {
    progress: async (code, at) => {
      if (!within(actor, code)) return { ok: false, reason: 'out_of_jurisdiction' };
      const day = dayOf(at);
      const report = computeProgress({ ...INPUT, window: { from: INPUT.window.from, to: day } });
      const view = progressView(code);
      const row = report.towns.find((t) => t.townCode === code) ?? report.villages.find((v) => v.villageCode === code) ?? report.city;
      return { ok: true, value: { ...view, reportDay: day, total: { ...view.total, row } } };
    },
  });
}

describe('this week against last week (本周与上周对比)', () => {
  it.each(['把上周和这周比一下', '这周比上周多排查了多少户', '和上周相比进度怎么样', '跟上周比 咱镇进度涨了多少', '上周排了多少 这周排了多少'])('“%s” asks for the comparison of the own area', (said) => {
    expect(readOfficialAsk(said)).toEqual({ view: 'week_compare', scope: { kind: 'own' } });
  });

  it('a place named in it is the place compared; last week alone, or the week’s report, is no comparison', () => {
    expect(readOfficialAsk('高家堡镇这周和上周比一下')).toEqual({ view: 'week_compare', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } });
    expect(readOfficialAsk('凉水井村比上周多了几户')?.scope).toEqual({ kind: 'named', text: '凉水井村', levelHint: 'village' });
    expect(readOfficialAsk('高家堡镇上周的进度')).toBeNull();
    expect(readOfficialAsk('本周上报')?.view).toBe('village_report');
  });

  it('weeks run Monday to Sunday: last week ends on the Sunday before today', () => {
    expect(weekEnds('2022-05-19')).toEqual({ lastWeekEnd: '2022-05-15', weekBeforeEnd: '2022-05-08' });
    expect(weekEnds('2022-05-16')).toEqual({ lastWeekEnd: '2022-05-15', weekBeforeEnd: '2022-05-08' });
    expect(weekEnds('2022-05-15')).toEqual({ lastWeekEnd: '2022-05-08', weekBeforeEnd: '2022-05-01' });
  });

  it('each week’s new households are the differences of the counts at its ends', () => {
    const v = progressView(GJB).total;
    const at = (households: number) => ({ ...v, row: { ...v.row, screened: { households, people: households * 3 } } });
    const lines = weekCompareLines(at(9), at(6), at(1), '2022-05-15');
    expect(lines[0]).toBe('排查覆盖：截至今天9/6户（100.0%），截至上周日（5月15日）6/6户（100.0%）');
    expect(lines[1]).toBe('本周新排查3户，上周新排查5户，比上周少2户');
    expect(weekCompareLines(at(7), at(6), at(5), '2022-05-15')[1]).toBe('本周新排查1户，上周新排查1户，与上周持平');
  });

  it('a town official a week on: the records counted by their days, up to today and up to last Sunday', async () => {
    await replay(weekCompareFlow, { actor: ACTORS.town, now: T0 + 7 * DAY, data: asOf(ACTORS.town) }, [
      {
        say: '这周比上周多排查了多少户',
        status: 'done',
        replies: [
          md(
            [
              '高家堡镇本周与上周对比（截至5月19日）',
              '排查覆盖：截至今天4/6户（66.7%），截至上周日（5月15日）4/6户（66.7%）',
              '本周新排查0户，上周新排查4户，比上周少4户',
              '排查人数：截至今天11人，截至上周日（5月15日）11人',
              '新纳入监测对象：截至今天1户，截至上周日（5月15日）1户',
              '排查问题：截至今天0个（已整改0个），截至上周日（5月15日）0个（已整改0个）',
              '上周的数按各条记录的日期统计；覆盖率都以现在的花名册户数为准。',
            ].join('\n'),
          ),
        ],
      },
    ]);
  });

  it('with nothing screened by last Sunday it says there is nothing to compare, and gives this week’s figures', async () => {
    await replay(weekCompareFlow, { actor: ACTORS.town, now: T0, data: asOf(ACTORS.town) }, [
      { say: '把上周和这周比一下', status: 'done', replies: [md(/^高家堡镇本周与上周对比（截至5月12日）\n截至上周日（5月8日）还没有排查记录，没有上周的数可比。\n截至今天：排查覆盖4\/6户（66\.7%）/)] },
    ]);
  });

  it('another town is refused by name, and a grid worker by role', async () => {
    await replay(weekCompareFlow, { actor: ACTORS.town, now: T0, data: asOf(ACTORS.town) }, [
      { say: '店塔镇这周和上周比一下', status: 'done', replies: [text('店塔镇不在您的辖区（高家堡镇）内，无法查看。可以发送“高家堡镇进度”查看本辖区。')] },
    ]);
    await replay(weekCompareFlow, { actor: ACTORS.grid, now: T0, data: fakeData(ACTORS.grid) }, [
      { say: '这周比上周多排查了多少户', status: 'done', replies: [text(/^您的账号（网格员）不能查看本周与上周对比/)] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { areaScope, classifyIntent } from '../../../src/flows/understand/intents.js';
import { readOfficialAsk, type OfficialAsk } from '../../../src/flows/understand/official-asks.js';

describe('readOfficialAsk: officials’ questions with words of their own', () => {
  it.each<[string, OfficialAsk | null]>([
    ['高家堡镇进度图', { view: 'chart', chart: 'coverage', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['凉水井村排查图', { view: 'chart', chart: 'coverage', scope: { kind: 'named', text: '凉水井村', levelHint: 'village' } }],
    ['进度图', { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }],
    ['覆盖率图', { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }],
    ['全市覆盖率图', { view: 'chart', chart: 'coverage', scope: { kind: 'city' } }],
    ['看图', { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }],
    ['发个图看看', { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }],
    ['图', { view: 'chart', chart: 'coverage', scope: { kind: 'own' } }],
    ['超期线索图', { view: 'chart', chart: 'overdue', scope: { kind: 'own' } }],
    ['店塔镇逾期线索图表', { view: 'chart', chart: 'overdue', scope: { kind: 'named', text: '店塔镇', levelHint: 'town' } }],
    ['镇街排名', { view: 'ranking', scope: { kind: 'city' } }],
    ['各镇街排名', { view: 'ranking', scope: { kind: 'city' } }],
    ['各镇排名情况', { view: 'ranking', scope: { kind: 'city' } }],
    ['全市通报', { view: 'ranking', scope: { kind: 'city' } }],
    ['高家堡镇各村排名', { view: 'ranking', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['排名', { view: 'ranking', scope: { kind: 'own' } }],
    ['督导名单', { view: 'supervision', scope: { kind: 'own' } }],
    ['高家堡镇督导名单', { view: 'supervision', scope: { kind: 'named', text: '高家堡镇', levelHint: 'town' } }],
    ['周报', { view: 'weekly_report', scope: { kind: 'own' } }],
    ['确认周报', { view: 'weekly_report', scope: { kind: 'own' } }],
    ['看看周报', { view: 'weekly_report', scope: { kind: 'own' } }],
    ['本周上报', { view: 'village_report', scope: { kind: 'own' } }],
    ['上报本周数据', { view: 'village_report', scope: { kind: 'own' } }],
    ['本周上报。', { view: 'village_report', scope: { kind: 'own' } }],
    ['我们村这周的数报上去没有', { view: 'village_report', scope: { kind: 'own' } }],
    ['咱村这周报了吗', { view: 'village_report', scope: { kind: 'own' } }],
    // Not these questions: plain progress, other officials' questions, words that only contain 图.
    ['高家堡镇进度', null],
    ['零问题的村', null],
    ['哪些村还没报', null],
    ['试图', null],
    ['地图', null],
    ['我想上报本周的排查情况还有一些问题需要说明一下', null],
  ])('%s', (said, expected) => {
    expect(readOfficialAsk(said)).toEqual(expected);
  });
});

describe('readOfficialAsk: a village’s weekly figures sent in a sentence', () => {
  it.each(['我们村本周数据报一下', '这周的进度报上去', '咱村这周数据上报', '本周上报', '石门村这周的数据核对一下 准备上报', '本周的数对一下'])('“%s” is the village report', (t) => {
    expect(readOfficialAsk(t)).toEqual({ view: 'village_report', scope: { kind: 'own' } });
  });
  it('a question about the week is not', () => {
    expect(readOfficialAsk('本周报了多少户')?.view).not.toBe('village_report');
  });
});

describe('areaScope: question words name no place', () => {
  it.each([
    ['领导，还有谁还没报', 'not_reported'],
    ['有哪些逾期的线索', 'overdue'],
    ['0问题的村有哪些', 'zero_problem'],
    ['本周未上报的村', 'not_reported'],
  ] as const)('%s → own area', (said, kind) => {
    expect(classifyIntent(said, 'town_official')).toEqual({ kind, scope: { kind: 'own' } });
  });

  it('a place is still read beside them', () => {
    expect(areaScope('高家堡镇有哪些村还没报')).toEqual({ kind: 'named', text: '高家堡镇', levelHint: 'town' });
    expect(areaScope('有没有店塔镇的')).toEqual({ kind: 'named', text: '店塔镇', levelHint: 'town' });
  });
});

describe('the seventh batch’s asks: the week’s report, charts said in other words', () => {
  it.each([
    ['周报ok了没', 'weekly_report'], ['这礼拜的周报在哪交', 'weekly_report'], ['周报 帮我看一下数对不对', 'weekly_report'],
    ['本周上报 帮我看一下数对不对', 'village_report'], ['这周的数 报一下 周报', 'village_report'],
  ])('“%s” → %s', (text, view) => {
    expect(readOfficialAsk(text)).toEqual({ view, scope: { kind: 'own' } });
  });

  it('a chart made of the progress or sent in a number of pictures, with no stray place', () => {
    expect(readOfficialAsk('把进度做成图 我发工作群')).toEqual({ view: 'chart', chart: 'coverage', scope: { kind: 'own' } });
    expect(readOfficialAsk('全市的进度图发一张')).toEqual({ view: 'chart', chart: 'coverage', scope: { kind: 'city' } });
  });
});

describe('the eighth batch’s asks: whether the week’s report is done, an @mention first', () => {
  it.each<[string, OfficialAsk['view']]>([
    ['本周上报的表弄好了没', 'weekly_report'],
    ['这周的周报做好了吗', 'weekly_report'],
    ['这礼拜的数报上去没有', 'weekly_report'],
    ['这礼拜村里的数报了没有', 'village_report'],
    ['咱村这周的表填好了没', 'village_report'],
    ['周报 帮我报一下 ok', 'weekly_report'],
    ['本周上报 帮我确认一下 好吗', 'village_report'],
    ['@守望 这礼拜村里的数报了没有', 'village_report'],
  ])('%s → %s', (text, view) => {
    expect(readOfficialAsk(text)).toEqual({ view, scope: { kind: 'own' } });
  });

  it.each(['上报的表弄好了没', '周报都交了没', '数据弄好了没'])('%s names no week or report of its own: not this view', (text) => {
    expect(readOfficialAsk(text)).toBeNull();
  });

  it.each<[string, OfficialAsk]>([
    ['各镇拍名发我看下', { view: 'ranking', scope: { kind: 'city' } }],
    ['镇街牌名', { view: 'ranking', scope: { kind: 'city' } }],
    ['超其线索图', { view: 'chart', chart: 'overdue', scope: { kind: 'own' } }],
    ['周抱', { view: 'weekly_report', scope: { kind: 'own' } }],
  ])('a command word typed by its sound (“%s”) is the word meant', (text, ask) => {
    expect(readOfficialAsk(text)).toEqual(ask);
  });

  it.each(['这周的周报弄一下', '周报搞下', '本周周报整一下吧'])('the week’s report with a verb of doing (“%s”) is 周报', (text) => {
    expect(readOfficialAsk(text)).toEqual({ view: 'weekly_report', scope: { kind: 'own' } });
  });

  it.each(['进度做个图 要发给书记看', '进度图 拿给领导看的'])('whom a chart is for (“%s”) names no place', (text) => {
    expect(readOfficialAsk(text)).toEqual({ view: 'chart', chart: 'coverage', scope: { kind: 'own' } });
  });

  it('“给各村排个名次”: the ranking of the asker’s own area, 给 and 名次 no place', () => {
    expect(readOfficialAsk('给各村排个名次')).toEqual({ view: 'ranking', scope: { kind: 'own' } });
  });

  it('“督导的村定了没”: the supervision list of the asker’s own area (定了没 is no place)', () => {
    expect(readOfficialAsk('督导的村定了没')).toEqual({ view: 'supervision', scope: { kind: 'own' } });
  });
});


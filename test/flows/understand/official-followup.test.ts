import { describe, expect, it } from 'vitest';
import { answersWaiting, EXPORT_IT, followUpWords, readFollowUp } from '../../../src/flows/understand/official-followup.js';

// Friday 2022-05-13: last Sunday is 5月8日, the Sunday before 5月1日.
const TODAY = '2022-05-13';
const read = (t: string) => readFollowUp(t, TODAY);
const village = (text: string) => ({ kind: 'named', text, levelHint: 'village' });
const town = (text: string) => ({ kind: 'named', text, levelHint: 'town' });

describe('an official’s follow-up naming only what changed', () => {
  it.each([
    ['凉水井村的呢', village('凉水井村')],
    ['那凉水井村呢', village('凉水井村')],
    ['那凉水井村呢？', village('凉水井村')],
    ['锦界镇呢', town('锦界镇')],
    ['那店塔镇的呢', town('店塔镇')],
    ['新村那边呢', village('新村')],
    ['换成石门村', village('石门村')],
    ['凉水井村的也发一下', village('凉水井村')],
    ['马家沟村的也要', village('马家沟村')],
    ['再看看凉水井村', village('凉水井村')],
    ['只看凉水井村', village('凉水井村')],
    ['就看一下新村', village('新村')],
    ['@守望 石门村呢', village('石门村')],
    ['高家堡呢', { kind: 'named', text: '高家堡' }],
    ['咱镇的呢', { kind: 'own' }],
    ['全市的呢', { kind: 'city' }],
  ])('another place: %s', (text, scope) => {
    expect(read(text)).toEqual({ scope, day: null, by: null });
  });

  it.each([
    ['上周的呢', '2022-05-08'],
    ['那上个星期呢', '2022-05-08'],
    ['上礼拜的呢', '2022-05-08'],
    ['上上周呢', '2022-05-01'],
    ['截至上周日呢', '2022-05-08'],
    ['上周五的呢', '2022-05-06'],
    ['昨天的呢', '2022-05-12'],
    ['5月10日的呢', '2022-05-10'],
    ['截止到10号呢', '2022-05-10'],
    ['今天的呢', 'today'],
    ['那现在呢', 'today'],
  ])('another day: %s → %s', (text, day) => {
    expect(read(text)).toEqual({ scope: null, day, by: null });
  });

  it.each([
    ['换成按村排一下', 'village'],
    ['按村排', 'village'],
    ['分村看看', 'village'],
    ['各村的呢', 'village'],
    ['按镇街排', 'town'],
    ['那按镇排名呢', 'town'],
  ])('another grouping: %s → %s', (text, by) => {
    expect(read(text)).toEqual({ scope: null, day: null, by });
  });

  it('a place and a day at once', () => {
    expect(read('凉水井村上周的呢')).toEqual({ scope: village('凉水井村'), day: '2022-05-08', by: null });
  });

  it.each([
    // a question of its own, or a figure asked: the flows read it as before
    '那凉水井村的进度呢', '凉水井村的超期线索呢', '那户数呢', '那人数呢', '还有多少户呢', '哪个村最慢呢', '石门村网格员呢',
    // no mark of a follow-up, or nothing but words
    '凉水井村', '上周', '好的呢', '谢谢', '那就这样吧', '排查 张三 入户 无风险', '2月30日的呢', '',
  ])('not a follow-up of this kind: %s', (text) => {
    // “那就这样吧” leaves words (“这样”) that the flows find no place for: they are no follow-up there.
    const r = read(text);
    if (text === '那就这样吧') expect(r?.scope).toEqual({ kind: 'named', text: '这样' });
    else expect(r).toBeNull();
  });
});

describe('a follow-up against the question that waits', () => {
  const PLACES = { choices: ['高家堡镇新村', '店塔镇新村'], asks: '“新村”有2个地方，您问的是哪一个？' };
  const FORMS = { choices: ['附件1 进度统计表', '附件3 排查台账（一般户）', '附件6 问题清单'], asks: '导出哪一张表？\n请回复序号，如“1”；发送“取消”退出。' };
  // A report to confirm names villages, but offers none of them to pick.
  const REPORT = { choices: [], asks: '核对无误请回复“确认”，暂不上报请回复“不”；发送“取消”退出。' };
  const ask = (asks: string) => ({ choices: [], asks });

  it.each([
    ['那凉水井村呢', '凉水井村', true],
    ['附件6呢', '附件6', true],
    ['换成附件3', '附件3', true],
    ['上周的呢', '上周', true],
    ['凉水井村的也发一下', '凉水井村', true],
    ['附件6', '附件6', false],
    ['改成问题清单', '问题清单', true],
    ['石门村的也导一下', '石门村', true],
  ])('its words: %s → %s (marked %s)', (text, words, marked) => {
    expect(followUpWords(text)).toEqual({ words, marked });
  });

  it.each([
    ['高家堡镇的呢', PLACES],
    ['那店塔镇的呢', PLACES],
    ['附件6呢', FORMS],
    ['那问题清单呢', FORMS],
    ['上周五的呢', ask('这次入户是哪天？')],
    ['那凉水井村呢', ask('请问是哪个村的？')],
  ])('answers the waiting question: %s', (text, question) => {
    expect(answersWaiting(text, question, TODAY)).toBe(true);
  });

  it.each([
    ['那凉水井村呢', FORMS],
    ['上周的呢', FORMS],
    ['换成按村排一下', FORMS],
    ['马家沟村的呢', PLACES],
    ['上周的呢', PLACES],
    ['新村的呢', REPORT],
    ['上周的呢', REPORT],
  ])('no answer, a follow-up: %s', (text, question) => {
    expect(answersWaiting(text, question, TODAY)).toBe(false);
  });
});


describe('a follow-up naming what of the place is asked (名单, 周报), and “导出来”', () => {
  it.each([
    ['凉水井村的名单呢', village('凉水井村'), '名单'],
    ['那凉水井村的名单呢', village('凉水井村'), '名单'],
    ['那凉水井村周报呢', village('凉水井村'), '周报'],
    ['新村的上报情况呢', village('新村'), '上报情况'],
  ])('%s: the place, and what of it', (text, scope, what) => {
    expect(read(text)).toEqual({ scope, day: null, by: null, what });
  });

  it('a figure is still a question of its own', () => {
    expect(read('那凉水井村的户数呢')).toBeNull();
  });

  it.each(['导出来', '导出一下', '把这个导出来', '导一下', '帮我导出来吧', '发个表格', '下载下来'])('“%s” asks the answer as a form', (t) => {
    expect(EXPORT_IT.test(t)).toBe(true);
  });

  it.each(['导出', '导出附件3', '凉水井村导出来', '导出来了吗', '出来了'])('“%s” is no such request', (t) => {
    expect(EXPORT_IT.test(t)).toBe(false);
  });
});

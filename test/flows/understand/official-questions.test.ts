import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../../src/flows/understand/intents.js';
import { questionScope, readOfficialQuestion } from '../../../src/flows/understand/official-questions.js';

const own = { kind: 'own' };
const named = (text: string, levelHint?: 'town' | 'village') => ({ kind: 'named', text, ...(levelHint ? { levelHint } : {}) });

describe('officials’ questions in their own words', () => {
  it.each([
    ['咱镇排查了多少户了', 'progress', own],
    ['本镇完成率是多少？', 'progress', own],
    ['我们村还有几户没排查', 'progress', own],
    ['咱村排了多少户', 'progress', own],
    ['截至今天凉水井村完成率多少', 'progress', named('凉水井村', 'village')],
    ['高家堡镇排查了多少户', 'progress', named('高家堡镇', 'town')],
    ['这周高家堡进展咋样', 'progress', named('高家堡')],
    ['截止目前全市排查了多少户', 'progress', { kind: 'city' }],
    ['各镇完成率', 'progress', { kind: 'city' }],
    ['哪个村最慢', 'progress', own],
    // 最 beside a word of its own is no part of a place
    ['全市哪个镇最落后', 'progress', { kind: 'city' }],
    ['哪个村最拖后腿', 'progress', own],
    ['高家堡镇哪个村最不行', 'progress', named('高家堡镇', 'town')],
    ['还有多少户没入户', 'progress', own],
    ['截至今天本镇完成了百分之多少', 'progress', own],
    ['还有哪些村没报', 'not_reported', own],
    ['新村报了没', 'not_reported', named('新村', 'village')],
    ['有没有超期的线索', 'overdue', own],
    ['凉水井村有没有超期的', 'overdue', named('凉水井村', 'village')],
    ['截止今天 全镇排了百分之多少了', 'progress', own],
    ['凉水井村现在弄到啥程度了', 'progress', named('凉水井村', 'village')],
    // Said after another place's numbers: the place and 呢 alone.
    ['凉水井村的呢', 'progress', named('凉水井村', 'village')],
    ['那凉水井村呢', 'progress', named('凉水井村', 'village')],
  ] as const)('%s → %s', (text, kind, scope) => {
    expect(readOfficialQuestion(text)).toEqual({ kind, scope });
    expect(classifyIntent(text, 'town_official')).toEqual({ kind, scope });
  });

  it.each(['还', '有', '哪', '咱', '本', '这', '还有', '有没有', '哪个', '咱们', '这个'])('“%s” before a question is never a place', (word) => {
    const q = readOfficialQuestion(`${word}排查了多少户`);
    expect(q?.scope).toEqual(own);
  });

  it('leaves reports, farmers’ declarations, forms and the weekly confirmation alone', () => {
    for (const text of ['问题 新村有几户吃水没保障', '回头看 张三 收入稳定吗', '培训了多少人', '排查 张三 入户 无风险 了解政策', '入户排查张三家 没风险', '新村的数对吗', '申报进度', '导出附件1', '零问题的村', '周报', '进度图']) {
      expect(readOfficialQuestion(text), text).toBeNull();
    }
  });

  it('a single leftover character is no place', () => {
    expect(questionScope('还有吗')).toEqual(own);
    expect(questionScope('咱这块')).toEqual(own);
  });
});

describe('the seventh batch’s questions: fillers and a count said roughly', () => {
  it.each(['咱镇完成率多少了 领导在催', '嗯全镇现在入户率是多少', '今天咱们镇排查进度怎么样啊 嗯 就是完成了百分之多少'])('“%s” is the own area’s progress, no stray place', (text) => {
    expect(readOfficialQuestion(text)).toEqual({ kind: 'progress', scope: own });
  });

  it('已排查多少户 is a question, not a report of work done', () => {
    expect(readOfficialQuestion('已排查多少户')).toEqual({ kind: 'progress', scope: own });
    expect(readOfficialQuestion('以排查多少户')).toEqual({ kind: 'progress', scope: own });
  });

  it('“来了三十几个人” is a count said roughly, not a question', () => {
    expect(readOfficialQuestion('今天村里开了政策宣讲会 来了三十几个人')).toBeNull();
    expect(readOfficialQuestion('凉水井村还有几个没排')).not.toBeNull();
  });
});

describe('the eighth batch’s questions (2026-12-07)', () => {
  it.each<[string, string]>([
    ['领导要今天的数 咱镇的', 'own'],
    ['月底前能排完不', 'own'],
    ['凉水井村的数发我', '凉水井村'],
    ['麻烦给我发一下高家堡镇的数据', '高家堡镇'],
  ])('%s asks for the progress (%s)', (text, where) => {
    const q = readOfficialQuestion(text);
    expect(q?.kind).toBe('progress');
    expect(q?.scope.kind === 'named' ? q.scope.text : q?.scope.kind).toBe(where);
  });

  it('the figures of a week’s own report are no progress question', () => {
    expect(readOfficialQuestion('这周的数 报一下')).toBeNull();
  });
});

describe('words of urging, purpose and readiness name no place', () => {
  it.each(['看看哪个村最磨蹭', '超期的线索还有几条 赶紧弄', '领导让我问下 咱们镇到底排了多少了', '下午开会要用 咱镇进度', '进度 抓紧催一下'])('%s is about the asker’s own area', (text) => {
    expect(readOfficialQuestion(text)?.scope ?? classifyIntent(text, 'town_official')).toMatchObject({ kind: 'own' });
  });

  it('a file format beside a form (附件一 excel 导一个) names no place', () => {
    expect(classifyIntent('附件一 excel 导一个', 'town_official')).toEqual({ kind: 'export', form: 'attachment1', rest: '' });
    expect(classifyIntent('凉水井村附件2 excel版 发我', 'town_official')).toMatchObject({ kind: 'export', form: 'attachment2', rest: '凉水井村' });
  });

  it.each([
    ['高家堡镇近度', 'progress', named('高家堡镇', 'town')],
    ['有没有超其的', 'overdue', own],
  ])('a command word typed by its sound (“%s”) is the word meant', (text, kind, scope) => {
    expect(readOfficialQuestion(text)).toEqual({ kind, scope });
  });

  it.each([
    ['咱高家堡镇排了几成了', named('高家堡镇', 'town')],
    ['凉水井村咋还莫排完', named('凉水井村', 'village')],
    ['咱镇排了几成', own],
  ])('progress asked in dialect (“%s”): 几成, 咋还莫排完, 咱 before the place', (text, scope) => {
    expect(readOfficialQuestion(text)).toEqual({ kind: 'progress', scope });
  });

  it.each(['月初到现在咱镇入户了多少', '大前天的进度 咱镇', '前天咱镇排了多少'])('a day said as people say it (“%s”) names no place', (text) => {
    expect(readOfficialQuestion(text)).toEqual({ kind: 'progress', scope: own });
  });

  it('who asks and what for (书记问 … 我咋回, 排查工作) name no place; 快到15天 is overdue; a form named first is no progress question', () => {
    expect(readOfficialQuestion('书记问咱镇排查工作到底咋样了 我咋回')).toEqual({ kind: 'progress', scope: own });
    expect(readOfficialQuestion('有没有哪条线索快到15天了')).toEqual({ kind: 'overdue', scope: own });
    expect(readOfficialQuestion('进度表 凉水井村')).toBeNull();
  });
});


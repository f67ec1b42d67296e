import { describe, expect, it } from 'vitest';
import { unscreenedFlow, villageLines } from '../../../src/flows/official/unscreened.js';
import { readOfficialAsk } from '../../../src/flows/understand/official-asks.js';
import { readOfficialQuestion } from '../../../src/flows/understand/official-questions.js';
import { replay } from '../../helpers/transcript.js';
import { ACTORS, fakeData, progressView, T0 } from './fixtures.js';
import { text } from './matchers.js';

const LSJ_LIST = ['高家堡镇凉水井村还没排查的户（截至5月12日）：共3户', '凉水井一网格（2户）：张三、李四', '未分网格（1户）：王大山', '网格员发送“排查 户主姓名 …”登记；名单按户主姓名列出。'].join('\n');

describe('which households are still to be screened (未排查户名单)', () => {
  it.each([
    ['石门村还有哪些户没排查', { kind: 'named', text: '石门村', levelHint: 'village' }],
    ['没排查的户有哪些', { kind: 'own' }],
    ['把石门村没排查的户列出来', { kind: 'named', text: '石门村', levelHint: 'village' }],
    ['哪几家还没入户', { kind: 'own' }],
    ['还没排查的是哪几户', { kind: 'own' }],
    ['高家堡镇未排查户名单', { kind: 'named', text: '高家堡镇', levelHint: 'town' }],
  ])('“%s” asks for the list', (said, scope) => {
    expect(readOfficialAsk(said)).toEqual({ view: 'unscreened', scope });
  });

  it('a count, or a report of work, is not the list', () => {
    expect(readOfficialAsk('还有多少户没排查')).toBeNull();
    expect(readOfficialQuestion('还有多少户没排查')?.kind).toBe('progress');
    expect(readOfficialAsk('张三家还没入户 明天去')).toBeNull();
  });

  it('a village cadre gets the names by grid; another place is refused by name', async () => {
    await replay(unscreenedFlow, { actor: ACTORS.cadre, now: T0, data: fakeData(ACTORS.cadre) }, [
      { say: '还有哪些户没排查', status: 'done', replies: [text(LSJ_LIST)] },
      { say: '把凉水井村没排查的户列出来', status: 'done', replies: [text(LSJ_LIST)] },
      { say: '店塔镇新村哪些户没排查', status: 'done', replies: [text(/^店塔镇新村不在您的辖区/)] },
    ]);
  });

  it('a town official gets each village’s count, most first, and how to ask for a village’s names; a village by name gets its list', async () => {
    const view = progressView('610821101');
    const left = view.parts.map((p) => ({ name: p.place.name, n: p.roster.households - p.row.screened.households })).filter((v) => v.n > 0).sort((a, b) => b.n - a.n);
    expect(left.length).toBeGreaterThan(0);
    const total = left.reduce((s, v) => s + v.n, 0);
    await replay(unscreenedFlow, { actor: ACTORS.town, now: T0, data: fakeData(ACTORS.town) }, [
      { say: '没排查的户有哪些', status: 'done', replies: [text([`高家堡镇还没排查的户（截至5月12日）：共${total}户`, ...left.map((v) => `${v.name}：${v.n}户`), `发送“${left[0]!.name}哪些户没排查”看该村的名单。`].join('\n'))] },
      { say: '凉水井村还有哪些户没排查', status: 'done', replies: [text(LSJ_LIST)] },
    ]);
  });

  it('a long grid is cut after 60 names, counted in households', () => {
    const names = Array.from({ length: 65 }, (_, i) => `户主${i + 1}`);
    const lines = villageLines({ level: 'village', code: 'v', name: '凉水井村', label: '高家堡镇凉水井村' }, { reportDay: '2022-05-12', grids: [{ name: '一网格', headNames: names }] });
    expect(lines[1]).toBe(`一网格（65户）：${names.slice(0, 60).join('、')}等65户`);
  });

  it('is not a grid worker’s question here (their own list is in 待办)', () => {
    expect(unscreenedFlow.matches({ type: 'text', text: '还有哪些户没排查' }, { actor: ACTORS.grid, now: T0, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeData(ACTORS.grid) } as never)).toBe(false);
    expect(unscreenedFlow.matches({ type: 'text', text: '还有哪些户没排查' }, { actor: ACTORS.cadre, now: T0, tz: 'Asia/Shanghai', newId: () => 'x', data: fakeData(ACTORS.cadre) } as never)).toBe(true);
  });
});

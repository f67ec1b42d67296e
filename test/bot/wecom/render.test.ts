import { describe, expect, it } from 'vitest';
import { mergeKfParts, renderApp, renderKf, renderKfBatch, renderPassive, splitUtf8, utf8Bytes } from '../../../src/bot/wecom/render.js';
import type { Reply } from '../../../src/flows/types.js';

describe('splitUtf8', () => {
  // [name, text, expected part lengths in bytes]
  it.each([
    ['empty text gives no part', '', []],
    ['exactly 2048 ASCII bytes stays whole', 'a'.repeat(2048), [2048]],
    ['2049 ASCII bytes split 2048 + 1', 'a'.repeat(2049), [2048, 1]],
    ['3-byte characters: 682 fit (2046), never a half character', '中'.repeat(700), [2046, 54]],
    ['1 + 682×3 = 2047 bytes, the next character would make 2050', `a${'中'.repeat(683)}`, [2047, 3]],
    ['2 + 682×3 = 2048 exactly', `ab${'中'.repeat(683)}`, [2048, 3]],
    ['4-byte characters (surrogate pairs): 512 per part', '𠀋'.repeat(513), [2048, 4]],
    ['emoji after 2046 bytes does not fit, moves whole', `${'中'.repeat(682)}👨`, [2046, 4]],
  ])('%s', (_name, input, expected) => {
    const parts = splitUtf8(input);
    expect(parts.map(utf8Bytes)).toEqual(expected);
    expect(parts.join('')).toBe(input);
    for (const p of parts) expect(p).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate at the end
  });

  it('prefers the last line break in the second half, dropping it', () => {
    const line = '高家堡镇 张家沟村 已排查 35 户'; // 39 bytes
    const text = Array.from({ length: 80 }, (_, i) => `${i + 1}. ${line}`).join('\n');
    const parts = splitUtf8(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(utf8Bytes(p)).toBeLessThanOrEqual(2048);
      expect(p.startsWith('\n')).toBe(false);
      expect(p).toMatch(/户$/); // every part ends at the end of a line
    }
    expect(parts.join('\n')).toBe(text);
  });

  it('cuts inside a line when the only break is in the first half', () => {
    const text = `标题\n${'字'.repeat(1000)}`;
    const parts = splitUtf8(text);
    // '标题\n' is 7 bytes; 680 characters more make 2047, the 681st would pass 2048.
    expect(parts.map(utf8Bytes)).toEqual([2047, utf8Bytes(text) - 2047]);
    expect(parts[0]?.startsWith('标题\n')).toBe(true);
  });
});

const menu: Reply = { type: 'menu', head: '请选择您家遇到的困难：', items: [{ id: 'ill', label: '因病' }, { id: 'study', label: '因学' }], tail: '也可以直接打字告诉我' };
const card: Reply = {
  type: 'card',
  card: { kind: 'button_interaction', taskId: 'lead_17_verify', title: '新的农户申报', desc: '张家沟村', lines: [{ key: '类型', value: '因病' }], buttons: [{ key: 'accept', text: '去核实', style: 1 }, { key: 'later', text: '稍后', style: 2 }] },
  fallback: '新的农户申报：张家沟村，因病。回复“核实”开始入户核查。',
};

describe('renderApp', () => {
  it('sends markdown when it fits and its fallback when it does not', () => {
    expect(renderApp({ type: 'markdown', markdown: '**进度** 80%', fallback: '进度 80%' })).toEqual([{ kind: 'message', content: { msgtype: 'markdown', markdown: { content: '**进度** 80%' } } }]);
    const long = renderApp({ type: 'markdown', markdown: '**'.repeat(1025), fallback: '太长了' });
    expect(long).toEqual([{ kind: 'message', content: { msgtype: 'text', text: { content: '太长了' } } }]);
  });

  it('renders a menu as a numbered list', () => {
    expect(renderApp(menu)).toEqual([{ kind: 'message', content: { msgtype: 'text', text: { content: '请选择您家遇到的困难：\n1. 因病\n2. 因学\n也可以直接打字告诉我' } } }]);
  });

  it('renders a card as template_card button_interaction', () => {
    const [part] = renderApp(card);
    expect(part).toEqual({
      kind: 'message',
      content: {
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          main_title: { title: '新的农户申报', desc: '张家沟村' },
          horizontal_content_list: [{ keyname: '类型', value: '因病' }],
          task_id: 'lead_17_verify',
          button_list: [
            { text: '去核实', style: 1, key: 'accept' },
            { text: '稍后', style: 2, key: 'later' },
          ],
        },
      },
    });
  });

  it.each([
    ['7 buttons', { buttons: Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, text: `${i}` })) }],
    ['a task id WeCom refuses', { taskId: '任务/1' }],
  ])('falls back to text for a card with %s', (_n, change) => {
    const bad = { ...card, card: { ...card.card, ...change } } as Reply;
    expect(renderApp(bad)).toEqual([{ kind: 'message', content: { msgtype: 'text', text: { content: card.fallback } } }]);
  });

  it('turns a card update into update_template_card, never a passive reply nor a kf message', () => {
    const r: Reply = { type: 'card_update', responseCode: 'rc1', replaceName: '已选：是' };
    expect(renderApp(r)).toEqual([{ kind: 'card_update', responseCode: 'rc1', replaceName: '已选：是' }]);
    expect(renderKf(r)).toEqual([]);
    expect(renderPassive(r)).toBeNull();
  });

  it('turns files into uploads', () => {
    expect(renderApp({ type: 'file', fileName: '附件1.xlsx', contentBase64: 'UEsDBA==' })).toEqual([{ kind: 'media', mediaType: 'file', fileName: '附件1.xlsx', contentBase64: 'UEsDBA==' }]);
  });
});

describe('renderKf', () => {
  it('uses msgmenu with click items for farmers', () => {
    expect(renderKf(menu)).toEqual([
      {
        kind: 'message',
        content: {
          msgtype: 'msgmenu',
          msgmenu: { head_content: '请选择您家遇到的困难：', list: [{ type: 'click', click: { id: 'ill', content: '因病' } }, { type: 'click', click: { id: 'study', content: '因学' } }], tail_content: '也可以直接打字告诉我' },
        },
      },
    ]);
  });

  it('never sends cards or markdown to farmers', () => {
    expect(renderKf(card)).toEqual([{ kind: 'message', content: { msgtype: 'text', text: { content: card.fallback } } }]);
    expect(renderKf({ type: 'markdown', markdown: '**好**', fallback: '好' })).toEqual([{ kind: 'message', content: { msgtype: 'text', text: { content: '好' } } }]);
  });

  it('merges adjacent texts so seven short replies become one message', () => {
    const replies: Reply[] = Array.from({ length: 7 }, (_, i) => ({ type: 'text', text: `第${i + 1}句` }));
    const parts = renderKfBatch(replies);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toEqual({ kind: 'message', content: { msgtype: 'text', text: { content: replies.map((r) => (r as { text: string }).text).join('\n\n') } } });
  });

  it('does not merge across a menu, nor past 2048 bytes', () => {
    const big = '字'.repeat(600); // 1800 bytes
    const parts = mergeKfParts([...renderKf({ type: 'text', text: '您好' }), ...renderKf(menu), ...renderKf({ type: 'text', text: big }), ...renderKf({ type: 'text', text: big })]);
    expect(parts.map((p) => (p.kind === 'message' ? p.content.msgtype : p.kind))).toEqual(['text', 'msgmenu', 'text', 'text']);
  });
});

describe('renderPassive', () => {
  it.each([
    ['text', { type: 'text', text: '收到' } as Reply, '收到'],
    ['markdown uses its fallback', { type: 'markdown', markdown: '**收到**', fallback: '收到' } as Reply, '收到'],
    ['menu as numbers', menu, '请选择您家遇到的困难：\n1. 因病\n2. 因学\n也可以直接打字告诉我'],
    ['card must be sent', card, null],
    ['over-long text must be sent', { type: 'text', text: 'a'.repeat(2049) } as Reply, null],
    ['image must be sent', { type: 'image', fileName: 'a.png', contentBase64: '' } as Reply, null],
  ])('%s', (_n, reply, expected) => {
    expect(renderPassive(reply)).toBe(expected);
  });
});

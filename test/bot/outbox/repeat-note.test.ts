import { expect, it } from 'vitest';
import { RepeatNotes } from '../../../src/bot/outbox/repeat-note.js';
import type { AppContent } from '../../../src/bot/wecom/render.js';

const T0 = Date.UTC(2026, 11, 7, 2, 30); // 10:30 in Shanghai
const text = (t: string): AppContent => ({ msgtype: 'text', text: { content: t } });
const body = (c: AppContent) => (c.msgtype === 'text' ? c.text.content : c.msgtype === 'markdown' ? c.markdown.content : c.msgtype);

it('marks a repeat of another part within the window; a resend of the same part gets what it got before', () => {
  const notes = new RepeatNotes(120_000);
  expect(body(notes.contentFor('a', '1#0', text('好'), T0))).toBe('好');
  expect(body(notes.contentFor('a', '2#0', text('好'), T0 + 30_000))).toBe('好\n（与10:30的回复相同）');
  expect(body(notes.contentFor('a', '2#0', text('好'), T0 + 40_000))).toBe('好\n（与10:30的回复相同）'); // the resend
  expect(body(notes.contentFor('a', '3#0', text('好'), T0 + 50_000))).toBe('好\n（与10:30的回复相同，第3次）');
  // Another person, other words, a markdown: each on its own.
  expect(body(notes.contentFor('b', '4#0', text('好'), T0 + 50_000))).toBe('好');
  expect(body(notes.contentFor('a', '5#0', { msgtype: 'markdown', markdown: { content: '**进度**' } }, T0 + 50_000))).toBe('**进度**');
  expect(body(notes.contentFor('a', '6#0', { msgtype: 'markdown', markdown: { content: '**进度**' } }, T0 + 60_000))).toBe('**进度**\n（与10:30的回复相同）');
  // Past the window the words go as they are.
  expect(body(notes.contentFor('a', '7#0', text('好'), T0 + 200_000))).toBe('好');
});

it('leaves a text that has no room for the note, and cards, as they are', () => {
  const notes = new RepeatNotes(120_000);
  const full = text('字'.repeat(682)); // 2046 bytes
  notes.contentFor('a', '1#0', full, T0);
  expect(notes.contentFor('a', '2#0', full, T0 + 1_000)).toEqual(full);
  const card: AppContent = { msgtype: 'template_card', template_card: { card_type: 'text_notice' } };
  notes.contentFor('a', '3#0', card, T0);
  expect(notes.contentFor('a', '4#0', card, T0 + 1_000)).toEqual(card);
});

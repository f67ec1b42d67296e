/**
 * What a flow wants to say (`Reply`) → what WeCom accepts, per door:
 * - app (staff): text split at 2048 UTF-8 bytes; markdown when it fits, else its text fallback;
 *   cards as template_card button_interaction (≤ 6 buttons), else the fallback; menus as a
 *   numbered list; files and images as media to upload first.
 * - kf (farmers): no markdown, no cards: their text fallbacks; menus as `msgmenu`; and adjacent
 *   texts merged (`mergeKfParts`) because a farmer message allows only 5 replies.
 * - passive replies (`renderPassive`): one text ≤ 2048 bytes, or null when it must be sent instead.
 *
 * @example
 *   renderApp({ type: 'text', text: '已收到' });
 *   // [{ kind: 'message', content: { msgtype: 'text', text: { content: '已收到' } } }]
 *   splitUtf8('中'.repeat(700));   // two parts: 682 characters (2046 bytes) and 18
 */
import type { ButtonCard, Reply } from '../../flows/types.js';
import type { KfMessageBody } from './api-types.js';

/** WeCom's limit for text and markdown content, in UTF-8 bytes. */
export const TEXT_MAX_BYTES = 2048;
export const CARD_MAX_BUTTONS = 6;
const CARD_MAX_LINES = 6;
const MENU_MAX_ITEMS = 10;
const KF_JOIN = '\n\n';

export type AppContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'file'; file: { media_id: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> };

/** A file or image that must go through media/upload; its media_id then fills `msgtype`. */
export interface MediaPart {
  kind: 'media';
  mediaType: 'file' | 'image';
  fileName: string;
  contentBase64: string;
}

/** `message/update_template_card`: the pressed card's buttons become one label. */
export interface CardUpdatePart {
  kind: 'card_update';
  responseCode: string;
  replaceName: string;
}

export type AppPart = { kind: 'message'; content: AppContent } | MediaPart | CardUpdatePart;
export type KfPart = { kind: 'message'; content: KfMessageBody } | MediaPart;

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Splits text into parts of at most `maxBytes` UTF-8 bytes, never inside a code point (a
 * surrogate pair stays whole), preferring to cut at a line break in the second half of a part
 * (the break itself is dropped). Empty text gives no parts.
 */
export function splitUtf8(text: string, maxBytes = TEXT_MAX_BYTES): string[] {
  const parts: string[] = [];
  let rest = text;
  while (utf8Bytes(rest) > maxBytes) {
    let bytes = 0;
    let cut = 0; // UTF-16 index where the part ends
    let lastBreak = -1; // UTF-16 index of the last '\n' seen in the second half
    for (const ch of rest) {
      const b = utf8Bytes(ch);
      if (bytes + b > maxBytes) break;
      if (ch === '\n' && bytes >= maxBytes / 2) lastBreak = cut;
      bytes += b;
      cut += ch.length;
    }
    if (lastBreak >= 0) {
      parts.push(rest.slice(0, lastBreak));
      rest = rest.slice(lastBreak + 1);
    } else {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

const text = (content: string): { msgtype: 'text'; text: { content: string } } => ({ msgtype: 'text', text: { content } });

/** A menu as plain numbered lines (app, passive replies, and kf when msgmenu cannot carry it). */
export function menuAsText(reply: Extract<Reply, { type: 'menu' }>): string {
  const lines = reply.items.map((item, i) => `${i + 1}. ${item.label}`);
  return [reply.head, ...lines, ...(reply.tail ? [reply.tail] : [])].filter((l) => l !== '').join('\n');
}

/** The template_card body of a button card, or null when WeCom would refuse it. */
export function buttonCardBody(card: ButtonCard): Record<string, unknown> | null {
  const lines = card.lines ?? [];
  const validTaskId = /^[A-Za-z0-9_\-@]{1,128}$/.test(card.taskId);
  if (!validTaskId || card.buttons.length === 0 || card.buttons.length > CARD_MAX_BUTTONS || lines.length > CARD_MAX_LINES) return null;
  return {
    card_type: 'button_interaction',
    main_title: { title: card.title, ...(card.desc ? { desc: card.desc } : {}) },
    ...(lines.length ? { horizontal_content_list: lines.map((l) => ({ keyname: l.key, value: l.value })) } : {}),
    task_id: card.taskId,
    button_list: card.buttons.map((b) => ({ text: b.text, style: b.style ?? 1, key: b.key })),
  };
}

/** Renders one reply for the internal app, in sending order. */
export function renderApp(reply: Reply): AppPart[] {
  switch (reply.type) {
    case 'text':
      return splitUtf8(reply.text).map((t) => ({ kind: 'message', content: text(t) }));
    case 'markdown':
      if (reply.markdown !== '' && utf8Bytes(reply.markdown) <= TEXT_MAX_BYTES) {
        return [{ kind: 'message', content: { msgtype: 'markdown', markdown: { content: reply.markdown } } }];
      }
      return splitUtf8(reply.fallback).map((t) => ({ kind: 'message', content: text(t) }));
    case 'menu':
      return splitUtf8(menuAsText(reply)).map((t) => ({ kind: 'message', content: text(t) }));
    case 'card': {
      const body = buttonCardBody(reply.card);
      if (body) return [{ kind: 'message', content: { msgtype: 'template_card', template_card: body } }];
      return splitUtf8(reply.fallback).map((t) => ({ kind: 'message', content: text(t) }));
    }
    case 'file':
    case 'image':
      return [{ kind: 'media', mediaType: reply.type, fileName: reply.fileName, contentBase64: reply.contentBase64 }];
    case 'card_update':
      return [{ kind: 'card_update', responseCode: reply.responseCode, replaceName: reply.replaceName }];
  }
}

/** Renders one reply for a farmer (微信客服), before merging. */
export function renderKf(reply: Reply): KfPart[] {
  const texts = (s: string): KfPart[] => splitUtf8(s).map((t) => ({ kind: 'message', content: text(t) }));
  switch (reply.type) {
    case 'text':
      return texts(reply.text);
    case 'markdown':
      return texts(reply.fallback);
    case 'card':
      return texts(reply.fallback);
    case 'menu': {
      const msgmenu = {
        ...(reply.head ? { head_content: reply.head } : {}),
        list: reply.items.map((item) => ({ type: 'click' as const, click: { id: item.id, content: item.label } })),
        ...(reply.tail ? { tail_content: reply.tail } : {}),
      };
      const fits = reply.items.length > 0 && reply.items.length <= MENU_MAX_ITEMS && utf8Bytes(JSON.stringify(msgmenu)) <= TEXT_MAX_BYTES;
      return fits ? [{ kind: 'message', content: { msgtype: 'msgmenu', msgmenu } }] : texts(menuAsText(reply));
    }
    case 'file':
    case 'image':
      return [{ kind: 'media', mediaType: reply.type, fileName: reply.fileName, contentBase64: reply.contentBase64 }];
    case 'card_update':
      // Farmers get no template cards, so there is nothing to update.
      return [];
  }
}

/** Merges adjacent kf texts into as few messages as fit 2048 bytes (joined by a blank line). */
export function mergeKfParts(parts: KfPart[]): KfPart[] {
  const out: KfPart[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (part.kind === 'message' && part.content.msgtype === 'text' && prev?.kind === 'message' && prev.content.msgtype === 'text') {
      const joined = `${prev.content.text.content}${KF_JOIN}${part.content.text.content}`;
      if (utf8Bytes(joined) <= TEXT_MAX_BYTES) {
        out[out.length - 1] = { kind: 'message', content: text(joined) };
        continue;
      }
    }
    out.push(part);
  }
  return out;
}

/** Several replies to one farmer, rendered and merged: the fewest messages that say it all. */
export function renderKfBatch(replies: Reply[]): KfPart[] {
  return mergeKfParts(replies.flatMap(renderKf));
}

/**
 * The text of a passive reply (inside the 5-second callback answer), or null when the reply
 * cannot go passively (files, images, cards, or text over 2048 bytes) and must be sent instead.
 */
export function renderPassive(reply: Reply): string | null {
  const fits = (s: string): string | null => (s !== '' && utf8Bytes(s) <= TEXT_MAX_BYTES ? s : null);
  switch (reply.type) {
    case 'text':
      return fits(reply.text);
    case 'markdown':
      return fits(reply.fallback);
    case 'menu':
      return fits(menuAsText(reply));
    case 'card':
    case 'file':
    case 'image':
    case 'card_update':
      return null;
  }
}

/**
 * WeCom drops an app message whose content equals one sent to the same person within the duplicate
 * check window (`enable_duplicate_check`, src/bot/outbox/sender.ts). That is what makes a resend
 * safe — but another reply that happens to read the same (a second question answered with the same
 * figures, “帮助” twice) would then never arrive. Such a reply is sent with a short note that makes
 * it differ; a resend of the same part gets exactly what it got the first time, so WeCom still drops
 * the resend. Kept in memory per sender, for the window only (bounded by the people written to in it).
 *
 * @example
 *   const notes = new RepeatNotes(120_000);
 *   notes.contentFor('wangwu', '7#0', content, now)   // content, or content with “（与10:32的回复相同）”
 */
import { timeOfDayOf } from '../../domain/calendar.js';
import { TEXT_MAX_BYTES, utf8Bytes, type AppContent } from '../wecom/render.js';

interface Sent {
  /** The content as the reply wrote it (what WeCom compares, before any note). */
  key: string;
  /** Which part of which outbox row (`<row id>#<part>`): a resend of it is not a repeat. */
  partId: string;
  at: number;
  /** What was actually sent. */
  content: AppContent;
}

export class RepeatNotes {
  private readonly sent = new Map<string, Sent[]>();
  private sweptAt = 0;

  constructor(private readonly windowMs: number) {}

  /** What to send as part `partId` to `to` at `now`: the content, or the content with a note when it repeats another reply. */
  contentFor(to: string, partId: string, content: AppContent, now: number): AppContent {
    const recent = this.recent(to, now);
    const again = recent.find((s) => s.partId === partId);
    if (again) return again.content;
    const key = JSON.stringify(content);
    const same = recent.filter((s) => s.key === key);
    const out = same.length === 0 ? content : withNote(content, `（与${timeOfDayOf(same[0]!.at)}的回复相同${same.length > 1 ? `，第${same.length + 1}次` : ''}）`);
    recent.push({ key, partId, at: now, content: out });
    this.sent.set(to, recent);
    return out;
  }

  /** The sends to `to` still inside the window. Once a window, everyone's older sends are forgotten. */
  private recent(to: string, now: number): Sent[] {
    if (now - this.sweptAt >= this.windowMs) {
      this.sweptAt = now;
      for (const [who, list] of this.sent) if (list.every((s) => now - s.at >= this.windowMs)) this.sent.delete(who);
    }
    return (this.sent.get(to) ?? []).filter((s) => now - s.at < this.windowMs);
  }
}

/** Text and markdown take the note on a line of their own (when it still fits one message); other content is left as it is. */
function withNote(content: AppContent, note: string): AppContent {
  const fits = (s: string) => utf8Bytes(s) <= TEXT_MAX_BYTES;
  if (content.msgtype === 'text' && fits(`${content.text.content}\n${note}`)) return { msgtype: 'text', text: { content: `${content.text.content}\n${note}` } };
  if (content.msgtype === 'markdown' && fits(`${content.markdown.content}\n${note}`)) return { msgtype: 'markdown', markdown: { content: `${content.markdown.content}\n${note}` } };
  return content;
}

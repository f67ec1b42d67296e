/**
 * WeCom's per-app, per-member limit — 30 messages a minute, 1000 an hour — whose excess WeCom
 * answers with success and never delivers. So the sender counts what it sent (sliding windows
 * over the outbox rows) and defers instead of exceeding.
 *
 * @example
 *   planAppWindow([{ sentAt: now - 10_000, parts: 30 }], now, { perMinute: 30, perHour: 1000, alreadyNow: 0 });
 *   // { available: 0, nextFreeAt: now + 50_001 }
 */

export interface SentEntry {
  sentAt: number;
  parts: number;
}

export interface WindowLimits {
  perMinute: number;
  perHour: number;
  /** Messages to count as sent at `now` (parts of the current row sent earlier). */
  alreadyNow: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** How many messages may go now, and when the next one may go if none can. */
export function planAppWindow(sent: SentEntry[], now: number, limits: WindowLimits): { available: number; nextFreeAt: number } {
  const entries = [...sent.filter((e) => e.sentAt > now - HOUR), ...(limits.alreadyNow > 0 ? [{ sentAt: now, parts: limits.alreadyNow }] : [])].sort((a, b) => a.sentAt - b.sentAt);
  const inMinute = entries.filter((e) => e.sentAt > now - MINUTE);
  const minuteCount = sum(inMinute);
  const hourCount = sum(entries);
  const available = Math.max(0, Math.min(limits.perMinute - minuteCount, limits.perHour - hourCount));
  if (available > 0) return { available, nextFreeAt: now };
  return { available, nextFreeAt: Math.max(freeAt(inMinute, MINUTE, limits.perMinute, now), freeAt(entries, HOUR, limits.perHour, now)) };
}

/** The first instant at which fewer than `limit` messages remain inside the window. */
function freeAt(entries: SentEntry[], windowMs: number, limit: number, now: number): number {
  let count = sum(entries);
  for (const e of entries) {
    if (count < limit) break;
    count -= e.parts;
    if (count < limit) return e.sentAt + windowMs + 1;
  }
  return now;
}

function sum(entries: SentEntry[]): number {
  return entries.reduce((n, e) => n + e.parts, 0);
}

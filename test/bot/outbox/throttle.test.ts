import { describe, expect, it } from 'vitest';
import { planAppWindow, type SentEntry } from '../../../src/bot/outbox/throttle.js';

const NOW = 1_652_058_000_000;
const limits = { perMinute: 30, perHour: 1000, alreadyNow: 0 };
const at = (agoMs: number, parts: number): SentEntry => ({ sentAt: NOW - agoMs, parts });

describe('planAppWindow (30/min, 1000/h per member)', () => {
  it.each([
    ['nothing sent: 30 may go', [], 0, { available: 30, nextFreeAt: NOW }],
    ['29 in the last minute: 1 may go', [at(10_000, 29)], 0, { available: 1, nextFreeAt: NOW }],
    ['30 in the last minute: wait until the oldest leaves the window', [at(50_000, 10), at(10_000, 20)], 0, { available: 0, nextFreeAt: NOW + 10_001 }],
    ['older than a minute does not count per minute', [at(60_000, 30)], 0, { available: 30, nextFreeAt: NOW }],
    ['parts of the current row count as sent now', [at(30_000, 20)], 10, { available: 0, nextFreeAt: NOW + 30_001 }],
    ['own parts alone fill the minute: wait a minute', [], 30, { available: 0, nextFreeAt: NOW + 60_001 }],
    ['990 in the hour: only 10 may go', [at(2_000_000, 990)], 0, { available: 10, nextFreeAt: NOW }],
    ['1000 in the hour: wait for the hour window', [at(3_000_000, 500), at(2_000_000, 500)], 0, { available: 0, nextFreeAt: NOW + 600_001 }],
  ])('%s', (_name, sent, alreadyNow, expected) => {
    expect(planAppWindow(sent, NOW, { ...limits, alreadyNow })).toEqual(expected);
  });
});

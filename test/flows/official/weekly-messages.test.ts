import { describe, expect, it } from 'vitest';
import { draftMessage, townReminder, villageReminder } from '../../../src/flows/official/weekly-messages.js';
import { CONFIRMED, DEADLINE, DT, GJB, GJB_XC, LSJ, place, reportingView, WEEK, weeklyView } from './fixtures.js';

describe('weekly report messages', () => {
  it('the Thursday draft shows the town’s figures and the villages still missing', () => {
    const r = draftMessage(weeklyView(GJB), place(GJB));
    expect(r.type).toBe('markdown');
    if (r.type !== 'markdown') return;
    expect(r.markdown.startsWith('**【周报草稿】高家堡镇第19周**（5月13日 08:00报市里）\n排查覆盖：4/6户（66.7%），共11人\n')).toBe(true);
    expect(r.fallback.split('\n').slice(-2)).toEqual(['还没报的村（1/2个）：新村', '附件1、附件6草稿见下面的文件。核对无误请发送“周报”确认；数字不对请让相关村更正后再确认。']);
    const all = draftMessage(weeklyView(DT), place(DT));
    expect(all.type === 'markdown' && all.fallback).toMatch(/\n2个村已全部上报。\n/);
  });

  it('the Friday reminder names only the missing villages, and says when the town has not confirmed', () => {
    expect(townReminder(reportingView(GJB), place(GJB))).toEqual({
      type: 'text',
      text: '【提醒】今天08:00前向市里报送高家堡镇第19周周报（附件1、附件6）。还没报的村（1/2个）：新村。镇街周报还没确认，请发送“周报”核对确认。',
    });
    expect(townReminder(reportingView(GJB, { ...CONFIRMED, [GJB_XC]: CONFIRMED[LSJ]! }), place(GJB))).toEqual({
      type: 'text',
      text: '【提醒】今天08:00前向市里报送高家堡镇第19周周报（附件1、附件6）。镇街周报还没确认，请发送“周报”核对确认。',
    });
    expect(townReminder(reportingView(GJB, { ...CONFIRMED, [GJB]: CONFIRMED[DT]! }), place(GJB))).toEqual({
      type: 'text',
      text: '【提醒】今天08:00前向市里报送高家堡镇第19周周报（附件1、附件6）。还没报的村（1/2个）：新村。',
    });
    // Every village reported and the town confirmed: nothing to remind.
    expect(townReminder(reportingView(DT), place(DT))).toBeNull();
  });

  it('the village reminder tells the cadres what to send', () => {
    expect(villageReminder(place(GJB_XC), WEEK, DEADLINE)).toEqual({ type: 'text', text: '【提醒】高家堡镇新村第19周进度还没上报，今天08:00前镇里要汇总。请发送“本周上报”核对确认。' });
  });
});

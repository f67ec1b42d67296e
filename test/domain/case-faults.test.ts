import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_MESSAGES, CaseError, describeFault, unwrap, refuse, ok } from '../../src/domain/case-faults.js';

describe('fault codes and messages', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(describeFault({ code: 'LEAD.PUBLICITY_TOO_SHORT', params: { days: 3, min: 5 } })).toBe('公示期只有3天，至少需要5天。');
    expect(describeFault({ code: 'LEAD.PUBLICITY_TOO_SHORT' })).toBe('公示期只有{days}天，至少需要{min}天。');
  });

  it('has a Chinese message for every code, named AREA.WHAT', () => {
    for (const [code, msg] of Object.entries(CASE_MESSAGES)) {
      expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(msg).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('every code used in the domain has a message', () => {
    const dir = join(__dirname, '../../src/domain');
    const used = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'((?:CASE|LEAD|SUBJECT|ELIM|RISK|MEASURE|SCREENING|PROBLEM|QUALITY)\.[A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((c) => !(c in CASE_MESSAGES))).toEqual([]);
  });

  it('unwraps a value or throws a CaseError carrying every fault', () => {
    expect(unwrap(ok(3))).toBe(3);
    const thrown = (() => {
      try {
        unwrap(refuse('LEAD.CLOSED', { status: '已纳入' }));
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(CaseError);
    expect((thrown as CaseError).code).toBe('LEAD.CLOSED');
  });
});

import { describe, expect, it } from 'vitest';
import { unwrap, type Outcome } from '../../src/domain/case-faults.js';
import { decideBinding, requestBinding, supersede, type BindingRequest } from '../../src/domain/farmer-binding.js';

const T = 1_652_058_000_000;
const req: BindingRequest = { ref: 'BD1', externalUserId: 'wm1', openKfId: 'wk', name: '张三', idNumber: null, idTail: '123x', villageCode: 'v1', matchedHouseholdId: 7, requestedAt: T };
const codes = <T>(o: Outcome<T>): string[] => (o.ok ? [] : o.faults.map((f) => f.code));

describe('farmer ↔ household binding rules', () => {
  it('a request is pending, with the ID tail upper-cased', () => {
    expect(unwrap(requestBinding(req))).toMatchObject({ status: 'pending', idTail: '123X', householdId: null, decidedBy: null });
  });

  it.each([
    ['no name', { name: ' ' }],
    ['no ID tail', { idTail: '' }],
    ['a whole ID number as tail', { idTail: '610821198001011234' }],
    ['no village', { villageCode: '' }],
  ])('refuses a request with %s', (_t, over) => {
    expect(codes(requestBinding({ ...req, ...over }))).toEqual(['BINDING.INVALID']);
  });

  it.each([
    ['confirm with the household', { decision: 'confirm' as const, householdId: 7, actor: 'wangwu', at: T + 1 }, [], { status: 'confirmed', householdId: 7, decidedBy: 'wangwu', decidedAt: T + 1 }],
    ['confirm another household than matched', { decision: 'confirm' as const, householdId: 9, actor: 'wangwu', at: T + 1 }, [], { status: 'confirmed', householdId: 9 }],
    ['confirm without a household', { decision: 'confirm' as const, householdId: null, actor: 'wangwu', at: T + 1 }, ['BINDING.HOUSEHOLD_REQUIRED'], null],
    ['refuse with a reason', { decision: 'reject' as const, reason: ' 不是本户 ', actor: 'liuqi', at: T + 2 }, [], { status: 'rejected', reason: '不是本户', householdId: null, decidedBy: 'liuqi' }],
    ['refuse without a reason', { decision: 'reject' as const, reason: '  ', actor: 'liuqi', at: T + 2 }, ['BINDING.REASON_REQUIRED'], null],
  ])('%s', (_t, decision, faults, after) => {
    const r = decideBinding(unwrap(requestBinding(req)), decision);
    expect(codes(r)).toEqual(faults);
    if (after) expect(unwrap(r)).toMatchObject(after);
  });

  it('a decided or superseded request is not decided again', () => {
    const confirmed = unwrap(decideBinding(unwrap(requestBinding(req)), { decision: 'confirm', householdId: 7, actor: 'w', at: T }));
    expect(codes(decideBinding(confirmed, { decision: 'reject', reason: 'x', actor: 'w', at: T }))).toEqual(['BINDING.NOT_PENDING']);
    const old = supersede(confirmed, 'BD2');
    expect(old).toMatchObject({ status: 'superseded', householdId: 7, decidedBy: 'w', reason: '被BD2替代' });
    expect(codes(decideBinding(old, { decision: 'confirm', householdId: 7, actor: 'w', at: T }))).toEqual(['BINDING.NOT_PENDING']);
  });
});

/**
 * The one table of commands (src/flows/commands.ts): each schema is keyed by its own kind, refuses
 * fields no handler reads (the drift that once stripped `declaredBy`), and every kind has exactly
 * one handler; a handler's area error names the bad field.
 */
import { describe, expect, it } from 'vitest';
import { caseworkCommands } from '../../src/bot/commands/casework.js';
import { departmentCommands } from '../../src/bot/commands/department.js';
import { farmerCommands, FarmerCommandError } from '../../src/bot/commands/farmer.js';
import { fieldCommands, FieldCommandError } from '../../src/bot/commands/field.js';
import { officialCommands } from '../../src/bot/commands/official.js';
import type { CommandContext } from '../../src/bot/dispatch/ports.js';
import { COMMANDS, parseCommand, type Command } from '../../src/flows/commands.js';
import type { Tx } from '../../src/persistence/db.js';

const rectify: Command = { kind: 'field.problem.rectify', problemId: 5, what: '已补录收入信息', dataCorrected: true };
const entry: Command = { kind: 'farmer.remember_entry', villageCode: '610821101201', scene: '610821101201' };

// The typecheck is the proof that flows and handlers agree; these lines fail it if the types loosen.
// @ts-expect-error a field no handler reads is not part of the command
export const deadField: Command = { ...entry, declaredBy: 'kf:wm1' };
// @ts-expect-error a kind that is not declared is not a command
export const unknownKind: Command = { kind: 'field.nothing' };
// @ts-expect-error a required field cannot be left out
export const missingField: Command = { kind: 'field.problem.rectify', problemId: 5, dataCorrected: true };

describe('commands, declared once', () => {
  it('keys every schema by the kind it parses', () => {
    for (const [kind, schema] of Object.entries(COMMANDS)) {
      const probe = schema.safeParse({ kind: `${kind}.x` });
      expect(probe.success, kind).toBe(false);
      expect(probe.error?.issues.some((i) => i.path[0] === 'kind' || i.code === 'invalid_union'), kind).toBe(true);
    }
    expect(parseCommand(rectify)).toEqual({ ok: true, command: rectify });
  });

  it('refuses a field no handler reads, a missing field and an unknown kind, naming them', () => {
    const dead = parseCommand({ ...entry, declaredBy: 'kf:wm1' });
    expect(dead).toMatchObject({ ok: false, kind: 'farmer.remember_entry' });
    expect(dead.ok ? '' : dead.issues).toMatch(/declaredBy/);
    const missing = parseCommand({ kind: 'field.problem.rectify', problemId: 5, dataCorrected: true });
    expect(missing.ok ? '' : missing.issues).toMatch(/^what: /);
    expect(parseCommand({ kind: 'field.nothing' })).toEqual({ ok: false, kind: 'field.nothing', issues: 'unknown kind' });
    const screening = parseCommand({ kind: 'field.screening.save', form: 'general', campaign: '2022', householdId: 7, remark: '', answers: { method: 'letter', riskFound: false, riskDetails: null, knowsPolicy: true } });
    expect(screening.ok ? '' : screening.issues).toMatch(/answers\.method/);
  });

  it('has one handler for every kind, and none for a kind it does not declare', () => {
    const tables = [farmerCommands, fieldCommands, officialCommands, departmentCommands, caseworkCommands];
    const handled = tables.flatMap((t) => Object.keys(t)).sort();
    expect(handled).toEqual(Object.keys(COMMANDS).sort());
  });

  it('checks a command before its handler runs, with the area’s error', async () => {
    const tx = {} as Tx;
    const ctx = { actor: { sender: { channel: 'kf', id: 'wm1' }, staff: null }, now: 0, inboundId: 1 } satisfies CommandContext;
    await expect(fieldCommands['field.problem.rectify']!(tx, { ...rectify, what: '' }, ctx)).rejects.toThrow(FieldCommandError);
    await expect(fieldCommands['field.problem.rectify']!(tx, { ...rectify, what: '' }, ctx)).rejects.toMatchObject({ code: 'FIELD.BAD_COMMAND' });
    await expect(farmerCommands['farmer.remember_entry']!(tx, { ...entry, requestedBy: 'kf:wm1' }, ctx)).rejects.toThrow(FarmerCommandError);
    // A kind sent to another kind's handler is refused too (the table is looked up by the command's own kind).
    await expect(fieldCommands['field.problem.rectify']!(tx, entry, ctx)).rejects.toThrow(/kind: not field\.problem\.rectify/);
  });
});

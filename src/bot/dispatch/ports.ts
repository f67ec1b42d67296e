/**
 * What the dispatcher needs from the rest of the system, as small ports:
 * - `StaffDirectory`: who an app sender is (the roster; wired to the roster tables later);
 * - `CommandHandler`: performs the flows' domain `command` effects inside the dispatch transaction.
 *
 * @example
 *   const staff = new MemoryStaffDirectory([{ userId: 'wangwu', name: '王五', role: 'grid_worker', jurisdiction: { level: 'grid', code: 'G1' } }]);
 *   const commands = commandHandlers({ 'screening.record': async (tx, cmd, ctx) => { ... } });
 */
import type { Actor, StaffActor } from '../../flows/types.js';
import type { Tx } from '../../persistence/db.js';

export interface StaffDirectory {
  /** The active staff member with this WeCom UserID, or null when not on the roster. */
  find(userId: string): Promise<StaffActor | null>;
}

/** A roster held in memory (tests, sandbox, until the roster tables are wired). */
export class MemoryStaffDirectory implements StaffDirectory {
  private readonly byId: Map<string, StaffActor>;

  constructor(staff: StaffActor[] = []) {
    this.byId = new Map(staff.map((s) => [s.userId, s]));
  }

  async find(userId: string): Promise<StaffActor | null> {
    return this.byId.get(userId) ?? null;
  }
}

export type Command = { kind: string } & Record<string, unknown>;

/** Who caused the command and when: every domain state change records who, when and why. */
export interface CommandContext {
  actor: Actor;
  now: number;
  /** The inbound row that caused it (the "why" trail). */
  inboundId: number;
}

export interface CommandHandler {
  /** Performs the command with `tx` (the dispatch transaction). Unknown kinds throw UnknownCommandError. */
  handle(tx: Tx, command: Command, ctx: CommandContext): Promise<void>;
}

export class UnknownCommandError extends Error {
  readonly code = 'DISPATCH.UNKNOWN_COMMAND';
  constructor(readonly kind: string) {
    super(`unknown command kind: ${kind}`);
    this.name = 'UnknownCommandError';
  }
}

export type CommandFn = (tx: Tx, command: Command, ctx: CommandContext) => Promise<void>;

/** A CommandHandler from a table of kinds; none exist yet, so by default every command is an error. */
export function commandHandlers(table: Record<string, CommandFn> = {}): CommandHandler {
  return {
    async handle(tx, command, ctx) {
      const fn = Object.hasOwn(table, command.kind) ? table[command.kind] : undefined;
      if (!fn) throw new UnknownCommandError(command.kind);
      await fn(tx, command, ctx);
    },
  };
}

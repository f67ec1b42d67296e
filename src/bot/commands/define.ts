/**
 * The handler side of src/flows/commands.ts: a handler is written against the parsed command of
 * its kind (`CommandOf<K>`), and `checkedHandlers` turns a table of them into the dispatcher's
 * `CommandFn`s, each of which first checks the command it is given against that kind's schema.
 *
 * @example
 *   export const fooCommands = checkedHandlers<FooKind>({ 'foo.bar': async (tx, c, ctx) => { c.baz } }, (issues) => new FooError(issues));
 */
import { parseCommand, type CommandKind, type CommandOf } from '../../flows/commands.js';
import type { Tx } from '../../persistence/db.js';
import type { CommandContext, CommandFn } from '../dispatch/ports.js';

export type Handler<K extends CommandKind> = (tx: Tx, command: CommandOf<K>, ctx: CommandContext) => Promise<void>;
export type Handlers<K extends CommandKind> = { [P in K]: Handler<P> };

/** The kinds of one area (`farmer`, `field`, …), by their prefix. */
export type KindsOf<Area extends string> = Extract<CommandKind, `${Area}.${string}`>;

/** Every kind of the area has its function; looked up by any string (a kind read at run time) it may be missing. */
export type CheckedHandlers<K extends CommandKind> = Record<K, CommandFn> & Record<string, CommandFn>;

/** Typed handlers → checked `CommandFn`s; a command that does not fit its schema throws `bad(kind, issues)`. */
export function checkedHandlers<K extends CommandKind>(table: Handlers<K>, bad: (kind: string, issues: string) => Error): CheckedHandlers<K> {
  const out = {} as Record<K, CommandFn>;
  for (const kind of Object.keys(table) as K[]) {
    const handler = table[kind] as Handler<K>;
    out[kind] = async (tx, raw, ctx) => {
      const r = raw.kind === kind ? parseCommand(raw) : { ok: false as const, issues: `kind: not ${kind}` };
      if (!r.ok) throw bad(kind, r.issues);
      await handler(tx, r.command as CommandOf<K>, ctx);
    };
  }
  return out;
}

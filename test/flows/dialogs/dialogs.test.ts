/**
 * The dialogues of ./dialogs.items.ts held through the real router, flows, read port and command
 * handlers on SQLite and MariaDB (./dialogs.run.ts). Nothing may be stored that the person did not
 * say, no dialogue may end stuck or with something lost (but those marked `open`, a known gap that
 * must still fail), and nine in ten need no question asked twice.
 */
import { describe, expect, it } from 'vitest';
import { DIALOGUES } from './dialogs.items.js';
import { runDialogues, tally, type DialogueResult } from './dialogs.run.js';

const show = (r: DialogueResult) => `${r.id} ${r.verdict} (+${r.extra}) ${r.problems.join('; ')}\n    ${r.transcript.join('\n    ')}`;

describe.each(['sqlite', 'mariadb'] as const)('dialogues as people hold them [%s]', (engine) => {
  it('every dialogue stores what was said, and nothing else', async () => {
    const results = await runDialogues(engine);
    const t = tally(results);
    if (process.env.DIALOGS_VERBOSE) console.log(results.map(show).join('\n'));
    console.log(`dialogues [${engine}]: ${JSON.stringify(t)}`);
    const open = new Set(DIALOGUES.filter((d) => d.open).map((d) => d.id));
    expect(results.filter((r) => r.verdict !== 'right' && r.verdict !== 'asked' && !open.has(r.id)).map(show)).toEqual([]);
    // A known gap that now passes has its mark taken off.
    expect(results.filter((r) => open.has(r.id) && (r.verdict === 'right' || r.verdict === 'asked')).map((r) => r.id)).toEqual([]);
    // Asked more than needed stays the exception: at least nine dialogues in ten need no question twice.
    expect(t.all!.right / results.length).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

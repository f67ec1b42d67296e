/**
 * The village cadre's corpus (./cadre.items.ts) run through the real router and flows on a
 * scratch database seeded with the corpus village (./field.roster.ts): each item is the first
 * message of a fresh conversation (on its own day), and the verdict is which flow took it.
 *
 * Verdicts (test/corpus/types.ts): correct (an expected flow took it); silent_misrecord (another
 * flow took it and stored something at once — a training count, a deployment); wrong (another
 * flow took it, nothing stored: visible and harmless); not_understood (no flow: "没太明白").
 */
import { fieldCommands } from '../../src/bot/commands/field.js';
import { route } from '../../src/bot/dispatch/router.js';
import { commandHandlers } from '../../src/bot/dispatch/ports.js';
import { createFlowData } from '../../src/bot/flow-data/index.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { flows } from '../../src/flows/registry.js';
import { withoutPadding } from '../../src/flows/understand/padding.js';
import type { Effect, Env, Input, Reply } from '../../src/flows/types.js';
import { createScratchDatabase } from '../helpers/db.js';
import { performOn } from '../helpers/converse.js';
import { CADRE_ITEMS, type CadreItem } from './cadre.items.js';
import { seedCorpusVillage, speaker } from './field.roster.js';
import type { ItemResult, Verdict } from './types.js';

const SPEAKER = { c: 'cadre', g: 'grid', t: 'town', s: 'city' } as const;

/** 2022-03-01 09:00 Asia/Shanghai; item i speaks on day i. */
const START = Date.UTC(2022, 2, 1, 1, 0, 0);
const DAY = 86_400_000;

const textOf = (r: Reply): string => (r.type === 'text' ? r.text : 'fallback' in r ? r.fallback : r.type);

export function judgeCadre(item: CadreItem, flow: string | null, stored: boolean): { verdict: Verdict; firstMessage: boolean } {
  if (flow && item[1].split('|').includes(flow)) return { verdict: 'correct', firstMessage: true };
  if (!flow) return { verdict: 'not_understood', firstMessage: false };
  return { verdict: stored ? 'silent_misrecord' : 'wrong', firstMessage: false };
}

/** Every item (or `items`), judged. */
export async function runCadreCorpus(items: readonly CadreItem[] = CADRE_ITEMS): Promise<ItemResult[]> {
  const scratch = await createScratchDatabase('sqlite');
  const ds = await openDatabase(scratch.url);
  try {
    await seedCorpusVillage(ds);
    const data = createFlowData(ds);
    const onDb = performOn(() => ds, commandHandlers(fieldCommands));
    const out: ItemResult[] = [];
    for (const [i, item] of items.entries()) {
      const actor = speaker(SPEAKER[item[2] ?? 'c']);
      const now = START + i * DAY;
      const env: Env = { now, tz: 'Asia/Shanghai', actor, newId: (p) => `${p}${now}`, data: data(actor) };
      const input: Input = { type: 'text', text: item[0] };
      // The router starts the first flow whose `matches` is true (src/flows/registry.ts); when none takes
      // the text as it came, the first that takes it without its padding.
      const plain: Input = { type: 'text', text: withoutPadding(item[0]) };
      const flow = (flows.find((f) => f.matches(input, env)) ?? flows.find((f) => f.matches(plain, env)))?.name ?? null;
      const r = await route({ flows, conversation: { state: null, prompt: null, suspended: null, version: 0 }, input, env, expiryMinutes: 30 });
      const commands = r.effects.filter((x): x is Extract<Effect, { type: 'command' }> => x.type === 'command').map((x) => x.command);
      if (commands.length) await onDb.perform(actor)(commands, env);
      const replies = r.effects.flatMap((e) => (e.type === 'reply' ? [textOf(e.reply)] : []));
      out.push({ id: `cadre-${String(i + 1).padStart(3, '0')}`, role: 'field', text: item[0], ...judgeCadre(item, flow, commands.length > 0), detail: `${flow ?? '-'}: ${replies.join(' / ').slice(0, 120)}` });
    }
    return out;
  } finally {
    await ds.destroy();
    await scratch.drop();
  }
}

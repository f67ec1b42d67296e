/**
 * The farmers' corpus (./farmer.items.ts) run through the real router and flows (the registry,
 * `route`, the declaration flow) as a farmer writing to 微信客服 with no binding: each item is the
 * first message of a fresh conversation, and the verdict is read from the declaration the flow
 * now holds — the risk types it recorded, the amounts and their kinds, the 突发严重困难 hint, the
 * village.
 *
 * Verdicts (test/corpus/types.ts):
 * - correct: every expected risk type recorded, nothing outside `risks` + `also`, and the income,
 *   hint and village as expected;
 * - asked: nothing recorded yet, the flow asks the farmer to say more (nothing wrong stored);
 * - wrong: some expected risk missing or an extra type recorded beside the right ones, or a wrong hint
 *   (all shown to the farmer in the summary before anything is submitted);
 * - silent_misrecord: only types outside `risks` + `also` recorded, a stated income recorded as a cost, or a village
 *   other than the one the farmer named;
 * - not_understood: no declaration started (the general menu).
 *
 * An item with `flow` (a question, not an account) is correct when that flow takes it; a
 * declaration or another flow started instead is wrong (visible), no flow at all not_understood.
 */
import { route, type Conversation } from '../../src/bot/dispatch/router.js';
import type { RiskType } from '../../src/domain/catalog.js';
import { draftSchema, suspectsSuddenHardship, type Draft } from '../../src/flows/farmer/declaration.js';
import type { FlowData } from '../../src/flows/data.js';
import { flows } from '../../src/flows/registry.js';
import { withoutPadding } from '../../src/flows/understand/padding.js';
import type { Env } from '../../src/flows/types.js';
import { fakeData, farmer, T0, V_GJB, V_LSJ, V_LSJ2, V_SJT } from '../flows/farmer/fixtures.js';
import { CODE, FARMER_ITEMS, type FarmerItem } from './farmer.items.js';
import type { ItemResult, Verdict } from './types.js';

const VILLAGE = { LSJ: V_LSJ, LSJ2: V_LSJ2, SJT: V_SJT, GJB: V_GJB } as const;

const codes = (s: string | undefined): RiskType[] => (s ? s.split('+').map((c) => CODE[c] as RiskType) : []);

/** The first message of a fresh conversation; the declaration it leaves waiting, if any. */
export async function firstMessage(text: string): Promise<{ draft: Draft | null; replies: string[]; flow: string | null }> {
  const conversation: Conversation = { state: null, prompt: null, suspended: null, version: 0 };
  const env: Env = { now: T0, tz: 'Asia/Shanghai', actor: farmer, newId: (p) => `${p}1`, data: fakeData(farmer) as unknown as FlowData };
  // The flow that starts on it (the first whose `matches` is true, src/flows/registry.ts): a question answered at once leaves no state.
  const taken = (flows.find((f) => f.matches({ type: 'text', text }, env)) ?? flows.find((f) => f.matches({ type: 'text', text: withoutPadding(text) }, env)))?.name ?? null;
  const r = await route({ flows, conversation: JSON.parse(JSON.stringify(conversation)) as Conversation, input: { type: 'text', text }, env, expiryMinutes: 30 });
  const replies = r.effects.flatMap((e) => (e.type === 'reply' ? [JSON.stringify(e.reply)] : []));
  const state = r.next.state;
  if (!state || state.flow !== 'farmer/declare') return { draft: null, replies, flow: state?.flow ?? taken };
  const parsed = draftSchema.safeParse(JSON.parse(JSON.stringify(state.data)));
  return { draft: parsed.success ? parsed.data : null, replies, flow: state.flow };
}

export function judge(item: FarmerItem, draft: Draft | null, flow: string | null = draft ? 'farmer/declare' : null): { verdict: Verdict; firstMessage: boolean; detail?: string } {
  const [, riskCodes, o = {}] = item;
  if (o.flow) {
    if (flow && o.flow.split('|').includes(flow)) return { verdict: 'correct', firstMessage: true, detail: flow };
    return { verdict: flow ? 'wrong' : 'not_understood', firstMessage: false, detail: `${flow ?? 'no flow'} took it` };
  }
  if (!draft) return { verdict: 'not_understood', firstMessage: false, detail: 'no declaration started' };
  const expected = codes(riskCodes);
  const allowed = new Set([...expected, ...codes(o.also)]);
  const recorded = draft.risks.map((r) => r.riskType);
  const detail = `recorded ${recorded.join('+') || '-'}; amounts ${draft.amounts.map((a) => `${a.text}:${a.kind}`).join(',') || '-'}`;
  if (o.income !== undefined && draft.amounts.some((a) => a.value === o.income && a.kind !== 'income')) return { verdict: 'silent_misrecord', firstMessage: false, detail: `income recorded as a cost; ${detail}` };
  if (o.village === 'ask' && draft.villageCode) return { verdict: 'silent_misrecord', firstMessage: false, detail: `village ${draft.villageCode} taken against the town named; ${detail}` };
  if (o.village && o.village !== 'ask' && draft.villageCode && draft.villageCode !== VILLAGE[o.village]) return { verdict: 'silent_misrecord', firstMessage: false, detail: `village ${draft.villageCode}; ${detail}` };
  if (recorded.length === 0) return { verdict: 'asked', firstMessage: false, detail };
  const right = expected.filter((r) => recorded.includes(r));
  const extra = recorded.filter((r) => !allowed.has(r));
  // Only types nobody would read from the words: a misrecord. Some of the right ones missing: wrong, and visible.
  if (right.length === 0 && extra.length > 0) return { verdict: 'silent_misrecord', firstMessage: false, detail };
  if (right.length < expected.length || extra.length > 0) return { verdict: 'wrong', firstMessage: false, detail };
  if (o.sub && draft.risks.find((r) => r.riskType === 'natural_disaster')?.disasterSubtype !== o.sub) return { verdict: 'wrong', firstMessage: false, detail: `sub-type; ${detail}` };
  if (o.income !== undefined && !draft.amounts.some((a) => a.kind === 'income' && a.value === o.income)) return { verdict: 'wrong', firstMessage: false, detail: `income not recorded; ${detail}` };
  if (o.sudden !== undefined && suspectsSuddenHardship(draft) !== o.sudden) return { verdict: 'wrong', firstMessage: false, detail: `sudden hint ${!o.sudden}; ${detail}` };
  if (o.village && o.village !== 'ask' && draft.villageCode !== VILLAGE[o.village]) return { verdict: 'correct', firstMessage: false, detail: `village asked later; ${detail}` };
  return { verdict: 'correct', firstMessage: true, detail };
}

/** Every item of the farmers' corpus, judged. */
export async function runFarmerCorpus(): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  for (const [i, item] of FARMER_ITEMS.entries()) {
    const { draft, flow } = await firstMessage(item[0]);
    out.push({ id: `farmer-${String(i + 1).padStart(3, '0')}`, role: 'farmer', text: item[0], ...judge(item, draft, flow) });
  }
  return out;
}

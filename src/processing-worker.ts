/**
 * The processing thread's program (wiring, like main.ts; see src/bot/processing-thread.ts): starts the processing half of the
 * deployment (`startProcessing` of src/main.ts) and serves the callbacks' thread's messages.
 * Kicks that arrive while it starts are kept and passed on once it runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { metricsHere } from './bot/metrics.js';
import { startProcessing } from './main.js';
import type { FromProcessing, ProcessingSetup, ToProcessing } from './bot/processing-thread.js';
import type { Processor } from './bot/inbound/processor.js';

const port = parentPort!;
const setup = workerData as ProcessingSetup;
const say = (m: FromProcessing) => port.postMessage(m);

type Kick = Extract<ToProcessing, { t: 'kick' }>;

let started: { stop(): Promise<void> } | null = null;
let processor: Pick<Processor, 'kick'> | null = null;
const early: Kick[] = [];
let stopAsked = false;

port.on('message', (m: ToProcessing) => {
  if (m.t === 'kick') {
    if (processor) processor.kick(m.lane, m.stored);
    else early.push(m);
  } else if (m.t === 'metrics') {
    void metricsHere().then((metrics) => say({ t: 'metrics', ask: m.ask, metrics }));
  } else if (m.t === 'stop') {
    stopAsked = true;
    void stop();
  }
});

async function stop(): Promise<void> {
  if (!started) return; // still starting: stopped once it has started
  const s = started;
  started = null;
  await s.stop();
  say({ t: 'stopped' });
  port.close();
}

try {
  const running = await startProcessing(setup.env, setup.instanceId, {
    lane: (key, running) => say({ t: 'lane', key, running }),
    finished: (id) => say({ t: 'finished', id }),
  });
  started = running;
  processor = running;
  for (const k of early.splice(0)) processor.kick(k.lane, k.stored);
  say({ t: 'ready' });
  if (stopAsked) await stop();
} catch (e) {
  say({ t: 'failed', message: e instanceof Error ? e.message : String(e) });
  port.close();
}

/**
 * One edge instance in its own OS process, for the two-instance test: same database
 * (DATABASE_URL), its own DataSource, its own leases (INSTANCE_ID). Prints `PORT <n>` when
 * listening; stops cleanly on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEdge } from '../../src/bot/edge.js';
import { commandHandlers, MemoryStaffDirectory } from '../../src/bot/dispatch/ports.js';
import { createLogger } from '../../src/bot/log.js';
import { helpFlow } from '../../src/flows/help.js';
import { openDatabase } from '../../src/persistence/data-source.js';
import { crypto, OFFICIAL, STAFF } from './edge-kit.js';
import { tallyFlow } from './test-flows.js';
import type { Flow } from '../../src/flows/types.js';

// '卡住' never finishes here: the process can be killed while it holds the sender's lane.
const stuckFlow: Flow = { name: 'stuck', version: 1, matches: (i) => i.type === 'text' && i.text === '卡住', start: () => new Promise(() => undefined), step: () => ({ status: 'done', effects: [] }) };

const ds = await openDatabase(process.env.DATABASE_URL ?? '', { migrate: false });
const edge = createEdge({
  db: ds,
  log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
  wecom: { crypto, corpId: OFFICIAL.corpId },
  api: null,
  flows: [helpFlow, tallyFlow, stuckFlow],
  staff: new MemoryStaffDirectory(STAFF),
  commands: commandHandlers(),
  tz: 'Asia/Shanghai',
  maxClockSkewS: 0,
  callbackMaxBytes: 256 * 1024,
  instanceId: process.env.INSTANCE_ID ?? 'child',
  sweepIntervalMs: 100,
  waitPollMs: 10,
});
edge.start();
const server = createServer(edge.app.callback()).listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void edge
    .stop()
    .then(() => ds.destroy())
    .then(() => process.exit(0));
});

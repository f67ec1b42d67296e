/**
 * Sandbox mode (no WeCom credentials): the demo city, the in-process fake WeCom and the /sandbox
 * chat page. `main.ts` calls `startSandbox` through its `sandbox` hook, after opening the
 * database `sandboxDatabase` chose.
 *
 * @example
 *   const { url, notice } = sandboxDatabase(process.env);   // SQLite, always
 *   const db = await openDatabase(url);
 *   const sandbox = await startSandbox({ db, log, notices: notice ? [notice] : [] });
 *   // createEdge({ wecom: crypto from sandbox.wecom, api: sandbox.api, … })
 *   sandbox.mount(edge.app);  server.listen(port);  sandbox.started(port);
 */
import type { Database } from '../../persistence/db.js';
import type { Logger } from '../log.js';
import { DEMO_FARMERS } from './demo-city.js';
import { demoHints } from './demo-hints.js';
import { listPeople } from './people.js';
import { Sandbox } from './sandbox.js';
import { isEmptyRegister, seedDemoCity } from './seed.js';

export { Sandbox, MAX_TEXT_CHARS, type ActResult, type SandboxAction } from './sandbox.js';
export { sandboxDatabase, generateCredentials, SANDBOX_DEFAULT_DATABASE, type SandboxCredentials } from './settings.js';
export { seedDemoCity, SeedRefusedError, demoCampaign, type SeedResult } from './seed.js';
export type { ChatItem } from './chat-log.js';
export type { SandboxPerson } from './person.js';

export interface StartSandboxOptions {
  db: Database;
  log: Logger;
  /** Lines printed before the sandbox line (e.g. why DATABASE_URL is not used). */
  notices?: string[];
  /** Clock for the demo casework's dates (default: now). */
  now?: () => number;
  callbackTimeoutMs?: number;
  print?: (line: string) => void;
}

/**
 * Seeds the demo city into an empty register, starts the fake WeCom, and returns the sandbox.
 * (Who an app sender is comes from the `staff` table, as outside the sandbox.)
 */
export async function startSandbox(o: StartSandboxOptions): Promise<Sandbox> {
  const now = o.now ?? Date.now;
  if (await isEmptyRegister(o.db)) {
    const r = await seedDemoCity(o.db, { now: now() });
    o.log.info({ seed: r }, `已载入演示城市：${r.households} 户，${r.staff} 名工作人员`);
  }
  return Sandbox.start({
    log: o.log.child({ part: 'sandbox' }),
    people: () => listPeople(o.db, DEMO_FARMERS, demoHints),
    notices: o.notices,
    callbackTimeoutMs: o.callbackTimeoutMs,
    print: o.print,
  });
}

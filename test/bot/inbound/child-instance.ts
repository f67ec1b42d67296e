/**
 * Starts test/helpers/edge-child.ts as a second server instance in its own OS process on the same
 * database; resolves with the process and its port once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export function startChild(url: string, instanceId: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/edge-child.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, INSTANCE_ID: instanceId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A test that fails before it stops its instance (or one stuck on purpose) must not leave it running.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) ok({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => fail(new Error(`instance ${instanceId} exited early (${code})`)));
  });
}

/**
 * Starts test/helpers/edge-child.ts as a second server instance in its own OS process on the same
 * database; resolves with the process and its port once it listens. `startScript` runs any script so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export function startChild(url: string, instanceId: string): Promise<{ child: ChildProcess; port: number }> {
  return startScript('test/helpers/edge-child.ts', { DATABASE_URL: url, INSTANCE_ID: instanceId }, /PORT (\d+)/, `instance ${instanceId}`).then(({ child, match }) => ({ child, port: Number(match[1]) }));
}

/**
 * Runs `script` (TypeScript, through tsx) in its own OS process with `env` added, and resolves
 * once its standard output matches `ready`; fails when it exits before.
 */
export function startScript(script: string, env: Record<string, string>, ready: RegExp, name: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
      const m = ready.exec(out);
      if (m) ok({ child, match: m });
    });
    child.on('exit', (code) => fail(new Error(`${name} exited early (${code}): ${out.slice(-500)}`)));
  });
}

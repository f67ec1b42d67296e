/**
 * What sandbox mode decides before anything starts: which database it uses, and the WeCom
 * credentials the bot and the in-process fake WeCom share.
 *
 * The sandbox always uses SQLite: it loads an invented demo city and invented conversations, and
 * those must never end up in a real (MySQL/MariaDB) database by accident — and SQLite needs no
 * setup, which is the point of trying the bot out.
 *
 * @example
 *   sandboxDatabase({})                                      // { url: 'sqlite:data/sandbox.sqlite', notice: null }
 *   sandboxDatabase({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }) // { url: 'sqlite:/tmp/x.sqlite', notice: null }
 *   sandboxDatabase({ DATABASE_URL: 'mysql://root:@db/shouwang' }).notice   // '沙盒模式只使用 SQLite …'
 *   generateCredentials()                                    // { corpId: 'wwsandbox…', token, aesKey (43), agentId, secret }
 */
import { randomBytes } from 'node:crypto';

export const SANDBOX_DEFAULT_DATABASE = 'sqlite:data/sandbox.sqlite';

export interface SandboxDatabase {
  url: string;
  /** Said at start when the configured database is not used (Chinese, then English). */
  notice: string | null;
}

/** The database of sandbox mode: an explicit `sqlite:` DATABASE_URL, else data/sandbox.sqlite. */
export function sandboxDatabase(env: NodeJS.ProcessEnv): SandboxDatabase {
  const given = env.DATABASE_URL?.trim() ?? '';
  if (/^sqlite:.+/.test(given)) return { url: given, notice: null };
  if (given === '') return { url: SANDBOX_DEFAULT_DATABASE, notice: null };
  return {
    url: SANDBOX_DEFAULT_DATABASE,
    notice:
      `沙盒模式只使用 SQLite（${SANDBOX_DEFAULT_DATABASE.slice('sqlite:'.length)}），不连接 DATABASE_URL 指定的数据库：演示城市和试聊记录都是虚构数据，不能写进正式库。` +
      ' / Sandbox mode uses SQLite only and ignores DATABASE_URL: its invented demo data must never reach a real database.',
  };
}

export interface SandboxCredentials {
  corpId: string;
  token: string;
  /** EncodingAESKey: 43 letters and digits. */
  aesKey: string;
  agentId: number;
  secret: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(length: number): string {
  // 62 symbols: rejecting bytes ≥ 248 keeps every symbol equally likely.
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** Fresh credentials for one sandbox run (nothing outside this process ever sees them). */
export function generateCredentials(): SandboxCredentials {
  return { corpId: `wwsandbox${randomBytes(4).toString('hex')}`, token: alnum(24), aesKey: alnum(43), agentId: 1000002, secret: alnum(32) };
}

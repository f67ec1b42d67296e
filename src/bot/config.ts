/**
 * The environment contract (SPEC.md §4), validated once at start.
 * A wrong or missing value stops the server with a message naming the variable.
 *
 * Fails closed: with nothing configured the server runs the sandbox (the one-command try-out),
 * but any sign of a real deployment — NODE_ENV=production, a MySQL DATABASE_URL, any WECOM_*
 * variable — demands the complete WeCom configuration. An operator who forgot one variable gets
 * an error naming it, never a public demo on a production host.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar.js';

const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com/cgi-bin';

const databaseUrl = z
  .string()
  .refine((v) => /^sqlite:.+/.test(v) || /^(mysql|mariadb):\/\/[^/]+\/[^/?]+/.test(v), {
    message: '应为 sqlite:<文件路径> 或 mysql://用户:密码@主机:端口/库名',
  });

const REQUIRED_WECOM = ['WECOM_CORP_ID', 'WECOM_TOKEN', 'WECOM_AES_KEY', 'WECOM_AGENT_ID', 'WECOM_SECRET'] as const;

/** What in the environment says "this is a real deployment", in words for the error message. */
function realDeploymentSigns(v: { NODE_ENV?: string | undefined; DATABASE_URL: string; wecomGiven: string[] }): string[] {
  const signs: string[] = [];
  if (v.NODE_ENV === 'production') signs.push('NODE_ENV=production');
  if (/^(mysql|mariadb):/.test(v.DATABASE_URL)) signs.push('DATABASE_URL 指向 MySQL');
  if (v.wecomGiven.length > 0) signs.push(`已设置 ${v.wecomGiven.join('、')}`);
  return signs;
}

const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    /** Names of the WECOM_* variables present (filled in by loadConfig). */
    wecomGiven: z.array(z.string()),
    /** Whether a real deployment must be complete (the server: yes; the command line: no). */
    failClosed: z.boolean(),
    PORT: z.coerce.number({ error: '应为端口号（0–65535 的整数）' }).int().min(0).max(65535).default(3000),
    DATABASE_URL: databaseUrl.default('sqlite:data/shouwang.sqlite'),
    WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '应为企业ID（字母数字）').optional(),
    WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, '应为不超过32位的英文或数字').optional(),
    WECOM_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, '应为43位英文或数字（EncodingAESKey）').optional(),
    WECOM_AGENT_ID: z.coerce.number({ error: '应为应用的 AgentId（正整数）' }).int().positive().optional(),
    WECOM_SECRET: z.string().min(1).optional(),
    WECOM_KF_SECRET: z.string().min(1).optional(),
    WECOM_API_BASE: z.url({ protocol: /^https?$/, error: '应为 http(s) 地址' }).default(DEFAULT_API_BASE),
    WECOM_MAX_CLOCK_SKEW_S: z.coerce.number({ error: '应为秒数（0 表示不检查）' }).int().min(0).default(300),
    TZ_NAME: z.string().default('Asia/Shanghai'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: '应为 fatal/error/warn/info/debug/trace/silent 之一' }).default('info'),
    /**
     * Upper bound of a callback body in bytes; larger gets 413. Most are a few KB, but a long
     * text (20,000 emoji ≈ 80 KB of UTF-8) grows by a third in base64 inside the envelope.
     */
    CALLBACK_MAX_BYTES: z.coerce.number({ error: '应为字节数（正整数）' }).int().positive().default(256 * 1024),
    /**
     * How long a callback waits for its reply to answer it passively (in the HTTP answer). 0 (the
     * default): the callback is answered as soon as the message is stored and every reply goes
     * out through message/send at once. WeCom waits at most 5 s, so at most 4,000.
     */
    REPLY_BUDGET_MS: z.coerce.number({ error: '应为毫秒数（0–4000 的整数，0 表示不等被动回复）' }).int().min(0).max(4000).default(0),
    /** How long a message waits after it arrived for earlier messages of its sender (the ordering window). */
    SETTLE_MS: z.coerce.number({ error: '应为毫秒数（0–5000 的整数）' }).int().min(0).max(5000).default(200),
    /**
     * Where stored messages are processed: `thread` (a worker thread of its own beside the one that
     * answers callbacks), `inline` (the same thread), `auto` (the default: a thread on MySQL/MariaDB
     * when the machine has at least 4 cores, inline otherwise — on 2 cores shared with the database
     * one thread answered more callbacks (bench/README.md); SQLite's one file a second thread could
     * only wait for).
     */
    PROCESSING: z.enum(['auto', 'thread', 'inline'], { error: '应为 auto、thread 或 inline' }).default('auto'),
    /** `off`: this instance sends nothing from the outbox (another instance of the deployment does). */
    OUTBOX_SENDER: z.enum(['on', 'off'], { error: '应为 on 或 off' }).default('on'),
  })
  .superRefine((v, ctx) => {
    const missing = REQUIRED_WECOM.filter((k) => v[k] === undefined);
    const signs = realDeploymentSigns(v);
    if (v.failClosed && signs.length > 0 && missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: [missing.join('、')], message: `未配置。检测到正式部署（${signs.join('；')}），企业微信参数必须全部配置；只想试用沙盒，请去掉这些设置再启动` });
    }
    if (v.PROCESSING === 'thread' && v.DATABASE_URL.startsWith('sqlite:')) {
      ctx.addIssue({ code: 'custom', path: ['PROCESSING'], message: 'SQLite 只有一个文件，另开线程处理只会互相等待：请用 auto 或 inline，或改用 MySQL/MariaDB' });
    }
    if (!isValidTimeZone(v.TZ_NAME)) {
      ctx.addIssue({ code: 'custom', path: ['TZ_NAME'], message: '不是有效的 IANA 时区名，例如 Asia/Shanghai' });
    }
  });


export interface WeComCredentials {
  corpId: string;
  token: string;
  aesKey: string;
  agentId: number;
  secret: string;
  kfSecret: string;
  apiBase: string;
}

export interface Config {
  port: number;
  databaseUrl: string;
  /** Absent in sandbox mode. */
  wecom: WeComCredentials | null;
  apiBase: string;
  maxClockSkewS: number;
  tzName: string;
  logLevel: string;
  callbackMaxBytes: number;
  /** See REPLY_BUDGET_MS. */
  replyBudgetMs: number;
  /** See SETTLE_MS. */
  settleMs: number;
  /** See PROCESSING: whether stored messages are processed in a thread of their own. */
  processingThread: boolean;
  /** See OUTBOX_SENDER. */
  outboxSender: boolean;
  sandbox: boolean;
}

/**
 * Reads `.env` from the working directory into `env` when the file exists (Node's own parser,
 * `process.loadEnvFile`); variables already set — by the service manager or the shell — win.
 * Returns the file read, or null.
 */
export function loadEnvFile(path = '.env'): string | null {
  if (!existsSync(path)) return null;
  process.loadEnvFile(path);
  return path;
}

/** `PROCESSING=auto` gives processing a thread of its own from this many cores on. */
export const THREAD_MIN_CORES = 4;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment; throws ConfigError naming each bad variable. The command line passes
 * `failClosed: false`: it never serves anyone, and `npx shouwang migrate` on a release host needs
 * only the database.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { failClosed?: boolean; cores?: number } = {}): Config {
  // Empty strings count as unset: `.env` files often carry `KEY=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const wecomGiven = Object.keys(cleaned).filter((k) => k.startsWith('WECOM_')).sort();
  const r = schema.safeParse({ ...cleaned, wecomGiven, failClosed: opts.failClosed !== false });
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(环境)'}: ${i.message}`));
  }
  const v = r.data;
  // After the check above, either every required variable is set or nothing hints at a real deployment.
  const wecom: WeComCredentials | null =
    v.WECOM_CORP_ID && v.WECOM_TOKEN && v.WECOM_AES_KEY && v.WECOM_AGENT_ID && v.WECOM_SECRET
      ? {
          corpId: v.WECOM_CORP_ID,
          token: v.WECOM_TOKEN,
          aesKey: v.WECOM_AES_KEY,
          agentId: v.WECOM_AGENT_ID,
          secret: v.WECOM_SECRET,
          kfSecret: v.WECOM_KF_SECRET ?? v.WECOM_SECRET,
          apiBase: v.WECOM_API_BASE,
        }
      : null;
  return {
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    wecom,
    apiBase: v.WECOM_API_BASE,
    maxClockSkewS: v.WECOM_MAX_CLOCK_SKEW_S,
    tzName: v.TZ_NAME,
    logLevel: v.LOG_LEVEL,
    callbackMaxBytes: v.CALLBACK_MAX_BYTES,
    replyBudgetMs: v.REPLY_BUDGET_MS,
    settleMs: v.SETTLE_MS,
    processingThread: v.PROCESSING === 'thread' || (v.PROCESSING === 'auto' && /^(mysql|mariadb):/i.test(v.DATABASE_URL) && (opts.cores ?? availableParallelism()) >= THREAD_MIN_CORES),
    outboxSender: v.OUTBOX_SENDER === 'on',
    sandbox: wecom === null,
  };
}

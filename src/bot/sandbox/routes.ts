/**
 * The sandbox's HTTP surface, mounted on the bot's own app only in sandbox mode (so every path
 * here is a 404 otherwise):
 *
 *   GET  /sandbox                          the chat page (one self-contained HTML document)
 *   GET  /sandbox/api/people               everyone one can be, grouped by role
 *   GET  /sandbox/api/messages?person=&after=   that person's chat after item `after`
 *   POST /sandbox/api/say    {person, text}
 *   POST /sandbox/api/click  {person, taskId, key}     a template-card button
 *   POST /sandbox/api/menu   {person, menuId}          a 微信客服 msgmenu item
 *   POST /sandbox/api/enter  {person}                  open the chat (farmer: scan the village QR code)
 *   GET  /sandbox/api/media/:mediaId       a file or picture the bot sent (from the fake's media store)
 *
 * Errors answer `{ error: '<Chinese sentence>' }` with 400/404/413/503.
 *
 * @example
 *   POST /sandbox/api/say {"person":"wangwu","text":"帮助"}   → 200 {"ok":true,"attempts":1,"item":{…}}
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Router from 'koa-router';
import type Koa from 'koa';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { ROLE_ORDER, roleLabel } from './person.js';
import { FONT_DIR, FONT_FILE, sandboxPage } from './page.js';
import type { Sandbox, SandboxAction } from './sandbox.js';

const BODY_LIMIT = 16 * 1024;
const person = z.string({ error: '请先选择一个人' }).min(1, '请先选择一个人').max(64);

const SCHEMAS = {
  say: z.object({ person, text: z.string({ error: '请输入消息' }).max(8000, '消息太长') }),
  click: z.object({ person, taskId: z.string().min(1).max(128), key: z.string().min(1).max(1024) }),
  menu: z.object({ person, menuId: z.string().min(1).max(256) }),
  enter: z.object({ person }),
} as const;

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(ctx: Koa.Context): Promise<unknown> {
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit: BODY_LIMIT, encoding: 'utf8' });
  } catch {
    throw new BadRequest(413, '请求太大');
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequest(400, '请求格式不对（应为 JSON）');
  }
}

function actionOf(kind: keyof typeof SCHEMAS, body: unknown): { person: string; action: SandboxAction } {
  const r = SCHEMAS[kind].safeParse(body);
  if (!r.success) throw new BadRequest(400, r.error.issues[0]?.message ?? '请求内容不对');
  const v = r.data as Record<string, string>;
  const p = v.person as string;
  switch (kind) {
    case 'say':
      return { person: p, action: { type: 'say', text: v.text as string } };
    case 'click':
      return { person: p, action: { type: 'click', taskId: v.taskId as string, key: v.key as string } };
    case 'menu':
      return { person: p, action: { type: 'choose', menuId: v.menuId as string } };
    case 'enter':
      return { person: p, action: { type: 'enter' } };
  }
}

/** RFC 5987: a UTF-8 file name survives the download, with an ASCII fallback for old clients. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif' };

export function sandboxRouter(sandbox: Sandbox): Router {
  const router = new Router({ prefix: '/sandbox' });

  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      if (!(e instanceof BadRequest)) throw e;
      ctx.status = e.status;
      ctx.body = { error: e.message };
    }
  });

  router.get('/', (ctx) => {
    const page = sandboxPage();
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', page.csp);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page.html;
  });

  router.get('/fonts/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    if (!FONT_FILE.test(file)) {
      ctx.status = 404;
      return;
    }
    const bytes = await readFile(join(FONT_DIR, file)).catch(() => null);
    if (!bytes) {
      ctx.status = 404;
      return;
    }
    ctx.type = 'font/woff2';
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.body = bytes;
  });

  router.get('/api/people', async (ctx) => {
    const people = await sandbox.people();
    ctx.body = {
      groups: ROLE_ORDER.map((role) => ({ role, label: roleLabel(role), people: people.filter((p) => p.role === role) })).filter((g) => g.people.length > 0),
    };
  });

  router.get('/api/messages', async (ctx) => {
    const id = typeof ctx.query.person === 'string' ? ctx.query.person : '';
    const after = Number(typeof ctx.query.after === 'string' ? ctx.query.after : '0');
    if (!Number.isInteger(after) || after < 0) throw new BadRequest(400, 'after 应为非负整数');
    if (!(await sandbox.person(id))) throw new BadRequest(404, '名单里没有这个人，请刷新页面重新选择');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { items: sandbox.chat.since(id, after) };
  });

  for (const kind of ['say', 'click', 'menu', 'enter'] as const) {
    router.post(`/api/${kind}`, async (ctx) => {
      const { person: id, action } = actionOf(kind, await readJson(ctx));
      const r = await sandbox.act(id, action);
      if (!r.ok) throw new BadRequest(r.status, r.error);
      ctx.body = r;
    });
  }

  router.get('/api/media/:mediaId', (ctx) => {
    const media = sandbox.fake.state.media.get(ctx.params.mediaId ?? '');
    if (!media) throw new BadRequest(404, '没有这个文件（沙盒重启后以前的文件不再保留）');
    const ext = /\.([A-Za-z0-9]+)$/.exec(media.fileName)?.[1]?.toLowerCase() ?? '';
    const image = media.type === 'image' ? IMAGE_TYPES[ext] : undefined;
    ctx.type = image ?? 'application/octet-stream';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Disposition', contentDisposition(image ? 'inline' : 'attachment', media.fileName));
    ctx.body = media.content;
  });

  return router;
}

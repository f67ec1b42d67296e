/**
 * The Koa application: a short fixed chain — error boundary → routes. Tests drive it with
 * `supertest(app.callback())`, no port.
 *
 * @example
 *   const app = createApp({ db, log, wecom: { crypto, corpId }, processor, clock: Date.now,
 *                           maxClockSkewS: 300, callbackMaxBytes: 262144, replyBudgetMs: 1500 });
 *   http.createServer(app.callback()).listen(3000);
 */
import Koa from 'koa';
import Router from 'koa-router';
import { ping } from '../../persistence/db.js';
import { receive, verifyUrl, type CallbackDeps } from './callback.js';
import { HttpError } from './errors.js';

export type AppDeps = CallbackDeps & {
  /** More to check for /readyz (main: the schema state); not ready → 503 with the detail. */
  readiness?: () => Promise<{ ready: boolean; detail: string }>;
};

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  // Errors are answered and logged by the boundary below, not printed by Koa.
  app.silent = true;

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      if (e instanceof HttpError) {
        deps.log.warn({ status: e.status, reason: e.reason, path: ctx.path, ip: ctx.ip }, 'callback refused');
        ctx.status = e.status;
        ctx.type = 'text/plain';
        ctx.body = e.message;
        return;
      }
      deps.log.error({ err: e, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.type = 'text/plain';
      ctx.body = '服务器内部错误';
    }
  });

  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = 'ok';
  });
  router.get('/readyz', async (ctx) => {
    ctx.type = 'text/plain';
    try {
      // A database that hangs is as unready as one that refuses.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('readiness check timed out')), 2000)));
      const more = await Promise.race([ping(deps.db).then(() => deps.readiness?.()), timeout]).finally(() => clearTimeout(timer));
      ctx.status = more?.ready === false ? 503 : 200;
      ctx.body = more ? `${more.ready ? 'ready' : 'not ready'}\n${more.detail}` : 'ready';
    } catch (e) {
      deps.log.warn({ err: e }, 'database not reachable');
      ctx.status = 503;
      ctx.body = '数据库不可用';
    }
  });
  router.get('/wecom/callback', (ctx) => verifyUrl(ctx, deps));
  router.post('/wecom/callback', (ctx) => receive(ctx, deps));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/**
 * A request id on every log line written while a request is handled — including the processing
 * a callback sets off (it runs in the request's async context): the id ties the "callback stored"
 * line to the "processed" one and to any error. A reverse proxy's `X-Request-Id` is kept, so its
 * access log and ours share the id; otherwise one is made. The answer carries it back.
 *
 * @example
 *   const log = createLogger({ mixin: requestIdFields });
 *   http.createServer(withRequestIds(app.callback()));
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { callbackOutcome, countCallback } from './metrics.js';

const scope = new AsyncLocalStorage<{ reqId: string }>();

/** The fields pino adds to each line (`mixin`): the current request's id, if any. */
export function requestIdFields(): Record<string, unknown> {
  return scope.getStore() ?? {};
}

const GIVEN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Wraps the HTTP handler: a request id per request, and each WeCom callback counted by outcome. */
export function withRequestIds(handler: RequestListener): RequestListener {
  return (req, res) => {
    const given = req.headers['x-request-id'];
    const reqId = typeof given === 'string' && GIVEN.test(given) ? given : randomBytes(8).toString('hex');
    res.setHeader('X-Request-Id', reqId);
    if (req.url?.startsWith('/wecom/callback')) {
      res.once('finish', () => countCallback(req.method ?? '', callbackOutcome(req.method ?? '', res.statusCode, String(res.getHeader('content-type') ?? ''))));
    }
    scope.run({ reqId }, () => handler(req, res));
  };
}

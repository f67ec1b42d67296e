/**
 * The fake WeCom as an HTTP server (node:http, ephemeral port by default): the API under
 * `/cgi-bin/…` as the real one, plus `GET /fake/deliveries?to=` for the sandbox page.
 * Used by tests and by sandbox mode, so it is product code.
 *
 * @example
 *   const fake = new FakeWeCom({ corpId: 'wwcorp', agentId: 1000002, secret: 'app-secret' });
 *   const apiBase = await fake.start();          // 'http://127.0.0.1:PORT/cgi-bin'
 *   // … point WECOM_API_BASE at apiBase, let the bot send …
 *   fake.state.texts('zhangsan');                // what zhangsan received
 *   await fake.stop();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, mediaGet, mediaUpload, messageSend, updateTemplateCard, type HandlerInput, type Json } from './app.js';
import { sendMsg, sendMsgOnEvent, serviceStateTrans, syncMsg } from './kf.js';
import { FakeWeComState, type FakeWeComOptions } from './state.js';

type Handler = (state: FakeWeComState, input: HandlerInput) => Json;

const HANDLERS: Record<string, Handler> = {
  'message/send': messageSend,
  'media/upload': mediaUpload,
  'message/update_template_card': updateTemplateCard,
  'kf/sync_msg': syncMsg,
  'kf/send_msg': sendMsg,
  'kf/send_msg_on_event': sendMsgOnEvent,
  'kf/service_state/trans': serviceStateTrans,
};

/** Uploads are ≤ 20 MB; a little room for the multipart framing. */
const MAX_BODY = 21 * 1024 * 1024;

export class FakeWeCom {
  readonly state: FakeWeComState;
  private server: Server | null = null;
  private base = '';

  constructor(opts: FakeWeComOptions) {
    this.state = new FakeWeComState(opts);
  }

  /** Listens (port 0 = any free port) and returns the API base URL to use as WECOM_API_BASE. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: e instanceof Error ? e.message : 'internal error' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const addr = server.address() as AddressInfo;
    this.base = `http://${host}:${addr.port}/cgi-bin`;
    return this.base;
  }

  get apiBase(): string {
    return this.base;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/fake/deliveries') {
      const to = url.searchParams.get('to');
      return send(res, 200, { deliveries: this.state.deliveries(to ?? undefined) });
    }
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    const state = this.state;
    if (api === 'gettoken') {
      const failure = state.takeFailure('gettoken');
      if (typeof failure === 'number') return send(res, 200, err(failure, 'injected failure'));
      const r = state.issueToken(url.searchParams.get('corpid') ?? '', url.searchParams.get('corpsecret') ?? '');
      return send(res, 200, 'token' in r ? { errcode: 0, errmsg: 'ok', access_token: r.token, expires_in: r.expiresIn } : r);
    }
    if (api === 'media/get') return this.download(url, res);
    const handler = HANDLERS[api];
    if (!handler) return send(res, 404, { errcode: 404, errmsg: `no such api ${api}` });
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, err(40006, 'body too large'));
    const kind = state.checkToken(url.searchParams.get('access_token'));
    if (typeof kind !== 'string') return send(res, 200, kind);
    const isUpload = api === 'media/upload';
    let body: Json = {};
    if (!isUpload) {
      try {
        body = JSON.parse(raw.toString('utf8') || '{}') as Json;
      } catch {
        return send(res, 200, err(47001, 'data format error'));
      }
    }
    state.countCall(api, isUpload ? { upload: raw.length } : body);
    const failure = state.takeFailure(api);
    if (typeof failure === 'number') return send(res, 200, err(failure, 'injected failure'));
    if (typeof failure === 'object') await new Promise((r) => setTimeout(r, failure.slowMs));
    const result = handler(state, { kind, body, query: url.searchParams, raw, contentType: req.headers['content-type'] });
    // 'lost': WeCom did the work but the answer never arrived (the caller cannot know).
    if (failure === 'lost') return send(res, 502, { error: 'answer lost' });
    return send(res, 200, result);
  }

  /** media/get answers the file itself (not JSON) when it can. */
  private async download(url: URL, res: ServerResponse): Promise<void> {
    const state = this.state;
    const kind = state.checkToken(url.searchParams.get('access_token'));
    if (typeof kind !== 'string') return send(res, 200, kind);
    state.countCall('media/get', { media_id: url.searchParams.get('media_id') });
    const failure = state.takeFailure('media/get');
    if (typeof failure === 'number') return send(res, 200, err(failure, 'injected failure'));
    if (failure === 'lost') return send(res, 502, { error: 'answer lost' });
    if (typeof failure === 'object') await new Promise((r) => setTimeout(r, failure.slowMs));
    const answer = mediaGet(state, url.searchParams);
    if ('json' in answer) return send(res, 200, answer.json);
    const { contentType, disposition, content } = answer.file;
    res.writeHead(200, { 'content-type': contentType, 'content-disposition': disposition, 'content-length': content.length, 'cache-control': 'no-cache, must-revalidate' });
    res.end(content);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

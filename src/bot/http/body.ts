/**
 * Reading a callback body: a hard byte limit (413 beyond it, checked against Content-Length
 * before reading and while streaming), and strict UTF-8 (invalid bytes are refused, not replaced).
 */
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { HttpError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let buf: Buffer;
  try {
    buf = await getRawBody(req, { limit, length: req.headers['content-length'] ?? null });
  } catch (e) {
    const err = e as { type?: string; status?: number };
    if (err.type === 'entity.too.large' || err.status === 413) throw new HttpError(413, 'too_large', '请求体过大');
    throw new HttpError(400, 'bad_body', '请求体读取失败');
  }
  try {
    return utf8.decode(buf);
  } catch {
    throw new HttpError(400, 'bad_utf8', '请求体不是有效的 UTF-8');
  }
}

/**
 * The one multipart/form-data shape WeCom's `media/upload` takes: a single part named `media`
 * with a filename and a `filelength`. Built by hand (not FormData) so the UTF-8 file name goes
 * out raw, as WeCom's own samples send it; parsed by the fake WeCom.
 *
 * @example
 *   const { body, contentType } = buildMediaUpload('进度表.xlsx', buf, 'b0undary');
 *   parseMediaUpload(contentType, body); // { fileName: '进度表.xlsx', content: buf }
 */
import { randomBytes } from 'node:crypto';

export function buildMediaUpload(fileName: string, content: Buffer, boundary = `----shouwang${randomBytes(12).toString('hex')}`): { body: Buffer; contentType: string } {
  // Quotes and line breaks would end the header early; they never belong in a file name.
  const safeName = fileName.replace(/["\r\n]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${safeName}"; filelength=${content.length}\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Finds the `media` part; null when the body is not a well-formed upload. */
export function parseMediaUpload(contentType: string | undefined, body: Buffer): { fileName: string; content: Buffer } | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headStart = start + delimiter.length + 2; // skip CRLF
    const headEnd = body.indexOf('\r\n\r\n', headStart);
    if (headEnd === -1) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next === -1) return null;
    const head = body.subarray(headStart, headEnd).toString('utf8');
    if (/name="media"/i.test(head)) {
      const fileName = /filename="([^"]*)"/i.exec(head)?.[1] ?? '';
      return { fileName, content: body.subarray(headEnd + 4, next) };
    }
    start = next + 2;
  }
  return null;
}

/**
 * The edge's one error path: every refusal is an `HttpError` with a status and a short text;
 * crypto and XML failures are mapped here (WXBizMsgCrypt codes → HTTP), never to a 5xx.
 */
import { CryptoCode, CryptoError } from '../wecom/crypto.js';
import { XmlError } from '../wecom/xml.js';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 503,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Maps a crypto/XML failure to the refusal it deserves; anything else is returned unchanged. */
export function refusalFor(e: unknown): unknown {
  if (e instanceof XmlError) return new HttpError(400, 'bad_xml', '请求格式错误');
  if (e instanceof CryptoError) {
    switch (e.code) {
      case CryptoCode.ValidateSignature:
        return new HttpError(401, 'bad_signature', '签名校验失败');
      case CryptoCode.ValidateCorpId:
        return new HttpError(403, 'foreign_corp', '企业ID不匹配');
      default:
        // -40004 cannot happen at runtime (the key is checked at start); the rest are malformed input.
        return new HttpError(400, `crypto_${-e.code}`, '密文格式错误');
    }
  }
  return e;
}

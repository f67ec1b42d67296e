/**
 * The encrypted envelopes of the callback, both directions and both sides:
 * - our edge opens WeCom's POSTs (`openCallback`) and seals passive replies (`sealReply`);
 * - the fake WeCom seals callbacks (`sealCallback`) and opens our passive replies (`openReply`).
 *
 * @example
 *   const { query, body } = sealCallback(crypto, '<xml>…</xml>', { timestamp: '1409659813', nonce: '1372623149' });
 *   const inner = openCallback(crypto, query, body);   // '<xml>…</xml>'
 */
import { randomBytes } from 'node:crypto';
import { CryptoCode, CryptoError, type WeComCrypto } from './crypto.js';
import { buildXml, parseXml, text, XmlError } from './xml.js';

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/** Verifies and decrypts a callback POST body; returns the inner XML. Throws CryptoError/XmlError. */
export function openCallback(crypto: WeComCrypto, query: CallbackQuery, body: string): string {
  const outer = parseXml(body);
  const encrypt = text(outer, 'Encrypt');
  if (!encrypt) throw new XmlError('no <Encrypt> element');
  crypto.verifySignature(query.msg_signature, query.timestamp, query.nonce, encrypt);
  return crypto.decrypt(encrypt);
}

/** Verifies and decrypts the `echostr` of the URL verification GET; returns the plain text. */
export function openEchoStr(crypto: WeComCrypto, query: CallbackQuery & { echostr: string }): string {
  // A '+' that was not percent-encoded arrives as a space after query decoding.
  const candidates = query.echostr.includes(' ') ? [query.echostr, query.echostr.replaceAll(' ', '+')] : [query.echostr];
  let last: unknown;
  for (const echostr of candidates) {
    try {
      crypto.verifySignature(query.msg_signature, query.timestamp, query.nonce, echostr);
      return crypto.decrypt(echostr);
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new CryptoError(CryptoCode.ValidateSignature, 'signature mismatch');
}

/** Seals a passive reply: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
export function sealReply(crypto: WeComCrypto, innerXml: string, timestamp: string, nonce: string = randomBytes(8).toString('hex')): string {
  const encrypt = crypto.encrypt(innerXml);
  return buildXml({ Encrypt: encrypt, MsgSignature: crypto.sign(timestamp, nonce, encrypt), TimeStamp: timestamp, Nonce: nonce });
}

/** Opens a passive reply (fake WeCom side): checks its signature and decrypts it. */
export function openReply(crypto: WeComCrypto, body: string): string {
  const outer = parseXml(body);
  const encrypt = text(outer, 'Encrypt');
  if (!encrypt) throw new XmlError('no <Encrypt> element in the reply');
  crypto.verifySignature(text(outer, 'MsgSignature'), text(outer, 'TimeStamp'), text(outer, 'Nonce'), encrypt);
  return crypto.decrypt(encrypt);
}

/** Seals a callback the way WeCom sends it (fake WeCom side). */
export function sealCallback(
  crypto: WeComCrypto,
  innerXml: string,
  opts: { timestamp: string; nonce?: string; toUserName?: string; agentId?: string | number; random?: Buffer },
): { query: CallbackQuery; body: string } {
  const nonce = opts.nonce ?? String(Math.floor(1e9 + Math.random() * 9e9));
  const encrypt = crypto.encrypt(innerXml, opts.random ?? randomBytes(16));
  const body = buildXml({ ToUserName: opts.toUserName ?? crypto.options.receiveId, Encrypt: encrypt, AgentID: opts.agentId === undefined ? undefined : String(opts.agentId) });
  return { query: { msg_signature: crypto.sign(opts.timestamp, nonce, encrypt), timestamp: opts.timestamp, nonce }, body };
}

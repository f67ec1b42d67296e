/**
 * WeCom callback crypto (WXBizMsgCrypt): signatures, AES-256-CBC decryption and encryption.
 *
 * The arithmetic is `@wecom/crypto`'s; this module adds the checks it lacks (WECOM.md):
 * the receiveid must equal our CorpID, the ciphertext must be whole 32-byte blocks, the PKCS#7
 * padding must be within 1..32 and uniform, the length field must match the message, and the
 * message must be valid UTF-8. Signatures are compared in constant time.
 *
 * @example
 *   const c = new WeComCrypto({ token, encodingAesKey, receiveId: corpId });
 *   c.verifySignature(sig, ts, nonce, encrypt);   // throws CryptoError(-40001) if forged
 *   const xml = c.decrypt(encrypt);               // throws CryptoError(-40005/-40007/-40008)
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { decrypt as libDecrypt, encrypt as libEncrypt, getSignature } from '@wecom/crypto';

/** Error codes of the official WXBizMsgCrypt libraries. */
export const CryptoCode = {
  ValidateSignature: -40001,
  ParseXml: -40002,
  IllegalAesKey: -40004,
  ValidateCorpId: -40005,
  DecryptAES: -40007,
  IllegalBuffer: -40008,
  DecodeBase64: -40010,
} as const;
export type CryptoCode = (typeof CryptoCode)[keyof typeof CryptoCode];

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export interface CryptoOptions {
  token: string;
  /** 43 characters, base64 of the 32-byte AES key without its trailing "=". */
  encodingAesKey: string;
  /** CorpID for internal apps and 微信客服. */
  receiveId: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class WeComCrypto {
  constructor(readonly options: CryptoOptions) {
    const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
    if (options.encodingAesKey.length !== 43 || key.length !== 32) {
      throw new CryptoError(CryptoCode.IllegalAesKey, 'EncodingAESKey must be 43 characters decoding to 32 bytes');
    }
  }

  sign(timestamp: string, nonce: string, encrypt: string): string {
    return getSignature(this.options.token, timestamp, nonce, encrypt);
  }

  /** Throws CryptoError(-40001) unless `signature` is the signature of the other three. */
  verifySignature(signature: string, timestamp: string, nonce: string, encrypt: string): void {
    const expected = Buffer.from(this.sign(timestamp, nonce, encrypt), 'utf8');
    const given = Buffer.from(String(signature).toLowerCase(), 'utf8');
    // timingSafeEqual needs equal lengths; the length of a sha1 hex digest is public anyway.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new CryptoError(CryptoCode.ValidateSignature, 'signature mismatch');
    }
  }

  /** Decrypts `encrypt` and returns the message; the receiveid must be ours. */
  decrypt(encrypt: string): string {
    const { message, receiveId } = this.decryptAny(encrypt);
    if (receiveId !== this.options.receiveId) {
      throw new CryptoError(CryptoCode.ValidateCorpId, 'receiveid does not match the CorpID');
    }
    return message;
  }

  /** Decrypts without the receiveid check (used by the fake WeCom, which serves any corp). */
  decryptAny(encrypt: string): { message: string; receiveId: string } {
    if (typeof encrypt !== 'string' || encrypt.length === 0 || encrypt.length % 4 !== 0 || !BASE64.test(encrypt)) {
      throw new CryptoError(CryptoCode.DecodeBase64, 'ciphertext is not canonical base64');
    }
    const raw = Buffer.from(encrypt, 'base64');
    // 16 random + 4 length + at least one pad byte, in whole 32-byte blocks (WeCom pads to 32).
    if (raw.length < 32 || raw.length % 32 !== 0) {
      throw new CryptoError(CryptoCode.IllegalBuffer, 'ciphertext is not whole 32-byte blocks');
    }
    let parts: { message: string; id: string; random: Buffer };
    try {
      parts = libDecrypt(this.options.encodingAesKey, encrypt);
    } catch {
      throw new CryptoError(CryptoCode.DecryptAES, 'AES decryption failed');
    }
    // The library tolerates bad padding, a lying length field and broken UTF-8. Re-encrypting
    // what it returned with the same random must give back exactly the input: that one
    // comparison proves padding, length and encoding were all well-formed.
    let again: string;
    try {
      again = libEncrypt(this.options.encodingAesKey, parts.message, parts.id, parts.random);
    } catch {
      throw new CryptoError(CryptoCode.IllegalBuffer, 'plaintext could not be re-encoded');
    }
    const a = Buffer.from(again, 'utf8');
    const b = Buffer.from(encrypt, 'utf8');
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new CryptoError(CryptoCode.IllegalBuffer, 'padding, length field or encoding is malformed');
    }
    return { message: parts.message, receiveId: parts.id };
  }

  /** Encrypts `message` for `receiveId` (default ours) with a fresh (or given) 16-byte random. */
  encrypt(message: string, random: Buffer = randomBytes(16), receiveId = this.options.receiveId): string {
    return libEncrypt(this.options.encodingAesKey, message, receiveId, random);
  }
}

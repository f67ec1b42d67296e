/**
 * The bytes of files and images waiting to be sent (table `outbox_media`), so an outbox row holds
 * a small reference instead of megabytes of base64 JSON that every claim and retry would re-read.
 * `enqueueOutbound` moves a file/image reply's bytes here; the sender reads them back when it sends.
 * Content is stored once per sha256: the same form sent to several officials is one row.
 */
import { createHash } from 'node:crypto';
import { isMysql, type Tx } from './db.js';
import { em } from './orm.js';
import { selectIn } from './sql.js';

/** What an outbox row holds for a file or image: the name and where its bytes are. */
export interface StoredMediaReply {
  type: 'file' | 'image';
  fileName: string;
  /** `outbox_media.id` */
  mediaRef: number;
  bytes: number;
}

/** Stores `content` (once per content) and returns its id. */
export async function storeMedia(tx: Tx, content: Buffer, now: number): Promise<number> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const found = await findBySha(tx, sha256);
  if (found !== null) return found;
  // Two transactions storing the same bytes at once: the unique key keeps one, both use it.
  const ignore = isMysql(tx) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
  await em(tx).query(`${ignore} INTO outbox_media (sha256, bytes, content, created_at) VALUES (?, ?, ?, ?)`, [sha256, content.length, content, now]);
  const id = await findBySha(tx, sha256);
  if (id === null) throw new Error('outbox_media: stored content not found');
  return id;
}

async function findBySha(tx: Tx, sha256: string): Promise<number | null> {
  const rows: Array<{ id: number | string }> = await em(tx).query('SELECT id FROM outbox_media WHERE sha256 = ?', [sha256]);
  return rows[0] ? Number(rows[0].id) : null;
}

/** The stored bytes by id (ids not found are absent from the map). */
export async function readMedia(tx: Tx, ids: readonly number[]): Promise<Map<number, Buffer>> {
  const rows = await selectIn<{ id: number | string; content: Buffer | Uint8Array }>(tx, 'SELECT id, content FROM outbox_media', 'id', [...new Set(ids)]);
  return new Map(rows.map((r) => [Number(r.id), Buffer.from(r.content)]));
}

/** True for a payload that carries its bytes inline (a flows file/image `Reply`). */
export function carriesBytes(payload: unknown): payload is { type: 'file' | 'image'; fileName: string; contentBase64: string } {
  const p = payload as { type?: unknown; contentBase64?: unknown } | null;
  return (p?.type === 'file' || p?.type === 'image') && typeof p.contentBase64 === 'string';
}

/** True for a payload whose bytes are in `outbox_media`. */
export function isStoredMedia(payload: unknown): payload is StoredMediaReply {
  const p = payload as { type?: unknown; mediaRef?: unknown } | null;
  return (p?.type === 'file' || p?.type === 'image') && typeof p.mediaRef === 'number';
}

/**
 * The payloads as the renderer needs them: stored media get their bytes back (base64, in memory
 * only). Throws `MissingMediaError` when a referenced content is not there.
 */
export async function withMediaBytes(tx: Tx, payloads: readonly unknown[]): Promise<unknown[]> {
  const refs = payloads.filter(isStoredMedia).map((p) => p.mediaRef);
  if (refs.length === 0) return [...payloads];
  const bytes = await readMedia(tx, refs);
  return payloads.map((p) => {
    if (!isStoredMedia(p)) return p;
    const content = bytes.get(p.mediaRef);
    if (!content) throw new MissingMediaError(p.mediaRef);
    return { type: p.type, fileName: p.fileName, contentBase64: content.toString('base64') };
  });
}

/** A row refers to media content that is not stored: no retry can send it. */
export class MissingMediaError extends Error {
  constructor(readonly mediaRef: number) {
    super(`要发送的文件内容不存在（outbox_media ${mediaRef}）`);
    this.name = 'MissingMediaError';
  }
}

/**
 * Random access into a zip (an xlsx is one): its central directory, and any one part as a stream
 * of its unpacked bytes. Only what a spreadsheet needs — stored or deflated parts, no ZIP64.
 *
 * Reading a part through the central directory, not by walking the file front to back, lets the
 * xlsx reader take the parts in the order it needs them (workbook, shared strings, then the
 * sheet), whatever order the program that saved the file wrote them in.
 *
 * @example
 *   const fh = await open('roster.xlsx', 'r');
 *   const entries = await zipDirectory(fh);                 // throws ZipFormatError when broken
 *   const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
 *   for await (const chunk of await openZipEntry(fh, 'roster.xlsx', sheet)) …
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Unpacked size as declared (a file may lie; whoever unpacks counts). */
  size: number;
  localOffset: number;
}

/** `broken`: not a readable zip; `unsupported`: ZIP64 or another method, nothing a form needs. */
export class ZipFormatError extends Error {
  constructor(readonly kind: 'broken' | 'unsupported') {
    super(kind === 'broken' ? 'not a readable zip' : 'zip feature not supported');
    this.name = 'ZipFormatError';
  }
}

const MB = 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The parts listed in the central directory (found through the end-of-central-directory record), in the order written. */
export async function zipDirectory(fh: FileHandle): Promise<ZipEntry[]> {
  const { size } = await fh.stat();
  if (size < 22) throw new ZipFormatError('broken');
  const tailStart = Math.max(0, size - 65_557);
  const tail = await readAt(fh, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('broken');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipFormatError('unsupported');
  if (cdOffset + cdSize > size || cdSize > 16 * MB) throw new ZipFormatError('broken');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError('broken');
    const nameLen = cd.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipFormatError('unsupported');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError('broken');
    entries.push(entry);
    p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * The part's unpacked bytes as a stream (an empty part gives an empty stream). Destroying the
 * returned stream closes the file stream under it.
 */
export async function openZipEntry(fh: FileHandle, file: string, e: ZipEntry, chunkSize = 64 * 1024): Promise<Readable> {
  const local = await readAt(fh, e.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError('broken');
  const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (e.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(file, { start, end: start + e.compressedSize - 1, highWaterMark: chunkSize });
  if (e.method !== 8) return raw;
  const inflated = raw.pipe(createInflateRaw({ chunkSize }));
  inflated.once('close', () => raw.destroy());
  raw.once('error', (err) => inflated.destroy(err));
  return inflated;
}

/**
 * The xlsx guard: a normal workbook passes and is read; a broken zip, a zip bomb (one 400 MB
 * shared string in a few hundred KB), a part that lies about its size, too many rows — each is
 * refused with a Chinese sentence naming the problem, and memory stays flat while refusing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guardXlsx, XLSX_LIMITS } from '../../../src/bot/files/xlsx-guard.js';
import { readTable, TableReadError } from '../../../src/bot/import/table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'shouwang-xlsx-'));
const refuse = (m: string) => new TableReadError(m);

interface Part {
  name: string;
  /** Deflated bytes, the unpacked size and CRC as the directory should declare them. */
  data: Buffer;
  size: number;
  crc: number;
}

const part = (name: string, text: string): Part => {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

/** A zip of deflated parts (local headers, data, central directory, end record). */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const WORKBOOK = part('xl/workbook.xml', '<workbook><sheets><sheet name="名单" sheetId="1"/></sheets></workbook>');
const sheet = (rows: number) => part('xl/worksheets/sheet1.xml', `<worksheet><sheetData>${Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c t="s"><v>0</v></c></row>`).join('')}</sheetData></worksheet>`);

/** One shared string of `mb` MB of 'a', deflated in 1 MB steps (never held whole). */
async function bombString(mb: number): Promise<Part> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const head = Buffer.from('<sst count="1" uniqueCount="1"><si><t>');
  const tail = Buffer.from('</t></si></sst>');
  const mbOfA = Buffer.alloc(1024 * 1024, 0x61);
  let crc = crc32(head);
  deflate.write(head);
  for (let i = 0; i < mb; i++) {
    crc = crc32(mbOfA, crc);
    if (!deflate.write(mbOfA)) await new Promise((r) => deflate.once('drain', r));
  }
  crc = crc32(tail, crc);
  await new Promise<void>((r) => deflate.end(tail, () => r()));
  await new Promise((r) => setImmediate(r));
  return { name: 'xl/sharedStrings.xml', data: Buffer.concat(out), size: head.length + mb * 1024 * 1024 + tail.length, crc };
}

function file(name: string, content: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function refusal(path: string): Promise<string> {
  const e = await guardXlsx(path, refuse).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TableReadError);
  return (e as Error).message;
}

describe('xlsx guard', () => {
  it('lets a real workbook through, and it is read', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号']);
    ws.addRow(['张三', '99082119800101123X']);
    const path = file('ok.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    await guardXlsx(path, refuse);
    const rows = [];
    for await (const r of readTable(path)) rows.push(r.cells);
    expect(rows).toEqual([
      ['姓名', '身份证号'],
      ['张三', '99082119800101123X'],
    ]);
  });

  it('refuses a malformed or cut zip with “无法读取这个文件”, through the table reader too', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名单').addRow(['姓名']);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    for (const [name, bytes] of [
      ['junk.xlsx', Buffer.from('这不是压缩包，只是一段文字'.repeat(20))],
      ['cut.xlsx', good.subarray(0, Math.floor(good.length / 2))],
      ['nobook.xlsx', zip([part('word/document.xml', '<w/>')])],
    ] as const) {
      const path = file(name, bytes);
      expect(await refusal(path)).toMatch(/^无法读取这个文件：/);
      await expect(async () => {
        for await (const r of readTable(path)) void r;
      }).rejects.toThrow(/^无法读取这个文件：/);
    }
  });

  it('refuses one 400 MB shared string in a small file, without the memory going anywhere near it', async () => {
    const bomb = await bombString(400);
    const path = file('bomb.xlsx', zip([WORKBOOK, sheet(1), bomb]));
    expect(bomb.data.length).toBeLessThan(1024 * 1024);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const message = await refusal(path);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(message).toContain('超过上限');
    // The same bomb declaring a harmless size: only counting what inflates can catch it.
    const liar = file('bomb-liar.xlsx', zip([WORKBOOK, sheet(1), { ...bomb, size: 4096 }]));
    expect(await refusal(liar)).toContain('实际内容与声明的大小不符');
    clearInterval(sampler);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  it('refuses a part that unpacks to more than it declares, and a text longer than a cell can hold', async () => {
    const real = part('xl/sharedStrings.xml', `<sst><si><t>${'b'.repeat(300_000)}</t></si></sst>`);
    expect(await refusal(file('liar.xlsx', zip([WORKBOOK, { ...real, size: 1000 }])))).toContain('实际内容与声明的大小不符');
    expect(await refusal(file('long.xlsx', zip([WORKBOOK, real])))).toContain('一段文字超过');
  });

  it('refuses a worksheet with more rows than allowed', async () => {
    const path = file('rows.xlsx', zip([WORKBOOK, sheet(120)]));
    await guardXlsx(path, refuse);
    const e = await guardXlsx(path, refuse, { ...XLSX_LIMITS, maxRows: 100 }).catch((x: unknown) => x);
    expect((e as Error).message).toBe('无法读取这个文件：工作表超过 100 行，请分成几个文件。');
  });
});
